// RddRecordsPanel: the records and lineage (toDebugString) of the RDD box clicked in the timeline.
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace dsl::ui {

class SimulationController;

class RddRecordsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RddRecordsPanel(SimulationController *controller, QWidget *parent = nullptr);
    QString recordsText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();

    SimulationController *m_controller;
    QLabel *m_title;
    QPlainTextEdit *m_records;
    QLabel *m_lineageTitle;
    QPlainTextEdit *m_lineage;
};

} // namespace dsl::ui
