// LineageGraph: the RDD graph reachable from one RDD, as plain values (what Spark's UI draws as
// a job's DAG: RDDs with their partitions, narrow and shuffle dependencies, scopes and stages).
#pragma once

#include "simtime.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace dsl {

class RDD;

/// A dependency of a node on one of its parents.
struct LineageEdge {
    int parent = -1;      ///< index into LineageGraph::nodes
    bool shuffle = false; ///< a ShuffleDependency (a stage boundary), else narrow
    bool operator==(const LineageEdge &) const = default;
};

/// One RDD of the graph.
struct LineageNode {
    int rddId = -1;
    std::string className;   ///< "MapPartitionsRDD"
    std::string name;        ///< rdd.setName, usually empty
    std::string callSite;    ///< "map at wordcount.py:23" (Spark's creation site)
    std::string scope;       ///< RDDOperationScope: "flatMap @ 10:00:03"; empty outside a DStream
    std::optional<SimTime> batchTime; ///< the batch a DStream generated it for
    int numPartitions = 0;
    /// StorageLevel::description() when persisted ("Memory Serialized 1x Replicated"), else empty.
    std::string storageLevel;
    int cachedPartitions = 0;      ///< partitions held in the cache when captured
    bool checkpointMarked = false; ///< rdd.checkpoint() was called (written after its next job)
    /// Written to the checkpoint: its lineage is cut, its one parent is the ReliableCheckpointRDD
    /// the data is read from (RDD.doCheckpoint, markCheckpointed).
    bool checkpointed = false;
    std::vector<LineageEdge> parents; ///< in the RDD's dependency order
    /// Some parents were left out: the graph reached LineageGraph's node cap.
    bool parentsOmitted = false;
    int stage = -1; ///< index into LineageGraph::stages

    bool cached() const { return !storageLevel.empty(); }
    /// RDD.toString: "words MapPartitionsRDD[2] at flatMap at wordcount.py:24".
    std::string label() const;
};

/// A stage as Spark's DAGScheduler cuts the graph: the result stage ends at the root; each shuffle
/// dependency starts a ShuffleMapStage ending at its parent RDD. Stages are computed from the graph
/// (DAGScheduler.getShuffleDependencies); a ShuffleMapStage carries the engine's stage id once a
/// job has assigned one (ShuffleOutputs::stageId). The result stage has none of its own: every
/// job that reads the root (pprint's take runs one or more) makes a new one.
struct LineageStage {
    int stageId = -1;            ///< the engine's id (shuffle map stages), -1 when unknown
    bool isShuffleMap = false;   ///< else the result stage (index 0)
    int shuffleId = -1;
    int output = -1;             ///< node index: the RDD the stage ends at
    std::vector<int> parents;    ///< indexes of the stages whose shuffle outputs it reads
    /// Its map outputs are all written: a later job reading them skips the stage (grey in
    /// Spark's UI).
    bool outputsAvailable = false;
    bool operator==(const LineageStage &) const = default;
};

/// The graph, captured at one moment. nodes[0] is the root; nodes follow breadth-first from it
/// through the dependencies in their order, each RDD once. Bounded by maxNodes (truncated).
struct LineageGraph {
    static constexpr std::size_t kDefaultMaxNodes = 64;
    std::vector<LineageNode> nodes;
    std::vector<LineageStage> stages; ///< stages[0] is the result stage; then in discovery order
    bool truncated = false;           ///< nodes were left out (LineageNode::parentsOmitted)

    /// Index of the node of RDD `rddId`, or -1.
    int indexOf(int rddId) const;
};

/// Walks the dependencies of `root` (at most maxNodes RDDs) and cuts stages. Reads metadata only:
/// runs no user code, computes no partition, charges no cost.
LineageGraph captureLineage(const RDD &root, std::size_t maxNodes = LineageGraph::kDefaultMaxNodes);

} // namespace dsl
