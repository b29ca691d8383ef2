// PythonRuntime: isolated interpreter set-up, program execution and the run's end-of-run policy.
#include "pyruntime.h"

#include "arenacache.h"

#include "interrupt.h"
#include "pyconvert.h"
#include "watchdog.h"

#include "engine/sparkcontext.h"
#include "engine/streamingcontext.h"
#include "engine/timeformat.h"

#include <pybind11/embed.h>

#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace dsl::python {

void linkEmbeddedModule();

namespace {
PythonRuntime *g_current = nullptr;

/// The process's main thread grows its stack up to RLIMIT_STACK (checked as it grows), and
/// the kernel leaves at least 128 MB below it free of mappings: raise the soft limit so that
/// a program run there (`dstreamlab run`) gets the stack kMaxRecursionLimit levels need.
void raiseMainThreadStack()
{
    if (::getpid() != static_cast<pid_t>(::syscall(SYS_gettid))) return;
    rlimit rl{};
    if (getrlimit(RLIMIT_STACK, &rl) != 0) return;
    const rlim_t want = std::min<rlim_t>(PythonRuntime::kProgramStackBytes, rl.rlim_max);
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < want) {
        rl.rlim_cur = want;
        setrlimit(RLIMIT_STACK, &rl);
    }
}

/// The calling thread's stack size (for the main thread: what it may grow to).
std::size_t threadStackBytes()
{
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return 0;
    void *addr = nullptr;
    std::size_t size = 0;
    pthread_attr_getstack(&attr, &addr, &size);
    pthread_attr_destroy(&attr);
    return size;
}
} // namespace

int PythonRuntime::maxRecursionLimit()
{
    // 1 MB for what is already on the stack (the host's frames, the engine's) and for the
    // interpreter's own handling of the RecursionError.
    const std::size_t stack = threadStackBytes();
    const std::size_t margin = std::size_t(1) << 20;
    const std::size_t levels = stack > margin ? (stack - margin) / kStackBytesPerLevel : 0;
    return static_cast<int>(std::clamp<std::size_t>(levels, 50, kMaxRecursionLimit));
}

bool PythonRuntime::onProgramThread() const
{
    const unsigned long driver = m_driverThread;
    return driver == 0 || driver == PyThread_get_thread_ident();
}

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

    raiseMainThreadStack();
    if (!Py_IsInitialized()) {
        installArenaCache();
        installAllocationGuard();
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
    installDatabase();
}

void PythonRuntime::installDatabase()
{
    // Where the program's pymysql.connect(...) goes (docs/database.md).
    py::dict config;
    for (const auto &[k, v] : m_settings.database) config[py::str(k)] = v;
    py::module_::import("dstreamlab_db").attr("install")(m_settings.database.empty() ? py::object(py::none()) : config);
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
    installDatabase();
    m_idleWaits = 0;
    m_idleWaitSites.clear();
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

RunPolicy PythonRuntime::runPolicy()
{
    RunPolicy policy;
    if (m_settings.maxDuration) policy.endTime = m_settings.sim.startTime + *m_settings.maxDuration;
    policy.endWhenDrained = m_settings.finishWhenInputDone;
    policy.warn = [this](const std::string &text) {
        if (stderrSink) stderrSink(text);
    };
    return policy;
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
    // The memory limit holds while the program runs (docs/hostile-programs.md).
    const std::size_t limit = m_settings.memoryLimitMb > 0 ? std::size_t(m_settings.memoryLimitMb) << 20 : 0;
    takeRefusedAllocation();
    setAllocationLimit(limit);
    m_watchdog->watchMemory(m_driverThread, limit);
    struct EndWatch {
        Watchdog &w;
        ~EndWatch()
        {
            w.unwatchMemory();
            setAllocationLimit(0);
        }
    } endWatch{*m_watchdog};
    try {
        int status = internal.attr("run_program")(py::bytes(source), fileName, dir, argv).cast<int>();
        return status == 0 ? RunStatus::Ok : RunStatus::Raised;
    } catch (py::error_already_set &e) {
        // A second asynchronous exception (the memory watch firing again) while the program's
        // own error was being reported lands here: say what it was.
        const bool memory = e.matches(internal.attr("MemoryLimitExceeded"));
        stderrSink(memory ? std::string("pyspark._internal.MemoryLimitExceeded: ") + py::str(e.value()).cast<std::string>() + "\n"
                          : std::string("dstreamlab: internal error: ") + e.what() + "\n");
        return RunStatus::Raised;
    }
}

} // namespace dsl::python
