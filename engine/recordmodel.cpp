// Micro-batch vs record-at-a-time (recordmodel.h): a discrete-event simulation of a Storm-style
// word count topology, the same word count on the engine's DStreams, and the throughput search.
#include "recordmodel.h"

#include "costmodel.h"
#include "dstreamops.h"
#include "keyindex.h"
#include "simulation.h"
#include "sparkcontext.h"
#include "streamingcontext.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <numeric>
#include <queue>
#include <stdexcept>
#include <tuple>

namespace dsl::models {

std::int64_t wordCountRecordNs()
{
    // The course's programs are PySpark: the engine charges each record a Python operator sees
    // nativeRecordNs + pythonRecordNs (engine/rdds.cpp, the fused chain in pyrddbindings.cpp).
    return cost::nativeRecordNs + cost::pythonRecordNs;
}

std::int64_t wordCountLineNs(int words)
{
    return (1 + 2 * static_cast<std::int64_t>(words)) * wordCountRecordNs();
}

namespace {

// ---- the record model's per-task CPU (docs/throughput-latency.md derives each sum) ----------

/// The split bolt: execute the line, split it and make each word's tuple (1 + W records of
/// work, as flatMap and map in the micro-batch), emit W word tuples and its ack to the acker.
std::int64_t splitNs(int w)
{
    return cost::stormTupleExecuteNs + (1 + w) * wordCountRecordNs() + (w + 1) * cost::stormTupleEmitNs;
}
/// The count bolt, per word: execute it, count it (one record, as the map-side combine), ack.
std::int64_t countNs()
{
    return cost::stormTupleExecuteNs + wordCountRecordNs() + cost::stormTupleEmitNs;
}
/// The acker, per message (Acker.execute: RotatingMap lookup and XOR); the message that brings
/// the XOR to 0 also emits the ack to the spout.
std::int64_t ackerNs(bool last)
{
    return cost::stormTupleExecuteNs + cost::stormAckerUpdateNs + (last ? cost::stormTupleEmitNs : 0);
}

std::vector<std::int64_t> evenArrivalsNs(double rate, Duration span)
{
    const auto n = static_cast<std::int64_t>(std::floor(rate * static_cast<double>(span.ms()) / 1000.0));
    std::vector<std::int64_t> out(static_cast<std::size_t>(std::max<std::int64_t>(n, 0)));
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<std::int64_t>(static_cast<double>(i) * 1e9 / rate);
    return out;
}

/// Mean and 99th percentile (nearest rank) of `v`, which is reordered.
std::pair<double, double> meanAndP99(std::vector<double> &v)
{
    if (v.empty()) return {0, 0};
    const double mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    const auto rank = static_cast<std::size_t>(std::ceil(0.99 * static_cast<double>(v.size()))) - 1;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(rank), v.end());
    return {mean, v[rank]};
}

void requireArg(bool ok, const std::string &what)
{
    if (!ok) throw std::invalid_argument(what);
}

} // namespace

std::int64_t recordModelBoltNsPerLine(int words)
{
    // split + W counts + (W + 2) acker messages (init, the split's ack, one per count), the last
    // of which emits the ack to the spout.
    return splitNs(words) + words * countNs() + (words + 1) * ackerNs(false) + ackerNs(true);
}

std::int64_t recordModelSpoutNsPerLine()
{
    // nextTuple emits the line and ACKER_INIT; the acker's ack is a tuple the spout executes.
    return 2 * cost::stormTupleEmitNs + cost::stormTupleExecuteNs;
}

// ---- record-at-a-time: the discrete-event simulation --------------------------------------

