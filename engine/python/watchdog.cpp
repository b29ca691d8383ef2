// Watchdog thread: raises an asynchronous exception in a Python call that overran its budget.
#include "watchdog.h"

#include <Python.h>

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
    if (m_depth++ > 0) return;
    m_armed = true;
    m_fired = false;
    m_threadId = PyThread_get_thread_ident();
    m_deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    m_cv.notify_all();
}

void Watchdog::disarm()
{
    std::lock_guard lock(m_mutex);
    if (m_depth > 0 && --m_depth == 0) m_armed = false;
}

void Watchdog::interrupt(unsigned long tid)
{
    std::lock_guard lock(m_mutex);
    m_interruptTid = tid;
    m_cv.notify_all();
}

void Watchdog::loop()
{
    std::unique_lock lock(m_mutex);
    while (!m_quit) {
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
            m_cv.wait(lock);
            continue;
        }
        auto deadline = m_deadline;
        if (m_cv.wait_until(lock, deadline) != std::cv_status::timeout) continue;
        if (!m_armed || m_quit || m_deadline != deadline || m_fired || !m_excType) continue;
        m_fired = true;
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
