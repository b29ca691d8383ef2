// RunStatusStrip: the always-visible run state line under the toolbar.
#include "runstatusstrip.h"

#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "theme.h"
#include "timetext.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace dsl::ui {

RunStatusStrip::RunStatusStrip(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_clock(new QLabel(this)), m_batch(new QLabel(this)),
      m_state(new QLabel(this)), m_phase(new QLabel(this)), m_cluster(new QLabel(this)), m_listener(new QLabel(this)),
      m_message(new QLabel(this)),
      m_replay(new QProgressBar(this)), m_cancelReplay(new QPushButton(this))
{
    setObjectName(QStringLiteral("runStatus"));
    setAutoFillBackground(true);
    auto *l = new QHBoxLayout(this);
    l->setContentsMargins(10, 4, 10, 4);
    l->setSpacing(18);
    m_clock->setObjectName(QStringLiteral("simClock"));
    m_state->setObjectName(QStringLiteral("contextState"));
    for (QLabel *w : {m_clock, m_batch, m_state, m_phase, m_cluster}) l->addWidget(w);
    m_listener->setObjectName(QStringLiteral("listenerStatus"));
    m_listener->hide(); // until a listener reports
    l->addWidget(m_listener);
    l->addWidget(m_message);
    m_message->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // On a narrow screen (1280 px in presenter mode) the cluster and the message wrap onto a second line
    // rather than widen the window past the screen or lose their ends; they share the free
    // width (a wrapped label's size hint is narrower than its text).
    for (QLabel *w : {m_cluster, m_listener, m_message}) {
        w->setWordWrap(true);
        l->setStretchFactor(w, 1);
    }
    // A replay after a change of the past runs in the background: its progress and Cancel.
    m_replay->setObjectName(QStringLiteral("replayProgress"));
    m_replay->setMaximumWidth(220);
    m_replay->setTextVisible(true);
    m_cancelReplay->setObjectName(QStringLiteral("cancelReplay"));
    m_replay->hide();
    m_cancelReplay->hide();
    l->addWidget(m_replay);
    l->addWidget(m_cancelReplay);
    connect(m_cancelReplay, &QPushButton::clicked, controller, &SimulationController::cancelReplay);
    // During a replay no snapshot comes (the views keep their picture); the next one ends it.
    connect(controller, &SimulationController::snapshotChanged, this, [this](const RunSnapshotPtr &s) {
        if (s->phase == RunPhase::Replaying) return;
        m_replay->hide();
        m_cancelReplay->hide();
    });
    connect(controller, &SimulationController::replayProgress, this, [this](int done, int target) {
        m_replay->setRange(0, std::max(1, target));
        m_replay->setValue(std::min(done, std::max(1, target)));
        m_replay->setFormat(tr("replaying %v / %m batches"));
        m_replay->show();
        m_cancelReplay->show();
    });
    connect(controller, &SimulationController::snapshotChanged, this, &RunStatusStrip::refresh);
    connect(controller, &SimulationController::clockChanged, this, &RunStatusStrip::refresh);
    connect(controller, &SimulationController::speedChanged, this, &RunStatusStrip::refresh);
    connect(controller, &SimulationController::themeChanged, this, &RunStatusStrip::applyTheme);
    connect(controller, &SimulationController::message, this, &RunStatusStrip::showMessage);
    applyTheme(controller->theme());
}

void RunStatusStrip::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) refresh();
    QWidget::changeEvent(event);
}

void RunStatusStrip::applyTheme(const Theme &t)
{
    m_clock->setFont(t.monoFont(1.7));
    m_batch->setFont(t.font(1.25, true));
    m_state->setFont(t.font(1.1, true));
    m_phase->setFont(t.font(1.1));
    m_cluster->setFont(t.font(1.0));
    m_listener->setFont(t.font(1.0, true));
    m_listener->setStyleSheet(QStringLiteral("color: %1;").arg(t.ok.name()));
    m_message->setFont(t.font(0.95));
    QPalette p = palette();
    p.setColor(QPalette::Window, t.surface);
    setPalette(p);
    refresh();
}

void RunStatusStrip::showMessage(const QString &text)
{
    m_message->setText(text);
}

void RunStatusStrip::setListenerText(const QString &text, int slot)
{
    if (text.isEmpty()) m_listenerTexts.remove(slot);
    else m_listenerTexts[slot] = text;
    const QString all = listenerText();
    if (m_listener->text() != all) m_listener->setText(all);
    m_listener->setVisible(!all.isEmpty());
}

QString RunStatusStrip::listenerText() const
{
    return QStringList(m_listenerTexts.values()).join(QStringLiteral(" · "));
}

QString RunStatusStrip::clockText() const
{
    return m_clock->text();
}

QString RunStatusStrip::messageText() const
{
    return m_message->text();
}

