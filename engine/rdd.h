// RDD: one node of the lineage graph, holding real data and Spark's metadata (id, class, call
// site, scope, partitions, narrow/shuffle dependencies, storage level, checkpoint marks).
#pragma once

#include "simtime.h"
#include "storagelevel.h"
#include "value.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dsl {

class SparkContext;
class RDD;
using RDDPtr = std::shared_ptr<RDD>;
using Records = std::vector<Value>;

/// Spark's HashPartitioner with PySpark's placement: partition = portable_hash(key) mod n
/// (non-negative), so keys land where a real PySpark job would put them with PYTHONHASHSEED=0.
class Partitioner {
public:
    /// Throws IllegalArgumentException for a negative count (HashPartitioner's require in
    /// core/.../Partitioner.scala); zero is allowed, as in Spark, but getPartition then throws.
    explicit Partitioner(int numPartitions);
    int numPartitions() const { return m_num; }
    int getPartition(const Value &key) const;
    bool operator==(const Partitioner &o) const { return m_num == o.m_num; }

private:
    int m_num;
};

/// Per-task execution context; RDD::compute charges its simulated cost here (see costmodel.h).
struct TaskContext {
    int stageId = 0;
    int partitionId = 0;
    int attemptNumber = 0;
    long taskId = 0;
    std::int64_t costNs = 0;
    std::int64_t recordsRead = 0;
    std::optional<SimTime> batchTime;
};

/// A partition-level function: the unit the engine calls user code with (the Python bridge runs
/// one Python call per partition, not per record).
using PartitionFunction = std::function<Records(int partitionIndex, Records &&input, TaskContext &ctx)>;

/// Spark's Aggregator for combineByKey. Record-level functions serve native code; the optional
/// partition-level forms let the Python bridge combine a whole partition in one call. Records are
/// (key, value) pairs; outputs keep the order in which keys were first seen.
struct Aggregator {
    std::function<Value(const Value &)> createCombiner;
    std::function<Value(const Value &, const Value &)> mergeValue;
    std::function<Value(const Value &, const Value &)> mergeCombiners;
    /// (k, v) records -> (k, combiner) records, keys in first-seen order.
    std::function<Records(Records &&)> combineValuesByKey;
    /// (k, combiner) records -> merged (k, combiner) records, keys in first-seen order.
    std::function<Records(Records &&)> combineCombinersByKey;
    bool isPython = false;
    /// Optional map-side shortcut: the combined (k, c) records of map partition `split`,
    /// computed straight from an ancestor (see MapPartitionsRDD::setFusedCompute); nullopt
    /// falls back to parent->iterator + combineValues.
    std::function<std::optional<Records>(int split, TaskContext &ctx)> fusedMapSideCombine;

    Records combineValues(Records &&records) const;
    Records combineCombiners(Records &&records) const;
};

/// The map outputs of one shuffle: buckets[mapId][reduceId]. Owned by the dependency, so it is
/// freed with the lineage that uses it (Spark's ContextCleaner).
struct ShuffleOutputs {
    std::vector<std::vector<Records>> buckets;
    std::vector<bool> mapDone;
    int stageId = -1; ///< the ShuffleMapStage computing these outputs, once assigned
    bool complete() const;
};

/// A dependency edge. Narrow edges are one-to-one or range (union); shuffle edges carry the
/// partitioner, the aggregator and the shuffle's outputs.
struct Dependency {
    RDDPtr rdd;
    bool isShuffle = false;
    // Narrow dependency mapping: child partition p reads parent partition p - outStart + inStart
    // when p is in [outStart, outStart + length) (OneToOneDependency: 0, 0, n; RangeDependency).
    int inStart = 0, outStart = 0, length = 0;
    /// When non-empty, child partition p reads parents groups[p] instead (CoalescedRDD).
    std::vector<std::vector<int>> groups;
    // Shuffle dependency
    int shuffleId = -1;
    std::optional<Partitioner> partitioner;
    std::optional<Aggregator> aggregator;
    bool mapSideCombine = false;
    std::shared_ptr<ShuffleOutputs> outputs;

    std::vector<int> parentPartitions(int childPartition) const;
};

/// Spark's RDD. Data is computed for real when an action runs; each node keeps lineage metadata
/// for the dashboard. Not copyable; shared through RDDPtr; single-threaded.
class RDD : public std::enable_shared_from_this<RDD> {
public:
    RDD(SparkContext &sc, std::string className, int numPartitions, std::vector<Dependency> deps);
    virtual ~RDD() = default;
    RDD(const RDD &) = delete;
    RDD &operator=(const RDD &) = delete;

    int id() const { return m_id; }
    const std::string &className() const { return m_className; }
    int numPartitions() const { return m_numPartitions; }
    const std::vector<Dependency> &dependencies() const { return m_deps; }
    std::vector<Dependency> &mutableDependencies() { return m_deps; }
    SparkContext &context() const { return m_sc; }

