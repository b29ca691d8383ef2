// WordCountModel: key counts of a batch, updated with minimal model signals.
#include "wordcountmodel.h"

#include "sessiontypes.h"

#include <cmath>

namespace dsl::ui {

void WordCountModel::setSnapshot(const RunSnapshotPtr &s, std::optional<qint64> batchTimeMs, View view)
{
    std::vector<Row> rows;
    const BatchSnapshot *b = nullptr;
    if (s) b = batchTimeMs ? s->batch(SimTime(*batchTimeMs)) : s->latestCompletedBatch();
    m_batch = b ? std::optional<qint64>(b->info.batchTime.ms()) : std::nullopt;
    // The totals: this batch's, or (a window between slides) the latest completed one before it.
    const BatchSnapshot *t = nullptr;
    if (b && s) {
        for (auto it = s->batches.upper_bound(b->info.batchTime); it != s->batches.begin();) {
            --it;
            if (it->second->totalStreamId >= 0 && it->second->info.isCompleted()) {
                t = it->second.get();
                break;
            }
        }
    }
    m_hasTotals = t != nullptr;
    m_totalsBatch = t ? std::optional<qint64>(t->info.batchTime.ms()) : std::nullopt;
    const bool totals = view == View::Totals && t;
    m_streamId = totals ? t->totalStreamId : b ? b->resultStreamId : -1;
    if (b)
        for (const auto &kc : totals ? t->totalKeyCounts : b->keyCounts) rows.push_back(Row{QString::fromStdString(kc.key), kc.count});
    // An empty batch (nothing typed in its interval): the last one with counts, a click away.
    m_lastWithCounts.reset();
    if (b && s && rows.empty() && !totals)
        for (auto it = s->batches.find(b->info.batchTime); it != s->batches.begin();) {
            --it;
            if (it->second->info.isCompleted() && !it->second->keyCounts.empty()) {
                m_lastWithCounts = it->second->info.batchTime.ms();
                break;
            }
        }
    setRows(std::move(rows));
}

void WordCountModel::setRows(std::vector<Row> rows)
{
    if (rows == m_rows) return;
    if (rows.size() == m_rows.size()) {
        m_rows = std::move(rows);
        if (!m_rows.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int WordCountModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int WordCountModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WordCountModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        if (index.column() == WordColumn) return r.word;
        if (r.count == std::floor(r.count) && std::abs(r.count) < 1e15) return QString::number(static_cast<qint64>(r.count));
        return QString::number(r.count);
    }
    if (role == Qt::UserRole) return index.column() == WordColumn ? QVariant(r.word) : QVariant(r.count);
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(index.column() == CountColumn ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    return {};
}

QVariant WordCountModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == WordColumn ? tr("Word") : tr("Count");
}

} // namespace dsl::ui
