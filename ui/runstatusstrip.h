// RunStatusStrip: simulated time, batch number and context state, always visible.
#pragma once

#include "snapshotfwd.h"

#include <QMap>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace dsl::ui {

class SimulationController;
struct Theme;

class RunStatusStrip : public QWidget {
    Q_OBJECT
public:
    explicit RunStatusStrip(SimulationController *controller, QWidget *parent = nullptr);
    QString clockText() const;
    QString stateText() const;
    QString messageText() const;
    void showMessage(const QString &text);
    /// What a listener for outside clients reports ("Kafka clients: 127.0.0.1:9092 · 3
    /// messages"), beside the cluster until it is set empty again. Each listener has its slot
    /// (0: Kafka clients, 1: the class port and real servers); the texts are shown side by side.
    void setListenerText(const QString &text, int slot = 0);
    /// Every slot's text, joined by " · ".
    QString listenerText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void applyTheme(const Theme &t);

    SimulationController *m_controller;
    QLabel *m_clock;
    QLabel *m_batch;
    QLabel *m_state;
    QLabel *m_phase;
    QLabel *m_cluster;
    QLabel *m_listener;
    QMap<int, QString> m_listenerTexts;
    QLabel *m_message;
    QProgressBar *m_replay;
    QPushButton *m_cancelReplay;
};

} // namespace dsl::ui