namespace {

enum class Ev : std::uint8_t { Arrival, SpoutDone, SpoutReady, TaskReady, TaskDone };
enum class Task : std::uint8_t { Emit, SpoutAck, Split, Count, AckerMsg, LastAckerMsg };

struct Event {
    std::int64_t t;
    std::uint64_t seq; // ties run in the order they were scheduled
    std::uint32_t line;
    Ev ev;
    Task task;
    bool operator>(const Event &o) const { return t != o.t ? t > o.t : seq > o.seq; }
};

class RecordSim {
public:
    RecordSim(int cores, int words, const std::vector<std::int64_t> &arrivals)
        : m_words(words), m_freeBoltCores(cores - 1), m_boltCores(cores - 1), m_arrivals(arrivals),
          m_ackerStarted(arrivals.size(), 0), m_latencyNs(arrivals.size(), 0)
    {
    }

    void run()
    {
        if (!m_arrivals.empty()) push(m_arrivals[0], Ev::Arrival, 0, Task::Emit);
        while (!m_events.empty()) {
            const Event e = m_events.top();
            m_events.pop();
            m_now = e.t;
            handle(e);
        }
    }

    const std::vector<std::int64_t> &latencyNs() const { return m_latencyNs; }
    std::int64_t busyNs() const { return m_busyNs; }
    std::int64_t endNs() const { return m_now; }
    int boltCores() const { return m_boltCores; }

private:
    void push(std::int64_t t, Ev ev, std::uint32_t line, Task task) { m_events.push({t, m_seq++, line, ev, task}); }

    std::int64_t taskNs(Task t) const
    {
        switch (t) {
        case Task::Emit: return 2 * cost::stormTupleEmitNs;
        case Task::SpoutAck: return cost::stormTupleExecuteNs;
        case Task::Split: return splitNs(m_words);
        case Task::Count: return countNs();
        case Task::AckerMsg: return ackerNs(false);
        case Task::LastAckerMsg: return ackerNs(true);
        }
        return 0;
    }

    void handle(const Event &e)
    {
        const std::int64_t hop = cost::stormHopDelayNs;
        switch (e.ev) {
        case Ev::Arrival:
            if (e.line + 1 < m_arrivals.size()) push(m_arrivals[e.line + 1], Ev::Arrival, e.line + 1, Task::Emit);
            m_spoutQueue.push_back({e.line, Task::Emit});
            break;
        case Ev::SpoutReady:
            m_spoutQueue.push_back({e.line, Task::SpoutAck});
            break;
        case Ev::SpoutDone:
            m_spoutBusy = false;
            if (e.task == Task::Emit) {
                // SpoutOutputCollector: the tuple goes to the split bolt, then ACKER_INIT.
                push(m_now + hop, Ev::TaskReady, e.line, Task::Split);
                push(m_now + hop, Ev::TaskReady, e.line, Task::AckerMsg);
            } else {
                m_latencyNs[e.line] = m_now - m_arrivals[e.line];
            }
            break;
        case Ev::TaskReady:
            m_boltQueue.push_back({e.line, e.task});
            break;
        case Ev::TaskDone:
            ++m_freeBoltCores;
            if (e.task == Task::Split) {
                // A bolt emits (anchored), then acks its input: the words first, the ack last.
                for (int i = 0; i < m_words; ++i) push(m_now + hop, Ev::TaskReady, e.line, Task::Count);
                push(m_now + hop, Ev::TaskReady, e.line, Task::AckerMsg);
            } else if (e.task == Task::Count) {
                push(m_now + hop, Ev::TaskReady, e.line, Task::AckerMsg);
            } else if (e.task == Task::LastAckerMsg) {
                push(m_now + hop, Ev::SpoutReady, e.line, Task::SpoutAck);
            }
            break;
        }
        startSpout();
        startBolts();
    }

    void startSpout()
    {
        if (m_spoutBusy || m_spoutQueue.empty()) return;
        const auto [line, task] = m_spoutQueue.front();
        m_spoutQueue.pop_front();
        m_spoutBusy = true;
        push(m_now + taskNs(task), Ev::SpoutDone, line, task);
    }

