// RddCapture: what the engine saw of one DStream's RDD while a batch's jobs computed it.
// Recorded where records already pass (RDD::iterator, and each stage of a fused Python
// pipeline), so that a view shows what was computed and no user function ever runs twice.
#pragma once

#include "simtime.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dsl {

/// Bounds of what a capture keeps (the dashboard's defaults).
struct CaptureLimits {
    std::size_t recordsPerPartition = 50; ///< display texts kept per partition
    std::size_t keys = 5000;              ///< distinct keys kept for (key, number) streams
    std::size_t lineageNodes = 64;        ///< RDDs kept of the lineage graph (RddCapture::lineage)
    std::size_t originKeys = 1000;        ///< distinct keys whose input lines are kept (RecordOrigins)
    std::size_t originLinesPerKey = 200;  ///< input lines kept per key
    std::size_t originLines = 2000;       ///< input lines kept per RDD, all keys together
};

struct LineageGraph;

/// One partition of a captured RDD.
struct PartitionCapture {
    /// False while no job has computed this partition (lazy evaluation: pprint's take(11)
    /// stops once it has its records).
    bool computed = false;
    std::int64_t count = 0;           ///< records (when computed)
    std::vector<std::string> records; ///< repr of the first records, at most recordsPerPartition
    /// The key of each kept record as RecordOrigins names it (a pair's key, else the record).
    std::vector<std::string> keys;
};

/// One input line behind some records: its index in the InputLog and how many of the records
/// it produced.
struct Occurrence {
    std::int64_t input = 0;
    std::int64_t count = 0;
    bool operator==(const Occurrence &) const = default;
};

/// Where an RDD's records came from, by key: for each key (a pair's key, any other record
/// itself; a str as its text, anything else as its repr, as KeyValue names keys) the input
/// lines whose records produced it. Recorded while the batch's jobs ran, only for RDDs the
/// engine can follow back to a receiver's block record by record (see docs/provenance.md).
struct RecordOrigins {
    struct Key {
        std::string key;
        std::vector<Occurrence> lines; ///< in the order the lines were read
        std::int64_t moreLines = 0;    ///< further lines, beyond CaptureLimits::originLinesPerKey
        std::int64_t total = 0;        ///< records of this key, those of lines not kept included
        std::int64_t lastDropped = -1; ///< the last line not kept (moreLines counts lines)
    };
    std::vector<Key> keys;     ///< first-seen order, at most CaptureLimits::originKeys
    std::int64_t moreKeys = 0; ///< distinct keys beyond the kept ones
    std::size_t keptLines = 0; ///< lines kept over all keys (at most CaptureLimits::originLines)
    bool stringKeys = true;    ///< every key is a str (its text is the key itself, hashable again)
    /// Each traced partition's most frequent key (a skewed task's hottest key), counted in full.
    struct PartitionTop {
        int split = -1;
        std::string key;
        std::int64_t records = 0; ///< records of that key in the partition
        std::int64_t total = 0;   ///< records of the partition
    };
    std::vector<PartitionTop> partitionTops;
    const Key *find(const std::string &key) const
    {
        for (const auto &k : keys)
            if (k.key == key) return &k;
        return nullptr;
    }
};

/// One key of a (key, number) stream, its values summed over the computed partitions.
struct KeyValue {
    std::string key; ///< a str key as its text, any other key as its repr
    double value = 0;
    bool operator==(const KeyValue &) const = default;
};

/// One RDD of one DStream for one batch, as far as jobs have computed it so far. Plain values:
/// safe to copy to another thread.
struct RddCapture {
    SimTime batchTime;        ///< the batch the DStream generated this RDD for
    int streamId = -1;        ///< the DStream
    int rddId = -1;
    std::string className;    ///< "MapPartitionsRDD"
    std::string scope;        ///< "flatMap @ 10:00:03"
    std::string debugString;  ///< RDD.toDebugString at capture time
    /// The lineage graph at capture time (the same moment as debugString), shared by the
    /// captures of every owner of the RDD; null when the RDD was already gone.
    std::shared_ptr<const LineageGraph> lineage;
    int numPartitions = 0;
    std::vector<PartitionCapture> partitions; ///< numPartitions entries
    std::string failure;      ///< a task computing it raised (the message), else empty
    /// True when at least one record was computed and every computed record is a
    /// (key, number) pair (the engine looks at the values, never at their text).
    bool numericPairs = false;
    /// numericPairs only: values summed per key, at most CaptureLimits::keys keys, in the
    /// order the keys were first seen.
    std::vector<KeyValue> keyValues;
    std::int64_t moreKeys = 0; ///< distinct keys seen beyond the kept ones
    /// numericPairs only: every key seen is a str (word counts; reduceByWindow's (1, n) is not).
    bool stringKeys = true;
    double valueTotal = 0;     ///< sum of every value, kept keys or not
    /// Where its records came from (null: not traced; see RecordOrigins).
    std::shared_ptr<const RecordOrigins> origins;

    int computedPartitions() const
    {
        int n = 0;
        for (const auto &p : partitions) n += p.computed ? 1 : 0;
        return n;
    }
    /// Records of the computed partitions.
    std::int64_t count() const
    {
        std::int64_t n = 0;
        for (const auto &p : partitions) n += p.count;
        return n;
    }
    bool fullyComputed() const { return numPartitions > 0 && computedPartitions() == numPartitions; }
};

} // namespace dsl
