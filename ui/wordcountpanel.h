// WordCountPanel: live word counts of the selected batch — top-N bars over a sortable table.
#pragma once

#include <QWidget>

class QLabel;
class QToolButton;
class QTableView;
class QSortFilterProxyModel;

namespace dsl::ui {

class SimulationController;
class TopWordsView;
class WordCountModel;

class WordCountPanel : public QWidget {
    Q_OBJECT
public:
    explicit WordCountPanel(SimulationController *controller, QWidget *parent = nullptr);
    WordCountModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    /// The "running totals" / "window" view instead of this batch's counts.
    bool showsTotals() const { return m_totals; }
    void setShowTotals(bool totals);
    QToolButton *totalsButton() const { return m_totalsButton; }
    /// Shown when the batch shown is empty: its link selects the last batch with counts.
    QLabel *lastCountsLink() const { return m_lastLink; }

signals:
    /// A row was activated (double-click, Enter) or "Where did this come from?" chosen: trace
    /// that key of stream `streamId`'s RDD of batch `batchMs` to its typed lines.
    void traceRequested(int streamId, qint64 batchMs, const QString &key);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void retranslateUi();
    void requestTrace(const QModelIndex &proxyIndex);

    SimulationController *m_controller;
    WordCountModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_title;
    TopWordsView *m_bars;
    QTableView *m_table;
    QToolButton *m_batchButton;
    QToolButton *m_totalsButton;
    QWidget *m_switch;
    QLabel *m_lastLink;
    QAction *m_traceAct;
    bool m_totals = true; ///< the program's point (running totals, the window) when it has one
};

} // namespace dsl::ui
