// LineageGraph: a breadth-first walk of an RDD's dependencies, and DAGScheduler's stage cuts.
#include "lineagegraph.h"

#include "rdd.h"

#include <algorithm>
#include <unordered_map>

namespace dsl {

std::string LineageNode::label() const
{
    // RDD.toString (rdd.h): "[name ]Class[id] at callSite"
    return (name.empty() ? std::string() : name + " ") + className + "[" + std::to_string(rddId) + "] at " + callSite;
}

int LineageGraph::indexOf(int rddId) const
{
    for (std::size_t i = 0; i < nodes.size(); ++i)
        if (nodes[i].rddId == rddId) return static_cast<int>(i);
    return -1;
}

namespace {
LineageNode nodeOf(const RDD &rdd)
{
    LineageNode n;
    n.rddId = rdd.id();
    n.className = rdd.className();
    n.name = rdd.name();
    n.callSite = rdd.creationSite();
    n.scope = rdd.scope();
    n.batchTime = rdd.batchTime();
    n.numPartitions = rdd.numPartitions();
    if (rdd.storageLevel() != StorageLevel::NONE()) n.storageLevel = rdd.storageLevel().description();
    n.cachedPartitions = rdd.cachedPartitionCount();
    n.checkpointMarked = rdd.isCheckpointMarked();
    n.checkpointed = rdd.isCheckpointed();
    return n;
}
} // namespace

LineageGraph captureLineage(const RDD &root, std::size_t maxNodes)
{
    LineageGraph g;
    if (maxNodes == 0) maxNodes = 1;
    std::vector<const RDD *> rdds{&root};
    std::unordered_map<int, int> indexOfId{{root.id(), 0}};
    g.nodes.push_back(nodeOf(root));

    // Breadth-first, parents in dependency order: the same graph always gets the same indexes.
    // Each dependency's shuffle outputs stay reachable through `deps` for the stage pass below.
    std::vector<std::vector<const Dependency *>> deps;
    for (std::size_t i = 0; i < rdds.size(); ++i) {
        deps.emplace_back();
        for (const Dependency &d : rdds[i]->dependencies()) {
            if (!d.rdd) continue;
            auto it = indexOfId.find(d.rdd->id());
            if (it == indexOfId.end()) {
                if (g.nodes.size() >= maxNodes) {
                    g.nodes[i].parentsOmitted = true;
                    g.truncated = true;
                    continue;
                }
                it = indexOfId.emplace(d.rdd->id(), static_cast<int>(g.nodes.size())).first;
                rdds.push_back(d.rdd.get());
                g.nodes.push_back(nodeOf(*d.rdd));
            }
            g.nodes[i].parents.push_back(LineageEdge{it->second, d.isShuffle});
            deps[i].push_back(&d);
        }
    }

    // Stages (DAGScheduler.createResultStage / getOrCreateShuffleMapStage): the result stage holds
    // the root and what it reaches through narrow dependencies; a shuffle dependency ends a stage
    // of its own at its parent, one per shuffle. An RDD two stages reach is drawn in the first
    // that reaches it (breadth-first), where Spark's UI would draw it in both.
    g.stages.push_back(LineageStage{});
    g.stages[0].output = 0;
    g.nodes[0].stage = 0;
    std::unordered_map<const void *, int> stageOfShuffle; // by the shuffle's outputs (or dependency)
    for (std::size_t i = 0; i < g.nodes.size(); ++i) {
        const int stage = g.nodes[i].stage;
        for (std::size_t k = 0; k < g.nodes[i].parents.size(); ++k) {
            const LineageEdge &e = g.nodes[i].parents[k];
            LineageNode &parent = g.nodes[static_cast<std::size_t>(e.parent)];
            if (!e.shuffle) {
                if (parent.stage < 0) parent.stage = stage;
                continue;
            }
            const Dependency &d = *deps[i][k];
            const void *key = d.outputs ? static_cast<const void *>(d.outputs.get()) : static_cast<const void *>(&d);
            auto [it, fresh] = stageOfShuffle.try_emplace(key, static_cast<int>(g.stages.size()));
            if (fresh) {
                LineageStage s;
                s.isShuffleMap = true;
                s.shuffleId = d.shuffleId;
                s.output = e.parent;
                if (d.outputs) {
                    s.stageId = d.outputs->stageId;
                    s.outputsAvailable = !d.outputs->mapDone.empty() && d.outputs->complete();
                }
                g.stages.push_back(s);
            }
            auto &parents = g.stages[static_cast<std::size_t>(stage)].parents;
            if (std::find(parents.begin(), parents.end(), it->second) == parents.end()) parents.push_back(it->second);
            if (parent.stage < 0) parent.stage = it->second;
        }
    }
    return g;
}

} // namespace dsl
