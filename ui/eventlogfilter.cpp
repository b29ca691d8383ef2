// The event log's filter (eventlogfilter.h).
#include "eventlogfilter.h"

#include "eventlogmodel.h"

namespace dsl::ui {

EventLogFilter::EventLogFilter(QObject *parent) : QSortFilterProxyModel(parent) {}

void EventLogFilter::setMinimumLevel(int level)
{
    if (m_level == level) return;
    m_level = level;
    invalidateRowsFilter();
}

void EventLogFilter::setText(const QString &text)
{
    if (m_text == text) return;
    m_text = text;
    invalidateRowsFilter();
}

void EventLogFilter::setBatch(std::optional<qint64> batchMs)
{
    if (m_batch == batchMs) return;
    m_batch = batchMs;
    invalidateRowsFilter();
}

bool EventLogFilter::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *m = sourceModel();
    const QModelIndex first = m->index(sourceRow, 0, sourceParent);
    if (m->data(first, EventLogModel::LevelRole).toInt() < m_level) return false;
    if (m_batch) {
        const QVariant b = m->data(first, EventLogModel::BatchRole);
        if (!b.isValid() || b.toLongLong() != *m_batch) return false;
    }
    if (m_text.isEmpty()) return true;
    for (int c : {EventLogModel::Source, EventLogModel::Message})
        if (m->data(m->index(sourceRow, c, sourceParent)).toString().contains(m_text, Qt::CaseInsensitive)) return true;
    return false;
}

} // namespace dsl::ui
