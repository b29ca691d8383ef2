// EventLogView: the Log tab. Its Events page lists Spark's driver log lines for everything the
// engine did (never empty while a program runs), filtered by level, text and batch, each line
// linked to its batch; its stderr page shows what the program wrote there (tracebacks, WARNs).
#pragma once

#include "snapshotfwd.h"

#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace dsl::ui {

class EventLogFilter;
class EventLogModel;
class SimulationController;

class EventLogView : public QWidget {
    Q_OBJECT
public:
    enum Page { EventsPage, StderrPage };
    explicit EventLogView(SimulationController *controller, QWidget *parent = nullptr);

    EventLogModel *model() const { return m_model; }
    EventLogFilter *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }
    QPlainTextEdit *stderrEdit() const { return m_stderr; }
    QComboBox *levelBox() const { return m_level; }
    QLineEdit *searchEdit() const { return m_search; }
    QCheckBox *batchOnlyBox() const { return m_batchOnly; }
    Page page() const;
    void setPage(Page page);
    /// "120 of 3,456 lines" as the status label shows it.
    QString countText() const;
    /// The selected rows as log4j lines, one per line (what Ctrl+C copies).
    QString selectedText() const;

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void refresh(const RunSnapshotPtr &s);
    void selectionMoved();
    void activate(const QModelIndex &proxyIndex);
    void applyTheme();
    void retranslateUi();
    void updateCount();
    void fitColumns();

    SimulationController *m_controller;
    EventLogModel *m_model;
    EventLogFilter *m_filter;
    QButtonGroup *m_pages;
    QToolButton *m_eventsButton, *m_stderrButton;
    QComboBox *m_level;
    QLineEdit *m_search;
    QCheckBox *m_batchOnly;
    QLabel *m_count;
    QStackedWidget *m_stack;
    QTableView *m_table;
    QPlainTextEdit *m_stderr;
    int m_stderrLines = 0;
};

} // namespace dsl::ui
