// StreamingContext: the lifecycle (INITIALIZED -> ACTIVE -> STOPPED) and entry point of a
// streaming program, with Spark's rules and messages.
#pragma once

#include "dstreamgraph.h"
#include "inputdstreams.h"
#include "kafkadstream.h"
#include "observer.h"
#include "runloop.h"

#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dsl {

class SparkContext;
class Simulation;
class JobScheduler;
struct CheckpointData;

/// Spark's StreamingContext (streaming/StreamingContext.scala) over a simulated clock.
/// Waiting calls (await, awaitTerminationOrTimeout, a graceful stop) drive the Simulation
/// through the one run loop (runloop.h), paced by the host's Pacer; the host calls them from
/// its own thread, never from inside an event.
class StreamingContext {
public:
    /// Throws IllegalArgumentException for a non-positive batch duration.
    StreamingContext(SparkContext &sc, Duration batchDuration);
    ~StreamingContext();
    StreamingContext(const StreamingContext &) = delete;
    StreamingContext &operator=(const StreamingContext &) = delete;

    SparkContext &sparkContext() const { return m_sc; }
    Simulation &simulation() const;
    StreamingState state() const { return m_state; }
    Duration batchDuration() const { return m_graph.batchDuration(); }
    DStreamGraph &graph() { return m_graph; }
    const DStreamGraph &graph() const { return m_graph; }
    JobScheduler &scheduler() { return *m_scheduler; }
    const JobScheduler &scheduler() const { return *m_scheduler; }

    /// ssc.checkpoint(dir): sets the SparkContext's checkpoint directory.
    void checkpoint(const std::string &directory);
    std::optional<std::string> checkpointDir() const;
    /// ssc.remember(duration).
    void remember(Duration d) { m_graph.setRememberDuration(d); }

    // ---- input streams ----
    std::shared_ptr<SocketInputDStream> socketTextStream(const std::string &host, int port,
                                                         StorageLevel level = StorageLevel::MEMORY_AND_DISK_SER_2());
    std::shared_ptr<QueueInputDStream> queueStream(RddQueue queue, bool oneAtATime = true, RDDPtr defaultRDD = {});
    std::shared_ptr<FileInputDStream> textFileStream(const std::string &directory);
    /// KafkaUtils.createDirectStream over the run's simulated Kafka broker (kafkadstream.h).
    std::shared_ptr<DirectKafkaInputDStream> directKafkaStream(std::vector<std::string> topics,
                                                               std::map<std::string, std::string> kafkaParams,
                                                               std::map<kafka::TopicPartition, std::int64_t> fromOffsets = {});
    /// KafkaUtils.createStream: the receiver-based stream (the ReliableKafkaReceiver when
    /// spark.streaming.receiver.writeAheadLog.enable is set, as WriteAheadLogUtils.enableReceiverLog).
    std::shared_ptr<KafkaInputDStream> kafkaStream(std::map<std::string, int> topics,
                                                   std::map<std::string, std::string> kafkaParams, StorageLevel level);
    std::shared_ptr<FunctionInputDStream> functionStream(FunctionInputDStream::Generator g,
                                                         std::string name = "TestInputStream");
    /// Registers any input stream made by a subclass constructor.
    void registerInputStream(const std::shared_ptr<InputDStream> &s);
    void registerOutputStream(const std::shared_ptr<ForEachDStream> &s);

    /// StreamingContext.getOrCreate's recovery: the latest checkpoint in dir is read now; at
    /// start() the graph restarts from it as JobGenerator.restart does (the checkpoint's zero
    /// time, its pending and down-time batches first, the state streams from their last RDD
    /// checkpoint). Returns false when dir holds no checkpoint. Throws NotSerializableException
    /// for a graph with a queueStream (Spark's message) and SparkException for unreadable files.
    bool recoverFromCheckpoint(const std::string &dir);
    /// Per state stream (index among the graph's state streams), the time of the RDD checkpoint
    /// file it was restored from; empty unless recovered and started.
    const std::map<int, SimTime> &restoredStateFiles() const { return m_restoredStateFiles; }

    // ---- lifecycle ----
    /// Spark's start(): validates, then starts the scheduler at the next batch boundary.
    /// ACTIVE: logs "StreamingContext has already been started"; STOPPED: throws.
    void start();
    /// stop(stopSparkContext, stopGracefully). Graceful: receivers stop and every received
    /// record is processed before the context stops: the run loop runs the simulation to that
    /// point, paced by `pacer` (JobGenerator.stop(processReceivedData = true)). Returns false
    /// when the host ended the run during that drain (Pacer::allow returned false): the context
    /// then stops at once, abandoning what is left, as does an exception from
    /// Pacer::afterEvent (rethrown).
    bool stop(bool stopSparkContext, bool stopGracefully, Pacer &pacer);
    /// stop(stopSparkContext, stopGracefully) as fast as possible.
    void stop(bool stopSparkContext, bool stopGracefully = false);
    /// stop() with spark.streaming.stopSparkContextByDefault (true).
    void stop();

