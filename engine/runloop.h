// The one run loop: every wait of a driver program (awaitTermination*, time.sleep, a graceful
// stop) runs the simulation through it, paced by the host (docs/runloop.md).
#pragma once

#include "simtime.h"

#include <functional>
#include <optional>
#include <string>

namespace dsl {

class Simulation;

/// How a host lets simulated time pass (OMNeT++'s Cmdenv and Qtenv share one kernel loop the
/// same way, docs/conventions.md §4). The loop calls it on the thread that waits.
class Pacer {
public:
    virtual ~Pacer() = default;
    /// Asked before the loop runs its next event (upTo = the event's time) and before it moves
    /// the clock to a wait's deadline (upTo = the deadline, also when the clock is already
    /// there, so every timed wait gives the host a say). May block until the host allows more
    /// time; may look at the simulation, must not change it. false ends the wait with
    /// AwaitEnd::HostEnded and the clock where it is.
    virtual bool allow(SimTime upTo) = 0;
    /// Called after each event the loop ran. May throw (the Python bridge delivers a pending
    /// Ctrl-C here, between two events); the exception leaves the loop.
    virtual void afterEvent() {}
};

/// Never pauses: the CLI, tests, and the engine's own waits without a host.
class AsFastAsPossiblePacer final : public Pacer {
public:
    bool allow(SimTime) override { return true; }
};

/// When a run is over, besides the program stopping its context (the CLI's `--seconds` and
/// "the run ends once all input is processed"). A default RunPolicy never ends a run.
struct RunPolicy {
    /// --seconds: every wait ends once the clock has reached this time (start + S). When set,
    /// drained is not considered.
    std::optional<SimTime> endTime;
    /// An untimed wait (awaitTermination()) ends once the active context is drained
    /// (StreamingContext::isDrained). A timed wait only notes it (AwaitResult::drainedOnTheWay):
    /// it runs to its deadline, since the program's code after it may do more.
    bool endWhenDrained = false;
    /// Where the one-time warnings of the drained check go (input no socket source reads,
    /// receivers that leave no core for tasks); the CLI prints them on stderr. Unset: dropped.
    std::function<void(const std::string &)> warn;
};

/// Why a wait ended.
enum class AwaitEnd {
    Stopped,         ///< the context is stopped (by the program, a job, or a graceful stop's drain)
    DeadlineReached, ///< the clock reached the deadline
    Drained,         ///< untimed wait and RunPolicy::endWhenDrained: the active context is drained
    EndTimeReached,  ///< the clock reached RunPolicy::endTime
    HostEnded,       ///< Pacer::allow returned false
    NothingLeft,     ///< untimed, and no event is queued: nothing can ever happen again
};

const char *toString(AwaitEnd e);

struct AwaitResult {
    AwaitEnd end = AwaitEnd::Stopped;
    /// A timed wait found the active context drained before some event (or at its deadline):
    /// the Python bridge counts such idle waits to end an endless polling loop.
    bool drainedOnTheWay = false;
};

/// The loop itself. Repeats: `until()` may end the loop (it may also throw: a job's error);
/// then, with a deadline and no event at or before it, asks the pacer for the deadline, moves
/// the clock there and ends (DeadlineReached); without a deadline and no event, ends
/// (NothingLeft); otherwise asks the pacer for the next event's time, runs that one event
/// (Simulation::step, (time, priority, sequence) order) and calls Pacer::afterEvent. Must not be
/// called from inside an event (Simulation::isDispatching).
AwaitEnd runLoop(Simulation &sim, Pacer &pacer, std::optional<SimTime> deadline,
                 const std::function<std::optional<AwaitEnd>()> &until = {});

/// time.sleep on a driver with an active streaming context: the simulation runs to `deadline`
/// whatever happens to the context. A job's error does not end it (it is reported to the
/// context's waiter, which only awaitTermination rethrows: ContextWaiter, JobScheduler.reportError),
/// nor does a stop (the stopped context's last events run at their times); RunPolicy's end time
/// ends it (EndTimeReached), the host may (HostEnded), and a drained active context is noted
/// (drainedOnTheWay). Otherwise DeadlineReached.
AwaitResult sleepOnDriver(Simulation &sim, SimTime deadline, Pacer &pacer, const RunPolicy &policy = {});

/// A wait of a driver with no active streaming context (time.sleep before start or after
/// stop): the events still queued (a stopped context's last ones) run at their own times and
/// the clock moves to `deadline`. DeadlineReached or HostEnded.
AwaitEnd awaitWithoutContext(Simulation &sim, SimTime deadline, Pacer &pacer);

} // namespace dsl