    void startBolts()
    {
        while (m_freeBoltCores > 0 && !m_boltQueue.empty()) {
            auto [line, task] = m_boltQueue.front();
            m_boltQueue.pop_front();
            // Every message of a tree costs the same but the last, which also emits the ack to
            // the spout: the tree's (W + 2)-th message to start is the one that finds XOR = 0.
            if (task == Task::AckerMsg && ++m_ackerStarted[line] == m_words + 2) task = Task::LastAckerMsg;
            --m_freeBoltCores;
            const std::int64_t ns = taskNs(task);
            m_busyNs += ns;
            push(m_now + ns, Ev::TaskDone, line, task);
        }
    }

    struct Queued {
        std::uint32_t line;
        Task task;
    };
    int m_words;
    int m_freeBoltCores;
    int m_boltCores;
    const std::vector<std::int64_t> &m_arrivals;
    std::vector<std::uint8_t> m_ackerStarted;
    std::vector<std::int64_t> m_latencyNs;
    std::priority_queue<Event, std::vector<Event>, std::greater<>> m_events;
    std::deque<Queued> m_spoutQueue, m_boltQueue;
    bool m_spoutBusy = false;
    std::int64_t m_now = 0, m_busyNs = 0;
    std::uint64_t m_seq = 0;
};

/// True when the mean latency of the last quarter of lines exceeds that of the second quarter
/// by more than a few lines' work: the queue in front of the bolts grows.
bool latencyGrows(const std::vector<std::int64_t> &latencyNs, int boltCores, int words)
{
    const std::size_t n = latencyNs.size();
    if (n < 8) return false;
    auto mean = [&](std::size_t from, std::size_t to) {
        return static_cast<double>(std::accumulate(latencyNs.begin() + static_cast<std::ptrdiff_t>(from),
                                                   latencyNs.begin() + static_cast<std::ptrdiff_t>(to), std::int64_t{0})) /
               static_cast<double>(to - from);
    };
    const double tolerance = 8.0 * static_cast<double>(recordModelBoltNsPerLine(words)) / boltCores;
    return mean(3 * n / 4, n) > mean(n / 4, n / 2) + tolerance;
}

} // namespace

RecordModelResult runRecordModel(const RecordModelSettings &s)
{
    requireArg(s.cores >= 2, "the record model needs at least 2 cores (the spout's and a bolt's)");
    requireArg(s.wordsPerLine >= 1 && s.wordsPerLine <= 200, "words per line must be between 1 and 200");
    std::vector<std::int64_t> arrivals = s.arrivalsNs;
    if (arrivals.empty()) {
        requireArg(s.lineRate > 0 && s.span.ms() > 0, "the line rate and the span must be positive");
        arrivals = evenArrivalsNs(s.lineRate, s.span);
    }
    requireArg(std::is_sorted(arrivals.begin(), arrivals.end()), "arrival times must not decrease");
    RecordSim sim(s.cores, s.wordsPerLine, arrivals);
    sim.run();
    RecordModelResult r;
    r.lines = static_cast<std::int64_t>(arrivals.size());
    std::vector<double> ms(sim.latencyNs().begin(), sim.latencyNs().end());
    for (double &x : ms) x /= 1e6;
    std::tie(r.meanLatencyMs, r.p99LatencyMs) = meanAndP99(ms);
    const std::int64_t span = arrivals.empty() ? 0 : sim.endNs() - arrivals.front();
    if (span > 0) r.boltUtilisation = static_cast<double>(sim.busyNs()) / (static_cast<double>(span) * sim.boltCores());
    r.stable = !latencyGrows(sim.latencyNs(), sim.boltCores(), s.wordsPerLine);
    return r;
}

double recordModelMaxThroughput(int cores, int wordsPerLine, double startRate)
{
    // A probe is 4,000 lines: below capacity the deterministic queue stays bounded; 2 % above
    // it, the last quarter waits ~1,000 lines x 2 % of a line's work longer than the second,
    // well past latencyGrows' tolerance of 8 lines' work.
    constexpr int kProbeLines = 4000;
    return searchMaxRate(startRate, 2.0, [&](double rate) {
        RecordModelSettings p;
        p.cores = cores;
        p.wordsPerLine = wordsPerLine;
        p.arrivalsNs = evenArrivalsNs(rate, Duration(static_cast<std::int64_t>(std::ceil(kProbeLines * 1000.0 / rate))));
        return runRecordModel(p).stable;
    });
}

