// SimulationController: the hub between the run and the views (docs/conventions.md §14).
#pragma once

#include "sessioncommands.h"
#include "snapshotfwd.h"
#include "theme.h"

#include <QObject>

namespace dsl::ui {

class BatchSelection;

/// Owns nothing of the run: it forwards commands to the RunDriver (through execute, the one
/// path) and re-emits what comes back. Views connect to it and to its BatchSelection only,
/// never to each other.
class SimulationController : public QObject {
    Q_OBJECT
public:
    explicit SimulationController(RunDriver *driver, QObject *parent = nullptr);

    RunDriver *driver() const { return m_driver; }
    BatchSelection *selection() const { return m_selection; }
    const RunSnapshotPtr &snapshot() const { return m_snapshot; }
    /// The displayed simulated time (ms since the epoch).
    qint64 clockMs() const { return m_clockMs; }
    bool isRunning() const;
    bool isAutoTyping() const { return m_autoTyping; }
    /// Speed factor; <= 0 is "as fast as possible".
    double speed() const { return m_speed; }
    const Theme &theme() const { return m_theme; }
    /// The first batch time the selection resolves to: the selected one, else the latest
    /// completed batch (or the latest batch at all), or nullopt with no batches.
    std::optional<qint64> effectiveBatch() const;

    static const QList<double> &speeds();

    /// Every command of the views: the hub's own part (the selection follows a browse or a
    /// restart, the auto-typer flag, refusals as message()), then the driver's execute. The
    /// slots below only name commands for QAction and signal wiring.
    void execute(const dsl::ui::SessionCommand &command);

public slots:
    void togglePlay();
    /// Runs at speed() (refused, with message(), once the program has ended).
    void play() { execute(command::Run{m_speed}); }
    void pause() { execute(command::Pause{}); }
    void stepEvent() { execute(command::StepEvent{}); }
    void stepBatch() { execute(command::StepBatch{}); }
    /// Browses the history one batch back (instant; the run pauses).
    void stepBack() { execute(command::StepBack{}); }
    /// Back to the run's head and the latest batch (Home).
    void followLatest() { execute(command::FollowLatest{}); }
    /// Stops a replay where it is.
    void cancelReplay() { execute(command::CancelReplay{}); }
    void reset() { execute(command::Reset{}); }
    void runUntilBatch(int completedBatches) { execute(command::RunUntilBatch{completedBatches}); }
    /// Runs until the simulated clock reaches simTimeMs (ms since the epoch), then pauses.
    void runUntilTime(qint64 simTimeMs) { execute(command::RunUntilTime{simTimeMs}); }
    void startAutoTyper(const dsl::ui::AutoTyperSpec &spec) { execute(command::StartAutoTyper{spec}); }
    void stopAutoTyper() { execute(command::StopAutoTyper{}); }
    void setSpeed(double speed) { execute(command::SetSpeed{speed}); }
    void sendLine(const QString &line) { execute(command::SendLine{line}); }
    void setOptions(const dsl::ui::RunOptions &options) { execute(command::SetOptions{options}); }
    void loadProgram(const QString &fileName, const QString &source) { execute(command::LoadProgram{fileName, source}); }
    /// Saves the input log (false, with message(), on error).
    bool saveInputLog(const QString &path);
    /// Loads an input log and runs the program from it at the current speed.
    bool loadInputLog(const QString &path);
    void setTheme(const dsl::ui::Theme &theme);

signals:
    void snapshotChanged(const dsl::ui::RunSnapshotPtr &snapshot);
    void clockChanged(qint64 simTimeMs);
    void runningChanged(bool running);
    void speedChanged(double speed);
    void autoTyperChanged(bool on);
    void themeChanged(const dsl::ui::Theme &theme);
    /// A command was refused or is under way (shown in the status line).
    void message(const QString &text);
    /// A replay after a change of the past: batches done of target.
    void replayProgress(int done, int target);
    /// A line went to the run (SendLine): typed here, or from a source outside (the class port,
    /// a real server), which the nc panel shows as sent until the receiver has it.
    void lineSent(const QString &line, const QString &source, int port);

private:
    // execute's handlers: the hub's part of a command, then the driver's. The template
    // (simulationcontroller.cpp) forwards the commands the hub adds nothing to.
    template <class Command>
    void handle(const Command &c);
    void handle(const command::Run &c);
    void handle(const command::StepBack &c);
    void handle(const command::FollowLatest &c);
    void handle(const command::SetSpeed &c);
    void handle(const command::StartAutoTyper &c);
    void handle(const command::StopAutoTyper &c);
    void handle(const command::Reset &c);
    void handle(const command::SetOptions &c);
    void handle(const command::LoadProgram &c);
    void handle(const command::SendLine &c);
    void onSnapshot(const RunSnapshotPtr &s);

    RunDriver *m_driver;
    BatchSelection *m_selection;
    RunSnapshotPtr m_snapshot;
    qint64 m_clockMs = 0;
    double m_speed = 1.0;
    bool m_running = false;
    bool m_autoTyping = false;
    bool m_ranSinceLoad = false; ///< a run or step since the last LoadProgram / Reset
    void setAutoTyping(bool on);
    Theme m_theme = Theme::make(Theme::Kind::Light, false);
};

} // namespace dsl::ui
