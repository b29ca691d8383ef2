// StreamingStatisticsView: the dashboard's "Streaming" tab, laid out as Spark's web UI Streaming
// tab (streaming/ui/StreamingPage.scala): the header sentence, the stability banner, the
// statistics rows and the running, waiting and completed batch tables, all read from the
// RunSnapshot's history.
#pragma once

#include "batchtablemodel.h"
#include "snapshotfwd.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QScrollArea;
class QSplitter;
class QTabWidget;
class QTableView;

namespace dsl::ui {

class SimulationController;
class StatisticsChart;
struct Theme;

/// Views talk only to the controller and its BatchSelection (docs/conventions.md §14): a click on
/// a point or a table row selects that batch everywhere; the selected batch is marked in every
/// row and highlighted in the tables. While the run plays, updates come at most four times a
/// second (the newest snapshot), as BatchDelayChart's.
class StreamingStatisticsView : public QWidget {
    Q_OBJECT
public:
    /// Completed first: the table a class reads most, whole even where the tab bar is narrow.
    enum Table { CompletedTable, RunningTable, WaitingTable };

    explicit StreamingStatisticsView(SimulationController *controller, QWidget *parent = nullptr);

    /// The header sentence as shown, without markup ("Running batches of 1 second for ...").
    QString headerText() const;
    /// The stability banner (the verdict of app/experimentsummary.h's rule, in words); hidden
    /// until the StreamingContext exists.
    QLabel *stabilityBanner() const { return m_stability; }
    StatisticsChart *chart() const { return m_chart; }
    BatchTableModel *model(Table t) const { return m_models[t]; }
    QTableView *tableView(Table t) const { return m_tables[t]; }
    QTabWidget *tables() const { return m_tabs; }
    /// Applies the newest snapshot now (tests; a throttled update otherwise waits).
    void flush();

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void onSnapshot(const RunSnapshotPtr &s);
    void applySnapshot(const RunSnapshotPtr &s);
    void updateSelection();
    void applyTheme(const Theme &t);
    void retranslateUi();
    void updateTexts();
    void updateStability();
    void fitStability();
    void onRowClicked(Table t, const QModelIndex &index);
    void fitColumns(QTableView *view);
    void scrollToSelected();

    SimulationController *m_controller;
    QLabel *m_header;
    QLabel *m_stability;
    QSplitter *m_split;
    QScrollArea *m_scroll;
    StatisticsChart *m_chart;
    QTabWidget *m_tabs;
    BatchTableModel *m_models[3];
    QTableView *m_tables[3];
    bool m_splitMoved = false;    ///< the user has moved the splitter: keep their sizes
    RunSnapshotPtr m_shown;       ///< the snapshot the view shows
    RunSnapshotPtr m_pending;     ///< the newest snapshot not shown yet (throttled)
    QTimer m_throttle;            ///< single shot: shows m_pending
    QElapsedTimer m_sinceApplied; ///< since the view last changed
};

} // namespace dsl::ui