// ---- micro-batch: the word count on the engine ----------------------------------------------

namespace {

constexpr int kPort = 9999;
/// 2026-11-24 10:00:00 UTC, the tests' kT0; the first batch is the next multiple of the interval.
constexpr std::int64_t kEpochMs = 1'795'514'400'000;

/// The course's words, cycled through: line i's word j is kVocabulary[(i * W + j) % 16].
constexpr const char *kVocabulary[] = {"spark", "streaming", "storm", "batch",  "record", "latency",
                                       "throughput", "word", "count", "stream", "tuple",  "bolt",
                                       "spout", "receiver", "block", "rdd"};
constexpr std::size_t kVocabularySize = std::size(kVocabulary);

std::string lineText(std::int64_t i, int words)
{
    std::string s;
    for (int j = 0; j < words; ++j) {
        if (j) s += ' ';
        s += kVocabulary[static_cast<std::size_t>(i * words + j) % kVocabularySize];
    }
    return s;
}

/// A Python-flagged narrow operator: charged wordCountRecordNs() per input record, as the
/// engine charges PySpark's fused flatMap/map/combineLocally chain (pyrddbindings.cpp).
DStreamPtr pythonOp(const DStreamPtr &s, const std::string &op, PartitionFunction f)
{
    return ops::mapPartitionsWithIndex(s, op, "PythonTransformedDStream", std::move(f), false, true);
}

/// lines.flatMap(split).map((w, 1)).reduceByKey(add).pprint(), charged as PySpark runs it: the
/// map-side combine (pyspark's combineLocally) is its own Python pass over the pairs.
void buildWordCount(StreamingContext &ssc)
{
    auto lines = ssc.socketTextStream("localhost", kPort);
    auto words = pythonOp(lines, "flatMap", [](int, Records &&in, TaskContext &) {
        Records out;
        for (const Value &line : in) {
            const std::string_view s = line.asStr();
            for (std::size_t i = 0; i <= s.size();) {
                const std::size_t j = std::min(s.find(' ', i), s.size());
                out.emplace_back(s.substr(i, j - i));
                i = j + 1;
            }
        }
        return out;
    });
    auto pairs = pythonOp(words, "map", [](int, Records &&in, TaskContext &) {
        Records out;
        out.reserve(in.size());
        for (Value &w : in) out.push_back(Value::pair(std::move(w), Value(1)));
        return out;
    });
    auto combined = pythonOp(pairs, "reduceByKey", [](int, Records &&in, TaskContext &) {
        // Keys in first-seen order (KeyIndex), as pyspark's dict: never in hash order.
        KeyIndex index(kVocabularySize);
        std::vector<long long> counts;
        for (const Value &p : in) {
            const auto [k, fresh] = index.insert(p.key());
            if (fresh) counts.push_back(0);
            counts[k] += p.value().asInt();
        }
        Records out;
        out.reserve(counts.size());
        for (std::size_t k = 0; k < counts.size(); ++k) out.push_back(Value::pair(index.keys()[k], Value(counts[k])));
        return out;
    });
    auto counts = ops::reduceByKey(combined, [](const Value &a, const Value &b) { return Value(a.asInt() + b.asInt()); });
    ops::pprint(counts);
}

struct BatchRecorder : SimulationObserver {
    std::vector<BatchInfo> completed;
    void onBatchCompleted(const BatchInfo &b) override { completed.push_back(b); }
};

} // namespace

