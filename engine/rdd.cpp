// RDD base: dependencies, caching, toString and Spark's toDebugString layout.
#include "rdd.h"

#include "capturerecorder.h"
#include "costmodel.h"
#include "errors.h"
#include "keyindex.h"
#include "sparkcontext.h"

#include <cstdio>

namespace dsl {

Partitioner::Partitioner(int numPartitions) : m_num(numPartitions)
{
    require(numPartitions >= 0, "Number of partitions (" + std::to_string(numPartitions) + ") cannot be negative.");
}

int Partitioner::getPartition(const Value &key) const
{
    // Utils.nonNegativeMod(portable_hash(key), numPartitions) as PySpark's partitionBy does.
    // Zero partitions is legal (an empty batch's RDD has none); placing a record there is not:
    // Utils.nonNegativeMod divides by zero in Spark, and would crash the process here.
    if (m_num == 0) throw SparkError("java.lang.ArithmeticException", "/ by zero");
    std::int64_t h = portableHash(key);
    std::int64_t r = h % m_num;
    return static_cast<int>(r < 0 ? r + m_num : r);
}

namespace {
void requirePair(const Value &record)
{
    if (!record.isPair())
        throw UserCodeError("org.apache.spark.SparkException",
                            "pair operation needs (key, value) records, got " + record.repr());
}

// PySpark's dict-based merge (InMemoryMerger.mergeValues / mergeCombiners): keys in first-seen
// order, `d[k] = merge(d[k], v) if k in d else create(v)`. Combiners live apart from their keys
// and become (key, combiner) pairs once, at the end, instead of a new pair per record.
template <class Create, class Merge>
Records combineByKey(const Records &records, const Create &create, const Merge &merge)
{
    KeyIndex index(records.size());
    std::vector<Value> combiners;
    for (const Value &r : records) {
        requirePair(r);
        const Value &v = r.value();
        auto [i, inserted] = index.insert(r.key());
        if (inserted)
            combiners.push_back(create(v));
        else
            combiners[i] = merge(combiners[i], v);
    }
    Records out;
    out.reserve(combiners.size());
    std::vector<Value> &keys = index.keys();
    for (std::size_t i = 0; i < keys.size(); ++i) out.push_back(Value::pair(std::move(keys[i]), std::move(combiners[i])));
    return out;
}
} // namespace

Records Aggregator::combineValues(Records &&records) const
{
    if (combineValuesByKey) return combineValuesByKey(std::move(records));
    return combineByKey(records, createCombiner, mergeValue);
}

Records Aggregator::combineCombiners(Records &&records) const
{
    if (combineCombinersByKey) return combineCombinersByKey(std::move(records));
    return combineByKey(records, [](const Value &c) { return c; }, mergeCombiners);
}

bool ShuffleOutputs::complete() const
{
    for (bool d : mapDone)
        if (!d) return false;
    return true;
}

std::vector<int> Dependency::parentPartitions(int childPartition) const
{
    if (!groups.empty())
        return groups.at(static_cast<std::size_t>(childPartition));
    if (childPartition >= outStart && childPartition < outStart + length)
        return {childPartition - outStart + inStart};
    return {};
}

Dependency oneToOne(const RDDPtr &rdd)
{
    Dependency d;
    d.rdd = rdd;
    d.length = rdd->numPartitions();
    return d;
}

RDD::RDD(SparkContext &sc, std::string className, int numPartitions, std::vector<Dependency> deps)
    : m_sc(sc), m_id(sc.newRddId()), m_className(std::move(className)), m_numPartitions(numPartitions),
      m_deps(std::move(deps))
{
    // No assertNotStopped here: as in RDD.scala, a transformation of a stopped context makes
    // its RDD; a job on it fails (SparkContext.runJob), as do parallelize and the other
    // SparkContext methods that assert.
    m_creationSite = sc.currentCallSite();
}

RDD &RDD::persist(const StorageLevel &level)
{
    // RDD.persist: "Cannot change storage level of an RDD after it was already assigned a level"
    if (m_storageLevel != StorageLevel::NONE() && level != m_storageLevel)
        throw UnsupportedOperationException(
            "Cannot change storage level of an RDD after it was already assigned a level");
    m_storageLevel = level;
    if (m_cached.empty()) m_cached.resize(static_cast<std::size_t>(m_numPartitions));
    return *this;
}

void RDD::unpersist()
{
    m_storageLevel = StorageLevel::NONE();
    m_cached.clear();
}

int RDD::cachedPartitionCount() const
{
    int n = 0;
    for (const auto &c : m_cached)
        if (c) ++n;
    return n;
}

std::int64_t RDD::cachedBytesEstimate() const
{
    // A rough deserialized-size estimate: 16 bytes per Value plus its text length.
    std::int64_t bytes = 0;
    for (const auto &c : m_cached)
        if (c)
            for (const Value &v : *c) bytes += 16 + (v.isStr() ? static_cast<std::int64_t>(v.asStr().size()) : 0);
    return bytes;
}

/// The RDD a checkpointed RDD reads from: its saved partitions.
class ReliableCheckpointRDD : public RDD {
public:
    ReliableCheckpointRDD(SparkContext &sc, std::shared_ptr<const std::vector<Records>> data)
        : RDD(sc, "ReliableCheckpointRDD", static_cast<int>(data->size()), {}), m_data(std::move(data))
    {
    }
    Records compute(int split, TaskContext &ctx) override
    {
        const Records &r = (*m_data)[static_cast<std::size_t>(split)];
        ctx.costNs += cost::blockReadRecordNs * static_cast<std::int64_t>(r.size());
        return r;
    }

private:
    std::shared_ptr<const std::vector<Records>> m_data;
};

void RDD::doCheckpoint()
{
    if (m_checkpointData) return;
    if (!m_checkpointMarked) {
        for (const auto &d : m_deps) d.rdd->doCheckpoint();
        return;
    }
    // ReliableRDDCheckpointData: the partitions are computed (again, unless cached) and saved;
    // then the lineage is truncated.
    if (m_checkpointing) return;
    m_checkpointing = true;
    std::vector<int> parts;
    for (int p = 0; p < m_numPartitions; ++p) parts.push_back(p);
    std::vector<Records> computed;
    try {
        // A job of its own, as ReliableCheckpointRDD.writeRDDToCheckpointDirectory runs one.
        computed = m_sc.runJob(shared_from_this(), parts, "checkpoint at " + m_creationSite);
    } catch (...) {
        m_checkpointing = false;
        throw;
    }
    m_checkpointing = false;
    auto data = std::make_shared<const std::vector<Records>>(std::move(computed));
    m_checkpointData = data;
    auto cp = std::make_shared<ReliableCheckpointRDD>(m_sc, data);
    cp->setCreationSite(m_creationSite);
    cp->setScope(m_scope);
    if (m_batchTime) cp->setBatchTime(*m_batchTime);
    clearDependencies();
    m_deps.push_back(oneToOne(cp));
}

Records RDD::iterator(int split, TaskContext &ctx)
{
    if (m_checkpointData) {
        // RDD.computeOrReadCheckpoint
        const Records &r = (*m_checkpointData)[static_cast<std::size_t>(split)];
        ctx.costNs += cost::blockReadRecordNs * static_cast<std::int64_t>(r.size());
        return r;
    }
    // Capture (a host showing what was computed) costs this one pointer check when off.
    const bool recording = m_sc.captureRecorder() != nullptr;
    if (m_storageLevel != StorageLevel::NONE()) {
        auto &slot = m_cached[static_cast<std::size_t>(split)];
        if (slot) {
            ctx.costNs += cost::blockReadRecordNs * static_cast<std::int64_t>(slot->size());
            return *slot;
        }
        Records r = recording ? computeRecorded(split, ctx) : compute(split, ctx);
        slot = r;
        return r;
    }
    return recording ? computeRecorded(split, ctx) : compute(split, ctx);
}

Records RDD::computeRecorded(int split, TaskContext &ctx)
{
    Records r;
    try {
        r = compute(split, ctx);
    } catch (const std::exception &e) {
        if (auto *rec = m_sc.captureRecorder()) rec->recordFailure(m_id, split, e.what());
        throw;
    } catch (...) {
        if (auto *rec = m_sc.captureRecorder()) rec->recordFailure(m_id, split, "unknown error");
        throw;
    }
    // (A block's own records need no RecordOrigins: the block names its lines, BlockInfo's
    // firstInput and lastInput; the provenance queries read them there.)
    if (auto *rec = m_sc.captureRecorder()) rec->recordPartition(m_id, split, r);
    return r;
}

std::string RDD::toString() const
{
    std::string s;
    if (!m_name.empty()) s += m_name + " ";
    s += m_className + "[" + std::to_string(m_id) + "] at " + m_creationSite;
    return s;
}

namespace {
std::string bytesToString(std::int64_t size)
{
    // Utils.bytesToString (binary units, one decimal)
    const double kib = 1024.0, mib = kib * 1024, gib = mib * 1024;
    char buf[64];
    if (size >= 2 * gib) std::snprintf(buf, sizeof buf, "%.1f GiB", static_cast<double>(size) / gib);
    else if (size >= 2 * mib) std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(size) / mib);
    else if (size >= 2 * kib) std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(size) / kib);
    else std::snprintf(buf, sizeof buf, "%.1f B", static_cast<double>(size));
    return buf;
}

