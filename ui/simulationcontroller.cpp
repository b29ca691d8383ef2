// SimulationController: run commands out, snapshots and clock in, re-emitted to the views.
#include "simulationcontroller.h"

#include "batchselection.h"
#include "sessiontypes.h"

namespace dsl::ui {

SimulationController::SimulationController(RunDriver *driver, QObject *parent)
    : QObject(parent), m_driver(driver), m_selection(new BatchSelection(this))
{
    qRegisterMetaType<RunSnapshotPtr>();
    connect(m_driver, &RunDriver::snapshotReady, this, &SimulationController::onSnapshot);
    connect(m_driver, &RunDriver::replayProgress, this, &SimulationController::replayProgress);
    connect(m_selection, &BatchSelection::changed, this,
            [this] { execute(command::SetPinnedBatch{m_selection->batchTime()}); });
    connect(m_driver, &RunDriver::clockAdvanced, this, [this](qint64 ms) {
        if (ms == m_clockMs) return;
        m_clockMs = ms;
        emit clockChanged(ms);
    });
}

const QList<double> &SimulationController::speeds()
{
    static const QList<double> s{0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 0.0};
    return s;
}

bool SimulationController::isRunning() const
{
    return m_running;
}

std::optional<qint64> SimulationController::effectiveBatch() const
{
    if (auto t = m_selection->batchTime()) return t;
    if (!m_snapshot || m_snapshot->batches.empty()) return std::nullopt;
    if (const BatchSnapshot *b = m_snapshot->latestCompletedBatch()) return b->info.batchTime.ms();
    return m_snapshot->batches.rbegin()->first.ms();
}

void SimulationController::onSnapshot(const RunSnapshotPtr &s)
{
    m_snapshot = s;
    if (s->clock.ms() != m_clockMs) {
        m_clockMs = s->clock.ms();
        emit clockChanged(m_clockMs);
    }
    const bool running = s->phase == RunPhase::Running || s->phase == RunPhase::Replaying;
    if (running != m_running) {
        m_running = running;
        emit runningChanged(running);
    }
    emit snapshotChanged(s);
}

template <class Command>
void SimulationController::handle(const Command &c)
{
    m_driver->execute(c);
}

void SimulationController::execute(const SessionCommand &command)
{
    std::visit([this](const auto &c) { handle(c); }, command);
    // Whether the program has run since it was loaded (or reset): only then does a settings
    // change restart anything worth a message (a lesson's set-up loads, then sets its options).
    if (std::holds_alternative<command::LoadProgram>(command) || std::holds_alternative<command::Reset>(command))
        m_ranSinceLoad = false;
    else if (std::holds_alternative<command::Run>(command) || std::holds_alternative<command::StepEvent>(command) ||
             std::holds_alternative<command::StepBatch>(command) || std::holds_alternative<command::RunUntilBatch>(command) ||
             std::holds_alternative<command::RunUntilTime>(command) || std::holds_alternative<command::RestartDriver>(command))
        m_ranSinceLoad = true;
}

void SimulationController::handle(const command::SendLine &c)
{
    m_driver->execute(c);
    emit lineSent(c.line, c.source, c.port);
}

void SimulationController::handle(const command::Run &c)
{
    if (m_snapshot && (m_snapshot->phase == RunPhase::Finished || m_snapshot->phase == RunPhase::Failed)) {
        emit message(tr("The program has ended. Reset to run it again."));
        return;
    }
    m_driver->execute(c);
    if (!m_running) {
        m_running = true;
        emit runningChanged(true);
    }
}

void SimulationController::handle(const command::StepBack &c)
{
    if (!m_snapshot || m_snapshot->phase == RunPhase::NotStarted) return;
    m_selection->followLatest(); // the views follow the browsed batch
    m_driver->execute(c);
}

void SimulationController::handle(const command::FollowLatest &c)
{
    m_selection->followLatest();
    m_driver->execute(c);
}

void SimulationController::handle(const command::SetSpeed &c)
{
    if (c.speed == m_speed) return;
    m_speed = c.speed;
    m_driver->execute(c);
    emit speedChanged(c.speed);
}

void SimulationController::handle(const command::StartAutoTyper &c)
{
    if (c.spec.isKafka() && !c.spec.isValid()) {
        emit message(tr("The auto-producer's rate must be between %1 and %2 messages/s per partition, and %3 in all.")
                         .arg(AutoTyperSpec::kMinRate)
                         .arg(AutoTyperSpec::kMaxRatePerPartition)
                         .arg(AutoTyperSpec::kMaxRate));
        return;
    }
    if (c.spec.isKafka() && !c.isValid()) {
        emit message(tr("Kafka refuses the topic name \"%1\".").arg(QString::fromStdString(c.spec.topic)));
        return;
    }
    if (!c.isValid()) {
        emit message(tr("The auto-typer's rate must be between %1 and %2 lines/s.")
                         .arg(AutoTyperSpec::kMinRate)
                         .arg(AutoTyperSpec::kMaxRate));
        return;
    }
    m_driver->execute(c);
    setAutoTyping(true);
}

void SimulationController::handle(const command::StopAutoTyper &c)
{
    m_driver->execute(c);
    setAutoTyping(false);
}

// The commands that restart the run: the views return to the latest batch, and the auto-typer
// has stopped.

void SimulationController::handle(const command::Reset &c)
{
    m_selection->followLatest();
    m_driver->execute(c);
    setAutoTyping(false);
}

void SimulationController::handle(const command::SetOptions &c)
{
    if (c.options == m_driver->options()) return;
    m_selection->followLatest();
    m_driver->execute(c);
    setAutoTyping(false);
    if (m_ranSinceLoad) emit message(tr("Settings changed: the run restarts from its input log."));
}

void SimulationController::handle(const command::LoadProgram &c)
{
    m_selection->followLatest();
    m_driver->execute(c);
    setAutoTyping(false);
}

void SimulationController::togglePlay()
{
    if (m_running) pause();
    else play();
}

void SimulationController::setAutoTyping(bool on)
{
    if (on == m_autoTyping) return;
    m_autoTyping = on;
    emit autoTyperChanged(on);
}

// Not commands (RunDriver says why): they answer at once, so the hub reports their result here.

bool SimulationController::saveInputLog(const QString &path)
{
    QString error;
    if (!m_driver->saveInputLog(path, &error)) {
        emit message(error);
        return false;
    }
    emit message(tr("Saved %n input line(s).", nullptr, static_cast<int>(m_driver->inputLogSize())));
    return true;
}

bool SimulationController::loadInputLog(const QString &path)
{
    QString error;
    if (!m_driver->loadInputLog(path, &error)) {
        emit message(error);
        return false;
    }
    m_selection->followLatest();
    setAutoTyping(false);
    // Loaded, not run: the run waits at its start for Run or a step, as after Reset (the
    // teacher opens a log, then talks, then runs it).
    emit message(tr("Input log loaded: Run or Step batch replays the program from it."));
    return true;
}

void SimulationController::setTheme(const Theme &theme)
{
    m_theme = theme;
    emit themeChanged(theme);
}

} // namespace dsl::ui
