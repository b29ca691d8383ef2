// LessonRun and LessonRunner: a program's recorded run (the session's RunSnapshot) and how to get one headless.
#pragma once

#include "lesson.h"

#include "app/session/runsnapshot.h"

#include <memory>

namespace dsl::lesson {

/// What a question is graded against and an exercise compared on: the run's history as the
/// session recorded it while computing (RunSnapshot: batches, captured RDDs, printed output),
/// and the program's source for naming its DStreams. Nothing here calls user code again.
struct LessonRun {
    session::RunSnapshotPtr snapshot;
    QString source;    ///< the program's text (its DStreams are named after its variables)
    QString fileName;  ///< "program.py", as tracebacks name it
    bool raised = false;
    QString errorText; ///< the traceback, when the program raised

    /// One line that says why the program raised: the traceback's last line that carries the
    /// error, skipping JVM-style trailers such as "Driver stacktrace:".
    QString errorSummary() const;

    /// The dashboard's run: the session's snapshot at the head of its history.
    static LessonRun fromSnapshot(session::RunSnapshotPtr snapshot, QString source, QString fileName);
};

/// One run to make: the program (a file, or the editor's text), the lesson's settings and the
/// input lines (offsets from the start).
struct RunRequest {
    QString programPath;
    std::optional<QString> source;  ///< unset: read programPath
    LessonSettings settings;
    std::vector<ScriptLine> input;
    /// Faults (the lesson's fault actions): simulated time and action ("fail-task output=0").
    std::vector<std::pair<SimTime, std::string>> faults;
    /// The driver stops (a later restart action) once this many batches have completed, or
    /// once simulated time passes stopAt: where the dashboard's run-until pauses.
    std::optional<int> stopAfterBatches;
    std::optional<SimTime> stopAt;
    /// The folder to run in (its files stay); empty: a fresh temporary one.
    QString workingDirectory;
};

/// Runs programs for lessons. The dashboard runs them in its ProgramSession; the CLI and the
/// tests use HeadlessLessonRunner.
class LessonRunner {
public:
    virtual ~LessonRunner() = default;
    virtual LessonRun run(const RunRequest &request) = 0;
};

/// Runs a program to its end as `dstreamlab run` does (as fast as possible; ends when drained,
/// or after settings.seconds), recording the history with the session's SnapshotBuilder. Owns
/// the process's PythonRuntime (one per process: CPython initializes once), made on the first
/// run and reset for each later one; programs run in a fresh temporary working directory (a
/// stateful program writes its checkpoint folder there).
class HeadlessLessonRunner : public LessonRunner {
public:
    HeadlessLessonRunner();
    ~HeadlessLessonRunner() override;
    LessonRun run(const RunRequest &request) override;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

/// The input lines of a lesson's run: its input script, plus the lines of its type actions up
/// to step `uptoStep` (inclusive; -1: every step), each at the time the run stands at when
/// its step begins (the last run action before it: untilTime T, or untilBatch N as 1 ms past N
/// batch intervals after the start, the lessons starting on a whole batch interval). Typed in
/// the dashboard once the run has paused there, such a line lands in the same batch.
std::vector<ScriptLine> lessonInput(const Lesson &lesson, Duration batchInterval, int uptoStep = -1);

/// One driver of a lesson: the lesson's program, or one an open action opened, runs until the
/// lesson opens another or restarts it; a restart runs the same program again later, in the
/// working folder as the stopped driver left it.
struct LessonDriver {
    QString program;
    int firstStep = 0;              ///< the step whose action started it (0: the lesson's start)
    Duration start{0};              ///< after the lesson's start (a restart's at)
    std::optional<RunAction> stop;  ///< the last run action before the restart that stops it
    int restartOf = -1;             ///< the driver whose folder it continues; -1: a fresh folder
};
/// The lesson's drivers in order (at least one).
std::vector<LessonDriver> lessonDrivers(const Lesson &lesson);
/// The index in lessonDrivers of the driver running at step k.
int lessonDriverAt(const Lesson &lesson, int step);
/// What driver d runs: its program on the lesson's input lines from its start on (the earlier
/// ones went to the drivers before it), the clock starting at its start, stopped where a
/// restart stops it. The working folder is the caller's (LessonRuns).
/// The faults (at, action) driver d runs with: a fault belongs to the driver of the step that
/// arms it and to the drivers restarted from that one (the same program's timeline), from the
/// driver's start on; a program opened afresh starts without the faults of earlier programs.
std::vector<std::pair<SimTime, std::string>> driverFaults(const Lesson &lesson, int d);
/// The error driver d is shown raising on purpose (its open action's `raises`), else empty.
QString driverRaises(const Lesson &lesson, int d);
/// Driver d's run raised the error the lesson shows on purpose (driverRaises): that failure is
/// the step's point, not a broken lesson or a run that ended early.
bool failsOnPurpose(const Lesson &lesson, int d, const LessonRun &run);
RunRequest driverRequest(const Lesson &lesson, int d);

} // namespace dsl::lesson
