// AutoTyperBar: the nc panel's row to pick a sample text and a rate, and start or stop auto-typing.
#pragma once

#include "sessioncommands.h"

#include <QWidget>

class QComboBox;
class QGridLayout;
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

    /// The two-row arrangement's: a narrow column (1280 px in presenter mode) takes the bar
    /// on two rows (sample; rate and Start) instead of growing past the screen.
    QSize minimumSizeHint() const override;
    bool isOnTwoRows() const { return m_twoRows; }

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void retranslateUi();
    void onToggled(bool on);
    void showState(bool on);

    SimulationController *m_controller;
    QLabel *m_label;
    QComboBox *m_sample;
    QDoubleSpinBox *m_rate;
    QPushButton *m_start;
    QGridLayout *m_grid;
    bool m_twoRows = false;
    void arrange(bool twoRows);
    int oneRowWidth() const;
};

} // namespace dsl::ui