    /// "map at wordcount.py:23" (Spark's getCreationSite).
    const std::string &creationSite() const { return m_creationSite; }
    void setCreationSite(std::string site) { m_creationSite = std::move(site); }
    /// Operator name ("map", "reduceByKey", "socketTextStream"...).
    const std::string &opName() const { return m_opName; }
    void setOpName(std::string op) { m_opName = std::move(op); }
    /// RDDOperationScope name, e.g. "reduceByKey @ 10:00:03" for RDDs made by a DStream.
    const std::string &scope() const { return m_scope; }
    void setScope(std::string s) { m_scope = std::move(s); }
    /// Optional user-set name (rdd.setName).
    const std::string &name() const { return m_name; }
    void setName(std::string n) { m_name = std::move(n); }
    /// Batch time this RDD was generated for, if any.
    std::optional<SimTime> batchTime() const { return m_batchTime; }
    void setBatchTime(SimTime t) { m_batchTime = t; }

    const std::optional<Partitioner> &partitioner() const { return m_partitioner; }
    void setPartitioner(std::optional<Partitioner> p) { m_partitioner = std::move(p); }
    /// True when the operator runs Python code (charged pythonRecordNs per record).
    bool isPython() const { return m_isPython; }
    void setPython(bool p) { m_isPython = p; }

    const StorageLevel &storageLevel() const { return m_storageLevel; }
    /// Spark's persist: throws UnsupportedOperationException when changing an assigned level.
    RDD &persist(const StorageLevel &level);
    RDD &cache() { return persist(StorageLevel::MEMORY_ONLY()); }
    /// Drops cached partitions and the storage level.
    void unpersist();
    int cachedPartitionCount() const;
    std::int64_t cachedBytesEstimate() const;

    bool isCheckpointMarked() const { return m_checkpointMarked; }
    void markCheckpoint() { m_checkpointMarked = true; }
    /// True once the data was written to the checkpoint: the lineage is cut to a
    /// ReliableCheckpointRDD and partitions are read from it (RDD.computeOrReadCheckpoint).
    bool isCheckpointed() const { return m_checkpointData != nullptr; }
    /// The saved partitions once checkpointed, else nullptr.
    const std::vector<Records> *checkpointPartitions() const { return m_checkpointData.get(); }
    /// RDD.doCheckpoint after a job: checkpoints this RDD if marked (computing its partitions
    /// into a ReliableCheckpointRDD), else recurses into the parents.
    void doCheckpoint();

    /// Data of one partition: from the cache when persisted and present, else computed (and
    /// stored if persisted). Charges cost into ctx. A freshly computed partition (or the error
    /// computing it) goes to the context's CaptureRecorder when one is active.
    Records iterator(int split, TaskContext &ctx);
    virtual Records compute(int split, TaskContext &ctx) = 0;
    /// The InputLog index of each record of partition `split`, when this RDD holds input lines
    /// as a receiver stored them (a BlockRDD); null when unknown. For provenance.
    virtual const std::vector<std::int64_t> *inputOrigins(int split) const
    {
        (void)split;
        return nullptr;
    }

protected:
    /// RDD.clearDependencies: called when a checkpoint truncates the lineage. A subclass that
    /// holds more of its ancestors than its dependencies (a fused chain) lets go of them too,
    /// or the whole old lineage stays alive (MapPartitionsRDD.clearDependencies sets prev and
    /// f to null for the same reason, core/src/main/scala/org/apache/spark/rdd/MapPartitionsRDD.scala).
    virtual void clearDependencies() { m_deps.clear(); }

public:

    /// "MapPartitionsRDD[3] at map at wordcount.py:23" (RDD.toString).
    std::string toString() const;
    /// Spark's RDD.toDebugString layout, stage boundaries drawn as "+-". As in Spark, every line
    /// shows this RDD's storage level in brackets (not each ancestor's own).
    std::string toDebugString() const;

protected:
    SparkContext &m_sc;

private:
    Records computeRecorded(int split, TaskContext &ctx);

    int m_id;
    std::string m_className;
    int m_numPartitions;
    std::vector<Dependency> m_deps;
    std::string m_creationSite;
    std::string m_opName;
    std::string m_scope;
    std::string m_name;
    std::optional<SimTime> m_batchTime;
    std::optional<Partitioner> m_partitioner;
    bool m_isPython = false;
    StorageLevel m_storageLevel;
    bool m_checkpointMarked = false;
    std::shared_ptr<const std::vector<Records>> m_checkpointData;
    bool m_checkpointing = false;
    std::vector<std::optional<Records>> m_cached;
};

/// Makes a OneToOneDependency on rdd.
Dependency oneToOne(const RDDPtr &rdd);

} // namespace dsl
