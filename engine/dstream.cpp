// DStream bookkeeping (getOrCompute, remember, clearMetadata, validation) as Spark's DStream.scala.
#include "dstream.h"

#include "capturerecorder.h"
#include "errors.h"
#include "rdds.h"
#include "simulation.h"
#include "sparkcontext.h"
#include "streamingcontext.h"
#include "timeformat.h"

#include <algorithm>

namespace dsl {

DStream::DStream(StreamingContext &ssc, std::string className, std::string opName)
    : m_ssc(ssc), m_className(std::move(className)), m_opName(std::move(opName))
{
    // DStream.validateAtInit
    switch (ssc.state()) {
    case StreamingState::INITIALIZED: break;
    case StreamingState::ACTIVE:
        throw IllegalStateException(
            "Adding new inputs, transformations, and output operations after starting a context is not supported");
    case StreamingState::STOPPED:
        throw IllegalStateException(
            "Adding new inputs, transformations, and output operations after stopping a context is not supported");
    }
    m_id = ssc.newDStreamId();
    m_creationSite = ssc.sparkContext().currentCallSite();
    if (m_creationSite.empty()) m_creationSite = m_opName;
}

std::string DStream::toString() const
{
    return m_className + "@" + std::to_string(m_id);
}

std::optional<StreamingJob> DStream::generateJob(SimTime)
{
    return std::nullopt;
}

bool DStream::isTimeValid(SimTime time) const
{
    if (!m_zeroTime) return false;
    return time > *m_zeroTime && (time - *m_zeroTime).isMultipleOf(slideDuration());
}

namespace {
// Marks every RDD created while computing (id >= firstId) with the batch time and the stream's
// scope ("reduceByKey @ 10:00:03"), as DStream.createRDDWithLocalProperties does. An RDD that a
// nested getOrCompute made for another stream or time (a window's earlier batches) keeps the
// time and scope it got there: in Spark the innermost createRDDWithLocalProperties wins.
void labelNewRdds(const RDDPtr &rdd, int firstId, SimTime time, const std::string &scope, std::vector<int> &seen)
{
    if (!rdd || rdd->id() < firstId) return;
    if (std::find(seen.begin(), seen.end(), rdd->id()) != seen.end()) return;
    seen.push_back(rdd->id());
    if (!rdd->batchTime()) rdd->setBatchTime(time);
    if (rdd->scope().empty()) rdd->setScope(scope);
    for (const auto &d : rdd->dependencies()) labelNewRdds(d.rdd, firstId, time, scope, seen);
}
} // namespace

std::optional<RDDPtr> DStream::getOrCompute(SimTime time)
{
    if (auto it = m_generatedRDDs.find(time); it != m_generatedRDDs.end()) return it->second;
    if (!isTimeValid(time)) return std::nullopt;

    SparkContext &sc = m_ssc.sparkContext();
    const std::string savedSite = sc.currentCallSite();
    sc.setCallSite(m_creationSite);
    // Peek at the next RDD id: everything created by compute() has an id at or above it.
    const int firstId = sc.peekNextRddId();
    std::optional<RDDPtr> rdd;
    try {
        rdd = compute(time);
    } catch (...) {
        sc.setCallSite(savedSite);
        throw;
    }
    sc.setCallSite(savedSite);
    if (!rdd || !*rdd) return std::nullopt;

    std::vector<int> seen;
    labelNewRdds(*rdd, firstId, time,
                 m_opName + " @ " + formatBatchTime(time, m_ssc.batchDuration()), seen);
    if (m_storageLevel != StorageLevel::NONE() && (*rdd)->storageLevel() == StorageLevel::NONE())
        (*rdd)->persist(m_storageLevel);
    if (m_checkpointDuration && m_zeroTime && (time - *m_zeroTime).isMultipleOf(*m_checkpointDuration))
        (*rdd)->markCheckpoint();
    m_generatedRDDs[time] = *rdd;
    if (auto *rec = sc.captureRecorder()) rec->registerRdd(*rdd, m_id, time);
    return rdd;
}

std::vector<RDDPtr> DStream::slice(SimTime fromTime, SimTime toTime)
{
    // DStream.slice
    if (!m_zeroTime) throw SparkException(toString() + " has not been initialized");
    // Time.floor(slide, zeroTime)
    const std::int64_t slide = slideDuration().ms(), z = m_zeroTime->ms();
    auto floorToZero = [&](SimTime t) { return SimTime(((t.ms() - z) / slide) * slide + z); };
    const SimTime alignedTo = (toTime - *m_zeroTime).isMultipleOf(slideDuration()) ? toTime : floorToZero(toTime);
    const SimTime alignedFrom =
        (fromTime - *m_zeroTime).isMultipleOf(slideDuration()) ? fromTime : floorToZero(fromTime);
    std::vector<RDDPtr> out;
    for (SimTime t = alignedFrom; t <= alignedTo; t += slideDuration())
        if (t >= *m_zeroTime)
            if (auto r = getOrCompute(t)) out.push_back(*r);
    return out;
}

void DStream::initialize(SimTime zeroTime)
{
    // DStream.initialize
    if (m_zeroTime && *m_zeroTime != zeroTime)
        throw SparkException("ZeroTime is already initialized to " + m_zeroTime->toString() +
                             ", cannot initialize it again to " + zeroTime.toString());
    m_zeroTime = zeroTime;
    if (m_mustCheckpoint && !m_checkpointDuration) {
        // "Set the checkpoint interval to be slideDuration or 10 seconds, which ever is larger"
        const std::int64_t slide = slideDuration().ms();
        const std::int64_t k = (10000 + slide - 1) / slide;
        m_checkpointDuration = Duration(slide * k);
    }
    Duration minRemember = slideDuration();
    if (m_checkpointDuration && minRemember <= *m_checkpointDuration) minRemember = *m_checkpointDuration * 2;
    if (m_rememberDuration < minRemember) m_rememberDuration = minRemember;
    for (auto &p : dependencies()) p->initialize(zeroTime);
}

void DStream::validateAtStart()
{
    // DStream.validateAtStart
    require(!m_mustCheckpoint || m_checkpointDuration.has_value(),
            "The checkpoint interval for " + m_className + " has not been set. Please set it by DStream.checkpoint().");
    require(!m_checkpointDuration || m_ssc.sparkContext().checkpointDir().has_value(),
            "The checkpoint directory has not been set. Please set it by StreamingContext.checkpoint().");
    if (m_checkpointDuration) {
        const Duration cp = *m_checkpointDuration, slide = slideDuration();
        require(cp >= slide, "The checkpoint interval for " + m_className + " has been set to " + cp.toString() +
                                 " which is lower than its slide time (" + slide.toString() +
                                 "). Please set it to at least " + slide.toString() + ".");
        // DStream.scala joins "... has been set to " + s" $checkpointDuration ...": two spaces
        require(cp.isMultipleOf(slide), "The checkpoint interval for " + m_className + " has been set to  " +
                                            cp.toString() + " which not a multiple of its slide time (" +
                                            slide.toString() + "). Please set it to a multiple of " +
                                            slide.toString() + ".");
        require(m_storageLevel.isValid(),
                m_className + " has been marked for checkpointing but the storage level has not been set to enable "
                              "persisting. Please use DStream.cache() or DStream.persist(StorageLevel) to set the "
                              "storage level to use memory for better checkpointing performance.");
        require(m_rememberDuration > cp, "The remember duration for " + m_className + " has been set to " +
                                             m_rememberDuration.toString() +
                                             " which is not more than the checkpoint interval (" + cp.toString() +
                                             "). Please set it to higher than " + cp.toString() + ".");
    }
    for (auto &p : dependencies()) p->validateAtStart();
}

void DStream::remember(Duration d)
{
    // DStream.remember: only ever increases, then asks parents for parentRememberDuration.
    if (d > m_rememberDuration) m_rememberDuration = d;
    for (auto &p : dependencies()) p->remember(parentRememberDuration());
}

void DStream::clearMetadata(SimTime time)
{
    const bool unpersist = m_ssc.sparkContext().conf().getBoolean("spark.streaming.unpersist", true);
    const SimTime threshold = time - m_rememberDuration;
    CaptureRecorder *rec = m_ssc.sparkContext().captureRecorder();
    for (auto it = m_generatedRDDs.begin(); it != m_generatedRDDs.end() && it->first <= threshold;) {
        if (rec) rec->forgetRdd(it->second->id(), m_id, it->first);
        if (unpersist) {
            it->second->unpersist();
            if (auto *b = dynamic_cast<BlockRDD *>(it->second.get())) b->removeBlocks();
        }
        it = m_generatedRDDs.erase(it);
    }
    for (auto &p : dependencies()) p->clearMetadata(time);
}

DStream &DStream::persist(const StorageLevel &level)
{
    // DStream.persist checks isInitialized (zeroTime != null), so it also refuses after stop().
    if (m_zeroTime)
        throw UnsupportedOperationException(
            "Cannot change storage level of an DStream after streaming context has started");
    m_storageLevel = level;
    return *this;
}

DStream &DStream::checkpoint(Duration interval)
{
    // DStream.checkpoint checks isInitialized (zeroTime != null), as persist does.
    if (m_zeroTime)
        throw UnsupportedOperationException(
            "Cannot change checkpoint interval of an DStream after streaming context has started");
    persist(StorageLevel::MEMORY_ONLY_SER());
    m_checkpointDuration = interval;
    return *this;
}

// ---- DerivedDStream --------------------------------------------------------------------------

DerivedDStream::DerivedDStream(std::vector<DStreamPtr> parents, std::string className, std::string opName,
                               RddFunction f, MissingParent rule)
    : DStream(parents.at(0)->context(), std::move(className), std::move(opName)), m_parents(std::move(parents)),
      m_f(std::move(f)), m_rule(rule)
{
    for (const auto &p : m_parents)
        if (p->slideDuration() != m_parents[0]->slideDuration()) {
            if (m_rule == MissingParent::FailUnion)
                // UnionDStream: require(parents.map(_.slideDuration).distinct.size == 1, ...)
                throw IllegalArgumentException("Array of parents have different slide times");
            throw IllegalArgumentException("Some of the DStreams have different slide durations");
        }
}

Duration DerivedDStream::slideDuration() const
{
    return m_parents[0]->slideDuration();
}

std::optional<RDDPtr> DerivedDStream::compute(SimTime validTime)
{
    std::vector<RDDPtr> rdds;
    for (const auto &p : m_parents) {
        auto r = p->getOrCompute(validTime);
        if (!r) {
            switch (m_rule) {
            case MissingParent::Skip: return std::nullopt;
            case MissingParent::FailUnion:
                throw SparkException("Could not generate RDD from a parent for unifying at time " + validTime.toString());
            case MissingParent::FailTransform:
                throw SparkException("Couldn't generate RDD from parent at time " + validTime.toString());
            case MissingParent::EmptyRddNullIsNone:
                r = context().sparkContext().emptyRDD();
                break;
            }
        }
        rdds.push_back(*r);
    }
    RDDPtr out = m_f(rdds, validTime);
    // Only Spark's TransformedDStream rejects null; PySpark's transforms (Skip/EmptyRdd rules)
    // treat a None result as "no RDD for this batch".
    if (!out && (m_rule == MissingParent::Skip || m_rule == MissingParent::EmptyRddNullIsNone)) return std::nullopt;
    if (!out)
        throw SparkException("Transform function must not return null. Return SparkContext.emptyRDD() instead to "
                             "represent no element as the result of transformation.");
    return out;
}

// ---- ForEachDStream --------------------------------------------------------------------------

ForEachDStream::ForEachDStream(const DStreamPtr &parent, ForeachFunction f, std::string opName)
    : DStream(parent->context(), "ForEachDStream", std::move(opName)), m_parent(parent), m_f(std::move(f))
{
}

Duration ForEachDStream::slideDuration() const
{
    return m_parent->slideDuration();
}

std::optional<RDDPtr> ForEachDStream::compute(SimTime)
{
    return std::nullopt;
}

std::optional<StreamingJob> ForEachDStream::generateJob(SimTime time)
{
    auto rdd = m_parent->getOrCompute(time);
    if (!rdd) return std::nullopt;
    RDDPtr r = *rdd;
    auto f = m_f;
    return StreamingJob{time, m_outputOpId, creationSite(), [f, r, time] { f(r, time); }};
}

} // namespace dsl
