// The concrete RDD classes of Spark that DStream Lab builds lineage from.
#pragma once

#include "rdd.h"

namespace dsl {

/// Where a block's records are in the receivers' write-ahead log
/// (FileBasedWriteAheadLogSegment: path relative to the checkpoint directory, offset, length).
struct WalRecordHandle {
    std::string path;
    std::int64_t offset = 0;
    std::int64_t length = 0;
    bool operator==(const WalRecordHandle &) const = default;
};

/// A received block: the records a receiver stored during one block interval.
struct Block {
    std::string id;   ///< "input-<streamId>-<time - blockInterval>" (StreamBlockId.name)
    int streamId = 0;
    SimTime time;
    Records records;
    /// ReceivedBlockInfo.numRecords: records.size(), except for a lost block (its count as the
    /// metadata log recorded it).
    std::int64_t numRecords = 0;
    std::optional<WalRecordHandle> wal; ///< with spark.streaming.receiver.writeAheadLog.enable
    /// Recovered after a driver restart: read back from the write-ahead log (replayed), or
    /// known only from the metadata log, its records gone with the old executors (lost).
    bool replayed = false;
    bool lost = false;
    /// Where each record came from: its index in the InputLog (a socket receiver's lines), so
    /// provenance can name the typed line behind a result. Empty when unknown (Kafka receivers,
    /// blocks read back from a write-ahead log); else records.size() entries.
    std::vector<std::int64_t> origins;
};
using BlockPtr = std::shared_ptr<const Block>;

/// sc.parallelize / makeRDD: slices a local collection (ParallelCollectionRDD.slice positions).
class ParallelCollectionRDD : public RDD {
public:
    ParallelCollectionRDD(SparkContext &sc, Records data, int numSlices);
    Records compute(int split, TaskContext &ctx) override;
    /// Spark's slice positions: slice i is [i*n/k, (i+1)*n/k).
    static std::vector<Records> slice(const Records &data, int numSlices);
    std::int64_t totalRecords() const
    {
        std::int64_t n = 0;
        for (const auto &s : m_slices) n += static_cast<std::int64_t>(s.size());
        return n;
    }

private:
    std::vector<Records> m_slices;
};

/// The RDD of a receiver batch: one partition per block (ReceiverInputDStream.createBlockRDD).
class BlockRDD : public RDD {
public:
    /// writeAheadLogBacked: WriteAheadLogBackedBlockRDD, the class Spark uses for every batch
    /// when the receivers write their write-ahead log (the records are the same).
    BlockRDD(SparkContext &sc, std::vector<BlockPtr> blocks, bool writeAheadLogBacked = false);
    Records compute(int split, TaskContext &ctx) override;
    const std::vector<BlockPtr> &blocks() const { return m_blocks; }
    const std::vector<std::int64_t> *inputOrigins(int split) const override;
    /// Called by clearMetadata with spark.streaming.unpersist: later use fails as in Spark.
    void removeBlocks() { m_removed = true; m_blocks.clear(); }
    bool isValid() const { return !m_removed; }

private:
    std::vector<BlockPtr> m_blocks;
    bool m_removed = false;
};

/// A narrow transformation running a partition function over its parent's partition.
class MapPartitionsRDD : public RDD {
public:
    MapPartitionsRDD(const RDDPtr &parent, std::string op, PartitionFunction f, bool preservesPartitioning);
    Records compute(int split, TaskContext &ctx) override;

    /// A way to compute this partition straight from an ancestor, skipping the materialization
    /// of uncached intermediate RDDs (the Python bridge runs a chain of Python operators in one
    /// call, as PySpark's PipelinedRDD does). It charges the cost of every operator it runs and
    /// returns nullopt when it cannot be used (an intermediate RDD got persisted).
    using FusedCompute = std::function<std::optional<Records>(int split, TaskContext &ctx)>;
    void setFusedCompute(FusedCompute f) { m_fused = std::move(f); }

protected:
    /// The fused chain holds its root and intermediates: once checkpointed, they must go too.
    void clearDependencies() override
    {
        RDD::clearDependencies();
        m_fused = nullptr;
    }

private:
    PartitionFunction m_f;
    FusedCompute m_fused;
};

/// The reduce side of a shuffle: reads its buckets from every map output and merges them.
class ShuffledRDD : public RDD {
public:
    ShuffledRDD(const RDDPtr &parent, Partitioner part, std::optional<Aggregator> agg, bool mapSideCombine);
    Records compute(int split, TaskContext &ctx) override;
};

/// Concatenation of its parents' partitions (UnionRDD with RangeDependency per parent).
class UnionRDD : public RDD {
public:
    UnionRDD(SparkContext &sc, const std::vector<RDDPtr> &rdds);
    Records compute(int split, TaskContext &ctx) override;
};

/// Spark's CoGroupedRDD: for each key, a list of values per parent. Parents partitioned by the
/// same partitioner are read narrowly, others through a shuffle. Output records are
/// (key, (list_0, list_1, ...)) with keys in first-seen order.
class CoGroupedRDD : public RDD {
public:
    CoGroupedRDD(SparkContext &sc, const std::vector<RDDPtr> &rdds, Partitioner part);
    Records compute(int split, TaskContext &ctx) override;
};

/// CoalescedRDD as used by repartition: partition i reads the parent partitions assigned to it.
class CoalescedRDD : public RDD {
public:
    CoalescedRDD(const RDDPtr &parent, int numPartitions);
    Records compute(int split, TaskContext &ctx) override;
};

/// An RDD read back from a checkpoint file (shown as Spark's ReliableCheckpointRDD), with the
/// partitions and hash partitioner it was saved with.
class RecoveredRDD : public RDD {
public:
    RecoveredRDD(SparkContext &sc, std::vector<Records> partitions);
    Records compute(int split, TaskContext &ctx) override;

private:
    std::vector<Records> m_parts;
};

/// sc.emptyRDD(): no partitions.
class EmptyRDD : public RDD {
public:
    explicit EmptyRDD(SparkContext &sc);
    Records compute(int split, TaskContext &ctx) override;
};

} // namespace dsl
