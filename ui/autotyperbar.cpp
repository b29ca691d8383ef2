// AutoTyperBar: sample and rate controls wired to SimulationController::startAutoTyper/stopAutoTyper.
#include "autotyperbar.h"

#include "simulationcontroller.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QGridLayout>
#include <algorithm>
#include <QResizeEvent>
#include <QStyle>
#include <QLabel>
#include <QPushButton>

namespace dsl::ui {

AutoTyperBar::AutoTyperBar(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_label(new QLabel(this)), m_sample(new QComboBox(this)),
      m_rate(new QDoubleSpinBox(this)), m_start(new QPushButton(this))
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
    m_rate->setValue(10.0);
    m_start->setObjectName(QStringLiteral("autoTyperStart"));
    m_start->setCheckable(true);
    connect(m_start, &QPushButton::toggled, this, &AutoTyperBar::onToggled);
    connect(controller, &SimulationController::autoTyperChanged, this, &AutoTyperBar::showState);
    // A new sample or rate while typing takes effect at once (a new run of the auto-typer).
    auto restart = [this] {
        if (m_controller->isAutoTyping()) m_controller->startAutoTyper(spec());
    };
    connect(m_sample, &QComboBox::currentIndexChanged, this, restart);
    connect(m_rate, &QDoubleSpinBox::editingFinished, this, restart);
    retranslateUi();
}

void AutoTyperBar::arrange(bool twoRows)
{
    m_twoRows = twoRows;
    for (QWidget *w : {static_cast<QWidget *>(m_label), static_cast<QWidget *>(m_sample), static_cast<QWidget *>(m_rate),
                       static_cast<QWidget *>(m_start)})
        m_grid->removeWidget(w);
    for (int c = 0; c < 4; ++c) m_grid->setColumnStretch(c, 0);
    if (twoRows) {
        m_grid->addWidget(m_label, 0, 0);
        m_grid->addWidget(m_sample, 0, 1, 1, 2);
        m_grid->addWidget(m_rate, 1, 0, 1, 2);
        m_grid->addWidget(m_start, 1, 2);
        m_grid->setColumnStretch(1, 1);
    } else {
        m_grid->addWidget(m_label, 0, 0);
        m_grid->addWidget(m_sample, 0, 1);
        m_grid->addWidget(m_rate, 0, 2);
        m_grid->addWidget(m_start, 0, 3);
        m_grid->setColumnStretch(1, 1);
    }
    updateGeometry();
}

int AutoTyperBar::oneRowWidth() const
{
    const QMargins m = m_grid->contentsMargins();
    int w = m.left() + m.right() + 3 * m_grid->horizontalSpacing();
    for (const QWidget *x : {static_cast<const QWidget *>(m_label), static_cast<const QWidget *>(m_sample),
                             static_cast<const QWidget *>(m_rate), static_cast<const QWidget *>(m_start)})
        w += std::max(x->minimumSizeHint().width(), x == m_sample ? 0 : x->sizeHint().width());
    return w;
}

QSize AutoTyperBar::minimumSizeHint() const
{
    const QMargins m = m_grid->contentsMargins();
    const int row2 = m_rate->sizeHint().width() + m_start->sizeHint().width() + m_grid->horizontalSpacing();
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
    return s;
}

void AutoTyperBar::setSpec(const AutoTyperSpec &spec)
{
    m_sample->setCurrentIndex(static_cast<int>(spec.sample));
    m_rate->setValue(spec.linesPerSecond);
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
    m_label->setText(tr("Auto-type"));
    m_sample->setItemText(0, tr("English sentences"));
    m_sample->setItemText(1, tr("Chinese sentences"));
    m_sample->setItemText(2, tr("Zipf words"));
    m_rate->setSuffix(tr(" lines/s"));
    m_start->setToolTip(tr("Sends sample lines at this rate in simulated time, as if typed"));
    showState(m_controller->isAutoTyping());
}

void AutoTyperBar::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

} // namespace dsl::ui
