// Watchdog: bounds the real time one Python call (a task's, or an output function's on the driver) may take.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace dsl::python {

/// A helper thread (outside the engine, which stays thread-free) that raises
/// pyspark._internal.TaskWatchdogTimeout asynchronously in the armed Python thread when a
/// call overruns, so a stuck user function fails its task instead of freezing the app.
class Watchdog {
public:
    Watchdog();
    ~Watchdog();
    Watchdog(const Watchdog &) = delete;
    Watchdog &operator=(const Watchdog &) = delete;

    /// Arms for the calling Python thread; nested arms keep the outermost deadline.
    void arm(int timeoutMs);
    void disarm();
    /// The exception type raised on timeout (set once the package is importable).
    void setExceptionType(void *pyType) { m_excType = pyType; }
    /// Thread-safe, never blocks: the watchdog thread raises KeyboardInterrupt asynchronously
    /// in Python thread `tid` (PythonRuntime::interruptProgram).
    void interrupt(unsigned long tid);
    bool fired() const { return m_fired; }

private:
    void loop();
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::thread m_thread;
    bool m_quit = false;
    int m_depth = 0;
    bool m_armed = false;
    bool m_fired = false;
    unsigned long m_threadId = 0;
    std::chrono::steady_clock::time_point m_deadline;
    void *m_excType = nullptr;
    unsigned long m_interruptTid = 0;
};

/// RAII arm/disarm around one Python call.
class WatchdogScope {
public:
    WatchdogScope(Watchdog &w, int timeoutMs) : m_w(w) { m_w.arm(timeoutMs); }
    ~WatchdogScope() { m_w.disarm(); }
    WatchdogScope(const WatchdogScope &) = delete;
    WatchdogScope &operator=(const WatchdogScope &) = delete;

private:
    Watchdog &m_w;
};

} // namespace dsl::python
