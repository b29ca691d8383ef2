// Where a batch's tasks ran (tasktimelinelayout.h).
#include "tasktimelinelayout.h"

#include "app/session/runsnapshot.h"

#include <algorithm>

namespace dsl::ui {

TaskTimelineLayout TaskTimelineLayout::make(const session::BatchSnapshot &batch, int cores,
                                            const std::vector<ReceiverInfo> &receivers, const QRectF &area)
{
    TaskTimelineLayout l;
    l.m_area = area;
    const std::vector<JobInfo> none;
    const std::vector<JobInfo> &jobs = batch.jobs ? *batch.jobs : none;
    qint64 first = 0, last = 0;
    bool any = false;
    int usedCores = 0;
    for (const JobInfo &j : jobs)
        for (const TaskInfo &t : j.tasks) {
            first = any ? std::min<qint64>(first, t.launchTime.ms()) : t.launchTime.ms();
            last = any ? std::max<qint64>(last, t.finishTime.ms()) : t.finishTime.ms();
            any = true;
            usedCores = std::max(usedCores, t.core + 1);
        }
    l.m_start = batch.info.processingStartTime ? batch.info.processingStartTime->ms() : first;
    l.m_end = batch.info.processingEndTime ? batch.info.processingEndTime->ms() : last;
    if (any) {
        l.m_start = std::min<qint64>(l.m_start, first);
        l.m_end = std::max<qint64>(l.m_end, last);
    }
    if (l.m_end <= l.m_start) l.m_end = l.m_start + 1;

    const int laneCount = std::max({cores, usedCores, 1});
    const double laneH = area.height() / laneCount;
    for (int c = 0; c < laneCount; ++c) {
        Lane lane;
        lane.core = c;
        lane.rect = QRectF(area.left(), area.top() + c * laneH, area.width(), laneH);
        for (const ReceiverInfo &r : receivers)
            if (r.core == c && r.active && r.startTime && r.startTime->ms() <= l.m_start) lane.receiverStream = r.streamId;
        l.m_lanes.push_back(lane);
    }

    int stageIndex = 0;
    for (const JobInfo &j : jobs) {
        for (const StageInfo &s : j.stages) {
            if (s.skipped) continue;
            StageLoad load;
            load.jobId = j.jobId;
            load.stageId = s.stageId;
            load.name = s.name;
            std::vector<qint64> durations;
            qint64 sFirst = 0, sLast = 0;
            for (const TaskInfo &t : j.tasks) {
                if (t.stageId != s.stageId) continue;
                const qint64 d = (t.finishTime - t.launchTime).ms();
                durations.push_back(d);
                sFirst = load.tasks ? std::min<qint64>(sFirst, t.launchTime.ms()) : t.launchTime.ms();
                sLast = load.tasks ? std::max<qint64>(sLast, t.finishTime.ms()) : t.finishTime.ms();
                ++load.tasks;
                load.failedTasks += t.failed ? 1 : 0;
                load.busyMs += d;
                if (d > load.maxTaskMs || load.maxPartition < 0) {
                    load.maxTaskMs = d;
                    load.maxPartition = t.partition;
                }
                Bar b;
                b.jobId = j.jobId;
                b.stageId = s.stageId;
                b.stageIndex = stageIndex;
                b.taskId = t.taskId;
                b.partition = t.partition;
                b.attempt = t.attempt;
                b.core = t.core;
                b.launchMs = t.launchTime.ms();
                b.finishMs = t.finishTime.ms();
                b.recordsRead = t.recordsRead;
                b.failed = t.failed;
                Lane &taskLane = l.m_lanes[static_cast<std::size_t>(std::clamp(t.core, 0, laneCount - 1))];
                // A lane's executor as its last task names it (a lost executor's core gets a new one).
                if (t.executor != "driver") taskLane.executor = QString::fromStdString(t.executor);
                const QRectF &lane = taskLane.rect;
                const double x0 = l.xOf(b.launchMs), x1 = std::max(l.xOf(b.finishMs), x0 + 2.0);
                const double pad = std::min(3.0, laneH * 0.12);
                b.rect = QRectF(x0, lane.top() + pad, x1 - x0, lane.height() - 2 * pad);
                l.m_bars.push_back(b);
            }
            if (load.tasks == 0) continue;
            load.spanMs = sLast - sFirst;
            std::sort(durations.begin(), durations.end());
            // The median of an even count: the lower middle (what a "typical" task took).
            load.medianTaskMs = durations[(durations.size() - 1) / 2];
            load.skewed = load.tasks >= 2 && load.maxTaskMs >= kSkewFactor * static_cast<double>(load.medianTaskMs) &&
                          load.maxTaskMs - load.medianTaskMs >= kSkewMinMs;
            l.m_stages.push_back(load);
            ++stageIndex;
        }
    }
    return l;
}

double TaskTimelineLayout::xOf(qint64 ms) const
{
    const double f = static_cast<double>(ms - m_start) / static_cast<double>(m_end - m_start);
    return m_area.left() + std::clamp(f, 0.0, 1.0) * m_area.width();
}

std::optional<StageLoad> TaskTimelineLayout::bottleneck() const
{
    const StageLoad *best = nullptr;
    for (const StageLoad &s : m_stages)
        if (!best || s.busyMs > best->busyMs) best = &s;
    return best ? std::optional<StageLoad>(*best) : std::nullopt;
}

const TaskTimelineLayout::Bar *TaskTimelineLayout::barAt(const QPointF &p) const
{
    for (const Bar &b : m_bars)
        if (b.rect.contains(p)) return &b;
    return nullptr;
}

int TaskTimelineLayout::idleCores() const
{
    int idle = 0;
    for (const Lane &lane : m_lanes) {
        if (lane.receiverStream) continue;
        const bool used = std::any_of(m_bars.begin(), m_bars.end(), [&](const Bar &b) { return b.core == lane.core; });
        idle += used ? 0 : 1;
    }
    return idle;
}

} // namespace dsl::ui
