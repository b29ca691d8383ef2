// setUpSortedGrid: the read-only, sortable result grid the Database and Kafka tabs share.
#pragma once

class QAbstractItemModel;
class QSortFilterProxyModel;
class QString;
class QTableView;

namespace dsl::ui {

/// `grid` shows `source` through `sorted`, sorted on `sortRole` when a header is clicked (the
/// source's own row order until then); whole rows selected, nothing editable, columns stretched.
void setUpSortedGrid(QTableView *grid, QSortFilterProxyModel *sorted, QAbstractItemModel *source, int sortRole,
                     const QString &objectName);

} // namespace dsl::ui
