// OutputOpsModel: the output operations of one batch and the Spark jobs each ran, as the table of
// Spark's batch page (streaming/ui/BatchPage.scala): one row per job, the operation's columns on
// its first job's row.
#pragma once

#include "snapshotfwd.h"

#include <QAbstractTableModel>

#include <optional>
#include <vector>

namespace dsl {
struct JobInfo;
struct OutputOperationInfo;
} // namespace dsl

namespace dsl::ui {

class OutputOpsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { OpId, Description, OpDuration, Status, JobId, JobDuration, Stages, Tasks, Error, ColumnCount };
    static constexpr int FailedRole = Qt::UserRole + 1; ///< the row's operation or job failed
    static constexpr int LineRole = Qt::UserRole + 2;   ///< the program line of the operation, 0 if unknown

    explicit OutputOpsModel(QObject *parent = nullptr);
    /// The batch's operations (null: none). Keeps `s` alive while shown.
    void setBatch(RunSnapshotPtr s, const BatchSnapshot *batch);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        int opId = 0;
        bool firstOfOp = true;
        const OutputOperationInfo *op = nullptr;
        const JobInfo *job = nullptr; ///< null: the operation ran no job (yet)
    };
    QVariant display(const Row &r, int column) const;

    RunSnapshotPtr m_snapshot;
    const BatchSnapshot *m_batch = nullptr;
    std::vector<Row> m_rows;
};

} // namespace dsl::ui
