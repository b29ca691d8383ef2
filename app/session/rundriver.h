// RunDriver: what the dashboard asks of whoever runs the program (the app's ProgramSession).
#pragma once

#include "autotyper.h"
#include "snapshotfwd.h"

#include <QObject>
#include <QString>

#include <optional>

namespace dsl::session {

/// Settings that matter in class; changing them restarts the run from its input log.
struct RunOptions {
    QString master;                        ///< empty: the program's own (e.g. local[2])
    std::optional<qint64> batchIntervalMs; ///< unset: the program's own
    std::optional<qint64> blockIntervalMs; ///< unset: spark.streaming.blockInterval (200 ms)
    bool operator==(const RunOptions &) const = default;
};

/// Commands are asynchronous and thread-safe to call from the GUI thread; results arrive as
/// snapshotReady (immutable values) and clockAdvanced (the displayed simulated time).
/// The ui library implements none of it: it never sees Python or engine objects.
class RunDriver : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// Loads a program (to run on the next run/step); the input log is kept.
    virtual void loadProgram(const QString &fileName, const QString &source) = 0;
    virtual QString programFileName() const = 0;
    virtual QString programSource() const = 0;
    virtual void setOptions(const RunOptions &options) = 0;
    virtual RunOptions options() const = 0;

    /// speed: simulated seconds per wall second; <= 0 runs as fast as possible.
    virtual void run(double speed) = 0;
    virtual void setSpeed(double speed) = 0;
    virtual void pause() = 0;
    virtual void stepEvent() = 0;
    virtual void stepBatch() = 0;
    /// Browses the history: shows the run as it was when the previous batch completed (the run
    /// pauses; nothing runs again). stepBatch then moves forward through the history, and
    /// past its newest batch runs on; run, followLatest and the run-until commands return to
    /// the head. A line typed while browsing changes the past: it arrives at the browsed
    /// batch and the run replays to there in the background (replayProgress, cancelReplay).
    virtual void stepBack() = 0;
    virtual void followLatest() {}
    /// Stops a replay where it is (paused there).
    virtual void cancelReplay() {}
    virtual void runUntilBatch(int completedBatches) = 0;
    virtual void runUntilTime(qint64 simTimeMs) = 0;
    /// Back to "not started"; the input log is kept.
    virtual void reset() = 0;
    /// A line typed into the nc panel: into the input log at the current simulated time.
    virtual void sendLine(const QString &line) = 0;
    /// The nc panel's auto-typer: its lines go into the input log as simulated time reaches
    /// their arrival times (the first one just after the current time). Reset, loading a
    /// program or an input log, and changed settings stop it; its lines so far are kept.
    virtual void startAutoTyper(const AutoTyperSpec &spec) { Q_UNUSED(spec); }
    virtual void stopAutoTyper() {}
    /// Writes the whole input log as an input script (`SECONDS<TAB>TEXT`, seconds from the
    /// run's start), the format `dstreamlab run --input` reads. False with a message on error.
    virtual bool saveInputLog(const QString &path, QString *error)
    {
        Q_UNUSED(path);
        if (error) *error = QStringLiteral("not supported");
        return false;
    }
    /// Replaces the input log with an input script and goes back to "not started".
    virtual bool loadInputLog(const QString &path, QString *error)
    {
        Q_UNUSED(path);
        if (error) *error = QStringLiteral("not supported");
        return false;
    }
    /// The batch the views show (the selection): it keeps its records when older batches are
    /// reduced to summaries in a long run. nullopt: none.
    virtual void setPinnedBatch(std::optional<qint64> batchTimeMs) { Q_UNUSED(batchTimeMs); }
    /// Lines in the input log (typed, loaded and auto-typed so far).
    virtual std::size_t inputLogSize() const { return 0; }

signals:
    void snapshotReady(const dsl::session::RunSnapshotPtr &snapshot);
    void clockAdvanced(qint64 simTimeMs);
    /// A replay after a change of the past: batches replayed so far, of target.
    void replayProgress(int done, int target);
};

} // namespace dsl::session
