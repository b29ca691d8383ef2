// JobScheduler: batch timer, receivers and blocks, job sets and BatchInfo, as Spark's
// JobGenerator / ReceiverTracker / JobScheduler do it, in simulated time.
#include "jobscheduler.h"
#include "jobschedulerreceiver.h"

#include "capturerecorder.h"
#include "checkpoint.h"
#include "costmodel.h"
#include "errors.h"
#include "inputdstreams.h"
#include "kafkadstream.h"
#include "kafkareceiver.h"
#include "ratecontroller.h"
#include "ratelimiter.h"
#include "simulation.h"
#include "streamingcontext.h"
#include "taskscheduler.h"
#include "timeformat.h"

#include <algorithm>

namespace dsl {

namespace {
std::string describe(const std::exception_ptr &e)
{
    try {
        std::rethrow_exception(e);
    } catch (const std::exception &x) {
        return x.what();
    } catch (...) {
        return "unknown error";
    }
}
} // namespace

struct JobScheduler::JobSet {
    SimTime time;
    SimTime submissionTime;
    std::vector<StreamingJob> jobs;
    std::size_t next = 0;
    std::size_t done = 0;
};

JobScheduler::JobScheduler(StreamingContext &ssc)
    : m_ssc(ssc),
      // Read when the StreamingContext is built, as JobScheduler.scala (numConcurrentJobs) and
      // StreamingJobProgressListener.scala (batchUIDataLimit) do: a bad value fails the
      // constructor instead of throwing later from inside a simulation event.
      m_concurrentJobs(ssc.sparkContext().conf().getInt("spark.streaming.concurrentJobs", conf_defaults::concurrentJobs)),
      m_retainedBatches(
          ssc.sparkContext().conf().getInt("spark.streaming.ui.retainedBatches", conf_defaults::uiRetainedBatches))
{
}

JobScheduler::~JobScheduler() = default;

// ---- start / stop ----------------------------------------------------------------------------

void JobScheduler::start()
{
    Simulation &sim = m_ssc.simulation();
    const Duration batch = m_ssc.batchDuration();
    // RecurringTimer.getStartTime: (floor(now / period) + 1) * period
    m_firstBatch = SimTime((sim.now().ms() / batch.ms() + 1) * batch.ms());
    m_ssc.graph().start(m_firstBatch - batch);
    startReceivers();
    openBlockLog(false);
    scheduleBatchTimer(m_firstBatch);
}

SimTime JobScheduler::restartTime(SimTime now, SimTime zeroTime, Duration interval)
{
    // RecurringTimer.getRestartTime(originalStartTime):
    // (math.floor(gap.toDouble / period).toLong + 1) * period + originalStartTime
    const std::int64_t gap = now.ms() - zeroTime.ms(), period = interval.ms();
    const std::int64_t floored = gap >= 0 ? gap / period : -((-gap + period - 1) / period);
    return zeroTime + interval * (floored + 1);
}

void JobScheduler::restart(SimTime zeroTime, SimTime checkpointTime, const std::vector<SimTime> &pendingTimes)
{
    // JobGenerator.restart (JobScheduler.start has started the ReceiverTracker first).
    Simulation &sim = m_ssc.simulation();
    const Duration batch = m_ssc.batchDuration();
    const SimTime restartAt = restartTime(sim.now(), zeroTime, batch);
    m_firstBatch = restartAt;
    m_ssc.graph().start(zeroTime);
    startReceivers();
    openBlockLog(true);
    auto list = [](const std::vector<SimTime> &times) {
        std::string s;
        for (SimTime t : times) s += (s.empty() ? "" : ", ") + t.toString();
        return s;
    };
    // "Batches when the master was down, that is, between the checkpoint and current restart
    // time": checkpointTime.until(restartTime, batchDuration), the checkpoint's batch included.
    std::vector<SimTime> downTimes;
    for (SimTime t = checkpointTime; t < restartAt; t += batch) downTimes.push_back(t);
    sim.log(LogLevel::Info, "JobGenerator", "Batches during down time (" + std::to_string(downTimes.size()) +
                                                " batches): " + list(downTimes));
    std::vector<SimTime> pending = pendingTimes;
    std::sort(pending.begin(), pending.end());
    sim.log(LogLevel::Info, "JobGenerator", "Batches pending processing (" + std::to_string(pending.size()) +
                                                " batches): " + list(pending));
    // (pendingTimes ++ downTimes).filter { _ < restartTime }.distinct.sorted
    std::vector<SimTime> times;
    for (SimTime t : pending)
        if (t < restartAt) times.push_back(t);
    times.insert(times.end(), downTimes.begin(), downTimes.end());
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    sim.log(LogLevel::Info, "JobGenerator", "Batches to reschedule (" + std::to_string(times.size()) +
                                                " batches): " + list(times));
    sim.trace("restart", "reschedule " + std::to_string(times.size()) + " from " +
                             (times.empty() ? std::string("-") : times.front().toString()) + ", timer at " +
                             restartAt.toString());
    m_ssc.sparkContext().refreshCapture();
    for (SimTime t : times) {
        // "Allocate the related blocks when recovering from failure": a batch the replayed
        // block log allocated keeps its blocks; the first later one takes the blocks it left
        // unallocated. Without a checkpoint directory there is no log: no blocks.
        allocateBlocksToBatch(t);
        m_lastGenerated = std::max(m_lastGenerated.value_or(t), t);
        // Not wrapped in Try as the timer's generateJobs is: an error fails the restart.
        submitJobSet(t, m_ssc.graph().generateJobs(t), sim.now() + m_jobGenerationDelay);
    }
    scheduleBatchTimer(restartAt);
    sim.log(LogLevel::Info, "JobGenerator", "Restarted JobGenerator at " + restartAt.toString());
}

void JobScheduler::stop(bool graceful, std::function<void()> onStopped)
{
    Simulation &sim = m_ssc.simulation();
    TaskScheduler &ts = m_ssc.sparkContext().taskScheduler();
    m_onStopped = std::move(onStopped);
    // Receivers stop first in both modes (ReceiverTracker.stop); a graceful stop keeps what they
    // have buffered as a last block.
    for (auto &r : m_receivers) {
        if (r->stopped) continue;
        if (graceful && r->connected) {
            pullInput(*r, sim.now());
            cutBlock(*r, sim.now());
        }
        r->stopped = true;
        if (r->connected && r->socket) sim.inputLog().closeConnection(r->socket->port(), sim.now());
        if (r->connected && r->consumer) r->consumer->shutdown();
        sim.cancel(r->blockEvent);
        sim.cancel(r->retryEvent);
        sim.cancel(r->commitEvent);
        ts.releaseReceiverCore(r->stream->id());
        m_receiverInfos[r->infoIndex].active = false;
    }
    if (graceful) {
        m_stopping = true;
        checkGracefulStop();
        return;
    }
    if (m_timerActive) sim.cancel(m_timerEvent);
    m_timerActive = false;
    for (int run : m_runningRuns) ts.cancel(run);
    m_runningRuns.clear();
    m_jobSets.clear();
    m_stopped = true;
    if (auto f = std::move(m_onStopped)) f();
}

void JobScheduler::checkGracefulStop()
{
    if (!m_stopping || m_stopped) return;
    if (hasUnallocatedBlocks() || !m_jobSets.empty()) return;
    Simulation &sim = m_ssc.simulation();
    if (m_timerActive) sim.cancel(m_timerEvent);
    m_timerActive = false;
    m_stopped = true;
    if (auto f = std::move(m_onStopped)) f();
}

void JobScheduler::writeCheckpoint(SimTime t)
{
    // JobScheduler.getPendingTimes: the job sets not removed, which include the failed batches
    std::set<SimTime> pending(m_failedBatches.begin(), m_failedBatches.end());
    for (const auto &[time, js] : m_jobSets) pending.insert(time);
    dsl::writeCheckpoint(m_ssc, t, std::vector<SimTime>(pending.begin(), pending.end()));
}

bool JobScheduler::hasPendingBlocks() const
{
    return std::any_of(m_receivers.begin(), m_receivers.end(),
                       [](const auto &r) { return !r->unallocated.empty() || !r->buffer.empty(); });
}

bool JobScheduler::hasUnallocatedBlocks() const
{
    return std::any_of(m_receivers.begin(), m_receivers.end(), [](const auto &r) { return !r->unallocated.empty(); });
}

std::vector<BlockPtr> JobScheduler::blocksOfBatch(SimTime batchTime, int streamId) const
{
    auto it = m_allocated.find(batchTime);
    if (it == m_allocated.end()) return {};
    auto s = it->second.find(streamId);
    return s == it->second.end() ? std::vector<BlockPtr>{} : s->second;
}

void JobScheduler::reportInputInfo(SimTime batchTime, const StreamInputInfo &info)
{
    m_inputInfos[batchTime][info.inputStreamId] = info;
}

// ---- batches and jobs ------------------------------------------------------------------------

void JobScheduler::scheduleBatchTimer(SimTime t)
{
    m_timerActive = true;
    m_timerEvent = m_ssc.simulation().schedule(t, EventPriority::BatchTimer, "batch-timer", [this, t] { onBatchTimer(t); });
}

void JobScheduler::onBatchTimer(SimTime t)
{
    m_timerActive = false;
    if (m_stopped) return;
    m_lastGenerated = t;
    allocateBlocksToBatch(t);
    generateJobs(t);
    scheduleBatchTimer(t + m_ssc.batchDuration());
    checkGracefulStop();
}

void JobScheduler::allocateBlocksToBatch(SimTime t)
{
    // ReceivedBlockTracker.allocateBlocksToBatch
    Simulation &sim = m_ssc.simulation();
    if (m_lastAllocated && t <= *m_lastAllocated) {
        sim.log(LogLevel::Info, "ReceivedBlockTracker",
                "Possibly processed batch " + t.toString() + " needs to be processed again in WAL recovery");
        return;
    }
    m_lastAllocated = t;
    auto &alloc = m_allocated[t];
    for (auto &r : m_receivers) {
        for (const auto &b : r->unallocated)
            for (auto &bi : m_recentBlocks)
                if (bi.blockId == b->id) bi.allocatedToBatch = t;
        alloc[r->stream->id()] = std::move(r->unallocated);
        r->unallocated.clear();
    }
    if (m_blockLog) {
        m_blockLog->allocate(t, alloc, sim.now());
        reportBlockLogError("ReceivedBlockTracker");
    }
}

void JobScheduler::generateJobs(SimTime t)
{
    Simulation &sim = m_ssc.simulation();
    // Observers may have come or gone since the last batch: capture from this batch on.
    m_ssc.sparkContext().refreshCapture();
    std::vector<StreamingJob> jobs;
    try {
        jobs = m_ssc.graph().generateJobs(t);
    } catch (...) {
        // JobGenerator.generateJobs: reportError("Error generating jobs for time " + time, e)
        sim.log(LogLevel::Error, "JobScheduler", "Error generating jobs for time " + t.toString() + ": " +
                                                     describe(std::current_exception()));
        m_ssc.reportError(std::current_exception());
        return;
    }
    submitJobSet(t, std::move(jobs), t + m_jobGenerationDelay);
}

void JobScheduler::submitJobSet(SimTime t, std::vector<StreamingJob> jobs, SimTime submissionTime)
{
    // JobScheduler.submitJobSet
    Simulation &sim = m_ssc.simulation();
    if (jobs.empty()) {
        sim.log(LogLevel::Info, "JobScheduler", "No jobs added for time " + t.toString());
        return;
    }
    BatchInfo info;
    info.batchTime = t;
    if (auto it = m_inputInfos.find(t); it != m_inputInfos.end()) info.streamIdToInputInfo = it->second;
    info.submissionTime = submissionTime;
    for (const auto &j : jobs) {
        OutputOperationInfo op;
        op.batchTime = t;
        op.id = j.outputOpId;
        op.name = j.callSite;
        op.description = j.callSite;
        info.outputOperationInfos[op.id] = op;
    }
    JobSet js;
    js.time = t;
    js.submissionTime = info.submissionTime;
    js.jobs = std::move(jobs);
    m_jobSets.emplace(t, std::move(js));
    m_batches[t] = info;
    sim.trace("batch-submitted", t.toString() + " records=" + std::to_string(info.numRecords()));
    sim.notify([&](SimulationObserver &o) { o.onBatchSubmitted(info); });
    sim.schedule(info.submissionTime, EventPriority::JobStart, "job-start", [this] { startNextJobs(); });
}

std::size_t JobScheduler::waitingBatches() const
{
    return static_cast<std::size_t>(std::count_if(m_batches.begin(), m_batches.end(), [](const auto &kv) {
        return !kv.second.processingStartTime.has_value();
    }));
}

void JobScheduler::startNextJobs()
{
    const int concurrent = m_concurrentJobs;
    const SimTime now = m_ssc.simulation().now();
    while (m_runningJobs < std::max(1, concurrent) && !m_stopped) {
        JobSet *next = nullptr;
        for (auto &[t, js] : m_jobSets)
            if (js.next < js.jobs.size() && js.submissionTime <= now) {
                next = &js;
                break;
            }
        if (!next) return;
        runJob(*next, next->next++);
    }
}

void JobScheduler::runJob(JobSet &js, std::size_t index)
{
    Simulation &sim = m_ssc.simulation();
    SparkContext &sc = m_ssc.sparkContext();
    const SimTime t = js.time, now = sim.now();
    ++m_runningJobs;
    BatchInfo &bi = m_batches[t];
    if (!bi.processingStartTime) {
        bi.processingStartTime = now;
        sim.trace("batch-started", t.toString());
        sim.notify([&](SimulationObserver &o) { o.onBatchStarted(bi); });
    }
    StreamingJob &job = js.jobs[index];
    OutputOperationInfo &op = bi.outputOperationInfos[job.outputOpId];
    op.startTime = now;
    sim.notify([&](SimulationObserver &o) { o.onOutputOperationStarted(op); });

    // With every core held by receivers, tasks can never run: the job (and all later batches)
    // wait forever, as in Spark with local[1] and a receiver. The driver function is not run,
    // since its actions could never complete.
    if (sc.taskScheduler().coresForTasks() == 0) {
        sim.trace("job-starved", t.toString() + " op " + std::to_string(job.outputOpId));
        return;
    }

    auto plans = std::make_shared<std::vector<JobPlan>>();
    auto captured = std::make_shared<std::vector<std::string>>();
    std::optional<std::string> failure;
    std::exception_ptr error;
    sc.setJobCollector(plans.get());
    sc.setOutputOpId(job.outputOpId);
    sim.setOutputCapture(captured.get());
    try {
        job.func();
    } catch (...) {
        failure = describe(std::current_exception());
        error = std::current_exception();
    }
    sim.setOutputCapture(nullptr);
    sc.setOutputOpId(-1);
    sc.setJobCollector(nullptr);
    for (const auto &p : *plans) op.jobIds.push_back(p.info.jobId);
    if (m_stopped) {
        // The output function stopped the context itself (ssc.stop() inside foreachRDD): its
        // Spark jobs are cancelled with everything else, but what it printed is not lost.
        for (const auto &text : *captured) sim.output(text);
        return;
    }

    auto runId = std::make_shared<int>(-1);
    TaskScheduler &ts = sc.taskScheduler();
    const int opId = job.outputOpId;
    *runId = ts.run(plans, [this, t, index, now, failure, error, opId, captured, runId] {
        Simulation &s = m_ssc.simulation();
        for (const auto &text : *captured) s.output(text);
        m_runningRuns.erase(std::remove(m_runningRuns.begin(), m_runningRuns.end(), *runId), m_runningRuns.end());
        // JobScheduler.handleJobCompletion reports a failed job when it completes, i.e. after its
        // failed task attempts ran, not when the driver code was entered: awaitTermination must
        // not see the error before the batch shows it.
        if (error) {
            m_ssc.reportError(error);
            s.log(LogLevel::Error, "JobScheduler",
                  "Error running job streaming job " + std::to_string(t.ms()) + " ms." + std::to_string(opId) + ": " +
                      *failure);
        }
        onJobCompleted(t, index, now, failure);
    });
    // run() completes synchronously when the output function ran no Spark job.
    if (ts.isRunning(*runId)) m_runningRuns.push_back(*runId);
}

void JobScheduler::onJobCompleted(SimTime t, std::size_t index, SimTime, std::optional<std::string> failure)
{
    Simulation &sim = m_ssc.simulation();
    --m_runningJobs;
    auto jsIt = m_jobSets.find(t);
    if (jsIt == m_jobSets.end()) return; // abandoned by a non-graceful stop
    JobSet &js = jsIt->second;
    BatchInfo &bi = m_batches[t];
    OutputOperationInfo &op = bi.outputOperationInfos[js.jobs[index].outputOpId];
    op.endTime = sim.now();
    op.failureReason = failure;
    sim.notify([&](SimulationObserver &o) { o.onOutputOperationCompleted(op); });
    if (++js.done == js.jobs.size()) onBatchCompleted(t);
    startNextJobs();
    checkGracefulStop();
}

void JobScheduler::onBatchCompleted(SimTime t)
{
    Simulation &sim = m_ssc.simulation();
    BatchInfo &bi = m_batches[t];
    bi.processingEndTime = sim.now();
    m_jobSets.erase(t);
    // JobScheduler.handleJobCompletion removes a job set only when its jobs succeeded: a failed
    // batch stays pending, so every later checkpoint lists it and a restart runs it again.
    if (bi.hasFailure()) m_failedBatches.insert(t);
    m_lastCompleted = t;
    sim.trace("batch-completed", t.toString() + " scheduling=" + std::to_string(bi.schedulingDelay()->ms()) +
                                     " processing=" + std::to_string(bi.processingDelay()->ms()) +
                                     (bi.hasFailure() ? " failed" : ""));
    // What this batch's jobs computed, before the batch is reported done (and before
    // clearMetadata below forgets the RDDs that fall out of the remember window).
    if (auto *rec = m_ssc.sparkContext().captureRecorder()) {
        const std::vector<RddCapture> captures = rec->takeChanged(t);
        sim.notify([&](SimulationObserver &o) { o.onRddsCaptured(captures); });
    }
    sim.notify([&](SimulationObserver &o) { o.onBatchCompleted(bi); });
    // Backpressure: the input streams' RateControllers, and a receiver's new rate limit.
    for (const auto &[streamId, rate] : updateRateControllers(m_ssc, bi)) sendRateUpdate(streamId, rate);

    writeCheckpoint(t);

    // JobGenerator.clearMetadata: RDDs, then received blocks and input infos older than the
    // input streams' remember duration.
    m_ssc.graph().clearMetadata(t);
    Duration maxRemember{0};
    for (const auto &in : m_ssc.graph().inputStreams()) maxRemember = std::max(maxRemember, in->rememberDuration());
    const SimTime threshold = t - maxRemember;
    // ReceiverTracker.cleanupOldBlocksAndBatches: the block log records the cleanup and drops
    // its files that end before the threshold.
    if (m_blockLog) {
        std::vector<SimTime> cleaned;
        for (auto it = m_allocated.begin(); it != m_allocated.end() && it->first < threshold; ++it)
            cleaned.push_back(it->first);
        m_blockLog->cleanup(cleaned, threshold, sim.now());
        reportBlockLogError("ReceivedBlockTracker");
    }
    m_allocated.erase(m_allocated.begin(), m_allocated.lower_bound(threshold));
    m_inputInfos.erase(m_inputInfos.begin(), m_inputInfos.lower_bound(threshold));

    // Keep spark.streaming.ui.retainedBatches completed batches.
    const int retained = m_retainedBatches;
    ++m_completedBatches;
    for (auto it = m_batches.begin();
         it != m_batches.end() && m_completedBatches > static_cast<std::size_t>(std::max(0, retained));) {
        if (it->second.isCompleted()) {
            it = m_batches.erase(it);
            --m_completedBatches;
        } else {
            ++it;
        }
    }
}

} // namespace dsl
