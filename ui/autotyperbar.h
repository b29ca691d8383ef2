// AutoTyperBar: the nc panel's row to pick a sample text and a rate, and start or stop auto-typing.
#pragma once

#include "sessioncommands.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;

namespace dsl::ui {

class SimulationController;

/// Sample (English, Chinese, Zipf words), rate in lines/s (AutoTyperSpec::kMinRate ..
/// kMaxRate) and a Start/Stop button. The lines arrive in simulated time (AutoTyper), so a
/// paused run receives none and a replay receives the same ones.
class AutoTyperBar : public QWidget {
    Q_OBJECT
public:
    explicit AutoTyperBar(SimulationController *controller, QWidget *parent = nullptr);
    AutoTyperSpec spec() const;
    void setSpec(const AutoTyperSpec &spec);
    QPushButton *startButton() const { return m_start; }
    QComboBox *sampleBox() const { return m_sample; }
    QDoubleSpinBox *rateBox() const { return m_rate; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void onToggled(bool on);
    void showState(bool on);

    SimulationController *m_controller;
    QLabel *m_label;
    QComboBox *m_sample;
    QDoubleSpinBox *m_rate;
    QPushButton *m_start;
};

} // namespace dsl::ui
