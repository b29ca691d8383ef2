// StreamingContext lifecycle with Spark's rules and messages (streaming/StreamingContext.scala).
#include "streamingcontext.h"

#include "checkpoint.h"
#include "errors.h"
#include "kafkadstream.h"
#include "rdds.h"
#include "jobscheduler.h"
#include "simulation.h"
#include "sparkcontext.h"
#include "statedstreams.h"
#include "windowdstreams.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

namespace dsl {

StreamingContext::StreamingContext(SparkContext &sc, Duration batchDuration)
    : m_sc(sc)
{
    sc.assertNotStopped();
    // StreamingContext.scala (class body, before the graph is built): the check looks at the master
    // string only, so it fires for any program on "local"/"local[1]", receivers or not.
    if (sc.master() == "local" || sc.master() == "local[1]")
        simulation().log(LogLevel::Warn, "StreamingContext",
                         "spark.master should be set as local[n], n > 1 in local mode if you have receivers to get "
                         "data, otherwise Spark jobs will not get resources to process the received data.");
    // Spark only requires a non-null duration; a zero or negative one would break its timer, so
    // DStream Lab rejects it up front in Spark's require() style.
    require(batchDuration.ms() > 0,
            "Batch duration for StreamingContext must be positive, but was " + batchDuration.toString());
    m_graph.setBatchDuration(batchDuration);
    // Built after the graph, as in StreamingContext.scala; it reads its settings from the conf.
    m_scheduler = std::make_unique<JobScheduler>(*this);
    if (auto dir = sc.conf().getOption("spark.streaming.checkpoint.directory")) checkpoint(*dir);
}

StreamingContext::~StreamingContext()
{
    if (m_state == StreamingState::ACTIVE) {
        m_scheduler->stop(false, {});
        m_state = StreamingState::STOPPED;
    }
    simulation().forgetStreamingContext(this);
}

Simulation &StreamingContext::simulation() const
{
    return m_sc.simulation();
}

void StreamingContext::checkpoint(const std::string &directory)
{
    // StreamingContext.checkpoint: fs.mkdirs(path), then sc.setCheckpointDir(fullPath)
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec || !std::filesystem::is_directory(directory, ec))
        throw SparkError("java.io.IOException", "Mkdirs failed to create " + directory);
    m_sc.setCheckpointDir(directory);
}

std::optional<std::string> StreamingContext::checkpointDir() const
{
    return m_sc.checkpointDir();
}

std::shared_ptr<SocketInputDStream> StreamingContext::socketTextStream(const std::string &host, int port,
                                                                        StorageLevel level)
{
    auto s = std::make_shared<SocketInputDStream>(*this, host, port, level);
    registerInputStream(s);
    return s;
}

std::shared_ptr<QueueInputDStream> StreamingContext::queueStream(RddQueue queue, bool oneAtATime, RDDPtr defaultRDD)
{
    auto s = std::make_shared<QueueInputDStream>(*this, std::move(queue), oneAtATime, std::move(defaultRDD));
    registerInputStream(s);
    return s;
}

std::shared_ptr<FileInputDStream> StreamingContext::textFileStream(const std::string &directory)
{
    auto s = std::make_shared<FileInputDStream>(*this, directory);
    registerInputStream(s);
    return s;
}

std::shared_ptr<KafkaInputDStream> StreamingContext::kafkaStream(std::map<std::string, int> topics,
                                                                 std::map<std::string, std::string> kafkaParams,
                                                                 StorageLevel level)
{
    const bool wal = m_sc.conf().getBoolean("spark.streaming.receiver.writeAheadLog.enable", false);
    auto s = std::make_shared<KafkaInputDStream>(*this, std::move(topics), std::move(kafkaParams), wal, level);
    registerInputStream(s);
    return s;
}

std::shared_ptr<DirectKafkaInputDStream>
StreamingContext::directKafkaStream(std::vector<std::string> topics, std::map<std::string, std::string> kafkaParams,
                                    std::map<kafka::TopicPartition, std::int64_t> fromOffsets)
{
    auto s = std::make_shared<DirectKafkaInputDStream>(*this, std::move(topics), std::move(kafkaParams), std::move(fromOffsets));
    registerInputStream(s);
    return s;
}

std::shared_ptr<FunctionInputDStream> StreamingContext::functionStream(FunctionInputDStream::Generator g, std::string name)
{
    auto s = std::make_shared<FunctionInputDStream>(*this, std::move(g), std::move(name));
    registerInputStream(s);
    return s;
}

void StreamingContext::registerInputStream(const std::shared_ptr<InputDStream> &s)
{
    m_graph.addInputStream(s);
}

