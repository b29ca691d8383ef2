// A batch's output operations and their jobs (outputopsmodel.h).
#include "outputopsmodel.h"

#include "app/session/runsnapshot.h"
#include "statisticstext.h"
#include "timetext.h"

namespace dsl::ui {

OutputOpsModel::OutputOpsModel(QObject *parent) : QAbstractTableModel(parent) {}

void OutputOpsModel::setBatch(RunSnapshotPtr s, const BatchSnapshot *batch)
{
    std::vector<Row> rows;
    if (batch) {
        for (const auto &[id, op] : batch->info.outputOperationInfos) {
            bool first = true;
            if (batch->jobs)
                for (const JobInfo &j : *batch->jobs)
                    if (j.outputOpId == id) {
                        rows.push_back({id, first, &op, &j});
                        first = false;
                    }
            if (first) rows.push_back({id, true, &op, nullptr});
        }
    }
    beginResetModel();
    m_snapshot = std::move(s);
    m_batch = batch;
    m_rows = std::move(rows);
    endResetModel();
}

int OutputOpsModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : static_cast<int>(m_rows.size()); }

int OutputOpsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant OutputOpsModel::display(const Row &r, int column) const
{
    const OutputOperationInfo &op = *r.op;
    const JobInfo *j = r.job;
    switch (column) {
    case OpId: return r.firstOfOp ? QVariant(r.opId) : QVariant();
    case Description: return r.firstOfOp ? QString::fromStdString(op.name.empty() ? op.description : op.name) : QString();
    case OpDuration:
        if (!r.firstOfOp) return {};
        return op.duration() ? StatisticsText::duration(op.duration()->ms()) : QStringLiteral("-");
    case Status:
        if (!r.firstOfOp) return {};
        if (op.failureReason) return tr("Failed");
        return op.endTime ? tr("Succeeded") : op.startTime ? tr("Running") : tr("Queued");
    case JobId: return j ? QVariant(j->jobId) : QVariant(QStringLiteral("-"));
    case JobDuration:
        if (!j || !j->submissionTime || !j->completionTime) return QStringLiteral("-");
        return StatisticsText::duration((*j->completionTime - *j->submissionTime).ms());
    case Stages: {
        if (!j) return QStringLiteral("-");
        int done = 0, total = 0, skipped = 0;
        for (const StageInfo &s : j->stages) {
            if (s.skipped) {
                ++skipped;
                continue;
            }
            ++total;
            done += !s.failureReason && s.completionTime ? 1 : 0;
        }
        // BatchPage: "succeeded/total" with "(N skipped)" as Spark's jobs table prints it.
        QString t = QStringLiteral("%1/%2").arg(done).arg(total);
        if (skipped > 0) t += QLatin1Char(' ') + tr("(%n skipped)", nullptr, skipped);
        return t;
    }
    case Tasks: {
        if (!j) return QStringLiteral("-");
        int done = 0, total = 0, failed = 0;
        for (const StageInfo &s : j->stages)
            if (!s.skipped) total += s.numTasks;
        for (const TaskInfo &t : j->tasks) {
            done += t.failed ? 0 : 1;
            failed += t.failed ? 1 : 0;
        }
        QString t = QStringLiteral("%1/%2").arg(done).arg(total);
        if (failed > 0) t += QLatin1Char(' ') + tr("(%n failed)", nullptr, failed);
        return t;
    }
    case Error: {
        if (!r.firstOfOp || !op.failureReason) return {};
        const QString e = QString::fromStdString(*op.failureReason);
        return e.section(QLatin1Char('\n'), 0, 0);
    }
    }
    return {};
}

QVariant OutputOpsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= static_cast<int>(m_rows.size())) return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: return display(r, index.column());
    case Qt::ToolTipRole:
        if (index.column() == Error && r.op->failureReason) return QString::fromStdString(*r.op->failureReason);
        if (index.column() == Description) return QString::fromStdString(r.op->description);
        return {};
    case FailedRole: return bool(r.op->failureReason) || (r.job && !r.job->succeeded && r.job->completionTime);
    case LineRole: return session::lineOfSite(r.op->name.empty() ? r.op->description : r.op->name);
    }
    return {};
}

QVariant OutputOpsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case OpId: return tr("Output Op Id");
    case Description: return tr("Description");
    case OpDuration: return tr("Output Op Duration");
    case Status: return tr("Status");
    case JobId: return tr("Job Id");
    case JobDuration: return tr("Job Duration");
    case Stages: return tr("Stages: Succeeded/Total");
    case Tasks: return tr("Tasks (for all stages): Succeeded/Total");
    case Error: return tr("Error");
    }
    return {};
}

} // namespace dsl::ui
