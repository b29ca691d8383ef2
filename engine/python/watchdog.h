// Watchdog: bounds the real time one Python call (a task's, or an output function's on the driver) may take.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

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

    /// Arms for the calling Python thread. A nested arm (a task of a job that a driver function
    /// started, as rdd.count() in a foreachRDD function) gets a budget of its own, and the outer
    /// call's clock stops until it disarms: the outer budget counts the outer call's own time,
    /// not the engine's jobs. The outer call also stops at kNestedCap times its budget of real
    /// time in all, so a driver function that keeps starting jobs cannot run for ever.
    void arm(int timeoutMs);
    static constexpr int kNestedCap = 12;
    void disarm();
    /// The exception type raised on timeout (set once the package is importable).
    void setExceptionType(void *pyType) { m_excType = pyType; }
    /// Thread-safe, never blocks: the watchdog thread raises KeyboardInterrupt asynchronously
    /// in Python thread `tid` (PythonRuntime::interruptProgram).
    void interrupt(unsigned long tid);
    bool fired() const { return m_fired; }
    /// While a program runs in Python thread `tid`: every kMemorySampleMs the watchdog thread
    /// reads the process's resident size and, past `limitBytes`, raises the memory exception
    /// type asynchronously in that thread (again after kMemoryRefireMs if it is still past
    /// the limit: a program that caught it and kept growing). 0: no limit.
    void watchMemory(unsigned long tid, std::size_t limitBytes);
    void unwatchMemory();
    void setMemoryExceptionType(void *pyType) { m_memExcType = pyType; }
    /// The resident size, in bytes, when the memory exception was last raised (0: never in this watch).
    std::size_t memoryFiredAt() const { return m_memFiredAt; }
    static constexpr int kMemorySampleMs = 50;
    static constexpr int kMemoryRefireMs = 2000;
    /// The last time it fired, it was the outer call's cap (kNestedCap), not its own budget.
    bool firedByCap() const { return m_firedByCap; }
    /// Called on the program's thread where a job a driver function started returns to it
    /// (runJob, take, count): true once, when the outer call passed its cap while the job ran.
    /// The caller then raises the exception type synchronously, so it surfaces at the driver
    /// function's line that started the job. (Raised asynchronously when the job's last task
    /// disarmed, it could land in the next job's first task instead, as a task failure.)
    bool takeCapReached();
    void *exceptionType() const { return m_excType; }
    /// How long the watchdog thread leaves a cap reached in a job to takeCapReached before it
    /// raises it asynchronously (a driver function that runs on without starting another job).
    static constexpr int kCapGraceMs = 200;

private:
    void loop();
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::thread m_thread;
    bool m_quit = false;
    int m_depth = 0;
    bool m_armed = false;
    /// The outer calls' budgets left when a nested arm stopped their clocks, outermost first.
    std::vector<std::chrono::steady_clock::duration> m_paused;
    std::chrono::steady_clock::time_point m_hardDeadline;
    bool m_fired = false;
    bool m_firedByCap = false;
    /// A nested call disarmed past the outer call's cap: takeCapReached raises it (m_capSince: when).
    bool m_capPending = false;
    std::chrono::steady_clock::time_point m_capSince;
    /// The deadline of the running call: its budget, and the outermost call's cap (delayed by
    /// kCapGraceMs while takeCapReached may still raise it) while it runs itself.
    std::chrono::steady_clock::time_point currentDeadline() const;
    unsigned long m_threadId = 0;
    std::chrono::steady_clock::time_point m_deadline;
    void *m_excType = nullptr;
    unsigned long m_interruptTid = 0;
    /// The memory watch (watchMemory): the program's thread, its limit, the next sample.
    unsigned long m_memTid = 0;
    std::size_t m_memLimit = 0;
    std::chrono::steady_clock::time_point m_nextSample;
    std::chrono::steady_clock::time_point m_memQuietUntil;
    std::atomic<std::size_t> m_memFiredAt{0};
    void *m_memExcType = nullptr;
    /// Samples the resident size if a sample is due; true when it raised (lock released meanwhile).
    bool sampleMemory(std::unique_lock<std::mutex> &lock);
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
