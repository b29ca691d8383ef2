// JobScheduler: Spark's JobGenerator (batch timer), ReceiverTracker (receivers, blocks) and
// JobScheduler (job sets, concurrentJobs, BatchInfo) over simulated time.
#pragma once

#include "batchinfo.h"
#include "receiverinfo.h"
#include "dstream.h"
#include "eventqueue.h"
#include "kafkabroker.h"
#include "rdds.h"
#include "receivedblocklog.h"
#include "sparkcontext.h"

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace dsl {

class StreamingContext;
class SocketInputDStream;
struct InputRecord;

/// Spark's streaming scheduler for one StreamingContext.
class JobScheduler {
public:
    explicit JobScheduler(StreamingContext &ssc);
    ~JobScheduler();

    /// JobGenerator.startFirstTime at `now`: first batch at the next multiple of the interval.
    void start();
    /// JobGenerator.restart from a checkpoint, at `now`: the graph keeps the checkpoint's zero
    /// time; the restart time is the first batch time after now counted from it
    /// (RecurringTimer.getRestartTime); the checkpoint's pending batches and those of the down
    /// time (checkpointTime, checkpointTime + interval, ... before the restart time) are
    /// allocated their blocks, generated and submitted at once, in time order; the timer's
    /// first batch is the restart time. A graph that cannot generate a rescheduled batch
    /// throws, as Spark's restart does (the start fails). The state streams' RDDs must be
    /// restored before (DStreamGraph.restoreCheckpointData).
    void restart(SimTime zeroTime, SimTime checkpointTime, const std::vector<SimTime> &pendingTimes);
    /// RecurringTimer.getRestartTime(zeroTime) at `now`: zeroTime + (floor((now - zeroTime) /
    /// interval) + 1) x interval.
    static SimTime restartTime(SimTime now, SimTime zeroTime, Duration interval);
    /// Stops timers and receivers. graceful: stop receivers now (their buffers become blocks),
    /// keep generating batches until every received block is allocated and processed, then
    /// call onStopped. Otherwise stop at once, abandoning queued and running jobs.
    void stop(bool graceful, std::function<void()> onStopped);

    /// The first batch of this run's timer (the restart time after a recovery).
    SimTime firstBatchTime() const { return m_firstBatch; }
    /// Batches in time order: waiting, running and the last spark.streaming.ui.retainedBatches
    /// completed ones.
    const std::map<SimTime, BatchInfo> &batches() const { return m_batches; }
    const std::vector<ReceiverInfo> &receivers() const { return m_receiverInfos; }
    /// Blocks cut but not yet allocated, and recently allocated ones (for the timeline).
    const std::deque<BlockInfo> &recentBlocks() const { return m_recentBlocks; }
    /// Blocks allocated to a batch (ReceivedBlockTracker.getBlocksOfBatch), by input stream.
    std::vector<BlockPtr> blocksOfBatch(SimTime batchTime, int streamId) const;
    /// InputInfoTracker.reportInfo, called by input streams while computing.
    void reportInputInfo(SimTime batchTime, const StreamInputInfo &info);
    std::size_t waitingBatches() const;
    std::optional<SimTime> lastCompletedBatch() const { return m_lastCompleted; }
    /// The latest batch time the timer has fired for.
    std::optional<SimTime> lastGeneratedBatch() const { return m_lastGenerated; }
    /// Records received but not yet in a batch (receiver buffers or unallocated blocks).
    bool hasPendingBlocks() const;
    /// kill-receiver (faults.h): the receiver of stream streamId dies. It first takes what has
    /// arrived by now; that buffer, not yet stored as a block, is lost (its lines named in the
    /// report), a socket's connection closes, and the ReceiverTracker relaunches the receiver's
    /// job (cost::receiverLaunchMs), which connects again. Blocks already stored are kept: they
    /// live in the executor's block manager, not in the receiver. False (with the reason in the
    /// report) when the stream has no running receiver.
    bool killReceiver(int streamId, FaultReport &report);
    /// kill-driver: every connected receiver takes what has arrived by now into its buffer,
    /// where it dies with the driver (its lines named in the report). Nothing else changes.
    void takeArrivedInput(FaultReport &report);
    /// What the received-block tracker holds (a dying driver's ledger, recoveryaudit.h): the
    /// blocks allocated to batches not yet cleaned up, ...
    const std::map<SimTime, std::map<int, std::vector<BlockPtr>>> &allocatedBlocks() const { return m_allocated; }
    /// ... the blocks stored but not yet allocated, receiver by receiver in order, ...
    std::vector<BlockPtr> unallocatedBlocks() const;
    /// ... and the receivers' buffers: records not yet stored as a block, by stream id.
    std::vector<std::pair<int, Records>> receiverBuffers() const;
    /// A Kafka receiver's consumer positions (the next offset to consume, per partition); empty
    /// for another stream or before it connected.
    std::map<kafka::TopicPartition, std::int64_t> kafkaConsumerPositions(int streamId) const;

private:
    struct Receiver;
    struct JobSet;

    void startReceivers();
    void scheduleBatchTimer(SimTime t);
    void onBatchTimer(SimTime t);
    void allocateBlocksToBatch(SimTime t);
    void generateJobs(SimTime t);
    void submitJobSet(SimTime t, std::vector<StreamingJob> jobs, SimTime submissionTime);
    void startNextJobs();
    void runJob(JobSet &js, std::size_t index);
    void onJobCompleted(SimTime batchTime, std::size_t index, SimTime start, std::optional<std::string> failure);
    void onBatchCompleted(SimTime t);
    void writeCheckpoint(SimTime t);

    void launchReceiver(Receiver &r);
    /// The receiver's task is gone (killed, or its executor lost): see killReceiver.
    void loseReceiver(Receiver &r, FaultReport &report);
    void connectReceiver(Receiver &r);
    /// ReceiverSupervisor.restartReceiver: the WARN line, the receiver deregistered (inactive,
    /// `why` its last error) until it connects again.
    void restartReceiverLater(Receiver &r, const std::string &why);
    /// A recorded real server's event for a following receiver's port (InputLog::followServer).
    void applyServerEvent(Receiver &r, const InputRecord &rec);
    void scheduleBlockTimer(Receiver &r, SimTime t);
    void onBlockTimer(Receiver &r, SimTime t);
    void pullInput(Receiver &r, SimTime upTo);
    /// A Kafka receiver (jobschedulerreceivers.cpp): connects its consumer, schedules its auto
    /// commits, and takes the messages appended by upTo as pullInput does a socket's lines.
    void connectKafkaReceiver(Receiver &r);
    void scheduleAutoCommit(Receiver &r, SimTime t);
    void pullKafka(Receiver &r, SimTime upTo);
    void cutBlock(Receiver &r, SimTime t);
    /// ReceiverTracker.sendRateUpdate: a RateController's new rate for stream streamId's receiver.
    void sendRateUpdate(int streamId, std::int64_t rate);
    bool hasUnallocatedBlocks() const;
    void checkGracefulStop();
    /// With a checkpoint directory and receivers: the received block log of the directory,
    /// replayed first when `recover` (ReceivedBlockTracker's construction on a restart).
    void openBlockLog(bool recover);
    /// An error the block log met while writing, logged once per kind of writer.
    void reportBlockLogError(const char *source);

    StreamingContext &m_ssc;
    int m_concurrentJobs;  // spark.streaming.concurrentJobs
    int m_retainedBatches; // spark.streaming.ui.retainedBatches
    SimTime m_firstBatch;
    Duration m_jobGenerationDelay{0}; // DStreamGraph.generateJobs cost: per DStream of the graph
    EventId m_timerEvent = 0;
    bool m_timerActive = false;
    bool m_stopping = false;
    bool m_stopped = false;
    std::function<void()> m_onStopped;

    std::vector<std::unique_ptr<Receiver>> m_receivers;
    std::vector<ReceiverInfo> m_receiverInfos;
    std::map<SimTime, std::map<int, std::vector<BlockPtr>>> m_allocated;
    std::optional<SimTime> m_lastAllocated;      // ReceivedBlockTracker.lastAllocatedBatchTime
    std::unique_ptr<ReceivedBlockLog> m_blockLog; // with a checkpoint directory and receivers
    bool m_blockLogErrorLogged = false;
    std::deque<BlockInfo> m_recentBlocks;
    std::map<SimTime, std::map<int, StreamInputInfo>> m_inputInfos;

    std::map<SimTime, JobSet> m_jobSets;    // not yet completed, in batch order
    std::map<SimTime, BatchInfo> m_batches; // retained BatchInfo
    std::size_t m_completedBatches = 0;     // completed entries of m_batches
    std::set<SimTime> m_failedBatches; // their job sets stay pending in Spark (checkpoints list them)
    std::optional<SimTime> m_lastCompleted;
    std::optional<SimTime> m_lastGenerated;
    int m_runningJobs = 0;
    std::vector<int> m_runningRuns;
    /// Lives as long as this scheduler: the TaskScheduler's receiver-lost handler (the
    /// SparkContext may outlive this StreamingContext) checks it before calling back.
    std::shared_ptr<int> m_alive = std::make_shared<int>(0);
};

} // namespace dsl