MicroBatchResult runMicroBatch(const MicroBatchSettings &s)
{
    requireArg(s.cores >= 2, "the micro-batch model needs at least 2 cores (the receiver's and a task's)");
    requireArg(s.wordsPerLine >= 1 && s.wordsPerLine <= 200, "words per line must be between 1 and 200");
    requireArg(s.lineRate > 0 && s.span.ms() > 0, "the line rate and the span must be positive");
    requireArg(s.batchInterval.ms() >= 200, "a batch interval must be at least 200 ms (the block interval)");
    const Duration b = s.batchInterval;
    // The first batch is `zero`; start() 1 ms after the batch before, so that the receiver is
    // connected (receiverLaunchMs later) before the first line arrives just after `zero`.
    const SimTime zero(((kEpochMs + b.ms() - 1) / b.ms()) * b.ms());
    Simulation sim(SimulationConfig{zero - b + Duration(1), s.seed, s.cores});
    BatchRecorder rec;
    sim.addObserver(&rec);
    SparkConf conf;
    conf.setMaster("local[" + std::to_string(s.cores) + "]").setAppName("NetworkWordCount");
    SparkContext sc(sim, conf);
    StreamingContext ssc(sc, b);
    buildWordCount(ssc);

    const auto n = static_cast<std::int64_t>(std::floor(s.lineRate * static_cast<double>(s.span.ms()) / 1000.0));
    std::vector<std::int64_t> arrivalMs(static_cast<std::size_t>(std::max<std::int64_t>(n, 0)));
    sim.inputLog().listen(kPort);
    sim.inputLog().reserve(arrivalMs.size());
    for (std::int64_t i = 0; i < n; ++i) {
        // Evenly spaced, rounded down to the engine's millisecond, from just after `zero`.
        arrivalMs[static_cast<std::size_t>(i)] =
            zero.ms() + 1 + static_cast<std::int64_t>(std::floor(static_cast<double>(i) * 1000.0 / s.lineRate));
        sim.inputLog().addLine(SimTime(arrivalMs[static_cast<std::size_t>(i)]), lineText(i, s.wordsPerLine), kPort);
    }
    const SimTime lastBatch = arrivalMs.empty() ? zero : SimTime(((arrivalMs.back() + b.ms() - 1) / b.ms()) * b.ms());
    const SimTime cap = zero + (s.span + b) * 10;
    ssc.start();
    auto done = [&] { return !rec.completed.empty() && rec.completed.back().batchTime >= lastBatch; };
    while (!done() && sim.now() < cap) ssc.awaitTerminationOrTimeout(b);
    ssc.stop(true, false);

    // Batches take their blocks in order, and blocks their lines in order: the k-th completed
    // batch holds the lines after those of the batches before it.
    std::sort(rec.completed.begin(), rec.completed.end(),
              [](const BatchInfo &x, const BatchInfo &y) { return x.batchTime < y.batchTime; });
    MicroBatchResult r;
    std::vector<double> latency;
    latency.reserve(arrivalMs.size());
    std::vector<double> delays;
    double processing = 0;
    std::size_t next = 0;
    for (const BatchInfo &info : rec.completed) {
        const auto k = static_cast<std::size_t>(info.numRecords());
        if (k == 0) continue;
        const double end = static_cast<double>(info.processingEndTime->ms());
        for (std::size_t i = next; i < next + k && i < arrivalMs.size(); ++i)
            latency.push_back(end - static_cast<double>(arrivalMs[i]));
        next += k;
        ++r.batches;
        processing += static_cast<double>(info.processingDelay()->ms());
        delays.push_back(static_cast<double>(info.schedulingDelay()->ms()));
    }
    r.records = static_cast<std::int64_t>(latency.size());
    std::tie(r.meanLatencyMs, r.p99LatencyMs) = meanAndP99(latency);
    if (r.batches > 0) r.meanProcessingMs = processing / r.batches;
    if (!delays.empty()) r.lastSchedulingDelayMs = delays.back();
    // Stable: on average a batch is processed within its interval (Spark runs one batch's jobs
    // at a time, spark.streaming.concurrentJobs = 1), every line was processed, and the last
    // batch waits no longer than the first half's worst by a quarter interval.
    const double firstHalfWorst =
        delays.empty() ? 0 : *std::max_element(delays.begin(), delays.begin() + static_cast<std::ptrdiff_t>((delays.size() + 1) / 2));
    r.stable = r.meanProcessingMs <= static_cast<double>(b.ms()) && r.records == n &&
               r.lastSchedulingDelayMs <= firstHalfWorst + static_cast<double>(b.ms()) / 4;
    return r;
}

