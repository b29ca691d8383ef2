// AutoTyperBar: sample, rate and key controls wired to SimulationController::startAutoTyper/stopAutoTyper.
#include "autotyperbar.h"

#include "simulationcontroller.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <algorithm>
#include <cmath>
#include <QResizeEvent>
#include <QStyle>
#include <QLabel>
#include <QPushButton>

namespace dsl::ui {

AutoTyperBar::AutoTyperBar(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_label(new QLabel(this)), m_sample(new QComboBox(this)),
      m_rate(new QDoubleSpinBox(this)), m_keyed(new QCheckBox(this)), m_start(new QPushButton(this))
{
    setObjectName(QStringLiteral("autoTyperBar"));
    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(6, 2, 6, 4);
    m_grid->setHorizontalSpacing(6);
    m_grid->setVerticalSpacing(4);
    arrange(false);
    for (int i = 0; i < 3; ++i) m_sample->addItem(QString(), i);
    m_sample->setObjectName(QStringLiteral("autoTyperSample"));
    m_rate->setObjectName(QStringLiteral("autoTyperRate"));
    m_rate->setRange(AutoTyperSpec::kMinRate, AutoTyperSpec::kMaxRate);
    m_rate->setDecimals(1);
    m_rate->setSingleStep(1.0);
    m_rate->setValue(m_socketRate);
    m_keyed->setObjectName(QStringLiteral("autoTyperKeyed"));
    m_keyed->setVisible(false); // a topic's only
    m_start->setObjectName(QStringLiteral("autoTyperStart"));
    m_start->setCheckable(true);
    connect(m_start, &QPushButton::toggled, this, &AutoTyperBar::onToggled);
    connect(controller, &SimulationController::autoTyperChanged, this, &AutoTyperBar::showState);
    // A new sample, rate or keying while typing takes effect at once (a new run of the auto-typer).
    connect(m_sample, &QComboBox::currentIndexChanged, this, &AutoTyperBar::restartIfRunning);
    connect(m_rate, &QDoubleSpinBox::editingFinished, this, &AutoTyperBar::restartIfRunning);
    connect(m_keyed, &QCheckBox::toggled, this, &AutoTyperBar::restartIfRunning);
    connect(m_rate, &QDoubleSpinBox::valueChanged, this, [this] {
        if (!m_topic.isEmpty()) retranslateUi(); // the start button's tooltip names the total rate
    });
    retranslateUi();
}

void AutoTyperBar::arrange(bool twoRows)
{
    m_twoRows = twoRows;
    for (QWidget *w : {static_cast<QWidget *>(m_label), static_cast<QWidget *>(m_sample), static_cast<QWidget *>(m_rate),
                       static_cast<QWidget *>(m_keyed), static_cast<QWidget *>(m_start)})
        m_grid->removeWidget(w);
    for (int c = 0; c < 5; ++c) m_grid->setColumnStretch(c, 0);
    if (twoRows) {
        m_grid->addWidget(m_label, 0, 0);
        m_grid->addWidget(m_sample, 0, 1, 1, 3);
        m_grid->addWidget(m_rate, 1, 0, 1, 2);
        m_grid->addWidget(m_keyed, 1, 2);
        m_grid->addWidget(m_start, 1, 3);
        m_grid->setColumnStretch(1, 1);
    } else {
        m_grid->addWidget(m_label, 0, 0);
        m_grid->addWidget(m_sample, 0, 1);
        m_grid->addWidget(m_rate, 0, 2);
        m_grid->addWidget(m_keyed, 0, 3);
        m_grid->addWidget(m_start, 0, 4);
        m_grid->setColumnStretch(1, 1);
    }
    updateGeometry();
}

int AutoTyperBar::oneRowWidth() const
{
    const QMargins m = m_grid->contentsMargins();
    const bool keyed = !m_keyed->isHidden();
    int w = m.left() + m.right() + (keyed ? 4 : 3) * m_grid->horizontalSpacing();
    for (const QWidget *x : {static_cast<const QWidget *>(m_label), static_cast<const QWidget *>(m_sample),
                             static_cast<const QWidget *>(m_rate), static_cast<const QWidget *>(m_keyed),
                             static_cast<const QWidget *>(m_start)})
        if (x != m_keyed || keyed) w += std::max(x->minimumSizeHint().width(), x == m_sample ? 0 : x->sizeHint().width());
    return w;
}

QSize AutoTyperBar::minimumSizeHint() const
{
    const QMargins m = m_grid->contentsMargins();
    int row2 = m_rate->sizeHint().width() + m_start->sizeHint().width() + m_grid->horizontalSpacing();
    if (!m_keyed->isHidden()) row2 += m_keyed->sizeHint().width() + m_grid->horizontalSpacing();
    const int row1 = m_label->sizeHint().width() + m_sample->minimumSizeHint().width() + m_grid->horizontalSpacing();
    const int h = m_twoRows ? m_grid->minimumSize().height() : QWidget::minimumSizeHint().height();
    return QSize(std::max(row1, row2) + m.left() + m.right(), h);
}

void AutoTyperBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const bool two = event->size().width() < oneRowWidth();
    if (two != m_twoRows) arrange(two);
}

AutoTyperSpec AutoTyperBar::spec() const
{
    AutoTyperSpec s;
    s.sample = static_cast<AutoTyperSpec::Sample>(m_sample->currentData().toInt());
    s.linesPerSecond = m_rate->value();
    if (!m_topic.isEmpty()) {
        s.topic = m_topic.toStdString();
        s.partitions = m_partitions;
        s.keyed = m_keyed->isChecked();
    }
    return s;
}

void AutoTyperBar::setSpec(const AutoTyperSpec &spec)
{
    const QSignalBlocker block(m_keyed);
    m_sample->setCurrentIndex(static_cast<int>(spec.sample));
    m_rate->setValue(spec.linesPerSecond);
    m_keyed->setChecked(spec.keyed);
}

void AutoTyperBar::setTarget(const QString &topic, int partitions)
{
    partitions = std::clamp(partitions, 1, AutoTyperSpec::kMaxPartitions);
    if (topic == m_topic && (topic.isEmpty() || partitions == m_partitions)) return;
    (m_topic.isEmpty() ? m_socketRate : m_kafkaRate) = m_rate->value();
    m_topic = topic;
    m_partitions = partitions;
    showTarget();
    restartIfRunning();
}

void AutoTyperBar::showTarget()
{
    // The rate box's bounds keep the total within kMaxRate: a wide topic gets a lower maximum.
    const bool kafka = !m_topic.isEmpty();
    const QSignalBlocker block(m_rate);
    if (kafka) {
        const double max = std::min(AutoTyperSpec::kMaxRatePerPartition, AutoTyperSpec::kMaxRate / m_partitions);
        m_rate->setRange(AutoTyperSpec::kMinRate, std::max(AutoTyperSpec::kMinRate, std::floor(max * 10) / 10));
        m_rate->setValue(m_kafkaRate);
    } else {
        m_rate->setRange(AutoTyperSpec::kMinRate, AutoTyperSpec::kMaxRate);
        m_rate->setValue(m_socketRate);
    }
    m_keyed->setVisible(kafka);
    retranslateUi();
    // The keyed box changes the one-row width: arrange again for the current width.
    const bool two = width() < oneRowWidth();
    if (two != m_twoRows) arrange(two);
    updateGeometry();
}

void AutoTyperBar::restartIfRunning()
{
    if (m_controller->isAutoTyping()) m_controller->startAutoTyper(spec());
}

void AutoTyperBar::onToggled(bool on)
{
    if (on) m_controller->startAutoTyper(spec());
    else m_controller->stopAutoTyper();
    showState(m_controller->isAutoTyping());
}

void AutoTyperBar::showState(bool on)
{
    const QSignalBlocker block(m_start);
    m_start->setChecked(on);
    m_start->setText(on ? tr("Stop") : tr("Start"));
}

void AutoTyperBar::retranslateUi()
{
    const bool kafka = !m_topic.isEmpty();
    m_label->setText(kafka ? tr("Auto-produce") : tr("Auto-type"));
    m_sample->setItemText(0, tr("English sentences"));
    m_sample->setItemText(1, tr("Chinese sentences"));
    m_sample->setItemText(2, tr("Zipf words"));
    if (kafka) {
        m_rate->setSuffix(tr(" msg/s per partition"));
        m_rate->setToolTip(tr("Messages per second for each of the topic's %n partition(s), in simulated time", nullptr,
                              m_partitions));
        m_keyed->setText(tr("Keyed"));
        m_keyed->setToolTip(tr("Give the messages keys user-0 … user-9: Kafka's default partitioner (murmur2 of "
                               "the key) places each key on one partition, so the spread may be uneven. Unkeyed "
                               "messages go to the partitions in turn."));
        m_start->setToolTip(tr("Produces sample messages to topic %1 at this rate per partition (%2 messages/s in "
                               "all) in simulated time, as if typed")
                                .arg(m_topic)
                                .arg(m_rate->value() * m_partitions));
    } else {
        m_rate->setSuffix(tr(" lines/s"));
        m_rate->setToolTip(tr("Lines per second, in simulated time"));
        m_start->setToolTip(tr("Sends sample lines at this rate in simulated time, as if typed"));
    }
    showState(m_controller->isAutoTyping());
}

void AutoTyperBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace dsl::ui
