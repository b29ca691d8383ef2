// TaskTimelineLayout: where a batch's tasks ran, as bars on the executor's cores over time
// (the task timeline of the batch detail), and which stage held the batch up: a pure value,
// computed from a BatchSnapshot and tested without a widget (docs/conventions.md §11).
#pragma once

#include <QRectF>
#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace dsl {
struct ReceiverInfo;
}
namespace dsl::session {
struct BatchSnapshot;
}

namespace dsl::ui {

/// One stage's load in the batch: what the bottleneck and the skew flags are read from.
struct StageLoad {
    int jobId = 0;
    int stageId = 0;
    std::string name;        ///< "reduceByKey at wordcount.py:24"
    int tasks = 0;           ///< attempts that ran (failed ones included)
    int failedTasks = 0;
    qint64 busyMs = 0;       ///< the sum of its tasks' durations: core time it took
    qint64 spanMs = 0;       ///< first launch to last finish
    qint64 maxTaskMs = 0;
    qint64 medianTaskMs = 0;
    int maxPartition = -1;   ///< the partition of its longest task
    /// Its longest task took at least kSkewFactor times its median task and kSkewMinMs more
    /// (stages of at least two tasks).
    bool skewed = false;
};

class TaskTimelineLayout {
public:
    static constexpr double kSkewFactor = 2.0;
    static constexpr qint64 kSkewMinMs = 5;

    struct Bar {
        QRectF rect;
        int jobId = 0, stageId = 0, stageIndex = 0, taskId = 0, partition = 0, attempt = 0, core = 0;
        qint64 launchMs = 0, finishMs = 0;
        qint64 recordsRead = 0;
        bool failed = false;
    };
    struct Lane {
        int core = 0;
        QRectF rect;
        std::optional<int> receiverStream; ///< a receiver holds this core for the whole batch
        /// The executor whose core it is, on a local-cluster master (from its tasks); empty in
        /// local mode, whose one executor is the driver.
        QString executor;
    };

    /// Lays out the batch's tasks in `area`: one lane per core (`cores`, at least the highest
    /// core a task used + 1), x from the batch's processing start to its end (or its tasks' span).
    static TaskTimelineLayout make(const session::BatchSnapshot &batch, int cores,
                                   const std::vector<ReceiverInfo> &receivers, const QRectF &area);

    const std::vector<Bar> &bars() const { return m_bars; }
    const std::vector<Lane> &lanes() const { return m_lanes; }
    const std::vector<StageLoad> &stages() const { return m_stages; }
    /// The stage that took the most core time (ties: the earlier one); nullopt without tasks.
    std::optional<StageLoad> bottleneck() const;
    qint64 startMs() const { return m_start; }
    qint64 endMs() const { return m_end; }
    double xOf(qint64 ms) const;
    /// The bar under a point, if any.
    const Bar *barAt(const QPointF &p) const;
    /// Cores that ran no task in the batch while it processed (starved or idle), receiver cores
    /// excluded.
    int idleCores() const;

private:
    std::vector<Bar> m_bars;
    std::vector<Lane> m_lanes;
    std::vector<StageLoad> m_stages;
    qint64 m_start = 0, m_end = 0;
    QRectF m_area;
};

} // namespace dsl::ui
