// LessonStepRunner: carries out a lesson step's commands in order through the controller, each
// run-until waited for before the next command (a line typed "after batch 2" must wait for it).
#pragma once

#include "sessioncommands.h"
#include "snapshotfwd.h"

#include <QObject>

#include <deque>
#include <variant>
#include <vector>

namespace dsl::ui {

class SimulationController;

/// The commands go to the controller's execute, the one path every view uses; the runner only
/// orders them. A run-until command is followed once the run rests there (paused at or past its
/// target, or ended); commands already satisfied by the run at hand are skipped, so coming back
/// to a lesson replays nothing twice. LoadProgram is handed to programRequested, so the window
/// shows the text it loads.
class LessonStepRunner : public QObject {
    Q_OBJECT
public:
    explicit LessonStepRunner(SimulationController *controller, QObject *parent = nullptr);

    void start(std::vector<SessionCommand> commands);
    /// Queues more commands after those still waiting (or starts them when idle).
    void append(std::vector<SessionCommand> commands);
    /// Stops waiting; what was sent stays sent (the run pauses where it is).
    void cancel();
    bool isBusy() const { return m_busy; }

signals:
    /// Show and load a program (the window's setProgram, which sends LoadProgram).
    void programRequested(const QString &fileName, const QString &source);
    /// All commands sent and every run-until reached (ok false: the run ended, failed or was
    /// reset first). A run that ends skips its program's remaining commands, and goes on with a
    /// later LoadProgram if there is one.
    void finished(bool ok);

private:
    void next();
    void onSnapshot(const RunSnapshotPtr &s);
    bool reached(const RunSnapshot &s) const;

    SimulationController *m_controller;
    std::deque<SessionCommand> m_queue;
    std::variant<std::monostate, command::RunUntilBatch, command::RunUntilTime> m_waiting;
    bool m_busy = false;
    /// A program was loaded: the next run-until waits for a snapshot of a later run than this.
    bool m_restarted = false;
    std::uint64_t m_oldRunId = 0;
    std::uint64_t m_waitRunId = 0; ///< the run a run-until was sent to (a reset makes another)
};

} // namespace dsl::ui