void StreamingContext::registerOutputStream(const std::shared_ptr<ForEachDStream> &s)
{
    m_graph.addOutputStream(s);
}

void StreamingContext::setState(StreamingState s)
{
    m_state = s;
    simulation().trace("state", toString(s));
    simulation().notify([&](SimulationObserver &o) { o.onStreamingStateChanged(simulation().now(), s); });
}

void StreamingContext::start()
{
    Simulation &sim = simulation();
    switch (m_state) {
    case StreamingState::ACTIVE:
        sim.log(LogLevel::Warn, "StreamingContext", "StreamingContext has already been started");
        return;
    case StreamingState::STOPPED:
        throw IllegalStateException("StreamingContext has already been stopped");
    case StreamingState::INITIALIZED:
        break;
    }
    // StreamingContext.assertNoOtherContextIsActive
    if (auto *other = sim.activeStreamingContext(); other && other != this)
        throw IllegalStateException("Only one StreamingContext may be started in this JVM. Currently running "
                                    "StreamingContext was started at" + other->startSite());
    m_sc.assertNotStopped();
    try {
        m_graph.validate();
        // JobGenerator.restart generates the jobs of the rescheduled batches at once: an output
        // operation added to a recovered context (outside the setup function) was never
        // initialized, and DStream.isTimeValid fails the start.
        if (m_recoveredWatermark)
            for (const auto &out : m_graph.outputStreams())
                if (out->id() >= *m_recoveredWatermark)
                    throw SparkException(out->toString() + " has not been initialized");
        m_startSite = m_sc.currentCallSite();
        if (!m_recovered) {
            m_scheduler->start();
        } else if (const std::string why = whyNotContinued(*m_recovered); why.empty()) {
            // JobGenerator.start with a checkpoint present: restart()
            warnLostData(*m_recovered, true);
            restoreStates(*m_recovered, std::nullopt);
            m_scheduler->restart(*m_recovered->zeroTime, m_recovered->batchTime, m_recovered->pendingTimes);
        } else {
            sim.log(LogLevel::Warn, "JobGenerator", why);
            warnLostData(*m_recovered, false);
            m_scheduler->start();
            // The recovered state is the state "just before" this run's first batch.
            restoreStates(*m_recovered, *m_graph.zeroTime());
        }
    } catch (...) {
        sim.log(LogLevel::Error, "StreamingContext", "Error starting the context, marking it as stopped");
        m_scheduler->stop(false, {});
        setState(StreamingState::STOPPED);
        throw;
    }
    m_recovered.reset();
    sim.setActiveStreamingContext(this);
    setState(StreamingState::ACTIVE);
    sim.log(LogLevel::Info, "StreamingContext", "StreamingContext started");
}

std::string StreamingContext::whyNotContinued(const CheckpointData &data) const
{
    const std::string lead = "DStream Lab: the batch times restart at this run's next batch interval instead of "
                             "continuing from the checkpoint of " +
                             data.batchTime.toString() + " (JobGenerator.restart): ";
    if (!data.zeroTime)
        return lead + "the checkpoint was written by an older DStream Lab, without the graph's zero time";
    if (data.batchDuration != batchDuration())
        return lead + "its batch duration " + data.batchDuration.toString() + " differs from this run's " +
               batchDuration().toString();
    const SimTime now = simulation().now();
    if (data.batchTime > now)
        return lead + "the simulated clock of this run (" + now.toString() + ") is before the checkpoint, as when a "
               "run starts again at the same --start-time; a restarted Spark driver is always later than its last "
               "checkpoint";
    return {};
}