double microBatchMaxThroughput(const MicroBatchSettings &s)
{
    // A probe is the shortest run of whole batches that also holds whole blocks (0.5 s batches
    // alternate 2 and 3 blocks of 200 ms) and at least a second of input.
    const std::int64_t bi = s.batchInterval.ms();
    const std::int64_t period = std::lcm(bi, std::int64_t{200});
    const std::int64_t probeMs = ((1000 + period - 1) / period) * period;
    // Each probe is a new Simulation with the same seed, so its tasks draw the same jitter at
    // every rate: stability is monotone in the rate, as searchMaxRate needs.
    auto probe = [&](double rate) {
        MicroBatchSettings p = s;
        p.lineRate = rate;
        p.span = Duration(probeMs);
        return runMicroBatch(p);
    };
    // A straight line through two probes' processing times (per-batch and per-task costs plus
    // the per-record ones) says where processing reaches the interval: the first guess. The
    // probes' rates do not depend on s.lineRate, so neither does the result.
    const double r2 = 2000.0 * (s.cores - 1), r1 = 2 * r2;
    const MicroBatchResult a = probe(r1), c = probe(r2);
    const double perRate = (a.meanProcessingMs - c.meanProcessingMs) / (r1 - r2);
    const double fixed = a.meanProcessingMs - perRate * r1;
    double guess = r1, factor = 2.0;
    if (perRate > 0 && fixed < static_cast<double>(bi)) {
        guess = (static_cast<double>(bi) - fixed) / perRate;
        factor = 1.04;
    }
    return searchMaxRate(guess, factor, [&](double rate) {
        const MicroBatchResult r = probe(rate);
        return r.meanProcessingMs <= static_cast<double>(bi) && r.records > 0;
    });
}

// ---- the search -------------------------------------------------------------------------------

double searchMaxRate(double guess, double factor, const std::function<bool(double)> &stable, double precision)
{
    double lo = 0, hi = 0;
    if (stable(guess)) {
        lo = guess;
        for (hi = guess * factor; stable(hi); hi *= factor) {
            lo = hi;
            if (hi > 1e9) return hi; // nothing this model does is that fast: a broken probe
        }
    } else {
        hi = guess;
        for (lo = guess / factor; !stable(lo); lo /= factor) {
            hi = lo;
            if (lo < 1) return 0;
        }
    }
    while (hi / lo > 1 + precision) {
        const double mid = std::sqrt(lo * hi);
        (stable(mid) ? lo : hi) = mid;
    }
    return lo;
}

// ---- the comparison ---------------------------------------------------------------------------

