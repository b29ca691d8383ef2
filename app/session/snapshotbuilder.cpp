// SnapshotBuilder: the history of batches (BatchInfo, blocks, captured RDD boxes, counts), the
// input and the output of the live run as shared values.
#include "snapshotbuilder.h"

#include "engine/inputdstreams.h"
#include "engine/jobscheduler.h"
#include "engine/kafkadstream.h"
#include "engine/simulation.h"
#include "engine/sparkconf.h"
#include "engine/sparkcontext.h"
#include "engine/streamingcontext.h"
#include "engine/taskscheduler.h"
#include "engine/windowdstreams.h"

#include <algorithm>
#include <regex>
#include <tuple>

namespace dsl::session {

namespace {
constexpr std::size_t kMaxConsole = 2 * 1024 * 1024;
constexpr std::size_t kMaxStderr = 64 * 1024;
/// Input lines kept in snapshots (the nc panel and timeline show recent ones; the session
/// keeps the whole log).
constexpr std::size_t kKeptInputChunks = 64;

std::size_t appendCapped(std::string &s, const std::string &text, std::size_t cap)
{
    s += text;
    if (s.size() <= cap) return 0;
    auto cut = s.find('\n', s.size() - cap);
    const std::size_t drop = cut == std::string::npos ? s.size() - cap : cut + 1;
    s.erase(0, drop);
    return drop;
}

} // namespace

int errorLineOf(const std::string &traceback, const std::string &fileName)
{
    static const std::regex frame(R"re(File "([^"]*)", line (\d+))re");
    int line = 0;
    const std::string base = fileName.substr(fileName.find_last_of('/') + 1);
    for (auto it = std::sregex_iterator(traceback.begin(), traceback.end(), frame); it != std::sregex_iterator(); ++it) {
        const std::string f = (*it)[1].str();
        if (f == fileName || f.substr(f.find_last_of('/') + 1) == base) line = std::stoi((*it)[2].str());
    }
    return line;
}

SnapshotBuilder::SnapshotBuilder(CaptureLimits limits, HistoryRetention retention) : m_limits(limits), m_retention(retention) {}

void SnapshotBuilder::attach(Simulation *sim, const InputLog &idleLog)
{
    detach();
    m_sim = sim;
    m_log = sim ? &sim->inputLog() : &idleLog;
    m_events.clear();
    m_jobs.clear();
    m_ssc = nullptr;
    m_streams.clear();
    m_batches.clear();
    m_frozenUpTo.reset();
    m_completed = 0;
    m_firstBatch.reset();
    m_master.clear();
    m_cores = 0;
    m_executors.clear();
    m_executorsOf = nullptr;
    m_faults.clear();
    m_state = StreamingState::INITIALIZED;
    m_hasContext = false;
    m_receivers.clear();
    m_pendingBlocks.clear();
    m_countStreams = {};
    m_console = std::make_shared<std::string>();
    m_consoleTotal = 0;
    m_captured.clear();
    m_stale.clear();
    m_completionMarks.clear();
    m_databases.clear();
    m_kafka.clear();
    m_kafkaCapturedEnd.clear();
    m_kafkaReceiverFrom.clear();
    m_lastDatabase.reset();
    m_stderr.clear();
    m_errorText.clear();
    m_errorLine = 0;
    m_inputChunks.clear();
    m_firstInputChunk = 0;
    m_inputSize = 0;
    m_summarizedUpTo.reset();
    m_untracedUpTo.reset();
    rebuildInput(0);
    if (sim) {
        sim->addObserver(this);
        sim->addObserver(&m_events); // the event log observes the run on its own
    }
    m_dirty = true;
}

void SnapshotBuilder::detach()
{
    if (m_sim) {
        m_sim->removeObserver(&m_events);
        m_sim->removeObserver(this);
    }
    m_sim = nullptr;
    m_log = nullptr;
}

void SnapshotBuilder::rebuildInput(std::size_t fromIndex)
{
    // Chunk c holds lines [c*K, (c+1)*K) and is m_inputChunks[c - m_firstInputChunk]; only the
    // newest kKeptInputChunks stay. The engine's log may have let go of lines before
    // firstIndex() (the session does so once every receiver has read them and we copied them).
    const InputLog *log = m_log;
    const std::size_t n = log ? log->size() : 0;
    const std::size_t K = InputLogSnapshot::kChunk;
    std::size_t from = std::min(fromIndex, m_inputSize);
    if (m_inputChunks.empty() || from < m_firstInputChunk * K) {
        m_inputChunks.clear();
        const std::size_t keepFrom = n > kKeptInputChunks * K ? n - kKeptInputChunks * K : 0;
        m_firstInputChunk = (std::max(log ? log->firstIndex() : 0, keepFrom) + K - 1) / K;
        from = m_firstInputChunk * K;
    }
    const std::size_t c0 = from / K;
    // The lines of chunk c0 before `from` did not change. Lines arrive at the end (from equals
    // the size held): the open chunk grows in place, even while published snapshots share it,
    // so the auto-typer's 2,000 lines a second copy no earlier line (and the GUI thread, which
    // lets go of old snapshots, frees none). That is safe because a snapshot reads only its
    // first `size` lines, appends write only past them, and every chunk was made with room
    // for all K lines (no reallocation moves the lines a snapshot reads). A chunk whose lines
    // change (from inside it) is copied unless nobody else holds it.
    std::shared_ptr<std::vector<InputLineSnapshot>> open;
    if (c0 - m_firstInputChunk < m_inputChunks.size()) {
        auto &old = m_inputChunks[c0 - m_firstInputChunk];
        const std::size_t keep = std::min(old->size(), from - c0 * K);
        if (old.use_count() == 1 || (keep == old->size() && old->capacity() >= K)) {
            // Made by this function as a non-const vector: unshared, or only appended to.
            open = std::const_pointer_cast<std::vector<InputLineSnapshot>>(old);
            open->resize(keep);
        } else {
            open = std::make_shared<std::vector<InputLineSnapshot>>(old->begin(), old->begin() + static_cast<std::ptrdiff_t>(keep));
        }
    }
    m_inputChunks.resize(std::min(m_inputChunks.size(), c0 - m_firstInputChunk));
    for (std::size_t c = c0; c * K < n; ++c) {
        auto chunk = c == c0 && open ? std::move(open) : std::make_shared<std::vector<InputLineSnapshot>>();
        chunk->reserve(K);
        for (std::size_t i = std::max(from, c * K); i < std::min(n, (c + 1) * K); ++i) {
            const InputRecord &r = (*log)[i];
            if (r.kind == InputRecord::Kind::KafkaMessage)
                chunk->push_back(InputLineSnapshot{r.time, r.port, r.text,
                                                   std::make_shared<const InputLineSnapshot::Kafka>(
                                                       InputLineSnapshot::Kafka{r.path, r.key})});
            else if (r.kind == InputRecord::Kind::Server) // held for its index; the views show no line for it
                chunk->push_back(InputLineSnapshot{r.time, r.port, r.text, nullptr, nullptr, r.server});
            else chunk->push_back(InputLineSnapshot{r.time, r.port, r.kind == InputRecord::Kind::File ? r.path : r.text,
                                                    nullptr, r.source});
        }
        m_inputChunks.push_back(std::move(chunk));
    }
    if (m_inputChunks.size() > kKeptInputChunks) {
        const std::size_t drop = m_inputChunks.size() - kKeptInputChunks;
        m_inputChunks.erase(m_inputChunks.begin(), m_inputChunks.begin() + static_cast<std::ptrdiff_t>(drop));
        m_firstInputChunk += drop;
    }
    m_inputSize = n;
    m_input.reset(); // snapshot() makes the value the views read
    m_dirty = true;
}

void SnapshotBuilder::inputInserted(std::size_t index)
{
    rebuildInput(index);
}

void SnapshotBuilder::appendStderr(const std::string &text)
{
    appendCapped(m_stderr, text, kMaxStderr);
    m_dirty = true;
}

void SnapshotBuilder::setError(const std::string &text, int line)
{
    m_errorText = text;
    m_errorLine = line;
    m_dirty = true;
}

void SnapshotBuilder::onOutput(SimTime, const std::string &text)
{
    // Appended in place while no published snapshot shares the text; once one does, the next
    // output copies it (at most once a display frame, not once a line). The front is cut a
    // quarter of the cap at a time, so the cut's move is paid once per 512 KB printed.
    constexpr std::size_t slack = kMaxConsole / 4;
    if (!m_console || m_console.use_count() > 1) {
        auto s = std::make_shared<std::string>();
        const std::size_t have = m_console ? m_console->size() : 0;
        s->reserve(std::min(kMaxConsole + slack, 2 * have + 4096) + text.size());
        if (m_console) s->append(*m_console);
        m_console = std::move(s);
    }
    if (m_console->size() + text.size() > kMaxConsole + slack) appendCapped(*m_console, text, kMaxConsole);
    else m_console->append(text);
    m_consoleTotal += text.size();
    m_dirty = true;
}

void SnapshotBuilder::onStreamingStateChanged(SimTime, StreamingState s)
{
    m_state = s;
    m_dirty = true;
}

void SnapshotBuilder::onJobCompleted(const JobInfo &job)
{
    if (!job.batchTime) return; // a job outside any batch (the driver's own actions)
    auto &jobs = m_jobs[*job.batchTime];
    auto grown = jobs ? std::make_shared<std::vector<JobInfo>>(*jobs) : std::make_shared<std::vector<JobInfo>>();
    grown->push_back(job);
    jobs = std::move(grown);
    m_stale.insert(*job.batchTime);
    m_dirty = true;
}

void SnapshotBuilder::onBatchCompleted(const BatchInfo &info)
{
    ++m_completed;
    // The batch's output is in by now (a job's pprint text is released when the job ends).
    std::size_t accepted = 0;
    if (m_ssc)
        for (const auto &r : m_ssc->scheduler().receivers()) accepted = std::max(accepted, r.inputLogAccepted);
    m_completionMarks[info.batchTime] = {m_consoleTotal, accepted};
    if (m_dbProbe) {
        m_lastDatabase = m_dbProbe(info.batchTime, m_lastDatabase.get());
        m_databases[info.batchTime] = m_lastDatabase;
    }
    if (auto k = captureKafka(info.batchTime); k.partitions || k.messages) m_kafka[info.batchTime] = std::move(k);
    m_stale.insert(info.batchTime);
    m_dirty = true;
}

SnapshotBuilder::KafkaCapture SnapshotBuilder::captureKafka(SimTime batchTime)
{
    // Reads only: the batch's KafkaRDD (its offset ranges, as DirectKafkaInputDStream computed
    // them at batchTime) and the broker's logs and groups as they stood then; no program code runs.
    if (!m_ssc || !m_sim) return {};
    std::vector<KafkaPartitionSnapshot> out;
    std::vector<KafkaMessageSnapshot> messages;
    kafka::KafkaBroker &broker = m_sim->kafkaAt(batchTime); // up to batchTime: already appended
    const bool checkpointed = m_ssc->checkpointDir().has_value();
    for (const auto &s : m_ssc->graph().allStreams()) {
        auto direct = std::dynamic_pointer_cast<DirectKafkaInputDStream>(s);
        if (!direct) continue;
        const auto &rdds = direct->generatedRDDs();
        const auto it = rdds.find(batchTime);
        const auto *rdd = it == rdds.end() ? nullptr : dynamic_cast<const KafkaRDD *>(it->second.get());
        if (!rdd) continue;
        const std::string &group = direct->groupId();
        for (const KafkaOffsetRange &r : rdd->offsetRanges()) {
            KafkaPartitionSnapshot p{r.tp.topic, r.tp.partition, direct->id(), broker.earliestOffsetAt(r.tp, batchTime),
                                     broker.latestOffsetAt(r.tp, batchTime), r.fromOffset, r.untilOffset};
            p.group = group;
            if (!group.empty()) {
                p.committed = broker.committed(group, r.tp);
                p.groupState = broker.groupState(group);
            }
            p.checkpointed = checkpointed;
            out.push_back(std::move(p));
            // The messages appended since the last capture (the first: from the log start).
            auto [end, fresh] = m_kafkaCapturedEnd.try_emplace(r.tp, broker.earliestOffsetAt(r.tp, batchTime));
            for (const kafka::Message &m : broker.read(r.tp, end->second, broker.latestOffsetAt(r.tp, batchTime)))
                messages.push_back(KafkaMessageSnapshot{r.tp.topic, r.tp.partition, m.offset, m.time, m.key, m.value});
            end->second = std::max(end->second, broker.latestOffsetAt(r.tp, batchTime));
        }
    }
    for (const auto &s : m_ssc->graph().allStreams()) {
        auto receiver = std::dynamic_pointer_cast<KafkaInputDStream>(s);
        if (!receiver) continue;
        const std::string group = receiver->groupId();
        for (const auto &[tp, position] : m_ssc->scheduler().kafkaConsumerPositions(receiver->id())) {
            auto [before, fresh] = m_kafkaReceiverFrom.try_emplace({receiver->id(), tp}, position);
            KafkaPartitionSnapshot p{tp.topic, tp.partition, receiver->id(), broker.earliestOffsetAt(tp, batchTime),
                                     broker.latestOffsetAt(tp, batchTime), before->second, position};
            before->second = position;
            p.group = group;
            p.committed = broker.committed(group, tp);
            p.groupState = broker.groupState(group);
            p.receiver = true;
            out.push_back(std::move(p));
            auto [end, isNew] = m_kafkaCapturedEnd.try_emplace(tp, broker.earliestOffsetAt(tp, batchTime));
            for (const kafka::Message &m : broker.read(tp, end->second, broker.latestOffsetAt(tp, batchTime)))
                messages.push_back(KafkaMessageSnapshot{tp.topic, tp.partition, m.offset, m.time, m.key, m.value});
            end->second = std::max(end->second, broker.latestOffsetAt(tp, batchTime));
        }
    }
    KafkaCapture c;
    if (!out.empty()) {
        std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
            return std::tie(a.streamId, a.topic, a.partition) < std::tie(b.streamId, b.topic, b.partition);
        });
        c.partitions = std::make_shared<const std::vector<KafkaPartitionSnapshot>>(std::move(out));
    }
    if (!messages.empty()) {
        std::sort(messages.begin(), messages.end(), [](const auto &a, const auto &b) {
            return std::tie(a.topic, a.partition, a.offset) < std::tie(b.topic, b.partition, b.offset);
        });
        c.messages = std::make_shared<const std::vector<KafkaMessageSnapshot>>(std::move(messages));
    }
    return c;
}

void SnapshotBuilder::updateStreams(StreamingContext &ssc)
{
    const auto all = ssc.graph().allStreams();
    if (all.size() == m_streams.size()) return;
    m_streams.clear();
    for (const auto &s : all) {
        StreamSnapshot v;
        v.id = s->id();
        v.className = s->className();
        v.opName = s->opName();
        v.creationSite = s->creationSite();
        for (const auto &p : s->dependencies()) v.parents.push_back(p->id());
        v.isOutput = s->isOutputStream();
        if (auto in = std::dynamic_pointer_cast<InputDStream>(s)) {
            v.isInput = true;
            v.hasReceiver = in->hasReceiver();
        }
        if (auto out = std::dynamic_pointer_cast<ForEachDStream>(s)) v.outputOpId = out->outputOpId();
        if (auto w = std::dynamic_pointer_cast<WindowDStreamBase>(s)) v.windowMs = w->windowDuration().ms();
        if (auto k = std::dynamic_pointer_cast<DirectKafkaInputDStream>(s)) v.kafkaTopics = k->topics();
        if (auto k = std::dynamic_pointer_cast<KafkaInputDStream>(s)) v.kafkaTopics = k->topics();
        v.carriesState = s->carriesState();
        try {
            v.slideMs = s->slideDuration().ms();
        } catch (...) {
            v.slideMs = 0;
        }
        m_streams.push_back(std::move(v));
    }
    m_dirty = true;
}

void SnapshotBuilder::update()
{
    if (!m_sim) return;
    if (StreamingContext *active = StreamingContext::getActive(*m_sim)) m_ssc = active;
    if (m_inputSize != m_log->size()) rebuildInput(m_inputSize);
    if (!m_ssc) return;
    StreamingContext &ssc = *m_ssc;
    if (!m_hasContext) {
        m_hasContext = true;
        m_master = ssc.sparkContext().master();
        m_cores = ssc.sparkContext().totalCores();
        m_batchInterval = ssc.batchDuration();
        try {
            m_blockInterval = ssc.sparkContext().conf().getTimeAsMs("spark.streaming.blockInterval", conf_defaults::blockInterval);
        } catch (...) {
        }
        m_dirty = true;
    }
    // The live executors, for the Faults menu (kill-executor replaces one with a new id):
    // update() runs between every two events, so the list is copied only when it changed.
    const TaskScheduler &ts = ssc.sparkContext().taskScheduler();
    if (m_executorsOf != &ts || m_executorsVersion != ts.executorsVersion()) {
        m_executorsOf = &ts;
        m_executorsVersion = ts.executorsVersion();
        m_executors.clear();
        for (const ExecutorState &e : ts.executors())
            if (e.alive) m_executors.push_back(e.id);
        m_dirty = true;
    }
    if (ssc.state() != m_state) {
        m_state = ssc.state();
        m_dirty = true;
    }
    if (ssc.state() == StreamingState::INITIALIZED) return;
    updateStreams(ssc);
    const JobScheduler &js = ssc.scheduler();
    if (!m_firstBatch && ssc.graph().zeroTime()) m_firstBatch = js.firstBatchTime();

    const auto &batches = js.batches();
    auto it = m_frozenUpTo ? batches.upper_bound(*m_frozenUpTo) : batches.begin();
    bool allFrozen = true;
    for (; it != batches.end(); ++it) {
        const BatchInfo &info = it->second;
        auto have = m_batches.find(info.batchTime);
        const bool known = have != m_batches.end();
        bool changed = !known || m_stale.count(info.batchTime) ||
                       have->second->info.processingStartTime != info.processingStartTime ||
                       have->second->info.processingEndTime != info.processingEndTime ||
                       have->second->info.outputOperationInfos.size() != info.outputOperationInfos.size();
        if (!changed) {
            for (const auto &[id, op] : info.outputOperationInfos) {
                auto o = have->second->info.outputOperationInfos.find(id);
                if (o == have->second->info.outputOperationInfos.end() || o->second.endTime != op.endTime ||
                    o->second.startTime != op.startTime) {
                    changed = true;
                    break;
                }
            }
        }
        if (changed) {
            m_batches[info.batchTime] = buildBatch(ssc, info);
            m_stale.erase(info.batchTime);
            m_dirty = true;
        }
        if (allFrozen && info.isCompleted()) m_frozenUpTo = info.batchTime;
        else allFrozen = false;
    }
    // Captures of completed batches that arrived later: a window's job computes its parents'
    // RDDs of earlier batches (WindowedDStream.compute slices (t - window, t]).
    for (SimTime t : m_stale) {
        auto have = m_batches.find(t);
        auto info = batches.find(t);
        if (have == m_batches.end() || have->second->summary || info == batches.end()) continue;
        have->second = buildBatch(ssc, info->second);
        m_dirty = true;
    }
    m_stale.clear();
    retain();

    if (js.receivers().size() != m_receivers.size()) m_dirty = true;
    else
        for (std::size_t i = 0; i < m_receivers.size(); ++i) {
            const auto &a = m_receivers[i], &b = js.receivers()[i];
            if (a.active != b.active || a.inputLogAccepted != b.inputLogAccepted || a.recordsReceived != b.recordsReceived ||
                a.lastError != b.lastError)
                m_dirty = true;
        }
    m_receivers = js.receivers();
    std::vector<BlockInfo> pending;
    const auto &recent = js.recentBlocks();
    for (auto r = recent.rbegin(); r != recent.rend() && !r->allocatedToBatch; ++r) pending.insert(pending.begin(), *r);
    if (pending.size() != m_pendingBlocks.size()) m_dirty = true;
    m_pendingBlocks = std::move(pending);
}

void SnapshotBuilder::onFault(const FaultReport &report)
{
    constexpr std::size_t kMaxFaults = 100;
    m_faults.push_back(report);
    if (m_faults.size() > kMaxFaults) m_faults.erase(m_faults.begin());
    m_dirty = true;
}

RunSnapshotPtr SnapshotBuilder::snapshot(RunPhase phase, SimTime startTime, SimTime clock)
{
    auto s = std::make_shared<RunSnapshot>();
    // Room between two serials for the values browsing derives from this one (historyAt).
    s->serial = (++m_serial) << 16;
    s->runId = m_runId;
    s->recovery = m_recovery;
    s->phase = phase;
    s->hasContext = m_hasContext;
    s->streamingState = m_state;
    s->startTime = startTime;
    s->now = m_sim ? m_sim->now() : clock;
    s->clock = std::max(clock, s->now);
    s->firstBatchTime = m_firstBatch;
    s->batchInterval = m_batchInterval;
    s->blockInterval = m_blockInterval;
    s->master = m_master;
    s->cores = m_cores;
    s->executors = m_executors;
    s->faults = m_faults;
    s->completedBatches = m_completed;
    s->receivers = m_receivers;
    s->streams = m_streams;
    s->batches = m_batches;
    s->pendingBlocks = m_pendingBlocks;
    if (!m_input) {
        auto in = std::make_shared<InputLogSnapshot>();
        in->chunks.assign(m_inputChunks.begin(), m_inputChunks.end());
        in->size = m_inputSize;
        in->firstChunk = m_firstInputChunk;
        m_input = std::move(in);
    }
    s->input = m_input;
    s->console = m_console ? m_console : std::make_shared<const std::string>();
    s->consoleDropped = m_consoleTotal - s->console->size();
    s->stderrText = m_stderr;
    s->events = m_events.snapshot();
    m_eventsPublished = m_events.total();
    s->errorText = m_errorText;
    s->errorLine = m_errorLine;
    // The output operation whose job runs now (its lineage is being computed), and the last to end.
    std::optional<SimTime> lastEnd;
    for (auto it = m_batches.rbegin(); it != m_batches.rend() && s->computingStreamId < 0; ++it) {
        for (const auto &[id, op] : it->second->info.outputOperationInfos) {
            const StreamSnapshot *out = nullptr;
            for (const auto &st : m_streams)
                if (st.isOutput && st.outputOpId == id) out = &st;
            if (!out) continue;
            if (op.startTime && !op.endTime) s->computingStreamId = out->id;
            if (op.endTime && (!lastEnd || *op.endTime >= *lastEnd)) {
                lastEnd = op.endTime;
                s->lastComputedStreamId = out->id;
            }
        }
        if (lastEnd) break;
    }
    if (m_sim) s->fingerprint = m_sim->fingerprintHex();
    s->databasePath = m_dbPath;
    s->databaseRead = static_cast<bool>(m_dbProbe);
    s->databaseOnServer = m_dbOnServer;
    m_dirty = false;
    return s;
}

} // namespace dsl::session
