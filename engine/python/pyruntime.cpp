// PythonRuntime: isolated interpreter set-up, program execution and run-completion rules.
#include "pyruntime.h"

#include "interrupt.h"
#include "pyconvert.h"
#include "watchdog.h"

#include "engine/dstreamgraph.h"
#include "engine/inputdstreams.h"
#include "engine/jobscheduler.h"
#include "engine/sparkcontext.h"
#include "engine/streamingcontext.h"
#include "engine/taskscheduler.h"
#include "engine/timeformat.h"

#include <pybind11/embed.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace dsl::python {

void linkEmbeddedModule();

namespace {
PythonRuntime *g_current = nullptr;
} // namespace

/// Program output to stdoutSink; Spark's WARN/ERROR log lines (log4j layout) to stderrSink.
class PythonRuntime::ConsoleObserver : public SimulationObserver {
public:
    explicit ConsoleObserver(PythonRuntime &rt) : m_rt(rt) {}
    void onOutput(SimTime, const std::string &text) override
    {
        if (m_rt.stdoutSink) m_rt.stdoutSink(text);
    }
    void onLog(SimTime t, LogLevel level, const std::string &source, const std::string &message) override
    {
        if (level < LogLevel::Warn || !m_rt.stderrSink) return;
        m_rt.stderrSink(log4jTime(t) + (level == LogLevel::Warn ? " WARN " : " ERROR ") + source + ": " + message + "\n");
    }

private:
    PythonRuntime &m_rt;
};

PythonRuntime *PythonRuntime::current()
{
    return g_current;
}

PythonRuntime::PythonRuntime(RunSettings settings)
    : m_settings(std::move(settings)), m_sim(std::make_unique<Simulation>(m_settings.sim)),
      m_watchdog(std::make_unique<Watchdog>())
{
    if (g_current) throw std::logic_error("only one PythonRuntime per process");
    linkEmbeddedModule();
    g_current = this;
    stdoutSink = [](const std::string &s) { std::cout << s << std::flush; };
    stderrSink = [](const std::string &s) { std::cerr << s << std::flush; };
    m_console = std::make_unique<ConsoleObserver>(*this);
    m_sim->addObserver(m_console.get());

    if (!Py_IsInitialized()) {
        PyConfig config;
        // Isolated: no PYTHON* environment, no user site-packages; fixed string hashing so
        // hash() and PySpark's portable_hash are the same on every run (PYTHONHASHSEED=0).
        PyConfig_InitIsolatedConfig(&config);
        config.use_hash_seed = 1;
        config.hash_seed = 0;
        config.install_signal_handlers = 1;
        config.write_bytecode = 0;
        py::initialize_interpreter(&config, 0, nullptr, false);
    }
    installInterruptHandler();
    py::module_ sys = py::module_::import("sys");
    py::list path = sys.attr("path");
    path.insert(0, m_settings.pythonPackageDir);
    py::module_::import("pyspark._internal").attr("install")();
}

PythonRuntime::~PythonRuntime()
{
    {
        // Contexts hold Python callables: release them while the interpreter is alive.
        py::gil_scoped_acquire gil;
        m_streamingContexts.clear();
        m_sparkContexts.clear();
        m_sim.reset();
        try {
            py::module_::import("gc").attr("collect")();
        } catch (...) {
        }
    }
    m_watchdog.reset();
    g_current = nullptr;
}

void PythonRuntime::withoutGil(const std::function<void()> &f)
{
    py::gil_scoped_release nogil;
    f();
}

void PythonRuntime::inspect(const std::function<void()> &f)
{
    py::module_ internal = py::module_::import("pyspark._internal");
    py::object saved = internal.attr("save_module_state")();
    std::vector<std::string> discarded;
    m_sim->setOutputCapture(&discarded);
    try {
        f();
    } catch (...) {
        m_sim->setOutputCapture(nullptr);
        internal.attr("restore_module_state")(saved);
        throw;
    }
    m_sim->setOutputCapture(nullptr);
    internal.attr("restore_module_state")(saved);
}

