// Compute functions of the concrete RDD classes (what each partition's data is).
#include "rdds.h"

#include "costmodel.h"
#include "errors.h"
#include "keyindex.h"
#include "rddops.h"
#include "sparkcontext.h"

namespace dsl {

// ---- ParallelCollectionRDD -------------------------------------------------------------------

std::vector<Records> ParallelCollectionRDD::slice(const Records &data, int numSlices)
{
    if (numSlices < 1) throw IllegalArgumentException("Positive number of partitions required");
    std::vector<Records> out(static_cast<std::size_t>(numSlices));
    const auto n = static_cast<std::int64_t>(data.size());
    for (int i = 0; i < numSlices; ++i) {
        auto start = (i * n) / numSlices, end = ((i + 1) * n) / numSlices;
        out[static_cast<std::size_t>(i)].assign(data.begin() + start, data.begin() + end);
    }
    return out;
}

ParallelCollectionRDD::ParallelCollectionRDD(SparkContext &sc, Records data, int numSlices)
    : RDD(sc, "ParallelCollectionRDD", numSlices, {}), m_slices(slice(data, numSlices))
{
}

Records ParallelCollectionRDD::compute(int split, TaskContext &ctx)
{
    const auto &s = m_slices[static_cast<std::size_t>(split)];
    ctx.recordsRead += static_cast<std::int64_t>(s.size());
    ctx.costNs += cost::blockReadRecordNs * static_cast<std::int64_t>(s.size());
    return s;
}

// ---- BlockRDD --------------------------------------------------------------------------------

BlockRDD::BlockRDD(SparkContext &sc, std::vector<BlockPtr> blocks, bool writeAheadLogBacked)
    : RDD(sc, writeAheadLogBacked ? "WriteAheadLogBackedBlockRDD" : "BlockRDD", static_cast<int>(blocks.size()), {}), m_blocks(std::move(blocks))
{
}

Records BlockRDD::compute(int split, TaskContext &ctx)
{
    if (m_removed)
        // BlockRDD.assertValid
        throw SparkException("Attempted to use " + toString() + " after its blocks have been removed!");
    const auto &recs = m_blocks[static_cast<std::size_t>(split)]->records;
    ctx.recordsRead += static_cast<std::int64_t>(recs.size());
    ctx.costNs += cost::blockReadRecordNs * static_cast<std::int64_t>(recs.size());
    return recs;
}

const std::vector<std::int64_t> *BlockRDD::inputOrigins(int split) const
{
    if (split < 0 || static_cast<std::size_t>(split) >= m_blocks.size()) return nullptr;
    const Block &b = *m_blocks[static_cast<std::size_t>(split)];
    return b.origins.empty() || b.origins.size() != b.records.size() ? nullptr : &b.origins;
}

// ---- MapPartitionsRDD ------------------------------------------------------------------------

MapPartitionsRDD::MapPartitionsRDD(const RDDPtr &parent, std::string op, PartitionFunction f,
                                   bool preservesPartitioning)
    : RDD(parent->context(), "MapPartitionsRDD", parent->numPartitions(), {oneToOne(parent)}), m_f(std::move(f))
{
    setOpName(std::move(op));
    if (preservesPartitioning) setPartitioner(parent->partitioner());
}

Records MapPartitionsRDD::compute(int split, TaskContext &ctx)
{
    if (m_fused)
        if (auto r = m_fused(split, ctx)) return std::move(*r);
    Records in = dependencies()[0].rdd->iterator(split, ctx);
    ctx.costNs += static_cast<std::int64_t>(in.size()) *
                  (cost::nativeRecordNs + (isPython() ? cost::pythonRecordNs : 0));
    return m_f(split, std::move(in), ctx);
}

// ---- ShuffledRDD -----------------------------------------------------------------------------

ShuffledRDD::ShuffledRDD(const RDDPtr &parent, Partitioner part, std::optional<Aggregator> agg, bool mapSideCombine)
    : RDD(parent->context(), "ShuffledRDD", part.numPartitions(), {})
{
    Dependency d;
    d.rdd = parent;
    d.isShuffle = true;
    d.shuffleId = parent->context().newShuffleId();
    d.partitioner = part;
    d.aggregator = std::move(agg);
    d.mapSideCombine = mapSideCombine;
    d.outputs = std::make_shared<ShuffleOutputs>();
    mutableDependencies().push_back(std::move(d));
    setPartitioner(part);
}

namespace {
// All records of reduce partition `split` from every map output, in map order.
Records fetchShuffle(const Dependency &dep, int split, TaskContext &ctx)
{
    Records all;
    for (const auto &mapOut : dep.outputs->buckets) {
        const auto &b = mapOut[static_cast<std::size_t>(split)];
        all.insert(all.end(), b.begin(), b.end());
    }
    ctx.recordsRead += static_cast<std::int64_t>(all.size());
    ctx.costNs += cost::shuffleReadRecordNs * static_cast<std::int64_t>(all.size());
    return all;
}
} // namespace

Records ShuffledRDD::compute(int split, TaskContext &ctx)
{
    const Dependency &dep = dependencies()[0];
    Records all = fetchShuffle(dep, split, ctx);
    if (!dep.aggregator) return all;
    return dep.mapSideCombine ? dep.aggregator->combineCombiners(std::move(all))
                              : dep.aggregator->combineValues(std::move(all));
}

// ---- UnionRDD --------------------------------------------------------------------------------

namespace {
std::vector<Dependency> rangeDependencies(const std::vector<RDDPtr> &rdds)
{
    std::vector<Dependency> deps;
    int pos = 0;
    for (const auto &r : rdds) {
        Dependency d;
        d.rdd = r;
        d.outStart = pos;
        d.length = r->numPartitions();
        pos += d.length;
        deps.push_back(std::move(d));
    }
    return deps;
}

int totalPartitions(const std::vector<RDDPtr> &rdds)
{
    int n = 0;
    for (const auto &r : rdds) n += r->numPartitions();
    return n;
}
} // namespace

UnionRDD::UnionRDD(SparkContext &sc, const std::vector<RDDPtr> &rdds)
    : RDD(sc, "UnionRDD", totalPartitions(rdds), rangeDependencies(rdds))
{
}

Records UnionRDD::compute(int split, TaskContext &ctx)
{
    for (const auto &d : dependencies())
        for (int p : d.parentPartitions(split)) return d.rdd->iterator(p, ctx);
    return {};
}

// ---- CoGroupedRDD ----------------------------------------------------------------------------

namespace {
std::vector<Dependency> cogroupDependencies(SparkContext &sc, const std::vector<RDDPtr> &rdds, const Partitioner &part)
{
    std::vector<Dependency> deps;
    for (const auto &r : rdds) {
        if (r->partitioner() && *r->partitioner() == part) {
            deps.push_back(oneToOne(r));
        } else {
            Dependency d;
            d.rdd = r;
            d.isShuffle = true;
            d.shuffleId = sc.newShuffleId();
            d.partitioner = part;
            d.outputs = std::make_shared<ShuffleOutputs>();
            deps.push_back(std::move(d));
        }
    }
    return deps;
}
} // namespace

CoGroupedRDD::CoGroupedRDD(SparkContext &sc, const std::vector<RDDPtr> &rdds, Partitioner part)
    : RDD(sc, "CoGroupedRDD", part.numPartitions(), cogroupDependencies(sc, rdds, part))
{
    setPartitioner(part);
}

Records CoGroupedRDD::compute(int split, TaskContext &ctx)
{
    const auto &deps = dependencies();
    const std::size_t n = deps.size();
    KeyIndex index;
    std::vector<std::vector<Records>> groups; // [key][dep]
    for (std::size_t i = 0; i < n; ++i) {
        Records recs = deps[i].isShuffle ? fetchShuffle(deps[i], split, ctx) : deps[i].rdd->iterator(split, ctx);
        for (const Value &rec : recs) {
            // Records of a narrow parent (already partitioned) are unpacked here, those of a
            // shuffled parent were at the map side (ops::unpackPair).
            const Value r = rec.isPair() ? rec : ops::unpackPair(rec);
            auto [k, inserted] = index.insert(r.key());
            if (inserted) groups.emplace_back(n);
            groups[k][i].push_back(r.value());
        }
    }
    const std::vector<Value> &keys = index.keys();
    Records out;
    out.reserve(keys.size());
    for (std::size_t k = 0; k < keys.size(); ++k) {
        std::vector<Value> lists;
        lists.reserve(n);
        for (auto &g : groups[k]) lists.push_back(Value::list(std::move(g)));
        out.push_back(Value::pair(keys[k], Value::tuple(std::move(lists))));
    }
    return out;
}

// ---- CoalescedRDD ----------------------------------------------------------------------------

CoalescedRDD::CoalescedRDD(const RDDPtr &parent, int numPartitions)
    : RDD(parent->context(), "CoalescedRDD", std::min(numPartitions, parent->numPartitions()), {})
{
    // DefaultPartitionCoalescer without locality preferences: contiguous groups of parents.
    const int n = this->numPartitions(), m = parent->numPartitions();
    Dependency d;
    d.rdd = parent;
    for (int i = 0; i < n; ++i) {
        std::vector<int> g;
        for (int p = (i * m) / n; p < ((i + 1) * m) / n; ++p) g.push_back(p);
        d.groups.push_back(std::move(g));
    }
    mutableDependencies().push_back(std::move(d));
}

Records CoalescedRDD::compute(int split, TaskContext &ctx)
{
    const Dependency &d = dependencies()[0];
    Records out;
    for (int p : d.parentPartitions(split)) {
        Records r = d.rdd->iterator(p, ctx);
        out.insert(out.end(), r.begin(), r.end());
    }
    return out;
}

// ---- RecoveredRDD ----------------------------------------------------------------------------

RecoveredRDD::RecoveredRDD(SparkContext &sc, std::vector<Records> partitions)
    : RDD(sc, "ReliableCheckpointRDD", static_cast<int>(partitions.size()), {}), m_parts(std::move(partitions))
{
    setOpName("checkpoint");
    setPartitioner(Partitioner(std::max(1, numPartitions())));
}

Records RecoveredRDD::compute(int split, TaskContext &ctx)
{
    const auto &r = m_parts[static_cast<std::size_t>(split)];
    ctx.costNs += cost::blockReadRecordNs * static_cast<std::int64_t>(r.size());
    return r;
}

// ---- EmptyRDD --------------------------------------------------------------------------------

EmptyRDD::EmptyRDD(SparkContext &sc) : RDD(sc, "EmptyRDD", 0, {}) {}

Records EmptyRDD::compute(int, TaskContext &)
{
    return {};
}

} // namespace dsl
