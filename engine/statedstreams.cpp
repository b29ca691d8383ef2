// Stateful DStreams (StateDStream.scala, PythonDStream.scala's PythonStateDStream,
// MapWithStateDStream.scala, MapWithStateRDD.scala).
#include "statedstreams.h"

#include "costmodel.h"
#include "keyindex.h"
#include "dstreamops.h"
#include "errors.h"
#include "rdds.h"
#include "sparkcontext.h"
#include "streamingcontext.h"

#include <map>

namespace dsl {

std::map<SimTime, StateMetrics> StateMetricsStore::byBatch() const
{
    std::map<SimTime, StateMetrics> out;
    for (const auto &[t, parts] : m_data) {
        StateMetrics sum;
        for (const auto &[p, m] : parts) {
            sum.added += m.added;
            sum.updated += m.updated;
            sum.removed += m.removed;
            sum.timedOut += m.timedOut;
            sum.totalKeys += m.totalKeys;
        }
        out[t] = sum;
    }
    return out;
}

StatefulDStreamBase::StatefulDStreamBase(const DStreamPtr &parent, std::string className, std::string opName)
    : DStream(parent->context(), std::move(className), std::move(opName)), m_parent(parent)
{
    DStream::persist(StorageLevel::MEMORY_ONLY_SER());
    setMustCheckpoint(true);
}

void StatefulDStreamBase::clearMetadata(SimTime time)
{
    m_metrics->dropBefore(time - rememberDuration());
    DStream::clearMetadata(time);
}

// ---- StateDStream ----------------------------------------------------------------------------

StateDStream::StateDStream(const DStreamPtr &parent, UpdateFn f, int numPartitions, RDDPtr initialRDD)
    : StatefulDStreamBase(parent, "StateDStream", "updateStateByKey"), m_f(std::move(f)),
      m_numPartitions(numPartitions), m_initial(std::move(initialRDD))
{
}

namespace {
// Applies the update function to (key, values, previous state) triples of one partition.
Records applyUpdates(const StateDStream::UpdateFn &f, SimTime t, int partition,
                     const std::vector<std::tuple<Value, Records, std::optional<Value>>> &items,
                     const std::shared_ptr<StateMetricsStore> &metrics)
{
    Records out;
    StateMetrics m;
    for (const auto &[key, values, state] : items) {
        auto next = f(t, key, values, state);
        if (next) {
            if (!state) ++m.added;
            else if (!(*next == *state)) ++m.updated;
            out.push_back(Value::pair(key, *next));
        } else if (state) {
            ++m.removed;
        }
    }
    m.totalKeys = static_cast<std::int64_t>(out.size());
    metrics->set(t, partition, m);
    return out;
}
} // namespace

std::optional<RDDPtr> StateDStream::compute(SimTime validTime)
{
    SparkContext &sc = context().sparkContext();
    auto f = m_f;
    auto metrics = m_metrics;
    const SimTime t = validTime;
    auto usingPrevious = [&](const RDDPtr &parentRdd, const RDDPtr &prevState) -> RDDPtr {
        // parentRDD.cogroup(prevStateRDD, partitioner).mapPartitions(finalFunc, preservePartitioning)
        auto cg = ops::cogroup(sc, {parentRdd, prevState}, Partitioner(m_numPartitions), "updateStateByKey");
        return ops::mapPartitionsWithIndex(
            cg, "updateStateByKey",
            [f, t, metrics](int p, Records &&in, TaskContext &) {
                std::vector<std::tuple<Value, Records, std::optional<Value>>> items;
                for (const auto &r : in) {
                    const Value &lists = r.value();
                    Records values(lists[0].itemsBegin(), lists[0].itemsEnd());
                    std::optional<Value> state;
                    if (lists[1].size() > 0) state = lists[1][0];
                    items.emplace_back(r.key(), std::move(values), std::move(state));
                }
                return applyUpdates(f, t, p, items, metrics);
            },
            true);
    };
    auto prev = getOrCompute(validTime - slideDuration());
    auto parentRdd = m_parent->getOrCompute(validTime);
    if (prev) {
        if (parentRdd) return usingPrevious(*parentRdd, *prev);
        // No parent RDD: re-apply the update function to the old state with no values.
        return ops::mapPartitionsWithIndex(
            *prev, "updateStateByKey",
            [f, t, metrics](int p, Records &&in, TaskContext &) {
                std::vector<std::tuple<Value, Records, std::optional<Value>>> items;
                for (const auto &r : in) items.emplace_back(r.key(), Records{}, r.value());
                return applyUpdates(f, t, p, items, metrics);
            },
            true);
    }
    if (!parentRdd) return std::nullopt;
    if (m_initial) return usingPrevious(*parentRdd, m_initial);
    auto grouped = ops::groupByKey(*parentRdd, m_numPartitions);
    return ops::mapPartitionsWithIndex(
        grouped, "updateStateByKey",
        [f, t, metrics](int p, Records &&in, TaskContext &) {
            std::vector<std::tuple<Value, Records, std::optional<Value>>> items;
            for (const auto &r : in)
                items.emplace_back(r.key(), Records(r.value().itemsBegin(), r.value().itemsEnd()), std::nullopt);
            return applyUpdates(f, t, p, items, metrics);
        },
        true);
}

// ---- RddStateDStream -------------------------------------------------------------------------

RddStateDStream::RddStateDStream(const DStreamPtr &parent, RddFn f, RDDPtr initialRDD)
    : StatefulDStreamBase(parent, "PythonStateDStream", "updateStateByKey"), m_f(std::move(f)),
      m_initial(std::move(initialRDD))
{
    DStream::persist(StorageLevel::MEMORY_ONLY());
}

std::optional<RDDPtr> RddStateDStream::compute(SimTime validTime)
{
    // PythonStateDStream.compute
    auto last = getOrCompute(validTime - slideDuration());
    auto rdd = m_parent->getOrCompute(validTime);
    if (rdd) {
        RDDPtr base = last ? *last : m_initial;
        RDDPtr out = m_f(base, *rdd, validTime);
        if (!out) return std::nullopt;
        return out;
    }
    return last;
}

namespace {
/// True when reading every partition of r needs no computation (so no user code runs).
bool readableWithoutCompute(const RDDPtr &r)
{
    return r->checkpointPartitions() || r->cachedPartitionCount() == r->numPartitions() ||
           dynamic_cast<const RecoveredRDD *>(r.get()) != nullptr;
}

Records allRecords(const RDDPtr &r)
{
    TaskContext scratch; // driver-side inspection: its cost is not charged to any task
    Records out;
    for (int p = 0; p < r->numPartitions(); ++p) {
        Records part = r->iterator(p, scratch);
        out.insert(out.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
    return out;
}
} // namespace

void RddStateDStream::measure() const
{
    const auto &rdds = generatedRDDs();
    for (auto it = rdds.begin(); it != rdds.end(); ++it) {
        const SimTime t = it->first;
        if (m_measured.count(t) || !readableWithoutCompute(it->second)) continue;
        RDDPtr prev;
        if (auto p = rdds.find(t - slideDuration()); p != rdds.end()) prev = p->second;
        else if (zeroTime() && t - slideDuration() <= *zeroTime()) prev = m_initial;
        else continue; // the previous state is gone: this batch cannot be measured any more
        if (prev && !readableWithoutCompute(prev) && prev != m_initial) continue;
        KeyIndex keys;
        std::vector<Value> before;
        std::vector<char> seen;
        if (prev)
            for (const Value &kv : allRecords(prev)) {
                if (keys.insert(kv.key()).second) before.push_back(kv.value());
            }
        seen.assign(before.size(), 0);
        StateMetrics m;
        const Records now = allRecords(it->second);
        for (const Value &kv : now) {
            const auto [i, isNew] = keys.insert(kv.key());
            if (i >= before.size()) {
                if (isNew) ++m.added;
                continue;
            }
            if (!seen[i] && !(before[i] == kv.value())) ++m.updated;
            seen[i] = 1;
        }
        for (char s : seen) m.removed += s ? 0 : 1;
        m.totalKeys = static_cast<std::int64_t>(now.size());
        m_metrics->set(t, 0, m);
        m_measured[t] = true;
    }
    // Forget batches no longer remembered.
    if (!rdds.empty()) m_measured.erase(m_measured.begin(), m_measured.lower_bound(rdds.begin()->first));
}

// ---- mapWithState ----------------------------------------------------------------------------

const Value &MapState::get() const
{
    if (!m_exists) throw SparkError("java.util.NoSuchElementException", "State is not set");
    return m_value;
}

void MapState::update(Value v)
{
    if (m_removed) throw SparkError("java.lang.IllegalArgumentException", "Cannot update the state after it has been removed");
    if (m_timingOut) throw SparkError("java.lang.IllegalArgumentException", "Cannot update the state that is timing out");
    m_value = std::move(v);
    m_exists = true;
    m_updated = true;
}

void MapState::remove()
{
    if (m_timingOut) throw SparkError("java.lang.IllegalArgumentException", "Cannot remove the state that is timing out");
    if (m_removed) throw SparkError("java.lang.IllegalArgumentException", "Cannot remove the state that has already been removed");
    m_removed = true;
    m_exists = false;
}

namespace {
struct EngineLess {
    bool operator()(const Value &a, const Value &b) const { return engineOrderLess(a, b); }
};

/// MapWithStateRDDRecord: a partition's state map (key -> state, last update time) and the
/// records the mapping function returned this batch. Keys are kept in a deterministic order.
struct StateRecord : OpaqueObject {
    std::map<Value, std::pair<Value, SimTime>, EngineLess> states;
    Records mapped;
    std::string repr() const override
    {
        return "MapWithStateRDDRecord(" + std::to_string(states.size()) + " states, " + std::to_string(mapped.size()) +
               " mapped)";
    }
    std::int64_t pyHash() const override { return static_cast<std::int64_t>(states.size()); }
    bool equals(const OpaqueObject &o) const override { return this == &o; }
    bool less(const OpaqueObject &o) const override { return this < &o; }
    std::string typeName() const override { return "MapWithStateRDDRecord"; }
};

const StateRecord *stateRecordOf(const Records &recs)
{
    if (recs.empty() || !recs[0].isObject()) return nullptr;
    return dynamic_cast<const StateRecord *>(recs[0].object());
}
} // namespace

/// Spark's MapWithStateRDD: partition i = updateRecordWithData(prev state i, data partition i).
class MapWithStateRDD : public RDD {
public:
    MapWithStateRDD(const RDDPtr &prevState, const RDDPtr &partitionedData, StateSpec::MappingFn f, SimTime batchTime,
                    std::optional<SimTime> timeoutThreshold, std::shared_ptr<StateMetricsStore> metrics)
        : RDD(prevState->context(), "MapWithStateRDD", prevState->numPartitions(),
              {oneToOne(prevState), oneToOne(partitionedData)}),
          m_f(std::move(f)), m_time(batchTime), m_threshold(timeoutThreshold), m_metrics(std::move(metrics))
    {
        setPartitioner(prevState->partitioner());
        setOpName("mapWithState");
    }

    Records compute(int split, TaskContext &ctx) override
    {
        Records prev = dependencies()[0].rdd->iterator(split, ctx);
        Records data = dependencies()[1].rdd->iterator(split, ctx);
        ctx.costNs += static_cast<std::int64_t>(data.size()) * cost::nativeRecordNs;
        auto rec = new StateRecord();
        Value holder(static_cast<OpaqueObject *>(rec));
        if (const StateRecord *p = stateRecordOf(prev)) rec->states = p->states;
        StateMetrics m;
        // Metrics count keys, not records: per key of the batch, whether it had a state before
        // the batch and whether the function updated it.
        KeyIndex touched;
        std::vector<std::pair<bool, bool>> seen; // (had a state before the batch, updated)
        for (const Value &kv : data) {
            const Value &key = kv.key();
            MapState st;
            auto it = rec->states.find(key);
            if (it != rec->states.end()) {
                st.m_exists = true;
                st.m_value = it->second.first;
            }
            const auto [k, first] = touched.insert(key);
            if (first) seen.emplace_back(st.m_exists, false);
            auto returned = m_f(m_time, key, kv.value(), st);
            if (st.m_removed) {
                rec->states.erase(key);
            } else if (st.m_updated || (st.m_exists && m_threshold)) {
                rec->states[key] = {st.m_value, m_time};
            }
            if (st.m_updated) seen[k].second = true;
            if (returned) rec->mapped.push_back(*returned);
        }
        for (std::size_t k = 0; k < seen.size(); ++k) {
            const bool now = rec->states.count(touched.keys()[k]) > 0;
            if (seen[k].first && !now) ++m.removed;
            else if (!seen[k].first && now) ++m.added;
            else if (seen[k].first && seen[k].second) ++m.updated;
        }
        // MapWithStateRDD.checkpoint() sets doFullScan: timeouts are found only on checkpoint batches.
        if (isCheckpointMarked() && m_threshold) {
            for (auto it = rec->states.begin(); it != rec->states.end();) {
                if (it->second.second < *m_threshold) {
                    MapState st;
                    st.m_exists = true;
                    st.m_timingOut = true;
                    st.m_value = it->second.first;
                    auto returned = m_f(m_time, it->first, std::nullopt, st);
                    if (returned) rec->mapped.push_back(*returned);
                    ++m.timedOut;
                    it = rec->states.erase(it);
                } else {
                    ++it;
                }
            }
        }
        m.totalKeys = static_cast<std::int64_t>(rec->states.size());
        m_metrics->set(m_time, split, m);
        return Records{holder};
    }

private:
    StateSpec::MappingFn m_f;
    SimTime m_time;
    std::optional<SimTime> m_threshold;
    std::shared_ptr<StateMetricsStore> m_metrics;
};

InternalMapWithStateDStream::InternalMapWithStateDStream(const DStreamPtr &parent, StateSpec spec)
    : StatefulDStreamBase(parent, "InternalMapWithStateDStream", "mapWithState"), m_spec(std::move(spec)),
      m_numPartitions(m_spec.numPartitions.value_or(parent->context().sparkContext().defaultParallelism()))
{
    DStream::persist(StorageLevel::MEMORY_ONLY());
}

void InternalMapWithStateDStream::initialize(SimTime zeroTime)
{
    // InternalMapWithStateDStream.initialize: checkpoint every 10 batches unless set explicitly
    if (!checkpointDuration()) checkpoint(slideDuration() * 10);
    DStream::initialize(zeroTime);
}

std::optional<RDDPtr> InternalMapWithStateDStream::compute(SimTime validTime)
{
    SparkContext &sc = context().sparkContext();
    const Partitioner part(m_numPartitions);
    RDDPtr prevState;
    if (auto prev = getOrCompute(validTime - slideDuration())) {
        prevState = *prev;
    } else {
        // MapWithStateRDD.createFromPairRDD(initial state or empty, partitioner, time)
        RDDPtr initial = m_spec.initialState ? m_spec.initialState : sc.parallelize({}, 1);
        const SimTime t = validTime;
        prevState = ops::mapPartitionsWithIndex(
            ops::partitionBy(initial, part), "mapWithState",
            [t](int, Records &&in, TaskContext &) {
                auto rec = new StateRecord();
                Value holder(static_cast<OpaqueObject *>(rec));
                for (const auto &kv : in) rec->states[kv.key()] = {kv.value(), t};
                return Records{holder};
            },
            true);
    }
    auto data = m_parent->getOrCompute(validTime);
    RDDPtr dataRdd = data ? *data : sc.emptyRDD();
    RDDPtr partitioned = ops::partitionBy(dataRdd, part);
    std::optional<SimTime> threshold;
    if (m_spec.timeout) threshold = validTime - *m_spec.timeout;
    return std::make_shared<MapWithStateRDD>(prevState, partitioned, m_spec.function, validTime, threshold, m_metrics);
}

std::vector<Records> InternalMapWithStateDStream::toCheckpoint(const std::vector<Records> &parts, SimTime time)
{
    std::vector<Records> out;
    for (const auto &part : parts) {
        Records recs;
        if (const StateRecord *rec = stateRecordOf(part))
            for (const auto &[k, v] : rec->states)
                recs.push_back(Value::tuple({k, v.first, Value(static_cast<long long>((time - v.second).ms()))}));
        out.push_back(std::move(recs));
    }
    return out;
}

RDDPtr InternalMapWithStateDStream::fromCheckpoint(const std::vector<Records> &parts, SimTime time) const
{
    const Partitioner part(m_numPartitions);
    std::vector<Records> rebuilt;
    std::vector<StateRecord *> recs;
    for (int i = 0; i < m_numPartitions; ++i) {
        auto rec = new StateRecord();
        rebuilt.push_back(Records{Value(static_cast<OpaqueObject *>(rec))});
        recs.push_back(rec);
    }
    for (const auto &p : parts)
        for (const auto &r : p) {
            if (!r.isTuple() || r.size() != 3 || !r[2].isInt())
                throw SparkException("Unexpected mapWithState checkpoint record " + r.repr());
            recs[static_cast<std::size_t>(part.getPartition(r[0]))]->states[r[0]] = {r[1], time - Duration(r[2].asInt())};
        }
    return std::make_shared<RecoveredRDD>(context().sparkContext(), std::move(rebuilt));
}

// ---- MapWithStateDStreamImpl ------------------------------------------------------------------

MapWithStateDStream::MapWithStateDStream(const std::shared_ptr<InternalMapWithStateDStream> &internal)
    : DerivedDStream({internal}, "MapWithStateDStreamImpl", "mapWithState",
                     [](const std::vector<RDDPtr> &p, SimTime) {
                         // internalStream.flatMap { _.mappedData }
                         return ops::mapPartitionsWithIndex(p[0], "mapWithState", [](int, Records &&in, TaskContext &) {
                             Records out;
                             for (const auto &r : in)
                                 if (const StateRecord *rec = stateRecordOf(Records{r}))
                                     out.insert(out.end(), rec->mapped.begin(), rec->mapped.end());
                             return out;
                         });
                     }),
      m_internal(internal)
{
}

DStream &MapWithStateDStream::checkpoint(Duration interval)
{
    // MapWithStateDStreamImpl.checkpoint: internalStream.checkpoint(checkpointInterval); this
    m_internal->checkpoint(interval);
    return *this;
}

DStreamPtr MapWithStateDStream::stateSnapshots()
{
    // internalStream.flatMap { _.stateMap.getAll().map { case (k, s, _) => (k, s) } }
    return ops::mapPartitionsWithIndex(
        m_internal, "stateSnapshots", "MapWithStateDStreamImpl",
        [](int, Records &&in, TaskContext &) {
            Records out;
            for (const auto &r : in)
                if (const StateRecord *rec = stateRecordOf(Records{r}))
                    for (const auto &[k, v] : rec->states) out.push_back(Value::pair(k, v.first));
            return out;
        },
        true);
}

namespace ops {

DStreamPtr updateStateByKey(const DStreamPtr &s, StateDStream::UpdateFn f, std::optional<int> numPartitions,
                            RDDPtr initialRDD)
{
    const int n = numPartitions.value_or(s->context().sparkContext().defaultParallelism());
    return std::make_shared<StateDStream>(s, std::move(f), n, std::move(initialRDD));
}

DStreamPtr mapWithState(const DStreamPtr &s, StateSpec spec, DStreamPtr *snapshots)
{
    auto internal = std::make_shared<InternalMapWithStateDStream>(s, std::move(spec));
    auto mapped = std::make_shared<MapWithStateDStream>(internal);
    if (snapshots) *snapshots = mapped->stateSnapshots();
    return mapped;
}

} // namespace ops

} // namespace dsl
