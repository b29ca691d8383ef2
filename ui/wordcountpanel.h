// WordCountPanel: live word counts of the selected batch — top-N bars over a sortable table.
#pragma once

#include <QWidget>

class QLabel;
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

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void retranslateUi();

    SimulationController *m_controller;
    WordCountModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_title;
    TopWordsView *m_bars;
    QTableView *m_table;
};

} // namespace dsl::ui