// `persistence` is the storage level of the RDD toDebugString was called on, for every line: in
// RDD.scala debugSelf(rdd) reads the enclosing `storageLevel` (this.storageLevel), not
// rdd.storageLevel, so Spark prints the root's level on each line of the lineage.
std::vector<std::string> debugSelf(const RDD &rdd, const std::string &persistence)
{
    std::vector<std::string> lines{rdd.toString() + " [" + persistence + "]"};
    if (int n = rdd.cachedPartitionCount(); n > 0)
        lines.push_back("    CachedPartitions: " + std::to_string(n) + "; MemorySize: " +
                        bytesToString(rdd.cachedBytesEstimate()) + "; ExternalBlockStoreSize: 0.0 B; DiskSize: 0.0 B");
    return lines;
}

void debugString(const RDD &rdd, const std::string &prefix, bool isShuffle, bool isLastChild,
                 const std::string &persistence, std::vector<std::string> &out);

void debugChildren(const RDD &rdd, const std::string &prefix, const std::string &persistence,
                   std::vector<std::string> &out)
{
    const auto &deps = rdd.dependencies();
    for (std::size_t i = 0; i < deps.size(); ++i)
        debugString(*deps[i].rdd, prefix, deps[i].isShuffle, i + 1 == deps.size(), persistence, out);
}

