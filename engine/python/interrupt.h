// Ctrl-C and the dashboard's Stop: KeyboardInterrupt reaches the program's own code, never a user function the engine runs.
#pragma once

namespace dsl::python {

/// Installs the process's SIGINT handler (after CPython's own): outside the engine it trips
/// Python's KeyboardInterrupt at once (a program stuck in its own top-level loop); while the
/// engine runs (a simulated wait, an action) it only marks the interrupt pending, so that no
/// task or output operation fails with KeyboardInterrupt, and the wait delivers it between
/// two simulation steps (deliverPendingInterrupt).
void installInterruptHandler();

/// Marks an interrupt pending; async-signal-safe. Returns true when the engine is busy (the
/// interrupt waits for deliverPendingInterrupt), false when the caller must make Python raise it.
bool markInterruptPending();

/// Raises KeyboardInterrupt (as py::error_already_set) when an interrupt is pending and at
/// most `busyLevel` EngineBusyScopes are open: the caller's own (1, a simulated wait between
/// two steps) or none (0, after an action). Inside a user function run by the engine (an
/// action in foreachRDD) more are open and the interrupt keeps waiting. GIL held.
void deliverPendingInterrupt(int busyLevel);

/// Whether an EngineBusyScope is open (the engine is running, possibly a user function).
bool engineBusy();

/// Forgets a pending interrupt (a new run starts).
void clearPendingInterrupt();

/// Takes a pending interrupt (true, and it is no longer pending), so that a host's pacer can end
/// the run itself at a point it chooses (`dstreamlab run --real-time`: where a `--seconds` replay
/// ends too) instead of the wait raising KeyboardInterrupt.
bool takePendingInterrupt();

/// Makes SIGTERM do what SIGINT does (installInterruptHandler's handler): a long real-time run
/// stopped by `kill` or a service manager ends as cleanly as one stopped with Ctrl-C.
void installTerminateAsInterrupt();

/// Marks the engine busy (running user functions) for its lifetime; nests.
class EngineBusyScope {
public:
    EngineBusyScope();
    ~EngineBusyScope();
    EngineBusyScope(const EngineBusyScope &) = delete;
    EngineBusyScope &operator=(const EngineBusyScope &) = delete;
};

} // namespace dsl::python
