// BatchTableModel: Spark's batch tables over the snapshot's history, refreshed in place.
#include "batchtablemodel.h"

#include "sessiontypes.h"
#include "statisticstext.h"

#include <QFont>

#include <algorithm>

namespace dsl::ui {

namespace {
const OutputOperationInfo *firstFailure(const BatchInfo &info)
{
    // StreamingPagedTable.getFirstFailureTableCell: the first output operation with a reason.
    for (const auto &[id, op] : info.outputOperationInfos)
        if (op.failureReason) return &op;
    return nullptr;
}
} // namespace

BatchTableModel::BatchTableModel(Kind kind, QObject *parent) : QAbstractTableModel(parent), m_kind(kind)
{
    if (kind == Kind::Completed) m_columns = {BatchTime, Records, SchedulingDelay, ProcessingTime, TotalDelay, OutputOps, Error};
    else m_columns = {BatchTime, Records, SchedulingDelay, ProcessingTime, OutputOps, Status, Error};
}

int BatchTableModel::columnOf(Column c) const
{
    const auto it = std::find(m_columns.begin(), m_columns.end(), c);
    return it == m_columns.end() ? -1 : static_cast<int>(it - m_columns.begin());
}

bool BatchTableModel::belongs(Kind kind, const BatchSnapshot &b)
{
    const BatchInfo &i = b.info;
    switch (kind) {
    case Kind::Waiting: return !i.processingStartTime && !i.processingEndTime;
    case Kind::Running: return i.processingStartTime && !i.processingEndTime;
    case Kind::Completed: return i.processingEndTime.has_value();
    }
    return false;
}

void BatchTableModel::setSnapshot(const RunSnapshot &s)
{
    std::vector<Row> rows;
    for (auto it = s.batches.rbegin(); it != s.batches.rend(); ++it)
        if (it->second && belongs(m_kind, *it->second)) rows.push_back({it->first.ms(), it->second});
    const qint64 interval = s.batchInterval.ms();
    if (!m_hasRun || s.runId != m_runId) {
        beginResetModel();
        m_rows = std::move(rows);
        m_runId = s.runId;
        m_hasRun = true;
        m_intervalMs = interval;
        endResetModel();
        return;
    }
    // Both lists are newest first. Rows that left (completed, or dropped from the history) go in
    // runs from the bottom up, so the indices above stay valid; then the new rows come in, in runs.
    const auto in = [](const std::vector<Row> &v, qint64 ms) {
        return std::binary_search(v.begin(), v.end(), Row{ms, nullptr}, [](const Row &a, const Row &b) { return a.ms > b.ms; });
    };
    for (int i = static_cast<int>(m_rows.size()) - 1; i >= 0;) {
        if (in(rows, m_rows[static_cast<std::size_t>(i)].ms)) {
            --i;
            continue;
        }
        int first = i;
        while (first > 0 && !in(rows, m_rows[static_cast<std::size_t>(first - 1)].ms)) --first;
        beginRemoveRows({}, first, i);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + i + 1);
        endRemoveRows();
        i = first - 1;
    }
    for (std::size_t i = 0; i < rows.size();) {
        if (i < m_rows.size() && m_rows[i].ms == rows[i].ms) {
            ++i;
            continue;
        }
        std::size_t last = i;
        while (last + 1 < rows.size() && !in(m_rows, rows[last + 1].ms)) ++last;
        beginInsertRows({}, static_cast<int>(i), static_cast<int>(last));
        m_rows.insert(m_rows.begin() + static_cast<std::ptrdiff_t>(i), rows.begin() + static_cast<std::ptrdiff_t>(i),
                      rows.begin() + static_cast<std::ptrdiff_t>(last + 1));
        endInsertRows();
        i = last + 1;
    }
    // Cells change where the snapshot holds a new value of the batch (unchanged ones are shared).
    const bool all = interval != m_intervalMs;
    m_intervalMs = interval;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (!all && m_rows[i].batch == rows[i].batch) continue;
        m_rows[i].batch = rows[i].batch;
        emit dataChanged(index(static_cast<int>(i), 0), index(static_cast<int>(i), columnCount() - 1));
    }
}

void BatchTableModel::setSelectedBatch(std::optional<qint64> batchMs)
{
    if (batchMs == m_selected) return;
    const auto before = m_selected ? rowOf(*m_selected) : std::nullopt;
    m_selected = batchMs;
    const auto after = m_selected ? rowOf(*m_selected) : std::nullopt;
    for (const auto &r : {before, after})
        if (r) emit dataChanged(index(*r, 0), index(*r, columnCount() - 1));
}

