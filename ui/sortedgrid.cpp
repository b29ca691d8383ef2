// setUpSortedGrid: one configuration for the tabs' result grids.
#include "sortedgrid.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace dsl::ui {

void setUpSortedGrid(QTableView *grid, QSortFilterProxyModel *sorted, QAbstractItemModel *source, int sortRole,
                     const QString &objectName)
{
    sorted->setSourceModel(source);
    sorted->setSortRole(sortRole);
    grid->setObjectName(objectName);
    grid->setModel(sorted);
    grid->setSortingEnabled(true);
    grid->sortByColumn(-1, Qt::AscendingOrder); // the source's order until a header is clicked
    grid->verticalHeader()->hide();
    grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    grid->setSelectionBehavior(QAbstractItemView::SelectRows);
    grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
}

} // namespace dsl::ui
