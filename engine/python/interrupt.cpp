// SIGINT handling and the pending-interrupt flag shared by the CLI's Ctrl-C and the GUI's Stop.
#include "interrupt.h"

#include <pybind11/pybind11.h>

#include <atomic>
#include <csignal>

namespace dsl::python {

namespace {
std::atomic<int> g_busy{0};
std::atomic<bool> g_pending{false};
static_assert(std::atomic<int>::is_always_lock_free && std::atomic<bool>::is_always_lock_free);

extern "C" void onSigint(int)
{
    if (!markInterruptPending()) PyErr_SetInterrupt(); // async-signal-safe (CPython docs)
}
} // namespace

void installInterruptHandler()
{
    struct sigaction sa {};
    sa.sa_handler = onSigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, nullptr);
}

void installTerminateAsInterrupt()
{
    struct sigaction sa {};
    sa.sa_handler = onSigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGTERM, &sa, nullptr);
}

bool markInterruptPending()
{
    if (g_busy.load() > 0) {
        g_pending.store(true);
        return true;
    }
    return false;
}

void deliverPendingInterrupt(int busyLevel)
{
    if (g_busy.load() > busyLevel || !g_pending.exchange(false)) return;
    PyErr_SetNone(PyExc_KeyboardInterrupt);
    throw pybind11::error_already_set();
}

bool engineBusy()
{
    return g_busy.load() > 0;
}

void clearPendingInterrupt()
{
    g_pending.store(false);
}

bool takePendingInterrupt()
{
    return g_pending.exchange(false);
}

EngineBusyScope::EngineBusyScope()
{
    ++g_busy;
}

EngineBusyScope::~EngineBusyScope()
{
    --g_busy;
}

} // namespace dsl::python
