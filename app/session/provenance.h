// Provenance: from a result back to the typed lines it came from, and from a typed line forward
// to the results it touched, read from a RunSnapshot (docs/provenance.md). Nothing runs again:
// the engine recorded, while the jobs computed, which input line each record of a record-wise
// stream came from (RecordOrigins); here the trace follows keys through shuffles, windows and
// state using the DStream graph.
#pragma once

#include "runsnapshot.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dsl::session {

/// One typed line behind a result.
struct ProvenanceLine {
    std::int64_t input = -1;      ///< InputLog index
    std::int64_t occurrences = 0; ///< records of the key it produced
    SimTime batch;                ///< the batch that read it
    int streamId = -1;            ///< the traced stream it was found in
    std::string blockId;          ///< the block that held it ("" if unknown)
    bool operator==(const ProvenanceLine &) const = default;
};

/// A result traced back: the key `key` of stream `streamId`'s RDD of batch `batch`.
struct ProvenanceTrace {
    enum class Gap {
        None,        ///< traced
        NoTrace,     ///< no stream upstream was traced (a Kafka or queue stream...), or a
                     ///< stream on the way may change keys (brokenAt: a map after a shuffle,
                     ///< mapPartitions...)
        KeyNotFound, ///< the traced streams never produced this key in the batches it covers
    };
    int streamId = -1;
    SimTime batch;
    std::string key;
    /// Streams from an input stream down to streamId (a path through the DStream graph).
    std::vector<int> path;
    /// The traced streams whose RecordOrigins were read (the nearest traced ancestors).
    std::vector<int> tracedStreams;
    /// The batches whose lines can reach the result: just `batch`, a window's span, or every
    /// batch up to it for a stream carrying state.
    std::vector<SimTime> batches;
    bool allEarlierBatches = false; ///< state: every batch since the start counts
    std::vector<ProvenanceLine> lines; ///< in input order
    std::int64_t moreLines = 0;        ///< lines the bounds did not keep
    /// Covered batches kept only as summaries (or no longer held): their lines are not known.
    int batchesNotKept = 0;
    Gap gap = Gap::None;
    int brokenAt = -1; ///< NoTrace: the stream on the way whose operator may change keys
    std::int64_t occurrences() const
    {
        std::int64_t n = 0;
        for (const auto &l : lines) n += l.occurrences;
        return n;
    }
};

/// True for a DStream operator whose output keeps the keys of its input records (a shuffle by
/// key, a window, state, a filter): a result's key names the records it came from.
bool keepsKeys(const std::string &opName);

ProvenanceTrace traceBack(const RunSnapshot &run, int streamId, SimTime batch, const std::string &key);

/// A row of the program's database traced back: every kept batch whose tasks wrote the row
/// (its writer changed between the batches' database snapshots) is a write of the key in the
/// row's first column by the output operation whose task it was; the lines behind each write
/// are traced back (traceBack of that operation's stream) and merged. An upsert that adds to
/// a count thus lists the lines of every batch that added to it. `writes` holds the batches.
struct DbRowTrace {
    ProvenanceTrace trace;       ///< the merged trace; its batch is the last write
    std::vector<SimTime> writes; ///< batches whose tasks wrote the row, oldest first
    bool writtenBeforeRun = false; ///< the row predates the run or its last writer is the driver
};
DbRowTrace traceDbRow(const RunSnapshot &run, const std::string &table, std::int64_t rowid);

/// A result a typed line touched: the key of a stream's RDD in one batch, with the record text
/// when it is among the records kept ("" if not).
struct ProvenanceUse {
    SimTime batch;
    int streamId = -1;
    std::string key;
    std::string record;
    bool operator==(const ProvenanceUse &) const = default;
};

/// A typed line traced forward.
struct ForwardTrace {
    std::int64_t input = -1;
    bool read = false;      ///< a batch read it (false: still pending, or its batch is not kept)
    SimTime batch;          ///< the batch that read it
    std::string blockId;
    /// What the traced streams made of it: per stream, its keys with how many records each.
    struct Produced {
        int streamId = -1;
        std::vector<std::pair<std::string, std::int64_t>> keys;
    };
    std::vector<Produced> produced;
    /// Results downstream of the traced streams that hold one of its keys, by batch then
    /// stream; at most kMaxUses.
    std::vector<ProvenanceUse> uses;
    std::int64_t moreUses = 0;
    static constexpr std::size_t kMaxUses = 200;
};

ForwardTrace traceForward(const RunSnapshot &run, std::int64_t input);

/// The record shown for `key` in stream `streamId`'s box of batch `b` (its repr), or null when it
/// is not among the records kept.
const std::string *shownRecord(const BatchSnapshot &b, int streamId, const std::string &key);
/// The word counts' value of `key` when `streamId` is the batch's result or totals stream.
std::optional<double> countOf(const BatchSnapshot &b, int streamId, const std::string &key);

/// The stream the dashboard traces a word count from: the batch's totals (state or window) when
/// it has them, else its result stream.
int defaultTraceStream(const BatchSnapshot &b);

/// The key with the most records in partition `partition` of stage `stageId` of batch `b` (a
/// skewed stage's longest task), read from the recorded origins of the streams that feed a
/// shuffle: for a stage reading the receiver's blocks, the key counted most as that block was
/// traced (RecordOrigins::partitionTops); for a stage reading a shuffle, the key with the most
/// records among those PySpark's portable_hash places in that partition (str keys only).
/// nullopt when nothing recorded tells.
struct HotKey {
    std::string key;
    std::int64_t records = 0;
    std::int64_t partitionRecords = 0; ///< records of every key in that partition
};
std::optional<HotKey> hottestKey(const RunSnapshot &run, const BatchSnapshot &b, int stageId, int partition);

} // namespace dsl::session
