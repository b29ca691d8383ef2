// Stateful DStreams: updateStateByKey (Spark's StateDStream and PySpark's PythonStateDStream)
// and mapWithState (MapWithStateDStream), with per-batch state metrics.
#pragma once

#include "dstream.h"
#include "rddops.h"

#include <map>
#include <memory>

namespace dsl {

/// Spark's state metrics of one batch (keys added, updated, removed, timed out; total size).
struct StateMetrics {
    std::int64_t added = 0;
    std::int64_t updated = 0;
    std::int64_t removed = 0;
    std::int64_t timedOut = 0;
    std::int64_t totalKeys = 0;
};

/// Per-partition metrics of a stateful stream, merged per batch (a partition recomputed
/// replaces its own entry, so recomputation never double-counts).
class StateMetricsStore {
public:
    void set(SimTime t, int partition, const StateMetrics &m) { m_data[t][partition] = m; }
    std::map<SimTime, StateMetrics> byBatch() const;
    void dropBefore(SimTime t) { m_data.erase(m_data.begin(), m_data.lower_bound(t)); }

private:
    std::map<SimTime, std::map<int, StateMetrics>> m_data;
};

/// Base of stateful streams: must checkpoint, persisted, metrics.
class StatefulDStreamBase : public DStream {
public:
    StatefulDStreamBase(const DStreamPtr &parent, std::string className, std::string opName);
    Duration slideDuration() const override { return m_parent->slideDuration(); }
    std::vector<DStreamPtr> dependencies() const override { return {m_parent}; }
    /// Keys added, updated, removed, timed out and the state size, per batch.
    std::map<SimTime, StateMetrics> stateMetrics() const
    {
        measure();
        return m_metrics->byBatch();
    }
    bool carriesState() const override { return true; }
    void clearMetadata(SimTime time) override;

protected:
    /// Streams whose functions cannot count (the Python path) measure their batches here.
    virtual void measure() const {}
    DStreamPtr m_parent;
    std::shared_ptr<StateMetricsStore> m_metrics = std::make_shared<StateMetricsStore>();
};

/// Spark's StateDStream: every key of the state and of the batch goes through the update
/// function every batch (values may be empty); a None result removes the key. Without a
/// parent RDD the function is re-applied to every key with no values.
class StateDStream : public StatefulDStreamBase {
public:
    /// (batch time, key, new values, previous state) -> new state or nullopt (remove).
    using UpdateFn = std::function<std::optional<Value>(SimTime, const Value &key, const Records &values,
                                                        const std::optional<Value> &state)>;
    StateDStream(const DStreamPtr &parent, UpdateFn f, int numPartitions, RDDPtr initialRDD);
    std::optional<RDDPtr> compute(SimTime validTime) override;

private:
    UpdateFn m_f;
    int m_numPartitions;
    RDDPtr m_initial;
};

/// PySpark's PythonStateDStream: reduce(lastState-or-initial-or-null, batchRDD, time) -> RDD;
/// with no batch RDD the last state is kept as it is.
class RddStateDStream : public StatefulDStreamBase {
public:
    using RddFn = std::function<RDDPtr(const RDDPtr &lastState, const RDDPtr &batch, SimTime time)>;
    RddStateDStream(const DStreamPtr &parent, RddFn f, RDDPtr initialRDD);
    std::optional<RDDPtr> compute(SimTime validTime) override;
    /// Lets the bridge report metrics computed in its own functions.
    const std::shared_ptr<StateMetricsStore> &metricsStore() const { return m_metrics; }

protected:
    /// The Python function returns only the new state RDD: each batch whose new state and
    /// previous state are both in the cache (or checkpointed) is compared key by key, on the
    /// driver and at no simulated cost (keys only in the new state: added; in both with another
    /// value: updated; only in the previous one: removed).
    void measure() const override;

private:
    RddFn m_f;
    RDDPtr m_initial;
    mutable std::map<SimTime, bool> m_measured;
};

/// Spark's State[S] as seen by a mapWithState function.
class MapState {
public:
    bool exists() const { return m_exists; }
    /// Throws NoSuchElementException-like SparkError("State is not set") when absent.
    const Value &get() const;
    std::optional<Value> getOption() const { return m_exists ? std::optional<Value>(m_value) : std::nullopt; }
    /// Throws when the state is timing out ("Cannot update the state that is timing out").
    void update(Value v);
    void remove();
    bool isTimingOut() const { return m_timingOut; }

private:
    friend class MapWithStateRDD;
    bool m_exists = false;
    bool m_timingOut = false;
    bool m_updated = false;
    bool m_removed = false;
    Value m_value;
};

/// Spark's StateSpec for mapWithState.
struct StateSpec {
    /// (batch time, key, value or none when timing out, state) -> mapped record or nullopt.
    using MappingFn = std::function<std::optional<Value>(SimTime, const Value &key, const std::optional<Value> &value,
                                                         MapState &state)>;
    MappingFn function;
    std::optional<int> numPartitions;
    std::optional<Duration> timeout;
    RDDPtr initialState;
};

/// InternalMapWithStateDStream: one record per partition holding that partition's state map
/// and the batch's mapped data (MapWithStateRDDRecord). Default checkpoint 10 x batch.
class InternalMapWithStateDStream : public StatefulDStreamBase {
public:
    InternalMapWithStateDStream(const DStreamPtr &parent, StateSpec spec);
    std::optional<RDDPtr> compute(SimTime validTime) override;
    void initialize(SimTime zeroTime) override;

    /// The checkpoint form of this stream's RDD partitions at `time`: each MapWithStateRDDRecord
    /// becomes its state map's (key, state, ms since the last update) triples, as
    /// OpenHashMapBasedStateMap.writeObject writes key, state and updateTime (the mapped data of
    /// the checkpointed batch is not needed to continue).
    static std::vector<Records> toCheckpoint(const std::vector<Records> &parts, SimTime time);
    /// The state RDD rebuilt from toCheckpoint's form as of `time` (update times kept as ages),
    /// re-partitioned by this stream's partitioner.
    RDDPtr fromCheckpoint(const std::vector<Records> &parts, SimTime time) const;

private:
    StateSpec m_spec;
    int m_numPartitions;
};

/// Spark's MapWithStateDStreamImpl: the records the mapping function returned, read from the
/// InternalMapWithStateDStream. Its own checkpoint interval stays unset: checkpoint() sets the
/// internal stream's (MapWithStateDStream.scala, `override def checkpoint`).
class MapWithStateDStream : public DerivedDStream {
public:
    explicit MapWithStateDStream(const std::shared_ptr<InternalMapWithStateDStream> &internal);
    DStream &checkpoint(Duration interval) override;
    const std::shared_ptr<InternalMapWithStateDStream> &internalStream() const { return m_internal; }
    /// stateSnapshots(): every (key, state) of the internal stream's state maps.
    DStreamPtr stateSnapshots();

private:
    std::shared_ptr<InternalMapWithStateDStream> m_internal;
};

namespace ops {
DStreamPtr updateStateByKey(const DStreamPtr &s, StateDStream::UpdateFn f, std::optional<int> numPartitions = std::nullopt,
                            RDDPtr initialRDD = {});
/// mapWithState: the mapped stream; `snapshots` (if given) receives stateSnapshots().
DStreamPtr mapWithState(const DStreamPtr &s, StateSpec spec, DStreamPtr *snapshots = nullptr);
} // namespace ops

} // namespace dsl
