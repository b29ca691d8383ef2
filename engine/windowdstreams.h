// Window DStreams: Spark's WindowedDStream, ReducedWindowedDStream and PySpark's
// PythonReducedWindowedDStream, reporting which batch RDDs each window added and subtracted.
#pragma once

#include "dstream.h"
#include "rddops.h"

#include <map>

namespace dsl {

/// How one window output was computed, for the dashboard's window brackets and arithmetic.
struct WindowComputation {
    SimTime time;
    SimTime windowBegin;              ///< exclusive: the window covers (windowBegin, time]
    std::vector<SimTime> covered;     ///< batch times whose RDDs make up the window
    std::vector<SimTime> added;       ///< batches added to the previous window's result
    std::vector<SimTime> subtracted;  ///< batches removed with the inverse function
    bool incremental = false;         ///< previous result + added - subtracted
};

/// Base of window streams: window/slide validation and the per-output record.
class WindowDStreamBase : public DStream {
public:
    WindowDStreamBase(const DStreamPtr &parent, std::string className, std::string opName, Duration window,
                      Duration slide);
    Duration slideDuration() const override { return m_slide; }
    Duration windowDuration() const { return m_window; }
    Duration parentRememberDuration() const override { return rememberDuration() + m_window; }
    /// Recent window computations by output time (bounded like generatedRDDs).
    const std::map<SimTime, WindowComputation> &windowComputations() const { return m_computations; }
    void clearMetadata(SimTime time) override;

protected:
    void record(WindowComputation c) { m_computations[c.time] = std::move(c); }
    Duration m_window, m_slide;
    std::map<SimTime, WindowComputation> m_computations;
};

/// Spark's WindowedDStream: the union of the parent's RDDs in (t - window, t].
/// Throws java.lang.Exception with Spark's messages when window/slide are not multiples.
class WindowedDStream : public WindowDStreamBase {
public:
    WindowedDStream(const DStreamPtr &parent, Duration window, Duration slide);
    std::vector<DStreamPtr> dependencies() const override { return {m_parent}; }
    std::optional<RDDPtr> compute(SimTime validTime) override;
    DStream &persist(const StorageLevel &level) override;

private:
    DStreamPtr m_parent;
};

/// Spark's ReducedWindowedDStream: previous window + reduce(new batches) - inv(old batches),
/// over a per-batch reduceByKey of the parent; keys stay (at their inverse-reduced value) unless
/// filterFunc drops them. Must be checkpointed.
class ReducedWindowedDStream : public WindowDStreamBase {
public:
    ReducedWindowedDStream(const DStreamPtr &parent, ops::ReduceFn reduce, ops::ReduceFn invReduce,
                           std::optional<ops::PredicateFn> filter, Duration window, Duration slide, int numPartitions);
    std::vector<DStreamPtr> dependencies() const override { return {m_reduced}; }
    std::optional<RDDPtr> compute(SimTime validTime) override;
    DStream &persist(const StorageLevel &level) override;
    /// Its RDD at t is built from its RDD at t - slide: checkpointed windows are recovered.
    bool carriesState() const override { return true; }
    /// The fused window step (on by default) computes each window partition straight from the
    /// previous window and the old and new slices when all share the window's partitioner; off,
    /// the CoGroupedRDD is materialized. Same records and same simulated cost either way.
    static void setFusedWindowStep(bool on);

private:
    DStreamPtr m_reduced;
    ops::ReduceFn m_reduce, m_inv;
    std::optional<ops::PredicateFn> m_filter;
    int m_numPartitions;
};

/// PySpark's PythonReducedWindowedDStream: RDD-level functions reduce(prev|null, new, t) and
/// invReduce(prev, old, t); uses the inverse path only when window >= 5 x slide and a previous
/// window RDD exists, else reduces the whole window again. Must be checkpointed.
class RddReducedWindowedDStream : public WindowDStreamBase {
public:
    using RddFn = std::function<RDDPtr(const RDDPtr &a, const RDDPtr &b, SimTime time)>;
    RddReducedWindowedDStream(const DStreamPtr &parent, RddFn reduce, RddFn invReduce, Duration window, Duration slide);
    std::vector<DStreamPtr> dependencies() const override { return {m_parent}; }
    std::optional<RDDPtr> compute(SimTime validTime) override;
    bool carriesState() const override { return true; }

private:
    DStreamPtr m_parent;
    RddFn m_reduce, m_inv;
};

namespace ops {
DStreamPtr window(const DStreamPtr &s, Duration windowDuration, std::optional<Duration> slideDuration = std::nullopt);
/// Without inverse: reduceByKey per batch, window, reduceByKey again (PairDStreamFunctions).
DStreamPtr reduceByKeyAndWindow(const DStreamPtr &s, ReduceFn f, Duration window, std::optional<Duration> slide = std::nullopt,
                                std::optional<int> numPartitions = std::nullopt);
/// With inverse: ReducedWindowedDStream.
DStreamPtr reduceByKeyAndWindow(const DStreamPtr &s, ReduceFn f, ReduceFn inv, Duration window,
                                std::optional<Duration> slide = std::nullopt, std::optional<int> numPartitions = std::nullopt,
                                std::optional<PredicateFn> filter = std::nullopt);
DStreamPtr reduceByWindow(const DStreamPtr &s, ReduceFn f, Duration window, Duration slide);
DStreamPtr reduceByWindow(const DStreamPtr &s, ReduceFn f, ReduceFn inv, Duration window, Duration slide);
DStreamPtr countByWindow(const DStreamPtr &s, Duration window, Duration slide);
DStreamPtr countByValueAndWindow(const DStreamPtr &s, Duration window, Duration slide,
                                 std::optional<int> numPartitions = std::nullopt);
DStreamPtr groupByKeyAndWindow(const DStreamPtr &s, Duration window, Duration slide,
                               std::optional<int> numPartitions = std::nullopt);
} // namespace ops

} // namespace dsl
