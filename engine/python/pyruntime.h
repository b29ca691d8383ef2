// PythonRuntime: the embedded, isolated CPython that runs a PySpark program on the engine.
#pragma once

#include "engine/simulation.h"
#include "engine/sparkconf.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dsl {
class SparkContext;
class StreamingContext;
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
    std::string pythonPackageDir;          ///< where the bundled `pyspark` package lives
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
    /// Whether an endless wait should end now (--seconds reached, or all input processed).
    bool shouldFinish();
    /// The simulated time the run started.
    SimTime startTime() const { return m_settings.sim.startTime; }
    Watchdog &watchdog() { return *m_watchdog; }

    /// The context whose last timed awaitTermination ended with all input processed (so a
    /// polling loop of timed waits ends the run on its next wait), or nullptr.
    const StreamingContext *idleTimedWait = nullptr;

    /// Where program text written to sys.stdout/sys.stderr goes (default: the process's).
    std::function<void(const std::string &)> stdoutSink;
    std::function<void(const std::string &)> stderrSink;

private:
    class ConsoleObserver;
    RunSettings m_settings;
    std::unique_ptr<ConsoleObserver> m_console;
    std::unique_ptr<Simulation> m_sim;
    std::unique_ptr<Watchdog> m_watchdog;
    std::vector<std::unique_ptr<SparkContext>> m_sparkContexts;
    std::vector<std::unique_ptr<StreamingContext>> m_streamingContexts;
};

} // namespace dsl::python