void BatchTableModel::setColors(const QColor &highlight, const QColor &error)
{
    m_highlight = highlight;
    m_error = error;
    if (!m_rows.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void BatchTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
    if (!m_rows.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

std::optional<int> BatchTableModel::rowOf(qint64 batchMs) const
{
    const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), batchMs, [](const Row &r, qint64 ms) { return r.ms > ms; });
    if (it == m_rows.end() || it->ms != batchMs) return std::nullopt;
    return static_cast<int>(it - m_rows.begin());
}

int BatchTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int BatchTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_columns.size());
}

QVariant BatchTableModel::display(const Row &r, Column c) const
{
    const BatchInfo &info = r.batch->info;
    const auto dur = [](std::optional<Duration> d) { return d ? StatisticsText::duration(d->ms()) : QStringLiteral("-"); };
    switch (c) {
    case BatchTime: return StatisticsText::batchTime(r.ms, m_intervalMs);
    case Records: return tr("%1 records").arg(info.numRecords());
    case SchedulingDelay: return dur(info.schedulingDelay());
    case ProcessingTime: return dur(info.processingDelay());
    case TotalDelay: return dur(info.totalDelay());
    case OutputOps: {
        // BatchUIData: succeeded = ended without a reason; failed = with one; running = not ended.
        int ok = 0, failed = 0, running = 0;
        for (const auto &[id, op] : info.outputOperationInfos) {
            if (op.failureReason) ++failed;
            else if (op.endTime) ++ok;
            else ++running;
        }
        // A waiting batch's operations have not started: Spark's bar counts them as not running.
        if (m_kind == Kind::Waiting) running = 0;
        return StatisticsText::outputOps(ok, failed, running, static_cast<int>(info.outputOperationInfos.size()));
    }
    case Status: return m_kind == Kind::Waiting ? tr("queued") : tr("processing");
    case Error: {
        const OutputOperationInfo *op = firstFailure(info);
        return op ? StatisticsText::failureSummary(QString::fromStdString(*op->failureReason)) : QStringLiteral("-");
    }
    }
    return {};
}

QVariant BatchTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    const Column c = m_columns[static_cast<std::size_t>(index.column())];
    const bool selected = m_selected && *m_selected == r.ms;
    const OutputOperationInfo *failure = firstFailure(r.batch->info);
    switch (role) {
    case Qt::DisplayRole: return display(r, c);
    case Qt::ToolTipRole:
        if (c == Error && failure) return StatisticsText::failureDetails(QString::fromStdString(*failure->failureReason));
        if (c == BatchTime) return StatisticsText::batchTime(r.ms, m_intervalMs, /*withDate=*/true);
        return {};
    case Qt::TextAlignmentRole:
        if (c == Records || c == SchedulingDelay || c == ProcessingTime || c == TotalDelay)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return QVariant::fromValue(Qt::Alignment(Qt::AlignLeft | Qt::AlignVCenter));
    case Qt::BackgroundRole:
        if (selected) return m_highlight;
        return {};
    case Qt::ForegroundRole:
        if (failure && (c == Error || c == BatchTime || c == OutputOps)) return m_error;
        return {};
    case Qt::FontRole:
        if (selected) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case BatchTimeRole: return r.ms;
    case SelectedRole: return selected;
    case FailedRole: return failure != nullptr;
    default: return {};
    }
}

QVariant BatchTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount()) return {};
    const Column c = m_columns[static_cast<std::size_t>(section)];
    if (role == Qt::DisplayRole) {
        switch (c) {
        case BatchTime: return tr("Batch Time");
        case Records: return tr("Records");
        case SchedulingDelay: return tr("Scheduling Delay");
        case ProcessingTime: return tr("Processing Time");
        case TotalDelay: return tr("Total Delay");
        case OutputOps: return tr("Output Ops: Succeeded/Total");
        case Status: return tr("Status");
        case Error: return tr("Error");
        }
    }
    if (role == Qt::ToolTipRole) {
        // Spark's header tooltips.
        switch (c) {
        case SchedulingDelay: return tr("Time taken by Streaming scheduler to submit jobs of a batch");
        case ProcessingTime: return tr("Time taken to process all jobs of a batch");
        case TotalDelay: return tr("Total time taken to handle a batch");
        default: return {};
        }
    }
    return {};
}

} // namespace dsl::ui
