// AutoTyperBar: the nc panel's row to pick a sample text and a rate, and start or stop auto-typing (or producing).
#pragma once

#include "sessioncommands.h"

#include <QWidget>

class QCheckBox;
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
///
/// With a Kafka topic as the panel's target it is the auto-producer: the rate is in messages/s
/// per partition of the topic (kMinRate .. kMaxRatePerPartition, and at most kMaxRate in all),
/// and a Keyed box gives the messages keys "user-0" .. "user-9" for Kafka's partitioner to place.
class AutoTyperBar : public QWidget {
    Q_OBJECT
public:
    explicit AutoTyperBar(SimulationController *controller, QWidget *parent = nullptr);
    AutoTyperSpec spec() const;
    void setSpec(const AutoTyperSpec &spec);
    QPushButton *startButton() const { return m_start; }
    QComboBox *sampleBox() const { return m_sample; }
    QDoubleSpinBox *rateBox() const { return m_rate; }
    QCheckBox *keyedBox() const { return m_keyed; }
    /// Where the lines go: the socket (empty topic) or a topic of `partitions` partitions. A
    /// change while running restarts the run with the new target, as a new rate does.
    void setTarget(const QString &topic, int partitions);
    QString targetTopic() const { return m_topic; }

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
    QCheckBox *m_keyed;
    QString m_topic;          ///< empty: the socket
    int m_partitions = 1;
    double m_socketRate = 10.0, m_kafkaRate = 2.0; ///< each target kind keeps its own rate
    void restartIfRunning();
    void showTarget();
    QPushButton *m_start;
    QGridLayout *m_grid;
    bool m_twoRows = false;
    void arrange(bool twoRows);
    int oneRowWidth() const;
};

} // namespace dsl::ui