void PythonRuntime::reset(RunSettings settings)
{
    py::gil_scoped_acquire gil;
    // Python first: the package's class attributes (the active SparkContext...) hold handles
    // to the engine contexts about to go.
    py::module_::import("pyspark._internal").attr("reset_module_state")();
    py::module_::import("gc").attr("collect")();
    m_streamingContexts.clear();
    m_sparkContexts.clear();
    m_sim.reset();
    m_settings = std::move(settings);
    m_sim = std::make_unique<Simulation>(m_settings.sim);
    m_sim->addObserver(m_console.get());
    m_idleWaits = 0;
    m_idleWaitSites.clear();
    m_warnedContexts.clear();
    m_warnedCores.clear();
    clearPendingInterrupt();
}

void PythonRuntime::interruptProgram()
{
    if (markInterruptPending()) return;
    if (m_driverThread != 0) m_watchdog->interrupt(m_driverThread);
}

bool PythonRuntime::noteTimedWait(bool idle, const std::string &site)
{
    if (!idle) {
        m_idleWaits = 0;
        m_idleWaitSites.clear();
        return false;
    }
    const bool repeated = std::find(m_idleWaitSites.begin(), m_idleWaitSites.end(), site) != m_idleWaitSites.end();
    if (!repeated) m_idleWaitSites.push_back(site);
    return ++m_idleWaits > kIdlePollLimit && repeated;
}

SparkContext &PythonRuntime::newSparkContext(SparkConf conf)
{
    m_sparkContexts.push_back(std::make_unique<SparkContext>(*m_sim, std::move(conf)));
    return *m_sparkContexts.back();
}

StreamingContext &PythonRuntime::newStreamingContext(SparkContext &sc, Duration batch)
{
    m_streamingContexts.push_back(std::make_unique<StreamingContext>(sc, batch));
    return *m_streamingContexts.back();
}

bool PythonRuntime::shouldFinish()
{
    const SimTime now = m_sim->now();
    if (m_settings.maxDuration) return now >= m_settings.sim.startTime + *m_settings.maxDuration;
    if (!m_settings.finishWhenInputDone) return false;
    StreamingContext *ssc = StreamingContext::getActive(*m_sim);
    if (!ssc) return false;
    const InputLog &log = m_sim->inputLog();
    warnUnusableInput(*ssc);
    // Input still to come, or not yet accepted by a receiver. Lines for a port no socket
    // source reads can never be received: they do not hold the run open.
    std::vector<int> ports;
    for (const auto &in : ssc->graph().inputStreams())
        if (auto s = std::dynamic_pointer_cast<SocketInputDStream>(in)) ports.push_back(s->port());
    std::optional<SimTime> lastInput;
    for (std::size_t i = log.size(); i-- > log.firstIndex();) {
        const InputRecord &rec = log[i];
        if (rec.kind == InputRecord::Kind::SocketLine && rec.port != 0 &&
            std::find(ports.begin(), ports.end(), rec.port) == ports.end())
            continue;
        lastInput = rec.time;
        break;
    }
    if (lastInput && *lastInput > now) return false;
    JobScheduler &js = ssc->scheduler();
    // A receiver that cannot connect (nobody listens on its port) never accepts anything.
    for (const auto &r : js.receivers())
        if (r.active && r.lastError.empty() && r.inputLogAccepted < log.size()) return false;
    if (js.hasPendingBlocks()) return false;
    for (const auto &in : ssc->graph().inputStreams())
        if (auto q = std::dynamic_pointer_cast<QueueInputDStream>(in); q && !q->queue()->empty()) return false;
    // Every batch must have completed, unless no core can ever run a task (local[1] with a
    // receiver): then nothing more will happen and waiting would never end.
    if (ssc->sparkContext().taskScheduler().coresForTasks() == 0) return true;
    const auto &batches = js.batches();
    for (const auto &[t, b] : batches)
        if (!b.isCompleted()) return false;
    // At least one batch after the last input must have been generated.
    return js.lastGeneratedBatch() && *js.lastGeneratedBatch() >= lastInput.value_or(SimTime(0));
}

