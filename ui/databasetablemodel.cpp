// DatabaseTableModel: rows of a DbTableSnapshot, diffed against the batch before.
#include "databasetablemodel.h"

#include "sessiontypes.h"
#include "timetext.h"

#include <QColor>

#include <unordered_map>

namespace dsl::ui {

namespace {
const DbTableSnapshot *findTable(const DatabaseSnapshotPtr &db, const std::string &name)
{
    return db ? db->table(name) : nullptr;
}
} // namespace

void DatabaseTableModel::setTable(const DatabaseSnapshotPtr &db, const DatabaseSnapshotPtr &previous, const QString &name,
                                  std::optional<qint64> batchTimeMs)
{
    const std::string key = name.toStdString();
    const DbTableSnapshot *table = findTable(db, key);
    std::vector<QString> columns;
    std::vector<Row> rows;
    if (table) {
        for (const auto &c : table->columns) columns.push_back(QString::fromStdString(c));
        std::unordered_map<std::int64_t, const DbRow *> before;
        const DbTableSnapshot *old = findTable(previous, key);
        if (old)
            for (const auto &r : old->rows) before.emplace(r->rowid, r.get());
        for (const auto &r : table->rows) {
            Row row{r, RowState::Unchanged};
            if (previous) {
                auto it = before.find(r->rowid);
                if (it == before.end()) row.state = RowState::New;
                else if (it->second->cells != r->cells) row.state = RowState::Changed;
            } else if (r->writer && r->writer->batchTimeMs && batchTimeMs && *r->writer->batchTimeMs == *batchTimeMs) {
                row.state = RowState::New; // the first batch: what its tasks wrote
            }
            rows.push_back(std::move(row));
        }
    }
    // The same table with the same columns, whose old rows are still its first rows: update in
    // place and append, so that a view keeps where it was scrolled to.
    bool inPlace = name == m_name && columns == m_columns && rows.size() >= m_rows.size();
    for (std::size_t i = 0; inPlace && i < m_rows.size(); ++i) inPlace = m_rows[i].row->rowid == rows[i].row->rowid;
    m_db = db;
    m_name = name;
    if (!inPlace) {
        beginResetModel();
        m_columns = std::move(columns);
        m_rows = std::move(rows);
        endResetModel();
        return;
    }
    const int had = static_cast<int>(m_rows.size());
    const int now = static_cast<int>(rows.size());
    if (now > had) beginInsertRows({}, had, now - 1);
    m_rows = std::move(rows);
    if (now > had) endInsertRows();
    if (had > 0) emit dataChanged(index(0, 0), index(had - 1, columnCount() - 1));
}

int DatabaseTableModel::newRows() const
{
    int n = 0;
    for (const auto &r : m_rows) n += r.state == RowState::New;
    return n;
}

int DatabaseTableModel::changedRows() const
{
    int n = 0;
    for (const auto &r : m_rows) n += r.state == RowState::Changed;
    return n;
}

int DatabaseTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int DatabaseTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || m_columns.empty() ? 0 : static_cast<int>(m_columns.size()) + 3;
}

QString DatabaseTableModel::writerText(const Row &r, int column) const
{
    const auto &w = r.row->writer;
    if (!w) return column == 0 ? tr("before this run") : QString();
    if (!w->batchTimeMs) return column == 0 ? tr("driver") : QString();
    switch (column) {
    case 0: return clockText(*w->batchTimeMs);
    case 1: return w->partition < 0 ? QStringLiteral("–") : QString::number(w->partition); // a server's row
    default:
        if (w->taskId < 0) return QStringLiteral("–");
        return w->attempt > 0 ? tr("%1 (attempt %2)").arg(w->taskId).arg(w->attempt) : QString::number(w->taskId);
    }
}

QVariant DatabaseTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount()) return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    const int own = tableColumns();
    const bool writer = index.column() >= own;
    switch (role) {
    case Qt::DisplayRole:
        if (writer) return writerText(r, index.column() - own);
        return QString::fromStdString(r.row->cells[static_cast<std::size_t>(index.column())]);
    case SortRole: {
        if (writer) {
            const auto &w = r.row->writer;
            if (!w || !w->batchTimeMs) return qint64(-1);
            const int c = index.column() - own;
            return c == 0 ? *w->batchTimeMs : c == 1 ? qint64(w->partition) : qint64(w->taskId);
        }
        const QString text = QString::fromStdString(r.row->cells[static_cast<std::size_t>(index.column())]);
        bool number = false;
        const double v = text.toDouble(&number);
        return number ? QVariant(v) : QVariant(text);
    }
    case RowStateRole: return static_cast<int>(r.state);
    case RowIdRole: return QVariant::fromValue<qint64>(r.row->rowid);
    case Qt::BackgroundRole:
        // Translucent, so that they read on the light and the dark theme alike.
        if (r.state == RowState::New) return QColor(76, 175, 80, 80);
        if (r.state == RowState::Changed) return QColor(255, 179, 0, 90);
        return {};
    case Qt::ToolTipRole:
        if (r.state == RowState::New) return tr("New in this batch");
        if (r.state == RowState::Changed) return tr("Changed in this batch");
        return {};
    case Qt::TextAlignmentRole:
        if (writer) return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: return {};
    }
}

QVariant DatabaseTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount()) return {};
    const int own = tableColumns();
    if (role == Qt::DisplayRole) {
        if (section < own) return m_columns[static_cast<std::size_t>(section)];
        switch (section - own) {
        case 0: return tr("Batch");
        case 1: return tr("Partition");
        default: return tr("Task");
        }
    }
    if (role == Qt::ToolTipRole && section >= own) return tr("The task that last wrote the row (its transaction committed)");
    return {};
}

} // namespace dsl::ui