void StreamingContext::warnLostData(const CheckpointData &data, bool continued)
{
    // A receiver's blocks live in the stopped driver's memory: the received block log (written
    // with any checkpoint directory) brings back which blocks each batch had, but their records
    // only with the receivers' write-ahead log; without it those batches' BlockRDDs are empty
    // (ReceiverInputDStream warns). The state continues from the last RDD checkpoint, so the
    // data of the batches after it is lost; a reduceByKeyAndWindow with an inverse function also
    // subtracts nothing for the batches of the window before the restart (their old values stay
    // in the window). With the write-ahead log those batches are recomputed from the records
    // read back. When the batch times restart instead, every input is empty before the new zero
    // time.
    Simulation &sim = simulation();
    const bool receivers = std::any_of(m_graph.inputStreams().begin(), m_graph.inputStreams().end(),
                                       [](const auto &in) { return in->hasReceiver(); });
    const bool receiverLog = m_sc.conf().getBoolean("spark.streaming.receiver.writeAheadLog.enable", false);
    if (continued && !receivers) return;
    std::vector<std::string> stateStreams;
    std::vector<const WindowDStreamBase *> windows;
    for (const auto &s : m_graph.allStreams())
        if (s->carriesState()) {
            stateStreams.push_back(s->toString());
            windows.push_back(dynamic_cast<const WindowDStreamBase *>(s.get()));
        }
    for (std::size_t i = 0; i < stateStreams.size(); ++i) {
        auto it = data.stateTimes.find(static_cast<int>(i));
        if (it == data.stateTimes.end()) {
            sim.log(LogLevel::Warn, "CheckpointReader",
                    "No RDD checkpoint of " + stateStreams[i] + " before " + data.batchTime.toString() +
                        ": its state starts empty and the data of every earlier batch is lost");
            continue;
        }
        if (continued && receiverLog) continue; // the batches after it are recomputed from the log
        std::string lost;
        int n = 0;
        for (SimTime t = it->second + data.batchDuration; t <= data.batchTime; t = t + data.batchDuration) {
            lost += (n++ ? ", " : "") + t.toString();
        }
        if (n > 0)
            sim.log(LogLevel::Warn, "CheckpointReader",
                    stateStreams[i] + " recovers its state of " + it->second.toString() + ": the received data of " +
                        std::to_string(n) + " later batch(es) (" + lost +
                        ") is lost, as without spark.streaming.receiver.writeAheadLog.enable");
        // PySpark's window uses the previous window only when window >= 5 x slide.
        const bool usesPrevious = windows[i] && (windows[i]->className() != "PythonReducedWindowedDStream" ||
                                                 windows[i]->windowDuration() >= windows[i]->slideDuration() * 5);
        if (usesPrevious && windows[i]->windowDuration() > data.batchDuration) {
            // The recovered window still holds these batches; recomputed empty, they are never subtracted.
            const SimTime from = it->second - windows[i]->windowDuration() + data.batchDuration;
            sim.log(LogLevel::Warn, "CheckpointReader",
                    stateStreams[i] + ": the batches " + from.toString() + " to " + it->second.toString() +
                        " of the recovered window are recomputed empty after the restart, so their values are never "
                        "subtracted from the window");
        }
    }
}

void StreamingContext::restoreStates(const CheckpointData &data, std::optional<SimTime> at)
{
    // DStreamCheckpointData.restore: generatedRDDs += time -> sc.checkpointFile(file)
    int index = 0;
    for (const auto &s : m_graph.allStreams()) {
        if (!s->carriesState()) continue;
        const auto parts = data.states.find(index);
        const auto time = data.stateTimes.find(index);
        if (parts != data.states.end() && time != data.stateTimes.end()) {
            const SimTime t = at.value_or(time->second);
            if (const auto *mws = dynamic_cast<const InternalMapWithStateDStream *>(s.get()))
                s->restoreRDD(t, mws->fromCheckpoint(parts->second, t));
            else
                s->restoreRDD(t, std::make_shared<RecoveredRDD>(m_sc, parts->second));
            // Later checkpoints name this file until a newer RDD checkpoint (not when the batch
            // times restarted: its time is of the old run's timeline).
            if (!at) m_restoredStateFiles[index] = time->second;
        }
        ++index;
    }
    // The direct Kafka streams: their offsets continue from the checkpoint's; the batches it
    // remembers are rebuilt from their ranges only when the batch times continue.
    int kafkaIndex = 0;
    for (const auto &s : m_graph.allStreams()) {
        auto *direct = dynamic_cast<DirectKafkaInputDStream *>(s.get());
        if (!direct) continue;
        const auto k = data.kafka.find(kafkaIndex++);
        if (k == data.kafka.end()) continue;
        std::map<kafka::TopicPartition, std::int64_t> current;
        for (const auto &[tp, offset] : k->second.current) current[kafka::TopicPartition{tp.first, tp.second}] = offset;
        std::map<SimTime, std::vector<KafkaOffsetRange>> batches;
        if (!at)
            for (const auto &[t, ranges] : k->second.batches)
                for (const auto &r : ranges)
                    batches[t].push_back(KafkaOffsetRange{kafka::TopicPartition{r.topic, r.partition}, r.from, r.until});
        direct->restoreFromCheckpoint(current, batches);
    }
}

