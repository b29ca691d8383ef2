// Watchdog thread: raises an asynchronous exception in a Python call that overran its budget.
#include "watchdog.h"

#include "memorylimit.h"

#include <Python.h>

#include <algorithm>

namespace dsl::python {

Watchdog::Watchdog()
{
    // Started here, not in the member initializers: m_thread is declared before the flags
    // loop() reads, which would otherwise still be uninitialized when the thread runs.
    m_thread = std::thread([this] { loop(); });
}

Watchdog::~Watchdog()
{
    {
        std::lock_guard lock(m_mutex);
        m_quit = true;
    }
    m_cv.notify_all();
    m_thread.join();
}

void Watchdog::arm(int timeoutMs)
{
    std::lock_guard lock(m_mutex);
    const auto now = std::chrono::steady_clock::now();
    const auto budget = std::chrono::milliseconds(timeoutMs);
    if (m_depth++ > 0) {
        m_paused.push_back(m_deadline - now);
        m_deadline = now + budget;
    } else {
        m_armed = true;
        m_fired = false;
        m_firedByCap = false;
        m_capPending = false;
        m_threadId = PyThread_get_thread_ident();
        m_paused.clear();
        m_deadline = now + budget;
        m_hardDeadline = now + budget * kNestedCap;
    }
    m_cv.notify_all();
}

void Watchdog::disarm()
{
    {
        std::lock_guard lock(m_mutex);
        if (m_depth == 0) return;
        if (--m_depth == 0) {
            m_armed = false;
            m_paused.clear();
            m_capPending = false;
            return;
        }
        // The outer call's clock runs again with what was left of its budget.
        const auto now = std::chrono::steady_clock::now();
        if (!m_paused.empty()) {
            m_deadline = now + m_paused.back();
            m_paused.pop_back();
        }
        // Past the outermost call's cap: the job's binding raises it when it returns to the
        // driver function (takeCapReached). Between two jobs the function may run too briefly
        // for the watchdog thread to catch it, and an asynchronous exception raised now could
        // land in the next task instead.
        if (m_paused.empty() && now >= m_hardDeadline && !m_fired && !m_capPending) {
            m_capPending = true;
            m_capSince = now;
        }
        m_cv.notify_all();
    }
}

bool Watchdog::takeCapReached()
{
    std::lock_guard lock(m_mutex);
    if (!m_capPending) return false;
    m_capPending = false;
    if (m_fired || !m_excType || m_depth != 1) return false;
    m_fired = true;
    m_firedByCap = true;
    return true;
}

std::chrono::steady_clock::time_point Watchdog::currentDeadline() const
{
    if (!m_paused.empty()) return m_deadline;
    auto cap = m_hardDeadline;
    if (m_capPending) cap = std::max(cap, m_capSince + std::chrono::milliseconds(kCapGraceMs));
    return std::min(m_deadline, cap);
}

void Watchdog::interrupt(unsigned long tid)
{
    std::lock_guard lock(m_mutex);
    m_interruptTid = tid;
    m_cv.notify_all();
}

void Watchdog::watchMemory(unsigned long tid, std::size_t limitBytes)
{
    std::lock_guard lock(m_mutex);
    m_memTid = limitBytes ? tid : 0;
    m_memLimit = limitBytes;
    m_memFiredAt = 0;
    m_nextSample = std::chrono::steady_clock::now();
    m_memQuietUntil = m_nextSample;
    m_cv.notify_all();
}

void Watchdog::unwatchMemory()
{
    std::lock_guard lock(m_mutex);
    m_memTid = 0;
    m_cv.notify_all();
}

bool Watchdog::sampleMemory(std::unique_lock<std::mutex> &lock)
{
    auto now = std::chrono::steady_clock::now();
    if (m_memTid == 0 || now < m_nextSample) return false;
    m_nextSample = now + std::chrono::milliseconds(kMemorySampleMs);
    const unsigned long tid = m_memTid;
    const std::size_t limit = m_memLimit;
    lock.unlock();
    const std::size_t rss = residentBytes();
    lock.lock();
    now = std::chrono::steady_clock::now();
    if (rss <= limit || m_memTid != tid || now < m_memQuietUntil || !m_memExcType) return false;
    m_memQuietUntil = now + std::chrono::milliseconds(kMemoryRefireMs);
    m_memFiredAt = rss;
    PyObject *exc = static_cast<PyObject *>(m_memExcType);
    lock.unlock();
    PyGILState_STATE g = PyGILState_Ensure();
    PyThreadState_SetAsyncExc(tid, exc);
    PyGILState_Release(g);
    lock.lock();
    return true;
}

void Watchdog::loop()
{
    std::unique_lock lock(m_mutex);
    while (!m_quit) {
        if (sampleMemory(lock)) continue;
        if (m_interruptTid != 0) {
            const unsigned long tid = m_interruptTid;
            m_interruptTid = 0;
            lock.unlock();
            PyGILState_STATE g = PyGILState_Ensure();
            PyThreadState_SetAsyncExc(tid, PyExc_KeyboardInterrupt);
            PyGILState_Release(g);
            lock.lock();
            continue;
        }
        if (!m_armed) {
            if (m_memTid != 0) m_cv.wait_until(lock, m_nextSample);
            else m_cv.wait(lock);
            continue;
        }
        // The running call's budget; the outermost call's cap holds only while it runs itself.
        const auto deadline = currentDeadline();
        // The memory watch wakes the thread between deadlines; its sample is taken above.
        const auto wake = m_memTid != 0 ? std::min(deadline, m_nextSample) : deadline;
        if (m_cv.wait_until(lock, wake) != std::cv_status::timeout) continue;
        if (std::chrono::steady_clock::now() < deadline) continue;
        const auto current = currentDeadline();
        if (!m_armed || m_quit || current != deadline || m_fired || !m_excType) continue;
        m_fired = true;
        m_firedByCap = m_paused.empty() && m_hardDeadline < m_deadline;
        m_capPending = false;
        const unsigned long tid = m_threadId;
        PyObject *exc = static_cast<PyObject *>(m_excType);
        lock.unlock();
        // The main thread releases the GIL every few ms while running Python code.
        PyGILState_STATE g = PyGILState_Ensure();
        PyThreadState_SetAsyncExc(tid, exc);
        PyGILState_Release(g);
        lock.lock();
    }
}

} // namespace dsl::python
