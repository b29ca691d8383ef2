// PythonRuntime: the embedded, isolated CPython that runs a PySpark program on the engine.
#pragma once

#include "memorylimit.h"

#include "engine/runloop.h"
#include "engine/simulation.h"
#include "engine/sparkconf.h"

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dsl {
class SparkContext;
class StreamingContext;
struct TaskContext;
} // namespace dsl

namespace dsl::python {

class Watchdog;

/// How a program run is set up and bounded (the `dstreamlab run` options).
struct RunSettings {
    SimulationConfig sim;                  ///< start time, seed, host cores
    std::optional<std::string> master;     ///< overrides the program's master (--master)
    std::optional<Duration> maxDuration;   ///< --seconds: stop a program that waits forever
    /// Without maxDuration: end an endless awaitTermination() once all input is processed.
    bool finishWhenInputDone = true;
    /// Real-time budget of one Python call inside a task (watchdog), in ms.
    int taskTimeoutMs = 5000;
    /// The program's memory limit in MB (--memory-limit; 0: none): past it the watchdog raises
    /// pyspark._internal.MemoryLimitExceeded in the program, and a single allocation that would
    /// cross it fails with MemoryError (memorylimit.h), before the operating system ends the app.
    int memoryLimitMb = defaultMemoryLimitMb();
    std::string pythonPackageDir;          ///< where the bundled `pyspark` package lives
    /// Overrides the program's batch interval (the dashboard's settings; unset in the CLI).
    std::optional<Duration> batchDuration;
    /// SparkConf entries set on every SparkContext after the program's own (e.g.
    /// spark.streaming.blockInterval from the dashboard's settings).
    std::vector<std::pair<std::string, std::string>> confOverrides;
    /// Where the program's `pymysql.connect(...)` goes: the configuration handed to
    /// resources/python/dstreamlab_db's install() at the start of every run (docs/database.md);
    /// empty: the program's own arguments ("mode": "none").
    std::vector<std::pair<std::string, std::string>> database;
};

/// Exit codes of a program run (as spark-submit: 0 ok, 1 the program raised).
enum class RunStatus { Ok = 0, Raised = 1 };

/// Owns the interpreter, the Simulation and every context the program creates (contexts live
/// until the runtime ends, so engine objects never dangle under Python wrappers). One per
/// process: CPython is initialized once.
class PythonRuntime {
public:
    explicit PythonRuntime(RunSettings settings);
    ~PythonRuntime();
    PythonRuntime(const PythonRuntime &) = delete;
    PythonRuntime &operator=(const PythonRuntime &) = delete;

    /// The runtime of this process, or nullptr.
    static PythonRuntime *current();

    Simulation &simulation() { return *m_sim; }
    const RunSettings &settings() const { return m_settings; }

    /// Runs PROGRAM.py as `__main__` with sys.argv = [program, args...]. Python's own output
    /// goes through sys.stdout/sys.stderr; uncaught exceptions print their traceback to
    /// stderr and return RunStatus::Raised.
    RunStatus runFile(const std::string &path, const std::vector<std::string> &args);
    /// Runs source text given a file name for tracebacks (tests, GUI editor buffers).
    RunStatus runSource(const std::string &source, const std::string &fileName, const std::vector<std::string> &args);

    SparkContext &newSparkContext(SparkConf conf);
    StreamingContext &newStreamingContext(SparkContext &sc, Duration batch);
    /// The end-of-run rules of the settings for the engine's run loop: --seconds (maxDuration)
    /// as the end time, else drained (finishWhenInputDone); the drained check's warnings go to
    /// stderrSink.
    RunPolicy runPolicy();
    /// The simulated time the run started.
    SimTime startTime() const { return m_settings.sim.startTime; }
    Watchdog &watchdog() { return *m_watchdog; }
    /// Python functions of tasks running now (TaskScope); > 0 inside a task, where PySpark's
    /// workers run: a shared variable's driver-only parts refuse there (Accumulator.value).
    int taskDepth = 0;
    /// The context of the task whose Python function runs now (TaskScope), or nullptr: where
    /// `_dstreamlab.charge_ns` charges a database call's simulated cost.
    TaskContext *currentTask = nullptr;

