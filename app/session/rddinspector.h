// RddInspector: reads an RDD's records for the dashboard without changing the run.
#pragma once

#include "engine/rdd.h"
#include "runsnapshot.h"

#include <optional>

namespace dsl::session {

/// The dashboard shows every DStream's RDD per batch with its records, but a batch's jobs only
/// materialize what they need (pipelined operators, take() for pprint). The inspector
/// recomputes a completed batch's RDD from what the run still holds — blocks, shuffle
/// outputs, cached or checkpointed partitions — and refuses when that would change the run
/// (fill a cache, run a missing shuffle). Callers wrap it in PythonRuntime::inspect, which
/// discards output and restores the pyspark counters user functions may advance.
class RddInspector {
public:
    struct Limits {
        std::size_t shownRecords = 50;        ///< record texts kept per box
        std::size_t keyCounts = 5000;         ///< (key, number) records kept for the word counts
        std::int64_t maxInputRecords = 500000; ///< larger batches are not recomputed
    };
    explicit RddInspector(Limits limits) : m_limits(limits) {}
    RddInspector() : RddInspector(Limits{}) {}

    /// Metadata of the box (id, class, scope, partitions, toDebugString), status Pending.
    static RddBoxSnapshot describe(const RDDPtr &rdd);
    /// Whether compute() can run without side effects on the run.
    static bool canRecompute(const RDDPtr &rdd);
    /// Computes the records into box (Computed, Unknown or Failed). When keyCounts is given and
    /// every record is a (key, number) pair, fills it (sorted by count, then key).
    void compute(const RDDPtr &rdd, SimTime batchTime, RddBoxSnapshot &box,
                 std::vector<KeyCount> *keyCounts) const;
    const Limits &limits() const { return m_limits; }

private:
    Limits m_limits;
};

} // namespace dsl::session
