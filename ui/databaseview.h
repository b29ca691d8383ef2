// DatabaseView: the program's database after the batch shown: its tables, a sorted grid with the
// rows the batch added or changed and who wrote each, and the statements and connections per batch.
#pragma once

#include "snapshotfwd.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace dsl::ui {

class DatabaseActivityStrip;
class DatabaseTableModel;
class SimulationController;

/// Reads only snapshot values: each batch's DatabaseSnapshot, captured by the session when the
/// batch completed (the dashboard never runs user code again). Follows the BatchSelection, so the
/// grid at any batch of the history shows the rows as they were after it. A refresh keeps the
/// table chosen, the sort and the scroll position.
class DatabaseView : public QWidget {
    Q_OBJECT
public:
    explicit DatabaseView(SimulationController *controller, QWidget *parent = nullptr);
    DatabaseTableModel *model() const { return m_model; }
    QTableView *grid() const { return m_grid; }
    QComboBox *tables() const { return m_tables; }
    DatabaseActivityStrip *activity() const { return m_activity; }
    /// The batch whose database is shown, if any.
    std::optional<qint64> shownBatch() const { return m_batch; }
    QString summaryText() const;
    QString noteText() const;

signals:
    /// A row was activated (double-click, Enter): trace it back to the typed lines.
    void rowTraceRequested(const QString &table, qint64 rowid);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void retranslateUi();
    void applyTheme();

    SimulationController *m_controller;
    QLabel *m_path;
    QLabel *m_note;
    QComboBox *m_tables;
    QLabel *m_summary;
    QTableView *m_grid;
    DatabaseTableModel *m_model;
    QSortFilterProxyModel *m_sorted;
    DatabaseActivityStrip *m_activity;
    std::optional<qint64> m_batch;
    bool m_unknownDatabase = false; ///< the program's own connect() arguments: where it writes is not known
    bool m_onServer = false;        ///< the database read is a server's (QMYSQL), not a SQLite file
    DatabaseSnapshotPtr m_db;
};

} // namespace dsl::ui
