// DStream: a sequence of RDDs, one per batch time, with Spark's remember/checkpoint bookkeeping.
#pragma once

#include "rdd.h"
#include "simtime.h"
#include "storagelevel.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dsl {

class StreamingContext;
class DStream;
using DStreamPtr = std::shared_ptr<DStream>;

/// One streaming job: the work of one output operation for one batch (Spark's streaming Job).
struct StreamingJob {
    SimTime time;
    int outputOpId = 0;
    std::string callSite;
    std::function<void()> func;
};

/// Spark's DStream (streaming/dstream/DStream.scala). Subclasses define slideDuration,
/// dependencies and compute; getOrCompute caches per time in generatedRDDs.
class DStream : public std::enable_shared_from_this<DStream> {
public:
    /// Runs Spark's validateAtInit: throws IllegalStateException when the context is ACTIVE or
    /// STOPPED ("Adding new inputs, transformations, and output operations after ...").
    DStream(StreamingContext &ssc, std::string className, std::string opName);
    virtual ~DStream() = default;
    DStream(const DStream &) = delete;
    DStream &operator=(const DStream &) = delete;

    int id() const { return m_id; }
    const std::string &className() const { return m_className; }
    const std::string &opName() const { return m_opName; }
    /// "map at wordcount.py:23"; RDDs computed by this stream get this creation site.
    const std::string &creationSite() const { return m_creationSite; }
    StreamingContext &context() const { return m_ssc; }

    virtual Duration slideDuration() const = 0;
    virtual std::vector<DStreamPtr> dependencies() const = 0;
    /// The RDD for validTime, or nullopt when this stream has none at that time.
    virtual std::optional<RDDPtr> compute(SimTime validTime) = 0;
    /// Output streams (ForEachDStream) produce a job per valid batch; others return nullopt.
    virtual std::optional<StreamingJob> generateJob(SimTime time);
    virtual bool isOutputStream() const { return false; }
    /// Remember duration asked of parents (window streams add their window).
    virtual Duration parentRememberDuration() const { return m_rememberDuration; }

    /// DStream.getOrCompute: cached RDD, else compute (with the stream's call site and scope),
    /// persist and checkpoint-mark it as configured. Invalid times yield nullopt.
    std::optional<RDDPtr> getOrCompute(SimTime time);
    /// Spark's isTimeValid: time > zeroTime and (time - zeroTime) a multiple of the slide.
    bool isTimeValid(SimTime time) const;
    /// All RDDs for valid times in [fromTime, toTime] (DStream.slice).
    std::vector<RDDPtr> slice(SimTime fromTime, SimTime toTime);

    // ---- lifecycle, called by DStreamGraph ----
    /// DStream.initialize: zero time, default checkpoint interval, remember durations.
    virtual void initialize(SimTime zeroTime);
    /// Spark's validateAtStart checks (checkpoint dir/interval vs slide/remember).
    virtual void validateAtStart();
    /// Raises the remember duration (never lowers it) and propagates to parents.
    void remember(Duration d);
    /// Drops RDDs older than rememberDuration (DStream.clearMetadata), unpersisting them and
    /// removing received blocks when spark.streaming.unpersist is true.
    virtual void clearMetadata(SimTime time);

    // ---- configuration ----
    /// DStream.persist: throws UnsupportedOperationException after start (Spark's message).
    virtual DStream &persist(const StorageLevel &level);
    DStream &cache() { return persist(StorageLevel::MEMORY_ONLY_SER()); }
    /// DStream.checkpoint(interval): also persists; throws after start. Virtual because
    /// MapWithStateDStreamImpl forwards it to its internal stream (MapWithStateDStream.scala).
    virtual DStream &checkpoint(Duration interval);
    const StorageLevel &storageLevel() const { return m_storageLevel; }
    std::optional<Duration> checkpointDuration() const { return m_checkpointDuration; }
    bool mustCheckpoint() const { return m_mustCheckpoint; }
    Duration rememberDuration() const { return m_rememberDuration; }
    std::optional<SimTime> zeroTime() const { return m_zeroTime; }
    const std::map<SimTime, RDDPtr> &generatedRDDs() const { return m_generatedRDDs; }
    /// True for streams whose RDD at t is built from their own RDD at t - slide (state streams):
    /// their checkpointed RDDs are written to the checkpoint directory for recovery.
    virtual bool carriesState() const { return false; }
    /// Puts a recovered RDD at time t (StreamingContext recovery from a checkpoint).
    void restoreRDD(SimTime t, RDDPtr rdd) { m_generatedRDDs[t] = std::move(rdd); }
    /// Spark's DStream.toString-ish label: "MappedDStream@3".
    std::string toString() const;

protected:
    void setMustCheckpoint(bool on) { m_mustCheckpoint = on; }
    StreamingContext &m_ssc;

private:
    int m_id;
    std::string m_className;
    std::string m_opName;
    std::string m_creationSite;
    std::map<SimTime, RDDPtr> m_generatedRDDs;
    std::optional<SimTime> m_zeroTime;
    Duration m_rememberDuration{0};
    StorageLevel m_storageLevel;
    std::optional<Duration> m_checkpointDuration;
    bool m_mustCheckpoint = false;
};

/// A stream computed from its parents' RDDs of the same time by an RDD-level function. Serves
/// Spark's MappedDStream, FlatMappedDStream, FilteredDStream, MapPartitionedDStream,
/// GlommedDStream, MapValuedDStream, FlatMapValuedDStream, ShuffledDStream, UnionDStream and
/// TransformedDStream, which differ only in class name, function and missing-parent rule.
class DerivedDStream : public DStream {
public:
    enum class MissingParent {
        Skip,          ///< any parent without an RDD -> no RDD (Mapped/Shuffled...)
        FailUnion,     ///< SparkException "Could not generate RDD from a parent for unifying at time"
        FailTransform, ///< SparkException "Couldn't generate RDD from parent at time"
        /// A missing parent is an empty RDD, and a null result means "no RDD this batch"
        /// (PySpark's PythonTransformed2DStream / TransformFunction returning None).
        EmptyRddNullIsNone,
    };
    using RddFunction = std::function<RDDPtr(const std::vector<RDDPtr> &parents, SimTime time)>;

    DerivedDStream(std::vector<DStreamPtr> parents, std::string className, std::string opName, RddFunction f,
                   MissingParent rule = MissingParent::Skip);
    Duration slideDuration() const override;
    std::vector<DStreamPtr> dependencies() const override { return m_parents; }
    std::optional<RDDPtr> compute(SimTime validTime) override;

private:
    std::vector<DStreamPtr> m_parents;
    RddFunction m_f;
    MissingParent m_rule;
};

/// Spark's ForEachDStream: the output operation; its job runs the function on the batch's RDD.
class ForEachDStream : public DStream {
public:
    using ForeachFunction = std::function<void(const RDDPtr &rdd, SimTime time)>;
    ForEachDStream(const DStreamPtr &parent, ForeachFunction f, std::string opName);
    Duration slideDuration() const override;
    std::vector<DStreamPtr> dependencies() const override { return {m_parent}; }
    std::optional<RDDPtr> compute(SimTime validTime) override;
    std::optional<StreamingJob> generateJob(SimTime time) override;
    bool isOutputStream() const override { return true; }
    /// Index among output operations, in definition order.
    int outputOpId() const { return m_outputOpId; }
    void setOutputOpId(int id) { m_outputOpId = id; }

private:
    DStreamPtr m_parent;
    ForeachFunction m_f;
    int m_outputOpId = -1;
};

} // namespace dsl
