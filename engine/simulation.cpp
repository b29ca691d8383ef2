// Simulation: clock, event loop, observers and the fingerprinted trace.
#include "simulation.h"

#include "errors.h"
#include "jobscheduler.h"
#include "sparkcontext.h"
#include "streamingcontext.h"
#include "taskscheduler.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace dsl {

namespace {
constexpr std::size_t kRecentTrace = 2000;
/// The recent trace keeps at most this much of a record's detail (the fingerprint hashes all of
/// it): 2000 lines of a program printing 1 MB each would otherwise hold 2 GB.
constexpr std::size_t kTraceDetailKept = 1024;

void fnv(std::uint64_t &h, const void *data, std::size_t n)
{
    auto p = static_cast<const unsigned char *>(data);
    for (std::size_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
}
} // namespace

Simulation::Simulation(SimulationConfig cfg) : m_cfg(cfg), m_now(cfg.startTime), m_rng(cfg.seed)
{
    if (!m_cfg.kafkaCommitStore.empty()) m_kafkaStoreError = m_kafka.setCommitStore(m_cfg.kafkaCommitStore);
}

Simulation::~Simulation() = default;

EventId Simulation::schedule(SimTime t, EventPriority p, std::string kind, std::function<void()> action)
{
    return m_queue.push(std::max(t, m_now), p, std::move(kind), std::move(action));
}

std::optional<SimTime> Simulation::nextEventTime()
{
    if (m_queue.empty()) return std::nullopt;
    return m_queue.nextTime();
}

bool Simulation::step()
{
    if (m_queue.empty()) return false;
    Event e = m_queue.pop();
    m_now = std::max(m_now, e.time);
    const bool outer = !m_dispatching;
    m_dispatching = true;
    try {
        e.action();
    } catch (...) {
        if (outer) m_dispatching = false;
        throw;
    }
    if (outer) m_dispatching = false;
    return true;
}

void Simulation::runUntil(SimTime t)
{
    while (!m_queue.empty() && m_queue.nextTime() <= t) step();
    advanceTo(t);
}

void Simulation::advanceTo(SimTime t)
{
    if (t > m_now) m_now = t;
}

void Simulation::addObserver(SimulationObserver *o)
{
    if (std::find(m_observers.begin(), m_observers.end(), o) == m_observers.end()) m_observers.push_back(o);
}

void Simulation::removeObserver(SimulationObserver *o)
{
    m_observers.erase(std::remove(m_observers.begin(), m_observers.end(), o), m_observers.end());
}

void Simulation::log(LogLevel level, const std::string &source, const std::string &message)
{
    if (level >= LogLevel::Warn) trace("log", source + ": " + message);
    for (auto *o : m_observers) o->onLog(m_now, level, source, message);
}

void Simulation::output(const std::string &text)
{
    if (m_capture) {
        m_capture->push_back(text);
        return;
    }
    trace("output", text);
    for (auto *o : m_observers) o->onOutput(m_now, text);
}

void Simulation::noteFaultAdded(const std::string &description)
{
    // A fault is input, so it enters the fingerprint; but one the dashboard injects while the run
    // goes on is added then, and its replay adds it at the start: the fingerprint takes it as a
    // sum of hashes, independent of when and in which order faults were added. Shown in the
    // trace all the same.
    std::uint64_t h = 14695981039346656037ULL;
    fnv(h, description.data(), description.size());
    m_faultsHash += h;
    m_trace.push_back(TraceRecord{m_now, "fault-added", description});
    if (m_trace.size() > kRecentTrace) m_trace.pop_front();
}

void Simulation::addTaskFault(TaskFault fault)
{
    noteFaultAdded(fault.describe(m_cfg.startTime));
    m_faults.push_back(std::move(fault));
}

const TaskFault *Simulation::takeTaskFault(int stageId, int outputOpId, int partition)
{
    for (auto &f : m_faults) {
        if (!f.matches(m_now, stageId, outputOpId, partition)) continue;
        f.fired = true;
        trace("fault", f.describe(m_cfg.startTime) + " fails stage " + std::to_string(stageId) + " partition " +
                           std::to_string(partition));
        return &f;
    }
    return nullptr;
}

void Simulation::addFault(Fault fault)
{
    if (auto *t = std::get_if<TaskFault>(&fault)) {
        addTaskFault(std::move(*t));
        return;
    }
    ClusterFault c = std::get<ClusterFault>(std::move(fault));
    noteFaultAdded(c.describe(m_cfg.startTime));
    const SimTime at = std::max(c.at, m_now);
    // Control: before anything else of that millisecond (a block cut at the same moment is cut
    // by the new receiver, not the dead one).
    schedule(at, EventPriority::Control, "cluster-fault", [this, c = std::move(c)] { applyClusterFault(c); });
}

void Simulation::applyClusterFault(const ClusterFault &fault)
{
    FaultReport report;
    report.time = m_now;
    report.action = fault.action();
    report.description = fault.describe(m_cfg.startTime);
    StreamingContext *ssc = m_activeSsc;
    SparkContext *sc = m_activeSc;
    switch (fault.kind) {
    case ClusterFault::Kind::KillReceiver:
        if (!ssc || ssc->state() != StreamingState::ACTIVE) {
            report.applied = false;
            report.effects.push_back("no StreamingContext is running");
        } else {
            ssc->scheduler().killReceiver(fault.target, report);
        }
        break;
    case ClusterFault::Kind::KillExecutor:
        if (!sc) {
            report.applied = false;
            report.effects.push_back("no SparkContext is running");
        } else {
            sc->taskScheduler().killExecutor(sc->taskScheduler().executorIndexFor(fault.target), report);
        }
        break;
    case ClusterFault::Kind::SlowExecutor:
        if (!sc) {
            report.applied = false;
            report.effects.push_back("no SparkContext is running");
        } else {
            sc->taskScheduler().slowExecutor(sc->taskScheduler().executorIndexFor(fault.target), fault.factor, report);
        }
        break;
    case ClusterFault::Kind::KillDriver:
        // The driver's JVM dies: its timers, receivers and running jobs with it. Nothing is
        // stopped in order (no StreamingContext.stop, no last checkpoint): every event goes.
        m_driverKilled = fault;
        if (ssc) m_killedCheckpointDir = ssc->checkpointDir();
        if (ssc && ssc->state() == StreamingState::ACTIVE) {
            // What had arrived dies in the receivers' buffers; the ledger keeps what the next
            // driver's audit needs (recoveryaudit.h), read before the events go.
            ssc->scheduler().takeArrivedInput(report);
            m_deathLedger = ledgerOfDyingDriver(*this);
        }
        m_queue.clear();
        report.effects.insert(report.effects.begin(), "the driver died: its receivers, batches and running jobs with it");
        break;
    }
    std::string effects;
    for (const auto &e : report.effects) effects += (effects.empty() ? "" : "; ") + e;
    trace("cluster-fault", report.description + (report.applied ? ": " : " (not applied): ") + effects);
    if (!report.applied)
        log(LogLevel::Warn, "DStreamLab", "Fault " + report.description + " not applied: " + effects);
    notify([&](SimulationObserver &o) { o.onFault(report); });
}

void Simulation::trace(std::string kind, std::string detail)
{
    const std::int64_t t = m_now.ms();
    fnv(m_fingerprint, &t, sizeof t);
    fnv(m_fingerprint, kind.data(), kind.size());
    fnv(m_fingerprint, "\x1f", 1);
    fnv(m_fingerprint, detail.data(), detail.size());
    fnv(m_fingerprint, "\x1e", 1);
    ++m_traceCount;
    if (detail.size() > kTraceDetailKept) {
        detail.resize(kTraceDetailKept);
        detail.shrink_to_fit();
    }
    m_trace.push_back(TraceRecord{m_now, std::move(kind), std::move(detail)});
    if (m_trace.size() > kRecentTrace) m_trace.pop_front();
}

std::string Simulation::fingerprintHex() const
{
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fingerprint()));
    return buf;
}

void Simulation::registerSparkContext(SparkContext *sc)
{
    // SparkContext.assertNoOtherContextIsRunning (PySpark: "Cannot run multiple SparkContexts at once")
    if (m_activeSc && m_activeSc != sc)
        throw SparkException("Only one SparkContext should be running in this JVM (see SPARK-2243).");
    m_activeSc = sc;
}

void Simulation::unregisterSparkContext(SparkContext *sc)
{
    if (m_activeSc == sc) m_activeSc = nullptr;
}

kafka::KafkaBroker &Simulation::kafkaAt(SimTime t)
{
    if (!m_kafkaStoreError.empty()) log(LogLevel::Warn, "KafkaBroker", std::exchange(m_kafkaStoreError, {}));
    m_kafkaNext = std::max(m_kafkaNext, m_input.firstIndex()); // records discarded unread had none for Kafka
    for (; m_kafkaNext < m_input.size() && m_input[m_kafkaNext].time <= t; ++m_kafkaNext) {
        const InputRecord &r = m_input[m_kafkaNext];
        if (r.kind == InputRecord::Kind::KafkaMessage) m_kafka.produce(r.path, r.key, r.text, r.time, r.partition);
    }
    return m_kafka;
}

} // namespace dsl
