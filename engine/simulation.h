// Simulation: the "JVM" of a run — clock, event queue, RNG, observers, log, trace and fingerprint.
#pragma once

#include "eventqueue.h"
#include "faults.h"
#include "inputlog.h"
#include "kafkabroker.h"
#include "observer.h"
#include "recoveryaudit.h"
#include "rng.h"
#include "simtime.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace dsl {

class SparkContext;
class StreamingContext;
struct EngineSnapshot;

struct SimulationConfig {
    SimTime startTime{0};      ///< clock at construction (ms since epoch)
    std::uint64_t seed = 42;   ///< the only RNG seed
    int hostCores = 4;         ///< what "local[*]" resolves to (fixed, so runs are portable)
    /// Where the Kafka broker keeps its groups' committed offsets (KafkaBroker::setCommitStore):
    /// the run folder's, so a restarted driver finds them; empty: in memory only, a fresh
    /// cluster per run (`dstreamlab run`).
    std::string kafkaCommitStore;
};

/// One line of the event trace (also what the fingerprint hashes).
struct TraceRecord {
    SimTime time;
    std::string kind;
    std::string detail;
};

/// Owns simulated time. The host drives it: step(), runUntil(t); it never starts a thread or a
/// timer (docs/conventions.md §4). One Simulation plays the role of one JVM: it knows the active
/// SparkContext and StreamingContext ("only one StreamingContext may be started in this JVM").
class Simulation {
public:
    explicit Simulation(SimulationConfig cfg = {});
    ~Simulation();
    Simulation(const Simulation &) = delete;
    Simulation &operator=(const Simulation &) = delete;

    SimTime now() const { return m_now; }
    int hostCores() const { return m_cfg.hostCores; }
    std::uint64_t seed() const { return m_cfg.seed; }
    Rng &rng() { return m_rng; }
    InputLog &inputLog() { return m_input; }
    /// The simulated Kafka cluster, holding every message the input log produced up to t (the
    /// input's KafkaMessage records are appended in time order as time reaches them).
    kafka::KafkaBroker &kafkaAt(SimTime t);
    SimTime startTime() const { return m_cfg.startTime; }

    /// Adds an injected fault (faults.h); hosts add them with the input, before or during the run.
    /// Each added fault is traced, so it is part of the fingerprint as the input is.
    void addTaskFault(TaskFault fault);
    /// The first unfired fault matching a task attempt computed now, marked fired and traced
    /// ("fault"); nullptr when none matches. Called by SparkContext for every task attempt;
    /// outputOpId is -1 for a task that does not run an output operation's function.
    const TaskFault *takeTaskFault(int stageId, int outputOpId, int partition);
    const std::vector<TaskFault> &taskFaults() const { return m_faults; }
    /// Adds any injected fault: a TaskFault as addTaskFault does, a ClusterFault as an event at
    /// its time (never before now) that acts on the active contexts, traces what it did
    /// ("cluster-fault") and reports it to the observers (onFault).
    void addFault(Fault fault);
    /// A kill-driver fault fired: the "JVM" is gone. Every event was dropped and the run loop
    /// ends as if the host had ended it (AwaitEnd::HostEnded); the host may start the program
    /// again in a new run.
    bool driverKilled() const { return m_driverKilled.has_value(); }
    /// The kill-driver fault that fired, if any.
    const std::optional<ClusterFault> &killedBy() const { return m_driverKilled; }
    /// The killed driver's checkpoint directory (ssc.checkpoint), if it had one: what a new
    /// driver's StreamingContext.getOrCreate can recover from.
    const std::optional<std::string> &killedCheckpointDir() const { return m_killedCheckpointDir; }
    /// What the killed driver held and had done (recoveryaudit.h), for judging its successor's
    /// recovery; nullopt when no driver was killed, or none was streaming.
    const std::optional<DriverLedger> &deathLedger() const { return m_deathLedger; }

