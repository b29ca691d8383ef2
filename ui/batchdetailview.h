// BatchDetailView: one batch as Spark's batch page shows it (streaming/ui/BatchPage.scala): the
// summary, the input metadata (blocks per receiver, files, Kafka offset ranges), the output
// operations with their jobs, stages and tasks; plus the task timeline on the cores with the
// batch's bottleneck stage and any skewed stage named.
#pragma once

#include "snapshotfwd.h"

#include <QWidget>

#include <optional>

class QLabel;
class QTableView;

namespace dsl::ui {

class OutputOpsModel;
class SimulationController;
class TaskTimelineLayout;
class TaskTimelineView;

class BatchDetailView : public QWidget {
    Q_OBJECT
public:
    explicit BatchDetailView(SimulationController *controller, QWidget *parent = nullptr);

    OutputOpsModel *model() const { return m_model; }
    TaskTimelineView *timeline() const { return m_timeline; }
    QTableView *table() const { return m_table; }
    std::optional<qint64> shownBatch() const { return m_batch; }
    /// The summary as text: "Batch Duration: 1 s", "Input data size: 3 records", ...
    QString summaryText() const;
    /// The input metadata lines (one per block, file or offset range).
    QString inputText() const;
    /// "Bottleneck: stage 3 (reduceByKey at wc.py:5), 40 ms of core time" and the skew notes.
    QString findingsText() const;

    /// Spark's input metadata lines for a batch: each receiver stream's blocks, each file, each
    /// Kafka offset range.
    static QString inputMetadataText(const RunSnapshot &s, const BatchSnapshot &b);
    /// With the run and the batch, a skewed stage also names its hottest key (session::hottestKey).
    /// The injected faults of the batch's interval (RunSnapshot::faults): what each lost, what
    /// ran again, when the part was back (docs/faults.md). One line each.
    static QStringList faultsOf(const RunSnapshot &run, const BatchSnapshot &batch);
    /// After a driver restart: the recovery time on the batch the new driver caught up with,
    /// and the records of this batch lost or processed twice (engine/recoveryaudit.h).
    static QStringList recoveryOf(const RunSnapshot &run, const BatchSnapshot &batch);
    static QString findingsOf(const TaskTimelineLayout &layout, const RunSnapshot *run = nullptr,
                              const BatchSnapshot *batch = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void applyTheme();
    void retranslateUi();

    SimulationController *m_controller;
    OutputOpsModel *m_model;
    QLabel *m_title, *m_summary, *m_input, *m_findings, *m_opsTitle, *m_tasksTitle;
    QTableView *m_table;
    TaskTimelineView *m_timeline;
    std::optional<qint64> m_batch;
    const BatchSnapshot *m_shown = nullptr; ///< the batch value shown (kept alive by the model)
};

} // namespace dsl::ui
