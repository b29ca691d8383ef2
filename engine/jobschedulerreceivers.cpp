// JobScheduler's receivers (docs/runloop.md): each receiver input stream's receiver is launched
// on a core of its own, reads its source (a socket's lines from the input log; a Kafka
// consumer's messages from the simulated broker), and cuts a block every block interval, as
// Spark's ReceiverSupervisor and BlockGenerator do. Kafka receivers (KafkaInputDStream, PySpark's
// KafkaUtils.createStream) also commit their consumer's offsets on the receiver's schedule.
#include "jobscheduler.h"
#include "jobschedulerreceiver.h"

#include "costmodel.h"
#include "errors.h"
#include "kafkadstream.h"
#include "simulation.h"
#include "sparkconf.h"
#include "streamingcontext.h"
#include "taskscheduler.h"

#include <algorithm>

namespace dsl {

void JobScheduler::startReceivers()
{
    Simulation &sim = m_ssc.simulation();
    const SparkConf &conf = m_ssc.sparkContext().conf();
    // The graph cannot change once started: the cost of generating a batch's jobs is fixed.
    const auto streams = static_cast<std::int64_t>(m_ssc.graph().allStreams().size());
    m_jobGenerationDelay = Duration((streams * cost::jobGenerationPerDStreamNs + 999'999) / 1'000'000);

    const Duration blockInterval = conf.getTimeAsMs("spark.streaming.blockInterval", conf_defaults::blockInterval);
    require(blockInterval.ms() > 0, "'spark.streaming.blockInterval' should be a positive value");
    // A receiver whose executor is lost dies with it (kill-executor).
    m_ssc.sparkContext().taskScheduler().setReceiverLostHandler(
        [this, alive = std::weak_ptr<int>(m_alive)](int streamId) {
            if (alive.expired()) return;
            for (auto &r : m_receivers) {
                if (r->stream->id() != streamId || r->stopped) continue;
                FaultReport report;
                loseReceiver(*r, report);
                report.time = m_ssc.simulation().now();
                report.action = "kill-executor";
                report.description = "its executor was lost";
                m_ssc.simulation().notify([&](SimulationObserver &o) { o.onFault(report); });
            }
        });

    for (const auto &in : m_ssc.graph().inputStreams()) {
        auto stream = std::dynamic_pointer_cast<ReceiverInputDStream>(in);
        if (!stream) continue;
        auto r = std::make_unique<Receiver>();
        r->stream = stream;
        r->socket = dynamic_cast<SocketInputDStream *>(stream.get());
        if (const auto *kafka = dynamic_cast<const KafkaInputDStream *>(stream.get()))
            r->consumer = std::make_unique<KafkaConsumer>(*kafka, sim);
        r->blockInterval = blockInterval;
        r->rateLimiter = RateLimiter(conf);
        r->infoIndex = m_receiverInfos.size();
        ReceiverInfo info;
        info.streamId = stream->id();
        info.name = stream->receiverName();
        info.location = stream->receiverLocation();
        if (r->rateLimiter.maxRateLimit() != RateLimiter::kNoLimit) info.maxRate = r->rateLimiter.maxRateLimit();
        m_receiverInfos.push_back(info);
        Receiver *raw = r.get();
        m_receivers.push_back(std::move(r));
        sim.schedule(sim.now() + Duration(cost::receiverLaunchMs), EventPriority::ReceiverStart, "receiver-launch",
                     [this, raw] { launchReceiver(*raw); });
    }
}

// ---- receivers and blocks --------------------------------------------------------------------

void JobScheduler::openBlockLog(bool recover)
{
    const auto dir = m_ssc.checkpointDir();
    if (m_receivers.empty() || !dir) return;
    Simulation &sim = m_ssc.simulation();
    const SparkConf &conf = m_ssc.sparkContext().conf();
    const bool receiverLog = conf.getBoolean("spark.streaming.receiver.writeAheadLog.enable", false);
    // WriteAheadLogUtils: the files roll every rollingIntervalSecs (60 s by default).
    auto rolling = [&](const char *key) { return Duration(1000 * std::max<std::int64_t>(1, conf.getLong(key, 60))); };
    if (recover) {
        // ReceivedBlockTracker.recoverPastEvents (recoverFromWriteAheadLog = isCheckpointPresent)
        sim.log(LogLevel::Info, "ReceivedBlockTracker", "Recovering from write ahead logs in " + *dir);
        RecoveredBlocks rec = ReceivedBlockLog::recover(*dir);
        for (const std::string &w : rec.warnings) sim.log(LogLevel::Warn, "ReceivedBlockTracker", w);
        m_allocated = std::move(rec.allocated);
        m_lastAllocated = rec.lastAllocated;
        for (auto &[streamId, blocks] : rec.unallocated)
            for (auto &r : m_receivers)
                if (r->stream->id() == streamId) r->unallocated = std::move(blocks);
        if (rec.replayedBlocks + rec.lostBlocks > 0)
            sim.log(LogLevel::Info, "DStreamLab",
                    "The received block log names " + std::to_string(rec.replayedBlocks + rec.lostBlocks) +
                        " block(s) of the stopped driver: " + std::to_string(rec.replayedBlocks) +
                        " read back from the write-ahead log, " + std::to_string(rec.lostBlocks) +
                        " lost with its memory");
    }
    m_blockLog = std::make_unique<ReceivedBlockLog>(*dir, receiverLog,
                                                    rolling("spark.streaming.driver.writeAheadLog.rollingIntervalSecs"),
                                                    rolling("spark.streaming.receiver.writeAheadLog.rollingIntervalSecs"));
}

void JobScheduler::reportBlockLogError(const char *source)
{
    const std::string error = m_blockLog ? m_blockLog->takeError() : std::string();
    if (error.empty() || m_blockLogErrorLogged) return;
    m_blockLogErrorLogged = true;
    m_ssc.simulation().log(LogLevel::Error, source,
                           "Failed to write to the write ahead log (reported once): " + error);
}

void JobScheduler::launchReceiver(Receiver &r)
{
    if (r.stopped) return;
    Simulation &sim = m_ssc.simulation();
    // ReceiverSupervisorImpl's receivedBlockHandler: the receivers' log needs a checkpoint
    // directory. Spark's receiver job fails and is relaunched over and over; DStream Lab says it
    // once and leaves the receiver stopped.
    if (m_ssc.sparkContext().conf().getBoolean("spark.streaming.receiver.writeAheadLog.enable", false) &&
        !m_ssc.checkpointDir()) {
        const std::string why = "Cannot enable receiver write-ahead log without checkpoint directory set. Please use "
                                "streamingContext.checkpoint() to set the checkpoint directory. See documentation for "
                                "more details.";
        m_receiverInfos[r.infoIndex].lastError = why;
        sim.log(LogLevel::Error, "ReceiverTracker", "Receiver for stream " + std::to_string(r.stream->id()) +
                                                         " failed to start: SparkException: " + why);
        return;
    }
    m_ssc.sparkContext().taskScheduler().requestReceiverCore(r.stream->id(), [this, &r, &sim](int core) {
        ReceiverInfo &info = m_receiverInfos[r.infoIndex];
        info.core = core;
        info.active = true;
        info.startTime = sim.now();
        sim.trace("receiver-start", "stream " + std::to_string(r.stream->id()) + " core " + std::to_string(core));
        sim.notify([&](SimulationObserver &o) { o.onReceiverStarted(sim.now(), r.stream->id(), core); });
        connectReceiver(r);
    });
}

void JobScheduler::connectReceiver(Receiver &r)
{
    // SocketReceiver.onStart -> receive(): connect, or restart after ReceiverSupervisor's default
    // delay (spark.streaming.receiverRestartDelay = 2000 ms). The retry is a member function: a
    // lambda that captured its own std::function by value captured it still empty, and the first
    // retry threw std::bad_function_call.
    if (r.stopped) return;
    Simulation &sim = m_ssc.simulation();
    ReceiverInfo &inf = m_receiverInfos[r.infoIndex];
    if (r.consumer) {
        connectKafkaReceiver(r);
        return;
    }
    const std::int64_t bi = r.blockInterval.ms();
    if (sim.inputLog().followsServer(r.socket->port(), sim.now())) {
        // A real server's recording (a --real-time run, or its replay): the BlockGenerator runs
        // from the start, and each block interval reads the lines and the server's events
        // (connected, refused, closed) in the log's order, so the receiver's state changes at the
        // same simulated times in the live run and in every replay (applyServerEvent). A receiver
        // launched again finds the server as the records left it.
        r.following = true;
        if (r.serverUp) {
            r.connected = true;
            r.connectTime = sim.now();
            inf.lastError.clear();
            sim.log(LogLevel::Info, "SocketReceiver", "Connected to " + inf.location);
        }
        scheduleBlockTimer(r, SimTime((sim.now().ms() / bi + 1) * bi));
        return;
    }
    if (!sim.inputLog().isListening(r.socket->port(), sim.now())) {
        restartReceiverLater(r, "Error connecting to " + inf.location);
        r.retryEvent = sim.schedule(sim.now() + Duration(2000), EventPriority::ReceiverStart, "receiver-retry",
                                    [this, &r] { connectReceiver(r); });
        return;
    }
    inf.lastError.clear();
    inf.active = true;
    r.connected = true;
    r.connectTime = sim.now();
    // A new connection to `nc -lk`: lines an earlier, closed connection took are not sent again.
    r.nextLog = std::max(r.nextLog, sim.inputLog().sentBefore(r.socket->port()));
    sim.log(LogLevel::Info, "SocketReceiver", "Connected to " + inf.location);
    scheduleBlockTimer(r, SimTime((sim.now().ms() / bi + 1) * bi));
}

void JobScheduler::restartReceiverLater(Receiver &r, const std::string &why)
{
    // ReceiverSupervisor.restartReceiver: logWarning, then stopReceiver, whose onReceiverStop
    // deregisters the receiver (ReceiverTracker marks it INACTIVE with the message as its last
    // error) until startReceiver registers it again, spark.streaming.receiverRestartDelay (2000 ms)
    // later. The BlockGenerator keeps running: what the receiver stored before still becomes a block.
    ReceiverInfo &inf = m_receiverInfos[r.infoIndex];
    r.connected = false;
    inf.active = false;
    inf.lastError = why;
    m_ssc.simulation().log(LogLevel::Warn, "ReceiverSupervisorImpl", "Restarting receiver with delay 2000 ms: " + why);
}

void JobScheduler::applyServerEvent(Receiver &r, const InputRecord &rec)
{
    Simulation &sim = m_ssc.simulation();
    ReceiverInfo &inf = m_receiverInfos[r.infoIndex];
    switch (rec.server) {
    case ServerEvent::Connecting: return;
    case ServerEvent::Connected:
        // SocketReceiver.onStart: "Connected to HOST:PORT"; startReceiver registered it again.
        r.serverUp = true;
        if (r.connected) return;
        r.connected = true;
        r.connectTime = rec.time;
        inf.active = true;
        inf.lastError.clear();
        sim.log(LogLevel::Info, "SocketReceiver", "Connected to " + inf.location);
        return;
    case ServerEvent::Refused: // onStart's ConnectException
        r.serverUp = false;
        restartReceiverLater(r, "Error connecting to " + inf.location);
        return;
    case ServerEvent::Closed: // receive(): the iterator has no next line
        r.serverUp = false;
        restartReceiverLater(r, "Socket data stream had no more data");
        return;
    case ServerEvent::Reset: // receive(): readLine threw
        r.serverUp = false;
        sim.log(LogLevel::Warn, "SocketReceiver", "Error receiving data" + (rec.text.empty() ? std::string() : ": " + rec.text));
        restartReceiverLater(r, "Error receiving data");
        return;
    }
}

void JobScheduler::scheduleBlockTimer(Receiver &r, SimTime t)
{
    r.blockEvent = m_ssc.simulation().schedule(t, EventPriority::BlockInterval, "block-interval",
                                               [this, &r, t] { onBlockTimer(r, t); });
}

void JobScheduler::onBlockTimer(Receiver &r, SimTime t)
{
    if (r.stopped) return;
    pullInput(r, t);
    cutBlock(r, t);
    scheduleBlockTimer(r, t + r.blockInterval);
}

void JobScheduler::pullInput(Receiver &r, SimTime upTo)
{
    // Every input-log line for this port that has arrived by `upTo` (lines sent before the
    // connection arrive when it opens), throttled by the receiver's RateLimiter.
    if (r.consumer) {
        pullKafka(r, upTo);
        return;
    }
    const InputLog &log = m_ssc.simulation().inputLog();
    ReceiverInfo &info = m_receiverInfos[r.infoIndex];
    const bool limited = r.rateLimiter.isLimited();
    while (r.nextLog < log.size()) {
        const InputRecord &rec = log[r.nextLog];
        if (rec.time > upTo) break;
        if (rec.kind == InputRecord::Kind::Server && (rec.port == 0 || rec.port == r.socket->port())) {
            // A receiver connected to the simulated `nc -lk` whose port follows a real server from
            // some time on (the dashboard's, InputLog::followServer(port, from)) follows it from
            // the server's first record, at the same block live and in every replay.
            if (!r.following && log.followsServer(r.socket->port(), rec.time)) r.following = true;
            if (r.following) applyServerEvent(r, rec);
        }
        if (rec.kind != InputRecord::Kind::SocketLine || (rec.port != 0 && rec.port != r.socket->port())) {
            ++r.nextLog;
            continue;
        }
        std::int64_t arrivalUs = std::max(rec.time, r.connectTime).ms() * 1000;
        if (limited) {
            const std::int64_t acceptUs = std::max(arrivalUs, r.nextFreeUs);
            if (acceptUs > upTo.ms() * 1000) break;
            r.nextFreeUs = acceptUs + 1'000'000 / r.rateLimiter.currentLimit();
        }
        r.buffer.emplace_back(rec.text);
        r.bufferOrigins.push_back(static_cast<std::int64_t>(r.nextLog));
        ++r.nextLog;
        ++info.recordsReceived;
    }
    info.inputLogAccepted = r.nextLog;
}

void JobScheduler::cutBlock(Receiver &r, SimTime t)
{
    // BlockGenerator.updateCurrentBuffer: a block only from a non-empty buffer
    if (r.buffer.empty()) return;
    auto b = std::make_shared<Block>();
    b->streamId = r.stream->id();
    b->id = "input-" + std::to_string(b->streamId) + "-" + std::to_string((t - r.blockInterval).ms());
    b->time = t;
    b->records = std::move(r.buffer);
    r.buffer.clear();
    if (r.bufferOrigins.size() == b->records.size()) b->origins = std::move(r.bufferOrigins);
    r.bufferOrigins.clear();
    b->numRecords = static_cast<std::int64_t>(b->records.size());
    BlockInfo info{b->id, b->streamId, t, b->numRecords, std::nullopt};
    if (!b->origins.empty()) {
        info.firstInput = b->origins.front();
        info.lastInput = b->origins.back();
    }
    Simulation &sim = m_ssc.simulation();
    if (m_blockLog) {
        // ReceiverSupervisorImpl.pushAndReportBlock: WriteAheadLogBasedBlockHandler stores the
        // block in the receivers' log, then the tracker logs its addition.
        if (m_blockLog->receiverLog()) {
            std::string error;
            b->wal = m_blockLog->writeData(*b, t, error);
            if (!b->wal && !m_blockLogErrorLogged) {
                m_blockLogErrorLogged = true;
                sim.log(LogLevel::Error, "WriteAheadLogBasedBlockHandler",
                        "Failed to write " + b->id + " to the write ahead log (reported once): " + error);
            }
        }
        m_blockLog->addBlock(*b, t);
        reportBlockLogError("ReceivedBlockTracker");
    }
    sim.trace("block", b->id + " records=" + std::to_string(info.numRecords));
    m_recentBlocks.push_back(info);
    if (m_recentBlocks.size() > kRecentBlocks) m_recentBlocks.pop_front();
    r.unallocated.push_back(std::move(b));
    sim.notify([&](SimulationObserver &o) { o.onBlockGenerated(t, info); });
    // ReliableKafkaReceiver.storeBlockAndCommitOffset: the block's offsets once it is stored.
    if (r.consumer && static_cast<const KafkaInputDStream &>(*r.stream).reliable()) r.consumer->commitPositions();
}

void JobScheduler::sendRateUpdate(int streamId, std::int64_t rate)
{
    // ReceiverTracker.sendRateUpdate reaches a registered receiver's supervisor, which logs it
    // and gives it to its BlockGenerator's RateLimiter (ReceiverSupervisorImpl: UpdateRateLimit).
    Simulation &sim = m_ssc.simulation();
    for (auto &r : m_receivers) {
        if (r->stream->id() != streamId || r->stopped || !m_receiverInfos[r->infoIndex].active) continue;
        // Records already accepted keep their times; the next one is spaced by the new limit.
        if (r->connected) pullInput(*r, sim.now());
        sim.log(LogLevel::Info, "ReceiverSupervisorImpl", "Received a new rate limit: " + std::to_string(rate) + ".");
        r->rateLimiter.updateRate(rate);
    }
}

bool JobScheduler::killReceiver(int streamId, FaultReport &report)
{
    for (auto &r : m_receivers) {
        if (r->stream->id() != streamId) continue;
        // Running: its task holds a core (a receiver waiting to connect again runs too).
        if (r->stopped || m_receiverInfos[r->infoIndex].core < 0) {
            report.applied = false;
            report.effects.push_back("the receiver of stream " + std::to_string(streamId) + " is not running");
            return false;
        }
        loseReceiver(*r, report);
        return true;
    }
    report.applied = false;
    std::string known;
    for (const auto &r : m_receivers) known += (known.empty() ? "" : ", ") + std::to_string(r->stream->id());
    report.effects.push_back("stream " + std::to_string(streamId) + " has no receiver (" +
                             (known.empty() ? std::string("this program has no receivers") : "receivers: " + known) + ")");
    return false;
}

void JobScheduler::takeArrivedInput(FaultReport &report)
{
    Simulation &sim = m_ssc.simulation();
    std::int64_t buffered = 0;
    for (auto &r : m_receivers) {
        if (r->stopped || !r->connected) continue;
        pullInput(*r, sim.now());
        buffered += static_cast<std::int64_t>(r->buffer.size());
        report.lostInputs.insert(report.lostInputs.end(), r->bufferOrigins.begin(), r->bufferOrigins.end());
    }
    report.lostRecords += buffered;
    if (buffered > 0)
        report.effects.push_back(std::to_string(buffered) +
                                 " record(s) the receivers had received but not yet stored as a block are lost");
}

std::vector<BlockPtr> JobScheduler::unallocatedBlocks() const
{
    std::vector<BlockPtr> out;
    for (const auto &r : m_receivers) out.insert(out.end(), r->unallocated.begin(), r->unallocated.end());
    return out;
}

std::vector<std::pair<int, Records>> JobScheduler::receiverBuffers() const
{
    std::vector<std::pair<int, Records>> out;
    for (const auto &r : m_receivers)
        if (!r->buffer.empty()) out.emplace_back(r->stream->id(), r->buffer);
    return out;
}

void JobScheduler::loseReceiver(Receiver &r, FaultReport &report)
{
    Simulation &sim = m_ssc.simulation();
    ReceiverInfo &info = m_receiverInfos[r.infoIndex];
    const int id = r.stream->id();
    // What had arrived by now was in the BlockGenerator's buffer: not yet a block, so it dies
    // with the receiver. (Stored blocks live in the executor's BlockManager and stay.)
    if (r.connected) pullInput(r, sim.now());
    const auto lost = static_cast<std::int64_t>(r.buffer.size());
    report.lostRecords += lost;
    report.lostInputs.insert(report.lostInputs.end(), r.bufferOrigins.begin(), r.bufferOrigins.end());
    r.buffer.clear();
    r.bufferOrigins.clear();
    sim.cancel(r.blockEvent);
    sim.cancel(r.retryEvent);
    sim.cancel(r.commitEvent);
    if (r.connected && r.socket) sim.inputLog().closeConnection(r.socket->port(), sim.now());
    // A dead consumer commits nothing more; the relaunched one starts from the group's
    // committed offsets (or auto.offset.reset).
    if (r.connected && r.consumer) r.consumer->abandon();
    r.connected = false;
    info.active = false;
    info.core = -1;
    info.lastError = "Receiver died: " + (report.description.empty() ? report.action : report.description);
    m_ssc.sparkContext().taskScheduler().releaseReceiverCore(id);
    sim.trace("receiver-lost", "stream " + std::to_string(id) + " lost " + std::to_string(lost) + " records");
    // ReceiverTracker.startReceiver's onComplete: the receiver's job ended while the tracker
    // runs, so it is submitted again (ReceiverTracker.scala).
    sim.log(LogLevel::Error, "ReceiverTracker", "Receiver has been stopped. Try to restart it.");
    sim.log(LogLevel::Info, "ReceiverTracker", "Restarting Receiver " + std::to_string(id));
    report.effects.push_back("receiver " + std::to_string(id) + " died; " + std::to_string(lost) +
                             " record(s) it had received but not yet stored as a block are lost");
    r.retryEvent = sim.schedule(sim.now() + Duration(cost::receiverLaunchMs), EventPriority::ReceiverStart,
                                "receiver-relaunch", [this, &r] {
                                    launchReceiver(r);
                                    FaultReport back;
                                    back.time = m_ssc.simulation().now();
                                    back.action = "kill-receiver " + std::to_string(r.stream->id());
                                    back.recoveredAt = back.time;
                                    back.effects.push_back("receiver " + std::to_string(r.stream->id()) +
                                                           " launched again");
                                    m_ssc.simulation().notify([&](SimulationObserver &o) { o.onFault(back); });
                                });
}

// ---- Kafka receivers ------------------------------------------------------------------------


void JobScheduler::connectKafkaReceiver(Receiver &r)
{
    // KafkaReceiver.onStart: ZooKeeper and the brokers are the simulation's, always reachable.
    Simulation &sim = m_ssc.simulation();
    ReceiverInfo &inf = m_receiverInfos[r.infoIndex];
    inf.lastError.clear();
    r.consumer->connect();
    r.connected = true;
    r.connectTime = sim.now();
    const std::int64_t bi = r.blockInterval.ms();
    scheduleBlockTimer(r, SimTime((sim.now().ms() / bi + 1) * bi));
    // ZookeeperConsumerConnector schedules autoCommit every auto.commit.interval.ms from now.
    if (r.consumer->autoCommits()) scheduleAutoCommit(r, sim.now() + r.consumer->autoCommitInterval());
}

std::map<kafka::TopicPartition, std::int64_t> JobScheduler::kafkaConsumerPositions(int streamId) const
{
    for (const auto &r : m_receivers)
        if (r->consumer && r->stream->id() == streamId) return r->consumer->positions();
    return {};
}

void JobScheduler::scheduleAutoCommit(Receiver &r, SimTime t)
{
    r.commitEvent = m_ssc.simulation().schedule(t, EventPriority::BlockInterval, "kafka-autocommit", [this, &r, t] {
        if (r.stopped) return;
        // What its stream iterators have handed to store() by now: the consumed offsets.
        pullInput(r, t);
        r.consumer->commitPositions();
        scheduleAutoCommit(r, t + r.consumer->autoCommitInterval());
    });
}

void JobScheduler::pullKafka(Receiver &r, SimTime upTo)
{
    // MessageHandler.run: store((key, message)) for each message, throttled by the receiver's
    // RateLimiter as any receiver's records are.
    ReceiverInfo &info = m_receiverInfos[r.infoIndex];
    const bool limited = r.rateLimiter.isLimited();
    bool behind = false; // the rate limit left messages appended by upTo for later
    r.consumer->resetOutOfRange(upTo);
    for (const KafkaConsumer::Pending &p : r.consumer->pending(upTo)) {
        const std::int64_t arrivalUs = std::max(p.message.time, r.connectTime).ms() * 1000;
        if (limited) {
            const std::int64_t acceptUs = std::max(arrivalUs, r.nextFreeUs);
            if (acceptUs > upTo.ms() * 1000) {
                behind = true;
                break;
            }
            r.nextFreeUs = acceptUs + 1'000'000 / r.rateLimiter.currentLimit();
        }
        r.buffer.push_back(Value::tuple({p.message.key ? Value::bytes(*p.message.key) : Value(),
                                         Value::bytes(p.message.value)}));
        r.consumer->consumed(p.tp, p.message.offset);
        ++info.recordsReceived;
    }
    // Caught up: every input record of upTo or before is as far as this receiver goes (what
    // StreamingContext::isDrained asks of every receiver).
    if (!behind) {
        const InputLog &log = m_ssc.simulation().inputLog();
        std::size_t n = log.size();
        while (n > log.firstIndex() && log[n - 1].time > upTo) --n;
        info.inputLogAccepted = std::max(info.inputLogAccepted, n);
    }
}

} // namespace dsl