bool StreamingContext::recoverFromCheckpoint(const std::string &dir)
{
    // CheckpointReader.read (a graph with a queueStream fails there, QueueInputDStream.readObject)
    auto data = CheckpointFiles::readLatest(dir);
    if (!data) return false;
    checkpoint(dir);
    Simulation &sim = simulation();
    sim.log(LogLevel::Info, "CheckpointReader", "Checkpoint successfully loaded from file checkpoint-" +
                                                    std::to_string(data->batchTime.ms()) + " in " + dir);
    int watermark = 0;
    for (const auto &s : m_graph.allStreams()) watermark = std::max(watermark, s->id() + 1);
    m_recoveredWatermark = watermark;
    sim.log(LogLevel::Info, "StreamingContext",
            "Recovering " + std::to_string(data->states.size()) + " state stream(s) from checkpoint " +
                data->batchTime.toString() + " in " + dir);
    m_recovered = std::make_unique<CheckpointData>(std::move(*data));
    return true;
}

void StreamingContext::stop()
{
    stop(m_sc.conf().getBoolean("spark.streaming.stopSparkContextByDefault", true), false);
}

void StreamingContext::stop(bool stopSparkContext, bool stopGracefully)
{
    AsFastAsPossiblePacer pacer;
    stop(stopSparkContext, stopGracefully, pacer);
}

bool StreamingContext::stop(bool stopSparkContext, bool stopGracefully, Pacer &pacer)
{
    Simulation &sim = simulation();
    bool hostEnded = false;
    switch (m_state) {
    case StreamingState::INITIALIZED:
        sim.log(LogLevel::Warn, "StreamingContext", "StreamingContext has not been started yet");
        setState(StreamingState::STOPPED);
        break;
    case StreamingState::STOPPED:
        sim.log(LogLevel::Warn, "StreamingContext", "StreamingContext has already been stopped");
        break;
    case StreamingState::ACTIVE: {
        // Shared with the scheduler, which keeps the callback when a drain is cut short.
        auto done = std::make_shared<bool>(false);
        // From inside a streaming job (stop() in foreachRDD) there is no waiting for the batches
        // still queued: Spark would block on its own job; DStream Lab stops at once and says so.
        if (stopGracefully && sim.isDispatching())
            sim.log(LogLevel::Warn, "StreamingContext",
                    "stop(stopGracefully=true) was called from inside a streaming job; stopping without "
                    "waiting for the remaining batches");
        m_scheduler->stop(stopGracefully && !sim.isDispatching(), [done] { *done = true; });
        // A graceful stop runs the simulation until every received record is processed, through
        // the run loop so that the host paces the drain like any other wait.
        const auto drained = [&done]() -> std::optional<AwaitEnd> {
            if (*done) return AwaitEnd::Stopped;
            return std::nullopt;
        };
        auto abandon = [&] {
            // Cut short: stop at once, abandoning what is left (JobScheduler.stop(false)).
            m_scheduler->stop(false, {});
            setState(StreamingState::STOPPED);
            if (sim.activeStreamingContext() == this) sim.setActiveStreamingContext(nullptr);
        };
        AwaitEnd end;
        try {
            end = runLoop(sim, pacer, std::nullopt, drained);
        } catch (...) {
            abandon();
            throw;
        }
        if (end == AwaitEnd::HostEnded) {
            abandon();
            hostEnded = true;
            break;
        }
        if (end != AwaitEnd::Stopped) sim.log(LogLevel::Warn, "JobGenerator", "Timed out while stopping the job generator");
        setState(StreamingState::STOPPED);
        if (sim.activeStreamingContext() == this) sim.setActiveStreamingContext(nullptr);
        sim.log(LogLevel::Info, "StreamingContext",
                std::string("StreamingContext stopped successfully") + (stopGracefully ? " (gracefully)" : ""));
        break;
    }
    }
    // "Even if we have already stopped, we still need to attempt to stop the SparkContext because
    // a user might stop(stopSparkContext = false) and then call stop(stopSparkContext = true)."
    if (stopSparkContext) m_sc.stop();
    return !hostEnded;
}

bool StreamingContext::awaitTerminationOrTimeout(Duration timeout)
{
    AsFastAsPossiblePacer pacer;
    return await(simulation().now() + timeout, pacer).end == AwaitEnd::Stopped;
}

std::exception_ptr StreamingContext::takeError()
{
    auto e = m_error;
    m_error = nullptr;
    return e;
}

void StreamingContext::reportError(std::exception_ptr e)
{
    // ContextWaiter.notifyError: error = e
    m_error = std::move(e);
}

StreamingContext *StreamingContext::getActive(Simulation &sim)
{
    return sim.activeStreamingContext();
}

StreamingContext &StreamingContext::getActiveOrCreate(Simulation &sim, const std::function<StreamingContext &()> &create)
{
    // StreamingContext.getActiveOrCreate: under ACTIVATION_LOCK, the active context or a new one
    // (which is *not* started: the caller starts it).
    if (StreamingContext *active = getActive(sim)) return *active;
    return create();
}

} // namespace dsl