void PythonRuntime::warnUnusableInput(StreamingContext &ssc)
{
    if (ssc.state() != StreamingState::ACTIVE) return;
    auto once = [](std::vector<const StreamingContext *> &done, const StreamingContext *c) {
        if (std::find(done.begin(), done.end(), c) != done.end()) return false;
        done.push_back(c);
        return true;
    };
    const std::string &master = ssc.sparkContext().master();
    // The receivers hold their cores once launched (an event after start).
    if (!ssc.scheduler().receivers().empty() && ssc.sparkContext().taskScheduler().coresForTasks() == 0 &&
        master != "local" && master != "local[1]" && once(m_warnedCores, &ssc)) {
        const int receivers = static_cast<int>(ssc.scheduler().receivers().size());
        const int cores = ssc.sparkContext().totalCores();
        stderrSink("DStream Lab: " + master + " gives " + std::to_string(cores) + " core" + (cores == 1 ? "" : "s") +
                   " and the program runs " + std::to_string(receivers) + " receiver" + (receivers == 1 ? "" : "s") +
                   " (each holds a core for good), so no core is left to process the received data: batches are "
                   "generated but their jobs never run. Use local[n] with n > the number of receivers (Spark "
                   "Streaming Programming Guide, \"Points to remember\"). The run ends once all input is received.\n");
    }
    if (!once(m_warnedContexts, &ssc)) return;
    std::vector<int> ports;
    for (const auto &in : ssc.graph().inputStreams())
        if (auto s = std::dynamic_pointer_cast<SocketInputDStream>(in)) ports.push_back(s->port());
    std::string listened;
    for (int p : ports) listened += (listened.empty() ? "" : ", ") + std::to_string(p);
    std::vector<int> unused;
    const InputLog &log = m_sim->inputLog();
    for (std::size_t i = log.firstIndex(); i < log.size(); ++i) {
        const InputRecord &rec = log[i];
        if (rec.kind != InputRecord::Kind::SocketLine || rec.port == 0) continue;
        if (std::find(ports.begin(), ports.end(), rec.port) == ports.end() &&
            std::find(unused.begin(), unused.end(), rec.port) == unused.end())
            unused.push_back(rec.port);
    }
    for (int p : unused)
        stderrSink("DStream Lab: the input for port " + std::to_string(p) + " is never read: " +
                   (ports.empty() ? std::string("the program has no socket source")
                                  : "the program's socket sources read port" + std::string(ports.size() > 1 ? "s " : " ") +
                                        listened) +
                   ". That input is ignored; the run ends once the rest is processed.\n");
}

RunStatus PythonRuntime::runFile(const std::string &path, const std::vector<std::string> &args)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        stderrSink("dstreamlab: can't open file '" + path + "': No such file or directory\n");
        return RunStatus::Raised;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    return runSource(ss.str(), path, args);
}

RunStatus PythonRuntime::runSource(const std::string &source, const std::string &fileName,
                                   const std::vector<std::string> &args)
{
    py::module_ internal = py::module_::import("pyspark._internal");
    py::list argv;
    argv.append(fileName);
    for (const auto &a : args) argv.append(a);
    const std::string dir = std::filesystem::absolute(fileName).parent_path().string();
    m_driverThread = PyThread_get_thread_ident();
    // An interrupt meant for an earlier run must not hit this one.
    clearPendingInterrupt();
    PyThreadState_SetAsyncExc(m_driverThread, nullptr);
    try {
        int status = internal.attr("run_program")(py::bytes(source), fileName, dir, argv).cast<int>();
        return status == 0 ? RunStatus::Ok : RunStatus::Raised;
    } catch (py::error_already_set &e) {
        stderrSink(std::string("dstreamlab: internal error: ") + e.what() + "\n");
        return RunStatus::Raised;
    }
}

} // namespace dsl::python