QString RunStatusStrip::stateText() const
{
    return m_state->text();
}

namespace {
// refresh() runs on every snapshot and clock tick (60 a second while running): a style sheet
// set again re-polishes the label, and a tool tip set again sends an event, even when unchanged.
void setStyleSheetIfChanged(QWidget *w, const QString &css)
{
    if (w->styleSheet() != css) w->setStyleSheet(css);
}
void setToolTipIfChanged(QWidget *w, const QString &tip)
{
    if (w->toolTip() != tip) w->setToolTip(tip);
}
} // namespace

void RunStatusStrip::refresh()
{
    const Theme &t = m_controller->theme();
    const RunSnapshotPtr &s = m_controller->snapshot();
    const qint64 clock = m_controller->clockMs();
    m_clock->setText(clock > 0 ? ui::clockText(clock, true) : QStringLiteral("--:--:--.---"));
    setToolTipIfChanged(m_clock, tr("simulated time"));
    if (!s) return;
    m_batch->setText(tr("batch %1").arg(s->completedBatches));
    setToolTipIfChanged(m_batch, tr("batches completed"));
    QString state;
    QColor stateColor = t.mutedText;
    if (s->phase == RunPhase::NotStarted) {
        state = tr("not started");
    } else if (!s->hasContext) {
        state = tr("starting…");
    } else {
        // A driver that returned or raised (e.g. out of awaitTermination after a failed job) ends
        // the application: Spark's shutdown hook stops the StreamingContext then
        // (StreamingContext.scala, start(): ShutdownHookManager.addShutdownHook(stopOnShutdown)).
        const bool ended = s->phase == RunPhase::Finished || s->phase == RunPhase::Failed;
        const StreamingState shown = ended ? StreamingState::STOPPED : s->streamingState;
        // Spark's name is what the course teaches: a translation shows it beside its own word.
        switch (shown) {
        case StreamingState::INITIALIZED: state = tr("INITIALIZED", "StreamingContext state: keep Spark's name"); break;
        case StreamingState::ACTIVE: state = tr("ACTIVE", "StreamingContext state: keep Spark's name"); break;
        case StreamingState::STOPPED: state = tr("STOPPED", "StreamingContext state: keep Spark's name"); break;
        }
        stateColor = shown == StreamingState::ACTIVE ? t.ok : shown == StreamingState::STOPPED ? t.error : t.schedulingDelay;
    }
    m_state->setText(state);
    setToolTipIfChanged(m_state, s->phase == RunPhase::Finished || s->phase == RunPhase::Failed
                            ? tr("The program ended, so its StreamingContext is stopped (Spark's shutdown hook).")
                            : tr("StreamingContext state"));
    setStyleSheetIfChanged(m_state, QStringLiteral("color: %1; border: 2px solid %1; border-radius: 4px; padding: 1px 6px;")
                               .arg(stateColor.name()));
    QString phase;
    switch (s->phase) {
    case RunPhase::NotStarted: phase = tr("ready: Space runs, → steps one batch"); break;
    case RunPhase::Running:
        phase = m_controller->speed() > 0 ? tr("running at %1×").arg(m_controller->speed()) : tr("running as fast as possible");
        break;
    case RunPhase::Paused:
        phase = s->cursor ? tr("history: batch %1 of %2 · → forward · Home: back to the run")
                                .arg(s->completedBatches)
                                .arg(s->headCompletedBatches)
                          : tr("paused");
        break;
    case RunPhase::Replaying: phase = tr("replaying…"); break;
    case RunPhase::Finished: phase = tr("program ended"); break;
    case RunPhase::Failed: phase = tr("program failed (line %1)").arg(s->errorLine); break;
    }
    m_phase->setText(phase);
    setStyleSheetIfChanged(m_phase, s->phase == RunPhase::Failed ? QStringLiteral("color: %1;").arg(t.error.name()) : QString());
    if (s->hasContext) {
        int receivers = 0;
        for (const auto &r : s->receivers)
            if (r.active) ++receivers;
        const QString master = QString::fromStdString(s->master);
        QString cluster = s->cores == 1 ? tr("%1 · 1 core").arg(master) : tr("%1 · %2 cores").arg(master).arg(s->cores);
        if (receivers > 0)
            cluster += QStringLiteral(" · ") + (receivers == 1 ? tr("1 receiver") : tr("%1 receivers").arg(receivers));
        cluster += QStringLiteral(" · ") + tr("batch interval %1").arg(durationText(s->batchInterval.ms()));
        m_cluster->setText(cluster);
    } else {
        m_cluster->clear();
    }
    m_cancelReplay->setText(tr("Cancel"));
    if (s->phase == RunPhase::NotStarted) m_message->clear(); // a program loaded or reset: old news goes
}

} // namespace dsl::ui
