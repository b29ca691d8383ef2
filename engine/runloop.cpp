// The one run loop, the waits built on it (StreamingContext::await, a driver with no active
// context) and the end-of-run rule "drained" (StreamingContext::isDrained).
#include "runloop.h"

#include "inputdstreams.h"
#include "jobscheduler.h"
#include "simulation.h"
#include "sparkcontext.h"
#include "streamingcontext.h"
#include "taskscheduler.h"

#include <algorithm>

namespace dsl {

const char *toString(AwaitEnd e)
{
    switch (e) {
    case AwaitEnd::Stopped: return "Stopped";
    case AwaitEnd::DeadlineReached: return "DeadlineReached";
    case AwaitEnd::Drained: return "Drained";
    case AwaitEnd::EndTimeReached: return "EndTimeReached";
    case AwaitEnd::HostEnded: return "HostEnded";
    case AwaitEnd::NothingLeft: return "NothingLeft";
    }
    return "?";
}

AwaitEnd runLoop(Simulation &sim, Pacer &pacer, std::optional<SimTime> deadline,
                 const std::function<std::optional<AwaitEnd>()> &until)
{
    for (;;) {
        // kill-driver: the driver is gone; whatever waited in it ends with the run.
        if (sim.driverKilled()) return AwaitEnd::HostEnded;
        if (until)
            if (auto end = until()) return *end;
        const std::optional<SimTime> next = sim.nextEventTime();
        if (deadline && (!next || *next > *deadline)) {
            if (!pacer.allow(*deadline)) return AwaitEnd::HostEnded;
            sim.advanceTo(*deadline);
            return AwaitEnd::DeadlineReached;
        }
        if (!next) return AwaitEnd::NothingLeft;
        if (!pacer.allow(*next)) return AwaitEnd::HostEnded;
        sim.step();
        pacer.afterEvent();
    }
}

AwaitEnd awaitWithoutContext(Simulation &sim, SimTime deadline, Pacer &pacer)
{
    return runLoop(sim, pacer, deadline);
}

// ---- StreamingContext's wait and end-of-run rule (declared in streamingcontext.h) ---------------

AwaitResult StreamingContext::awaitTermination(std::optional<SimTime> deadline, Pacer &pacer, const RunPolicy &policy)
{
    return wait(deadline, pacer, policy, true);
}

AwaitResult StreamingContext::await(std::optional<SimTime> deadline, Pacer &pacer, const RunPolicy &policy)
{
    return wait(deadline, pacer, policy, false);
}

namespace {
/// RunPolicy's end time, or the drained note (an untimed wait ends there), for any wait.
std::optional<AwaitEnd> policyEnd(Simulation &sim, const RunPolicy &policy, bool timed, AwaitResult &result)
{
    if (policy.endTime) {
        if (sim.now() >= *policy.endTime) return AwaitEnd::EndTimeReached;
    } else if (policy.endWhenDrained) {
        StreamingContext *active = StreamingContext::getActive(sim);
        if (!active) return std::nullopt;
        for (const std::string &w : active->takeUnusableInputWarnings())
            if (policy.warn) policy.warn(w);
        if (active->isDrained()) {
            if (!timed) return AwaitEnd::Drained;
            result.drainedOnTheWay = true;
        }
    }
    return std::nullopt;
}
} // namespace

AwaitResult StreamingContext::wait(std::optional<SimTime> deadline, Pacer &pacer, const RunPolicy &policy,
                                   bool keepError)
{
    Simulation &sim = simulation();
    AwaitResult result;
    result.end = runLoop(sim, pacer, deadline, [&]() -> std::optional<AwaitEnd> {
        // ContextWaiter.waitForStopOrError: "If already had error, then throw it", before a stop.
        if (m_error) std::rethrow_exception(keepError ? m_error : takeError());
        if (m_state == StreamingState::STOPPED) return AwaitEnd::Stopped;
        return policyEnd(sim, policy, deadline.has_value(), result);
    });
    return result;
}

AwaitResult sleepOnDriver(Simulation &sim, SimTime deadline, Pacer &pacer, const RunPolicy &policy)
{
    AwaitResult result;
    result.end = runLoop(sim, pacer, deadline, [&]() { return policyEnd(sim, policy, true, result); });
    return result;
}

namespace {
/// The ports the graph's socket sources read.
std::vector<int> socketPorts(const DStreamGraph &graph)
{
    std::vector<int> ports;
    for (const auto &in : graph.inputStreams())
        if (auto s = std::dynamic_pointer_cast<SocketInputDStream>(in)) ports.push_back(s->port());
    return ports;
}

bool contains(const std::vector<int> &v, int x)
{
    return std::find(v.begin(), v.end(), x) != v.end();
}
} // namespace

bool StreamingContext::isDrained() const
{
    Simulation &sim = simulation();
    const SimTime now = sim.now();
    const InputLog &log = sim.inputLog();
    // Input still to come, or not yet accepted by a receiver. Lines for a port no socket
    // source reads can never be received: they do not hold the run open.
    const std::vector<int> ports = socketPorts(m_graph);
    std::optional<SimTime> lastInput;
    for (std::size_t i = log.size(); i-- > log.firstIndex();) {
        const InputRecord &rec = log[i];
        if (rec.kind == InputRecord::Kind::SocketLine && rec.port != 0 && !contains(ports, rec.port)) continue;
        lastInput = rec.time;
        break;
    }
    if (lastInput && *lastInput > now) return false;
    const JobScheduler &js = *m_scheduler;
    // A receiver that cannot connect (nobody listens on its port) never accepts anything.
    for (const auto &r : js.receivers())
        if (r.active && r.lastError.empty() && r.inputLogAccepted < log.size()) return false;
    if (js.hasPendingBlocks()) return false;
    for (const auto &in : m_graph.inputStreams())
        if (auto q = std::dynamic_pointer_cast<QueueInputDStream>(in); q && !q->queue()->empty()) return false;
    // Every batch must have completed, unless no core can ever run a task (local[1] with a
    // receiver): then nothing more will happen and waiting would never end.
    if (m_sc.taskScheduler().coresForTasks() == 0) return true;
    for (const auto &[t, b] : js.batches())
        if (!b.isCompleted()) return false;
    // At least one batch after the last input must have been generated.
    return js.lastGeneratedBatch() && *js.lastGeneratedBatch() >= lastInput.value_or(SimTime(0));
}

std::vector<std::string> StreamingContext::takeUnusableInputWarnings()
{
    std::vector<std::string> out;
    if (m_state != StreamingState::ACTIVE) return out;
    const std::string &master = m_sc.master();
    // The receivers hold their cores once launched (an event after start).
    if (!m_warnedNoCores && !m_scheduler->receivers().empty() && m_sc.taskScheduler().coresForTasks() == 0 &&
        master != "local" && master != "local[1]") {
        m_warnedNoCores = true;
        const int receivers = static_cast<int>(m_scheduler->receivers().size());
        const int cores = m_sc.totalCores();
        out.push_back("DStream Lab: " + master + " gives " + std::to_string(cores) + " core" + (cores == 1 ? "" : "s") +
                      " and the program runs " + std::to_string(receivers) + " receiver" + (receivers == 1 ? "" : "s") +
                      " (each holds a core for good), so no core is left to process the received data: batches are "
                      "generated but their jobs never run. Use local[n] with n > the number of receivers (Spark "
                      "Streaming Programming Guide, \"Points to remember\"). The run ends once all input is received.\n");
    }
    if (m_checkedUnreadInput) return out;
    m_checkedUnreadInput = true;
    const std::vector<int> ports = socketPorts(m_graph);
    std::string listened;
    for (int p : ports) listened += (listened.empty() ? "" : ", ") + std::to_string(p);
    std::vector<int> unused;
    const InputLog &log = simulation().inputLog();
    for (std::size_t i = log.firstIndex(); i < log.size(); ++i) {
        const InputRecord &rec = log[i];
        if (rec.kind != InputRecord::Kind::SocketLine || rec.port == 0) continue;
        if (!contains(ports, rec.port) && !contains(unused, rec.port)) unused.push_back(rec.port);
    }
    for (int p : unused)
        out.push_back("DStream Lab: the input for port " + std::to_string(p) + " is never read: " +
                      (ports.empty() ? std::string("the program has no socket source")
                                     : "the program's socket sources read port" +
                                           std::string(ports.size() > 1 ? "s " : " ") + listened) +
                      ". That input is ignored; the run ends once the rest is processed.\n");
    return out;
}

} // namespace dsl