std::string rtrimBarSpaces(const std::string &prefix)
{
    // prefix.replaceAll("\\|\\s+$", "")
    std::size_t end = prefix.size();
    while (end > 0 && prefix[end - 1] == ' ') --end;
    if (end < prefix.size() && end > 0 && prefix[end - 1] == '|') return prefix.substr(0, end - 1);
    return prefix;
}

void debugString(const RDD &rdd, const std::string &prefix, bool isShuffle, bool isLastChild,
                 const std::string &persistence, std::vector<std::string> &out)
{
    if (!isShuffle) {
        for (const auto &l : debugSelf(rdd, persistence)) out.push_back(prefix + l);
        debugChildren(rdd, prefix, persistence, out);
        return;
    }
    std::string partitionStr = "(" + std::to_string(rdd.numPartitions()) + ")";
    std::size_t leftOffset = (partitionStr.size() - 1) / 2;
    std::string thisPrefix = rtrimBarSpaces(prefix);
    std::string nextPrefix = thisPrefix + (isLastChild ? "  " : "| ") + std::string(leftOffset, ' ') + "|" +
                             std::string(partitionStr.size() - leftOffset, ' ');
    auto self = debugSelf(rdd, persistence);
    for (std::size_t i = 0; i < self.size(); ++i)
        out.push_back(i == 0 ? thisPrefix + "+-" + partitionStr + " " + self[i] : nextPrefix + self[i]);
    debugChildren(rdd, nextPrefix, persistence, out);
}
} // namespace

std::string RDD::toDebugString() const
{
    // RDD.toDebugString: firstDebugString(this)
    std::vector<std::string> out;
    std::string partitionStr = "(" + std::to_string(m_numPartitions) + ")";
    std::size_t leftOffset = (partitionStr.size() - 1) / 2;
    std::string nextPrefix = std::string(leftOffset, ' ') + "|" + std::string(partitionStr.size() - leftOffset, ' ');
    const std::string persistence =
        m_storageLevel != StorageLevel::NONE() ? m_storageLevel.description() : std::string();
    auto self = debugSelf(*this, persistence);
    for (std::size_t i = 0; i < self.size(); ++i)
        out.push_back(i == 0 ? partitionStr + " " + self[i] : nextPrefix + " " + self[i]);
    debugChildren(*this, nextPrefix, persistence, out);
    std::string s;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (i) s += '\n';
        s += out[i];
    }
    return s;
}

} // namespace dsl
