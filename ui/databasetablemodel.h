// DatabaseTableModel: one table of the program's database as it was after a batch, with the task
// that wrote each row and the rows the batch added or changed.
#pragma once

#include "snapshotfwd.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <vector>

namespace dsl::ui {

/// The table's columns, then Batch, Partition and Task (who last wrote the row). Rows in rowid
/// order; sort through a QSortFilterProxyModel on SortRole (numbers as numbers). A refresh of the
/// same table updates rows in place and appends new ones (a view keeps its scroll position);
/// only a table whose rows went away or whose columns changed is reset.
class DatabaseTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class RowState { Unchanged, New, Changed };
    enum Role { SortRole = Qt::UserRole + 1, RowStateRole, RowIdRole /* the row's rowid (qint64) */ };
    using QAbstractTableModel::QAbstractTableModel;

    /// Table `name` of `db` (after batch batchTimeMs); `previous`: the database after the batch
    /// before (null: none in the history, so rows the batch's tasks wrote count as new).
    void setTable(const DatabaseSnapshotPtr &db, const DatabaseSnapshotPtr &previous, const QString &name,
                  std::optional<qint64> batchTimeMs);
    QString tableName() const { return m_name; }
    /// The table's own columns (without the writer columns).
    int tableColumns() const { return static_cast<int>(m_columns.size()); }
    RowState rowState(int row) const { return m_rows[static_cast<std::size_t>(row)].state; }
    int newRows() const;
    int changedRows() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        std::shared_ptr<const DbRow> row;
        RowState state = RowState::Unchanged;
    };
    QString writerText(const Row &r, int column) const;

    DatabaseSnapshotPtr m_db;
    QString m_name;
    std::vector<QString> m_columns;
    std::vector<Row> m_rows;
};

} // namespace dsl::ui
