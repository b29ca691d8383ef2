// CaptureRecorder: records, while jobs compute, what each DStream's RDD holds (RddCapture).
#pragma once

#include "rdd.h"
#include "rddcapture.h"

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace dsl {

class KeyIndex;

/// What the jobs of a SparkContext computed for the RDDs its DStreams generated. Owned by the
/// SparkContext while an observer wants captures (SparkContext::captureRecorder); fed by
/// RDD::iterator with each freshly computed partition and by the Python bridge with each
/// stage of a fused pipeline, so a view shows records without running user code again.
///
/// Only registered RDDs are recorded (DStream::getOrCompute registers the RDD it stores for a
/// batch; clearMetadata forgets it), so memory follows the streams' remember durations. The
/// first computation of a partition wins: recomputations (an uncached RDD read by two output
/// operations) and cache or checkpoint reads are not recorded again. Recording never throws
/// and never changes the run: it reads records, calls nothing that charges cost or draws from
/// the simulation's RNG. Single-threaded, like the engine.
class CaptureRecorder {
public:
    explicit CaptureRecorder(CaptureLimits limits = {});
    ~CaptureRecorder();
    CaptureRecorder(const CaptureRecorder &) = delete;
    CaptureRecorder &operator=(const CaptureRecorder &) = delete;

    const CaptureLimits &limits() const { return m_limits; }
    /// New bounds for records recorded from now on (what is kept stays).
    void setLimits(CaptureLimits limits) { m_limits = limits; }

    /// `rdd` is what stream `streamId` generated for `batchTime`. One RDD may be registered by
    /// several (stream, time) owners (a state stream reusing its last RDD); each gets a capture.
    void registerRdd(const RDDPtr &rdd, int streamId, SimTime batchTime);
    /// Stream `streamId` dropped its RDD of `batchTime` (DStream::clearMetadata); the capture
    /// goes once no owner is left. Unknown ids are ignored.
    void forgetRdd(int rddId, int streamId, SimTime batchTime);

    /// True when partition `split` of RDD `rddId` is registered and not yet recorded (lets a
    /// caller skip converting records nobody will keep).
    bool wantsPartition(int rddId, int split) const;
    /// True when partition `split` of RDD `rddId` is registered and its origins not yet recorded.
    bool wantsOrigins(int rddId, int split) const;
    /// A freshly computed partition: count, the first records' repr, (key, number) sums.
    void recordPartition(int rddId, int split, const Records &records);
    /// Partition `split` of `rddId` (as just passed to recordPartition) came record by record
    /// from the input lines `inputs` (an InputLog index per record; -1: unknown).
    void recordOrigins(int rddId, int split, const Records &records, const std::vector<std::int64_t> &inputs);
    /// A task computing partition `split` of `rddId` raised `message` (the first one is kept).
    void recordFailure(int rddId, int split, const std::string &message);

    /// The captures changed since the previous call, and every capture owned by a stream for
    /// `completedBatch`, each as a copy with its owner's batchTime and streamId and the RDD's
    /// current toDebugString and lineage graph (captureLineage); sorted by (batchTime, streamId, rddId). Clears the changed marks.
    std::vector<RddCapture> takeChanged(SimTime completedBatch);

    /// Registered RDDs (for tests of bounded memory).
    std::size_t trackedRdds() const { return m_entries.size(); }

private:
    struct Entry {
        std::weak_ptr<const RDD> rdd;
        std::vector<std::pair<int, SimTime>> owners; ///< (streamId, batchTime)
        RddCapture capture;
        /// Every distinct key of the (key, number) records so far, numbered in first-seen
        /// order; kept only while partitions remain to be computed (exact moreKeys).
        std::unique_ptr<KeyIndex> keys;
        /// The RecordOrigins being built (key -> index into origins->keys), while traced.
        std::unique_ptr<RecordOrigins> origins;
        std::unordered_map<std::string, std::size_t> originIndex;
        std::vector<bool> tracedPartitions;
        std::shared_ptr<const RecordOrigins> originsShared; ///< a copy of origins as last taken
        bool pairsOnly = true; ///< every record so far is a (key, number) pair
        bool changed = true;
    };

    void addPairs(Entry &e, const Records &records);
    static void dropPairs(Entry &e);

    CaptureLimits m_limits;
    std::unordered_map<int, Entry> m_entries; ///< by RDD id
};

} // namespace dsl
