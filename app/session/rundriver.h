// RunDriver: what the dashboard asks of whoever runs the program (the app's ProgramSession).
#pragma once

#include "sessioncommand.h"
#include "syntaxcheck.h"
#include "snapshotfwd.h"

#include <QObject>
#include <QString>

#include <cstddef>
#include <optional>

namespace dsl::session {

/// Commands are asynchronous and thread-safe to call from the GUI thread; results arrive as
/// snapshotReady (immutable values) and clockAdvanced (the displayed simulated time).
/// The ui library implements none of it: it never sees Python or engine objects.
class RunDriver : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    /// The one entry point of every command (sessioncommand.h says what each does).
    virtual void execute(const SessionCommand &command) = 0;

    // Named forms of the commands, so that callers read as before; each is execute() and
    // nothing else, and none is virtual: a driver implements execute only.
    void loadProgram(const QString &fileName, const QString &source) { execute(command::LoadProgram{fileName, source}); }
    void setOptions(const RunOptions &options) { execute(command::SetOptions{options}); }
    void run(double speed) { execute(command::Run{speed}); }
    void setSpeed(double speed) { execute(command::SetSpeed{speed}); }
    void pause() { execute(command::Pause{}); }
    void stepEvent() { execute(command::StepEvent{}); }
    void stepBatch() { execute(command::StepBatch{}); }
    void stepBack() { execute(command::StepBack{}); }
    void followLatest() { execute(command::FollowLatest{}); }
    void cancelReplay() { execute(command::CancelReplay{}); }
    void runUntilBatch(int completedBatches) { execute(command::RunUntilBatch{completedBatches}); }
    void runUntilTime(qint64 simTimeMs) { execute(command::RunUntilTime{simTimeMs}); }
    void reset() { execute(command::Reset{}); }
    void sendLine(const QString &line) { execute(command::SendLine{line}); }
    void startAutoTyper(const AutoTyperSpec &spec) { execute(command::StartAutoTyper{spec}); }
    void stopAutoTyper() { execute(command::StopAutoTyper{}); }
    void setPinnedBatch(std::optional<qint64> batchTimeMs) { execute(command::SetPinnedBatch{batchTimeMs}); }

    // Not commands: these answer the caller at once, which execute (fire and forget, its
    // effect arriving later as a snapshot) cannot. Queries read the session's state; the input
    // log's file operations report a file error or a malformed script to the caller, before
    // anything of the run changes.
    virtual QString programFileName() const = 0;
    virtual QString programSource() const = 0;
    virtual RunOptions options() const = 0;
    /// Lines in the input log (typed, loaded and auto-typed so far).
    virtual std::size_t inputLogSize() const = 0;
    /// Writes the whole input log as an input script (`SECONDS<TAB>TEXT`, seconds from the
    /// run's start), the format `dstreamlab run --input` reads. False with a message on error.
    virtual bool saveInputLog(const QString &path, QString *error) = 0;
    /// Replaces the input log with an input script and goes back to "not started" (stopping the
    /// auto-typer). False with a message, and nothing changed, when the file cannot be read or
    /// is not an input script.
    virtual bool loadInputLog(const QString &path, QString *error) = 0;
    /// Whether `source` compiles as the program would (the editor marks the error line as the
    /// student types). A query, answered at once; the default driver has no interpreter and
    /// checks nothing.
    virtual SyntaxCheck checkSyntax(const QString &source) const
    {
        Q_UNUSED(source);
        return {};
    }

signals:
    void snapshotReady(const dsl::session::RunSnapshotPtr &snapshot);
    void clockAdvanced(qint64 simTimeMs);
    /// A replay after a change of the past: batches replayed so far, of target.
    void replayProgress(int done, int target);
};

} // namespace dsl::session