    /// Schedules an action; `kind` names it in the trace. Returns an id for cancel().
    EventId schedule(SimTime t, EventPriority p, std::string kind, std::function<void()> action);
    void cancel(EventId id) { m_queue.cancel(id); }
    bool hasPendingEvents() { return !m_queue.empty(); }
    /// Time of the next event, if any.
    std::optional<SimTime> nextEventTime();

    /// Runs the next event (advancing the clock to it). Returns false when nothing is queued.
    bool step();
    /// Runs every event with time <= t, then sets the clock to t (never backwards).
    void runUntil(SimTime t);
    /// Advances the clock without running anything (used when idle).
    void advanceTo(SimTime t);
    /// A value copy of what the host may show: time, batches, receivers, blocks, cores
    /// (enginesnapshot.h). Never changes the simulation.
    EngineSnapshot snapshot() const;

    void addObserver(SimulationObserver *o);
    void removeObserver(SimulationObserver *o);
    /// Calls f on every observer (in registration order).
    template <class F> void notify(F &&f)
    {
        for (auto *o : m_observers) f(*o);
    }

    void log(LogLevel level, const std::string &source, const std::string &message);
    /// Program output (pprint text) routed to observers; also traced.
    void output(const std::string &text);
    /// While set, output() text is collected here instead (a streaming job's output is
    /// released when the job completes).
    void setOutputCapture(std::vector<std::string> *sink) { m_capture = sink; }
    /// True while an event's action is running (host calls that must not nest check it).
    bool isDispatching() const { return m_dispatching; }
    /// Appends to the trace and folds it into the fingerprint.
    void trace(std::string kind, std::string detail);
    /// FNV-1a 64 over every trace record so far (time, kind, detail), plus the added faults'
    /// hashes (noteFaultAdded: independent of when a fault was added).
    std::uint64_t fingerprint() const { return m_fingerprint + m_faultsHash; }
    std::string fingerprintHex() const;
    /// The most recent trace records (bounded, for the event log view).
    const std::deque<TraceRecord> &recentTrace() const { return m_trace; }
    std::uint64_t traceCount() const { return m_traceCount; }

    // JVM-wide registry
    void registerSparkContext(SparkContext *sc);
    void unregisterSparkContext(SparkContext *sc);
    SparkContext *activeSparkContext() const { return m_activeSc; }
    StreamingContext *activeStreamingContext() const { return m_activeSsc; }
    void setActiveStreamingContext(StreamingContext *ssc)
    {
        m_activeSsc = ssc;
        if (ssc) m_lastSsc = ssc;
    }
    /// Called by a StreamingContext's destructor so that snapshot() never reads a dead one.
    void forgetStreamingContext(const StreamingContext *ssc)
    {
        if (m_activeSsc == ssc) m_activeSsc = nullptr;
        if (m_lastSsc == ssc) m_lastSsc = nullptr;
    }

private:
    SimulationConfig m_cfg;
    SimTime m_now;
    EventQueue m_queue;
    Rng m_rng;
    InputLog m_input;
    kafka::KafkaBroker m_kafka;
    std::string m_kafkaStoreError; ///< logged by the first kafkaAt
    std::size_t m_kafkaNext = 0; ///< input records before this index are in m_kafka (or not Kafka's)
    std::vector<TaskFault> m_faults;
    std::optional<ClusterFault> m_driverKilled;
    std::optional<std::string> m_killedCheckpointDir;
    std::optional<DriverLedger> m_deathLedger;
    void applyClusterFault(const ClusterFault &fault);
    void noteFaultAdded(const std::string &description);
    std::vector<SimulationObserver *> m_observers;
    std::deque<TraceRecord> m_trace;
    std::uint64_t m_traceCount = 0;
    std::uint64_t m_fingerprint = 14695981039346656037ULL;
    std::uint64_t m_faultsHash = 0; ///< the added faults' hashes, summed (noteFaultAdded)
    std::vector<std::string> *m_capture = nullptr;
    bool m_dispatching = false;
    SparkContext *m_activeSc = nullptr;
    StreamingContext *m_activeSsc = nullptr;
    StreamingContext *m_lastSsc = nullptr; ///< the last one started, for snapshot() after stop
};

} // namespace dsl