std::string validate(const ModelComparisonSettings &s)
{
    if (s.cores < 2 || s.cores > 64) return "cores must be between 2 and 64 (one runs the receiver or the spout)";
    if (!(s.lineRate > 0) || s.lineRate > 10'000'000) return "the rate must be between 0 and 10,000,000 lines/s";
    if (s.wordsPerLine < 1 || s.wordsPerLine > 200) return "words per line must be between 1 and 200";
    if (s.batchIntervals.empty()) return "at least one batch interval is needed";
    for (Duration d : s.batchIntervals)
        if (d.ms() < 200 || d.ms() > 60'000) return "batch intervals must be between 0.2 s and 60 s";
    if (s.span.ms() < 1000 || s.span.ms() > 600'000) return "the span must be between 1 s and 600 s";
    return {};
}

namespace {

std::string fmt(const char *f, double a, double b = 0, double c = 0)
{
    char buf[256];
    std::snprintf(buf, sizeof buf, f, a, b, c);
    return buf;
}

std::vector<std::string> assumptions(const ModelComparisonSettings &s)
{
    const double rec = static_cast<double>(wordCountRecordNs()) / 1000.0;
    const double us = 1000.0;
    return {
        fmt("Both models do the same word count work: %.2f us per record and operator (the engine's PySpark cost: "
            "nativeRecordNs + pythonRecordNs), %.0f records per line of %.0f words (split, pair, count).",
            rec, 1 + 2.0 * s.wordsPerLine, s.wordsPerLine),
        fmt("Both get %.0f cores; one of them reads the input (Spark's receiver, Storm's spout).", s.cores),
        fmt("Lines arrive evenly at the given rate; the micro-batch side rounds arrival times to the engine's "
            "millisecond. Latency = when the line's result is complete - when the line arrived.",
            0),
        fmt("Micro-batch: the engine's own scheduler and costs (costmodel.h): %.0f ms per job, %.0f ms per stage, "
            "%.1f ms per task, block interval 200 ms, one batch's jobs at a time.",
            cost::jobOverheadNs / 1e6, cost::stageOverheadNs / 1e6, cost::taskLaunchNs / 1e6),
        fmt("Record-at-a-time: spout -> split bolt -> count bolt with Storm's acker; per tuple %.1f us to emit, "
            "%.1f us to execute, %.1f us of acker work per ack message.",
            cost::stormTupleEmitNs / us, cost::stormTupleExecuteNs / us, cost::stormAckerUpdateNs / us),
        fmt("Record-at-a-time: every hop between executors waits %.2f ms (a flush interval or wake-up on average); "
            "the bolts and the acker share the other %.0f core(s), first come first served, with no jitter.",
            cost::stormHopDelayNs / 1e6, s.cores - 1.0),
        fmt("Record-at-a-time costs %.1f us of bolt CPU and %.1f us of spout CPU per line.",
            static_cast<double>(recordModelBoltNsPerLine(s.wordsPerLine)) / us,
            static_cast<double>(recordModelSpoutNsPerLine()) / us),
        "Max throughput: the largest rate a model sustains (micro-batch: mean processing time <= the batch "
        "interval; record-at-a-time: latency stops growing), found by stepping and bisection to 2 %.",
    };
}

} // namespace

ModelComparison compareModels(const ModelComparisonSettings &s, const std::function<void(int, int)> &progress)
{
    if (std::string why = validate(s); !why.empty()) throw std::invalid_argument(why);
    ModelComparison out;
    out.settings = s;
    const int total = 2 + 2 * static_cast<int>(s.batchIntervals.size());
    int done = 0;
    auto step = [&] {
        if (progress) progress(++done, total);
    };

    RecordModelSettings rs;
    rs.cores = s.cores;
    rs.wordsPerLine = s.wordsPerLine;
    rs.lineRate = s.lineRate;
    rs.span = s.span;
    const RecordModelResult r = runRecordModel(rs);
    step();
    ModelComparisonRow row{"record-at-a-time", std::nullopt, r.meanLatencyMs, r.p99LatencyMs, 0, r.stable};
    // Both searches start from rates that do not depend on s.lineRate, so neither do their results.
    row.maxThroughput = recordModelMaxThroughput(s.cores, s.wordsPerLine, 1000.0 * (s.cores - 1));
    step();
    out.rows.push_back(row);

    for (Duration b : s.batchIntervals) {
        MicroBatchSettings ms{s.cores, s.wordsPerLine, s.lineRate, b, s.span, s.seed};
        const MicroBatchResult m = runMicroBatch(ms);
        step();
        ModelComparisonRow mrow{"micro-batch", b, m.meanLatencyMs, m.p99LatencyMs, 0, m.stable};
        mrow.maxThroughput = microBatchMaxThroughput(ms);
        step();
        out.rows.push_back(mrow);
    }
    out.assumptions = assumptions(s);
    return out;
}

} // namespace dsl::models