    /// Counts a timed wait on the driver (awaitTermination(timeout), awaitTerminationOrTimeout,
    /// time.sleep) made at `site` (file:line). `idle`: it found the run drained
    /// (AwaitResult::drainedOnTheWay). Returns true when the program is a polling loop that can
    /// never see anything again: kIdlePollLimit idle waits in a row, the current site among
    /// them. A finite sequence of waits at different lines always runs to its end.
    bool noteTimedWait(bool idle, const std::string &site);
    static constexpr int kIdlePollLimit = 10;

    /// The host's Pacer (docs/runloop.md): every simulated wait of the program
    /// (awaitTermination*, time.sleep on the driver, a graceful stop's drain) runs the engine's
    /// run loop with it, on the program's thread with the GIL held. allow(upTo) may block (see
    /// withoutGil) and inspect the engine, never change it; false ends the program as a finished
    /// run (pyspark._internal.RunComplete). The bridge adds to afterEvent the delivery of a
    /// pending Ctrl-C. Not owned: it must outlive the runtime or be unset first. nullptr (the
    /// default): an AsFastAsPossiblePacer, waits never pause.
    void setPacer(Pacer *pacer) { m_pacer = pacer ? pacer : &m_asFastAsPossible; }
    Pacer &pacer() { return *m_pacer; }
    /// Runs f with the GIL released (a pacer blocking until the host allows more time).
    void withoutGil(const std::function<void()> &f);
    /// Runs f, a host-side look at the run that may call the program's functions (recomputing
    /// an RDD's records for display), so that it leaves no trace: program output is discarded
    /// and the pyspark package's counters (ResultIterable ids) are restored afterwards.
    void inspect(const std::function<void()> &f);

    /// Starts over in this process (CPython initializes once): drops every context, makes a
    /// fresh Simulation with `settings` (observers other than the console are not carried
    /// over) and resets the pyspark package's module state, so that running the program
    /// again with the same input log replays the same run.
    void reset(RunSettings settings);
    void reset() { reset(m_settings); }

    /// Interrupts the running program as Ctrl-C does (KeyboardInterrupt in its own code; it ends
    /// with "the program was interrupted; the input log is kept"). Thread-safe and never
    /// blocks: for the dashboard's Stop on a program stuck in its own top-level loop, where no
    /// simulated wait calls the pacer. While the engine runs user functions the interrupt
    /// waits until the current simulation step ends, so no task fails with it.
    void interruptProgram();

    /// The highest sys.setrecursionlimit a program may set on the calling thread: what its
    /// stack holds at kStackBytesPerLevel a level, at most kMaxRecursionLimit (docs/hostile-programs.md).
    static int maxRecursionLimit();
    static constexpr int kMaxRecursionLimit = 10000;
    static constexpr std::size_t kStackBytesPerLevel = 12 * 1024;
    /// The stack a thread that runs programs should have (ProgramThread): kMaxRecursionLimit
    /// levels and a margin.
    static constexpr std::size_t kProgramStackBytes = std::size_t(256) << 20;
    /// Whether the calling thread is the one running the program (its bindings refuse others).
    bool onProgramThread() const;

    /// Where program text written to sys.stdout/sys.stderr goes (default: the process's).
    std::function<void(const std::string &)> stdoutSink;
    std::function<void(const std::string &)> stderrSink;

private:
    void installDatabase();
    class ConsoleObserver;
    RunSettings m_settings;
    AsFastAsPossiblePacer m_asFastAsPossible;
    Pacer *m_pacer = &m_asFastAsPossible;
    std::unique_ptr<ConsoleObserver> m_console;
    std::unique_ptr<Simulation> m_sim;
    std::unique_ptr<Watchdog> m_watchdog;
    std::vector<std::unique_ptr<SparkContext>> m_sparkContexts;
    std::vector<std::unique_ptr<StreamingContext>> m_streamingContexts;
    std::atomic<unsigned long> m_driverThread{0};
    int m_idleWaits = 0;
    std::vector<std::string> m_idleWaitSites;
};

} // namespace dsl::python
