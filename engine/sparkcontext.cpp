// SparkContext: master parsing, actions, and the DAGScheduler's stage planning and execution.
#include "sparkcontext.h"

#include "capturerecorder.h"
#include "costmodel.h"
#include "errors.h"
#include "rddops.h"
#include "rdds.h"
#include "simulation.h"
#include "taskscheduler.h"

#include <algorithm>
#include <cmath>
#include <regex>

namespace dsl {

SparkContext::SparkContext(Simulation &sim, SparkConf conf) : m_sim(sim), m_conf(std::move(conf))
{
    // SparkContext: "A master URL must be set in your configuration" /
    // "An application name must be set in your configuration"
    if (!m_conf.contains("spark.master")) throw SparkException("A master URL must be set in your configuration");
    if (!m_conf.contains("spark.app.name")) throw SparkException("An application name must be set in your configuration");
    m_master = *m_conf.getOption("spark.master");

    // SparkContext.createTaskScheduler's master regexes
    static const std::regex localN(R"(local\[([0-9]+|\*)\])");
    static const std::regex localNF(R"(local\[([0-9]+|\*)\s*,\s*([0-9]+)\])");
    static const std::regex localCluster(R"(local-cluster\[\s*([0-9]+)\s*,\s*([0-9]+)\s*,\s*([0-9]+)\s*\])");
    std::smatch m;
    // Scala's String.toInt (Integer.parseInt): the regexes admit only digits, so the one failure
    // left is overflow, a NumberFormatException as in Spark (not "Could not parse Master URL").
    auto toInt = [](const std::string &s) {
        long long v = 0;
        for (char c : s) {
            v = v * 10 + (c - '0');
            if (v > INT32_MAX) throw NumberFormatException("For input string: \"" + s + "\"");
        }
        return static_cast<int>(v);
    };
    auto threads = [&](const std::string &s) { return s == "*" ? sim.hostCores() : toInt(s); };
    int executors = 0, coresPerExecutor = 0; // a local-cluster's
    if (m_master == "local") {
        m_cores = 1;
    } else if (std::regex_match(m_master, m, localN)) {
        m_cores = threads(m[1]);
    } else if (std::regex_match(m_master, m, localNF)) {
        m_cores = threads(m[1]);
        m_maxFailures = toInt(m[2]);
    } else if (std::regex_match(m_master, m, localCluster)) {
        executors = toInt(m[1]);
        coresPerExecutor = toInt(m[2]);
        m_cores = static_cast<int>(std::min<long long>(INT32_MAX, 1LL * executors * coresPerExecutor));
        m_maxFailures = m_conf.getInt("spark.task.maxFailures", 4);
    } else {
        throw SparkException("Could not parse Master URL: '" + m_master + "'");
    }
    if (m_cores <= 0)
        // LocalSchedulerBackend: "Asked to run locally with $threadCount threads"
        throw SparkException("Asked to run locally with " + std::to_string(m_cores) + " threads");
    sim.registerSparkContext(this);
    // A local-cluster's executors are simulated one by one (kill-executor, task placement); the
    // size is capped so a typo such as local-cluster[1000,1000,1024] cannot exhaust memory.
    if (executors > 0 && m_cores > 4096)
        throw SparkException("DStream Lab simulates at most 4096 cores, not " + std::to_string(m_cores) + " (" +
                             m_master + ")");
    m_taskScheduler = executors > 0 ? std::make_unique<TaskScheduler>(sim, executors, coresPerExecutor)
                                    : std::make_unique<TaskScheduler>(sim, m_cores);
    m_taskScheduler->setTaskIdSource([this] { return static_cast<int>(m_nextTaskId++); });
    refreshCapture();
}

SparkContext::~SparkContext()
{
    m_sim.unregisterSparkContext(this);
}

int SparkContext::defaultParallelism() const
{
    return m_conf.getInt("spark.default.parallelism", m_cores);
}

void SparkContext::refreshCapture()
{
    bool wanted = false;
    CaptureLimits limits{0, 0};
    m_sim.notify([&](SimulationObserver &o) {
        if (!o.wantsRddCapture()) return;
        const CaptureLimits l = o.rddCaptureLimits();
        limits.recordsPerPartition = std::max(limits.recordsPerPartition, l.recordsPerPartition);
        limits.keys = std::max(limits.keys, l.keys);
        wanted = true;
    });
    if (!wanted) {
        m_recorder.reset();
        return;
    }
    if (m_recorder) m_recorder->setLimits(limits);
    else m_recorder = std::make_unique<CaptureRecorder>(limits);
}

void SparkContext::stop()
{
    if (m_stopped) return;
    m_stopped = true;
    m_sim.unregisterSparkContext(this);
    m_sim.log(LogLevel::Info, "SparkContext", "Successfully stopped SparkContext");
}

void SparkContext::assertNotStopped() const
{
    if (m_stopped)
        // SparkContext.assertNotStopped (first line of Spark's message)
        throw IllegalStateException("Cannot call methods on a stopped SparkContext.");
}

RDDPtr SparkContext::parallelize(Records data, std::optional<int> numSlices)
{
    assertNotStopped();
    auto rdd = std::make_shared<ParallelCollectionRDD>(*this, std::move(data), numSlices.value_or(defaultParallelism()));
    rdd->setOpName("parallelize");
    return rdd;
}

RDDPtr SparkContext::emptyRDD()
{
    assertNotStopped();
    auto rdd = std::make_shared<EmptyRDD>(*this);
    rdd->setOpName("emptyRDD");
    return rdd;
}

RDDPtr SparkContext::unionRDDs(const std::vector<RDDPtr> &rdds)
{
    assertNotStopped();
    auto rdd = std::make_shared<UnionRDD>(*this, rdds);
    rdd->setOpName("union");
    return rdd;
}

// ---- DAGScheduler ----------------------------------------------------------------------------

void SparkContext::planStages(const RDDPtr &rdd, std::vector<const Dependency *> &order, std::vector<int> &visited)
{
    if (std::find(visited.begin(), visited.end(), rdd->id()) != visited.end()) return;
    visited.push_back(rdd->id());
    for (const auto &d : rdd->dependencies()) {
        if (d.isShuffle) {
            if (std::find(order.begin(), order.end(), &d) != order.end()) continue;
            // Parent stages of the map stage come first (topological order).
            std::vector<int> inner;
            planStages(d.rdd, order, inner);
            order.push_back(&d);
        } else {
            planStages(d.rdd, order, visited);
        }
    }
}

namespace {
/// The shuffle dependencies a stage ending at `rdd` reads directly, i.e. its parent stages
/// (DAGScheduler.getShuffleDependencies: walk narrow dependencies, stop at each shuffle).
void parentShuffles(const RDD &rdd, std::vector<const Dependency *> &out, std::vector<int> &visited)
{
    if (std::find(visited.begin(), visited.end(), rdd.id()) != visited.end()) return;
    visited.push_back(rdd.id());
    for (const auto &d : rdd.dependencies()) {
        if (!d.isShuffle) parentShuffles(*d.rdd, out, visited);
        else if (std::find(out.begin(), out.end(), &d) == out.end()) out.push_back(&d);
    }
}

std::vector<int> parentStageIds(const RDD &rdd)
{
    std::vector<const Dependency *> deps;
    std::vector<int> visited;
    parentShuffles(rdd, deps, visited);
    std::vector<int> ids;
    for (const Dependency *d : deps) ids.push_back(d->outputs->stageId);
    return ids;
}

Duration taskDuration(std::int64_t costNs, Rng &rng)
{
    double jitter = 1.0 + cost::taskJitter * (2.0 * rng.uniform() - 1.0);
    auto ns = static_cast<double>(cost::taskLaunchNs + costNs) * jitter;
    return Duration(std::max<std::int64_t>(1, static_cast<std::int64_t>(std::ceil(ns / 1e6))));
}

/// The batch an RDD belongs to: its own, else its first parent's (an RDD a program derives inside
/// foreachRDD, such as foreachPartition's, is made from the batch's RDD). For the database view's
/// writers only (TaskContext::batchTime); nothing the engine computes reads it.
std::optional<SimTime> batchTimeOf(const RDD &rdd)
{
    for (const RDD *r = &rdd; r; r = r->dependencies().empty() ? nullptr : r->dependencies().front().rdd.get())
        if (r->batchTime()) return r->batchTime();
    return std::nullopt;
}

std::string stageName(const RDD &rdd)
{
    return rdd.creationSite().empty() ? rdd.className() : rdd.creationSite();
}
} // namespace

PlannedStage SparkContext::runStage(const RDDPtr &rdd, const Dependency *shuffleDep, const std::vector<int> &partitions,
                                    int stageId, std::vector<Records> *results, JobPlan &plan)
{
    PlannedStage st;
    st.info.stageId = stageId;
    st.info.name = stageName(*rdd);
    st.info.isShuffleMap = shuffleDep != nullptr;
    st.info.numTasks = static_cast<int>(partitions.size());
    // What every attempt of the stage shares: the batch its RDD belongs to, and the map-side
    // combine of its shuffle (Python's fused one, partition by partition, when it has one).
    const std::optional<SimTime> batchTime = batchTimeOf(*rdd);
    const Aggregator *agg =
        shuffleDep && shuffleDep->mapSideCombine && shuffleDep->aggregator ? &*shuffleDep->aggregator : nullptr;
    st.recompute = [rdd, batchTime, fused = agg ? agg->fusedMapSideCombine : nullptr](const TaskInfo &attempt) {
        TaskContext ctx;
        ctx.stageId = attempt.stageId;
        ctx.partitionId = attempt.partition;
        ctx.attemptNumber = attempt.attempt;
        ctx.taskId = attempt.taskId;
        ctx.batchTime = batchTime;
        if (!fused || !fused(attempt.partition, ctx)) (void)rdd->iterator(attempt.partition, ctx);
    };
    // TIDs count launches: a stage's first attempts launch together (one per partition), a
    // retry later, when its failed attempt has ended.
    const long firstTid = m_nextTaskId;
    m_nextTaskId += static_cast<long>(partitions.size());
    for (std::size_t i = 0; i < partitions.size(); ++i) {
        const int p = partitions[i];
        int previousAttempt = -1; // index in st.tasks of this partition's failed attempt
        for (int attempt = 0;; ++attempt) {
            TaskContext ctx;
            ctx.stageId = stageId;
            ctx.partitionId = p;
            ctx.attemptNumber = attempt;
            ctx.taskId = attempt == 0 ? firstTid + static_cast<long>(i) : m_nextTaskId++;
            ctx.batchTime = batchTime;
            PlannedTask task;
            task.info.taskId = static_cast<int>(ctx.taskId);
            task.info.stageId = stageId;
            task.info.partition = p;
            task.info.attempt = attempt;
            task.info.stageNumTasks = st.info.numTasks;
            task.info.batchTime = ctx.batchTime;
            task.retryOf = previousAttempt;
            try {
                std::optional<Records> fused;
                if (agg && agg->fusedMapSideCombine) fused = agg->fusedMapSideCombine(p, ctx);
                Records recs = fused ? std::move(*fused) : rdd->iterator(p, ctx);
                // An injected fault (faults.h) fails the attempt after its function ran: what the
                // function did (rows written to a database) stands, its output is not registered.
                // output=N names the tasks that run output operation N's own function: its
                // jobs' result stages (foreachPartition's writes), not their map stages.
                if (const TaskFault *f = m_sim.takeTaskFault(stageId, shuffleDep ? -1 : m_outputOpId, p))
                    throw SparkException("DStream Lab fault " + f->describe(m_sim.startTime()) +
                                         ": the task failed after its function ran");
                if (shuffleDep) {
                    if (agg && !fused) recs = agg->combineValues(std::move(recs));
                    const Partitioner &part = *shuffleDep->partitioner;
                    std::vector<Records> buckets(static_cast<std::size_t>(part.numPartitions()));
                    for (auto &r : recs) {
                        // PySpark unpacks every record with `for k, v in iterator` before its
                        // shuffle: any 2-element sequence is a pair (ops::unpackPair).
                        if (!r.isPair()) r = ops::unpackPair(r);
                        buckets[static_cast<std::size_t>(part.getPartition(r.key()))].push_back(std::move(r));
                    }
                    ctx.costNs += cost::shuffleWriteRecordNs * static_cast<std::int64_t>(recs.size());
                    auto &out = *shuffleDep->outputs;
                    out.buckets[static_cast<std::size_t>(p)] = std::move(buckets);
                    out.mapDone[static_cast<std::size_t>(p)] = true;
                } else {
                    ctx.costNs += cost::resultRecordNs * static_cast<std::int64_t>(recs.size());
                    (*results)[i] = std::move(recs);
                }
                task.info.recordsRead = ctx.recordsRead;
                task.duration = taskDuration(ctx.costNs, m_sim.rng());
                st.tasks.push_back(task);
                break;
            } catch (const std::exception &e) {
                task.info.failed = true;
                task.info.recordsRead = ctx.recordsRead;
                task.duration = taskDuration(ctx.costNs, m_sim.rng());
                previousAttempt = static_cast<int>(st.tasks.size());
                st.tasks.push_back(task);
                // TaskSetManager.handleFailedTask (core/src/main/scala/org/apache/spark/scheduler/
                // TaskSetManager.scala, Spark 3.1+): "Lost task ${info.id} in stage ${taskSet.id}
                // (TID $tid) (${info.host} executor ${info.executorId}): ${reason.toErrorString}";
                // info.id is "index.attempt", taskSet.id "stageId.stageAttempt". The failed
                // attempt is put back in the pending tasks (addPendingTask) and runs again when it
                // is offered a core: the retry is planned here and placed on a core when this
                // attempt ends (TaskScheduler).
                const std::string lost = "Lost task " + std::to_string(p) + "." + std::to_string(attempt) +
                                         " in stage " + std::to_string(stageId) + ".0 (TID " +
                                         std::to_string(ctx.taskId) + ") (localhost executor driver): " + e.what();
                m_sim.log(LogLevel::Warn, "TaskSetManager", lost);
                if (attempt + 1 >= m_maxFailures) {
                    // TaskSetManager: numFailures(index) >= maxTaskFailures → abort("Task %d in
                    // stage %s failed %d times, most recent failure: %s\nDriver stacktrace:"), which
                    // DAGScheduler.failJobAndIndependentStages prefixes with "Job aborted due to
                    // stage failure: " (core/src/main/scala/org/apache/spark/scheduler/DAGScheduler.scala).
                    m_sim.log(LogLevel::Error, "TaskSetManager",
                              "Task " + std::to_string(p) + " in stage " + std::to_string(stageId) + ".0 failed " +
                                  std::to_string(m_maxFailures) + " times; aborting job");
                    std::string msg = "Job aborted due to stage failure: Task " + std::to_string(p) + " in stage " +
                                      std::to_string(stageId) + ".0 failed " + std::to_string(m_maxFailures) +
                                      " times, most recent failure: " + lost + "\nDriver stacktrace:";
                    st.info.failureReason = msg;
                    plan.failure = msg;
                    plan.stages.push_back(std::move(st));
                    throw JobAbortedException(msg, std::current_exception());
                }
            }
        }
    }
    return st;
}

std::vector<Records> SparkContext::runJob(const RDDPtr &rdd, const std::vector<int> &partitions, const std::string &callSite)
{
    assertNotStopped();
    JobPlan plan;
    plan.info.jobId = m_nextJobId++;
    plan.info.description = callSite;
    plan.info.batchTime = rdd->batchTime();

    std::vector<const Dependency *> shuffles;
    std::vector<int> visited;
    planStages(rdd, shuffles, visited);

    std::vector<Records> results(partitions.size());
    auto finish = [&] {
        std::vector<JobPlan> &sink = m_collector ? *m_collector : m_adHocJobs;
        if (!m_collector) // never placed on cores, so never relaunched: let their RDDs go
            for (auto &stage : plan.stages) stage.recompute = nullptr;
        sink.push_back(std::move(plan));
        if (!m_collector && m_adHocJobs.size() > 100) m_adHocJobs.erase(m_adHocJobs.begin());
    };
    try {
        for (const Dependency *dep : shuffles) {
            auto &out = *dep->outputs;
            const int maps = dep->rdd->numPartitions();
            if (out.mapDone.empty()) {
                out.buckets.assign(static_cast<std::size_t>(maps), {});
                out.mapDone.assign(static_cast<std::size_t>(maps), false);
            }
            if (out.stageId < 0) out.stageId = newStageId();
            if (out.complete() && maps > 0) {
                PlannedStage skipped;
                skipped.info.stageId = out.stageId;
                skipped.info.name = stageName(*dep->rdd);
                skipped.info.isShuffleMap = true;
                skipped.info.numTasks = maps;
                skipped.info.skipped = true;
                skipped.info.parentIds = parentStageIds(*dep->rdd);
                plan.stages.push_back(std::move(skipped));
                continue;
            }
            std::vector<int> missing;
            for (int p = 0; p < maps; ++p)
                if (!out.mapDone[static_cast<std::size_t>(p)]) missing.push_back(p);
            plan.stages.push_back(runStage(dep->rdd, dep, missing, out.stageId, nullptr, plan));
            plan.stages.back().info.parentIds = parentStageIds(*dep->rdd);
        }
        plan.stages.push_back(runStage(rdd, nullptr, partitions, newStageId(), &results, plan));
        plan.stages.back().info.parentIds = parentStageIds(*rdd);
    } catch (...) {
        finish();
        throw;
    }
    plan.info.succeeded = true;
    finish();
    rdd->doCheckpoint();
    return results;
}

Records SparkContext::collect(const RDDPtr &rdd)
{
    std::vector<int> all(static_cast<std::size_t>(rdd->numPartitions()));
    for (int i = 0; i < rdd->numPartitions(); ++i) all[static_cast<std::size_t>(i)] = i;
    Records out;
    for (auto &part : runJob(rdd, all, "collect at " + m_callSite)) out.insert(out.end(), part.begin(), part.end());
    return out;
}

std::int64_t SparkContext::count(const RDDPtr &rdd)
{
    std::vector<int> all(static_cast<std::size_t>(rdd->numPartitions()));
    for (int i = 0; i < rdd->numPartitions(); ++i) all[static_cast<std::size_t>(i)] = i;
    std::int64_t n = 0;
    for (auto &part : runJob(rdd, all, "count at " + m_callSite)) n += static_cast<std::int64_t>(part.size());
    return n;
}

Records SparkContext::take(const RDDPtr &rdd, std::int64_t num)
{
    // RDD.take (core/src/main/scala/org/apache/spark/rdd/RDD.scala)
    const int scaleUpFactor = std::max(m_conf.getInt("spark.rdd.limit.scaleUpFactor", 4), 2);
    Records buf;
    if (num <= 0) return buf;
    const int totalParts = rdd->numPartitions();
    int partsScanned = 0;
    while (static_cast<std::int64_t>(buf.size()) < num && partsScanned < totalParts) {
        std::int64_t numPartsToTry = 1;
        const std::int64_t left = num - static_cast<std::int64_t>(buf.size());
        if (partsScanned > 0) {
            if (buf.empty()) {
                numPartsToTry = static_cast<std::int64_t>(partsScanned) * scaleUpFactor;
            } else {
                numPartsToTry = static_cast<std::int64_t>(
                    std::ceil(1.5 * static_cast<double>(left) * partsScanned / static_cast<double>(buf.size())));
                numPartsToTry = std::min<std::int64_t>(numPartsToTry, static_cast<std::int64_t>(partsScanned) * scaleUpFactor);
            }
        }
        std::vector<int> parts;
        for (std::int64_t p = partsScanned; p < std::min<std::int64_t>(partsScanned + numPartsToTry, totalParts); ++p)
            parts.push_back(static_cast<int>(p));
        auto res = runJob(rdd, parts, "take at " + m_callSite);
        for (auto &part : res)
            for (auto &v : part) {
                if (static_cast<std::int64_t>(buf.size()) >= num) break;
                buf.push_back(std::move(v));
            }
        partsScanned += static_cast<int>(parts.size());
    }
    return buf;
}

bool SparkContext::isEmpty(const RDDPtr &rdd)
{
    return rdd->numPartitions() == 0 || take(rdd, 1).empty();
}

} // namespace dsl