    /// Spark's awaitTermination / awaitTerminationOrTimeout as PySpark programs call them
    /// (StreamingContext.scala, ContextWaiter.waitForStopOrError) on the run loop: runs the
    /// simulation, asking `pacer` before every event, until this context stops (Stopped), the
    /// clock reaches `deadline` (DeadlineReached; nullopt: no deadline), `policy` ends the run
    /// (EndTimeReached; Drained for an untimed wait), the host ends it (HostEnded), or, without
    /// a deadline, no event is left (NothingLeft). The error jobs reported (the last one) is
    /// rethrown at entry and after every event, before a stop, and kept: every later wait
    /// rethrows it at once. Drained is judged on the active context (getActive), which is this
    /// one unless it was never started.
    AwaitResult awaitTermination(std::optional<SimTime> deadline, Pacer &pacer, const RunPolicy &policy = {});
    /// As awaitTermination, but the rethrown error is cleared, so that a native host (the
    /// engine's tests) can go on waiting after it.
    AwaitResult await(std::optional<SimTime> deadline, Pacer &pacer, const RunPolicy &policy = {});
    /// await(now + timeout) as fast as possible. Returns true if stopped.
    bool awaitTerminationOrTimeout(Duration timeout);

    /// The run has nothing left to do: no input still to come in the InputLog for a port a
    /// socket source reads (or for every port), nothing a running receiver has not accepted,
    /// nothing buffered in receivers or in unallocated blocks, no queueStream RDD left, and
    /// every batch completed, with one generated at or after the last input. With no core
    /// for tasks (local[1] with a receiver) batches never complete: drained once the input is
    /// received. Pure: never changes the simulation.
    bool isDrained() const;
    /// The warnings a drained check gives once per context, in this order: receivers that hold
    /// every core (looked for at each call until it applies), then input for a port no socket
    /// source reads (looked for at the first call only). Empty unless ACTIVE.
    std::vector<std::string> takeUnusableInputWarnings();
    /// The reported job error, if any (cleared by the call).
    std::exception_ptr takeError();
    /// ContextWaiter.notifyError (from JobScheduler.reportError): a later error replaces an
    /// earlier one. Nothing else on the driver sees it: only the waits rethrow it.
    void reportError(std::exception_ptr e);
    bool hasError() const { return static_cast<bool>(m_error); }

    /// Where the context was started ("start at wordcount.py:30"), for the one-active message.
    const std::string &startSite() const { return m_startSite; }
    /// Spark's StreamingContext.getActive: the started, not stopped, context of this JVM.
    static StreamingContext *getActive(Simulation &sim);
    /// Spark's StreamingContext.getActiveOrCreate(creatingFunc): the active context, else what
    /// `create` returns (owned by the caller, not started).
    static StreamingContext &getActiveOrCreate(Simulation &sim, const std::function<StreamingContext &()> &create);

    int newDStreamId() { return m_nextDStreamId++; }
    int newInputStreamId() { return m_nextInputStreamId++; }

private:
    void setState(StreamingState s);
    void finishStop(bool stopSparkContext);
    AwaitResult wait(std::optional<SimTime> deadline, Pacer &pacer, const RunPolicy &policy, bool keepError);
    /// Why the recovered graph cannot continue the checkpoint's batch times (empty: it can).
    std::string whyNotContinued(const CheckpointData &data) const;
    /// The WARNs naming what a recovery without a write-ahead log loses (receiver input only,
    /// when the batch times continue).
    void warnLostData(const CheckpointData &data, bool continued);
    /// DStreamGraph.restoreCheckpointData: each state stream gets its checkpointed RDD back at
    /// `at` (its checkpoint's time when nullopt).
    void restoreStates(const CheckpointData &data, std::optional<SimTime> at);

    SparkContext &m_sc;
    DStreamGraph m_graph;
    std::unique_ptr<JobScheduler> m_scheduler;
    StreamingState m_state = StreamingState::INITIALIZED;
    std::exception_ptr m_error;
    std::string m_startSite;
    int m_nextDStreamId = 0;
    int m_nextInputStreamId = 0;
    bool m_stopSparkContextPending = false;
    bool m_checkedUnreadInput = false; ///< takeUnusableInputWarnings looked at the input's ports
    bool m_warnedNoCores = false;      ///< ... and said that receivers hold every core
    std::unique_ptr<CheckpointData> m_recovered; ///< read by recoverFromCheckpoint, used by start()
    std::optional<int> m_recoveredWatermark;     ///< the first DStream id made after recovery
    std::map<int, SimTime> m_restoredStateFiles;
};

} // namespace dsl
