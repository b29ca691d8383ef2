// Checkpoint files: the state streams' RDDs written to the checkpoint directory each batch, and
// read back by StreamingContext.getOrCreate.
#pragma once

#include "rdd.h"
#include "simtime.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dsl {

/// What one checkpoint file holds: the batch it was taken at and the partitions of each state
/// stream's RDD, keyed by the stream's index among the graph's state streams.
struct CheckpointData {
    SimTime batchTime;
    Duration batchDuration;
    std::map<int, std::vector<Records>> states;
};

/// Reads and writes "checkpoint-<ms>" files (a compact binary of engine Values). Writing is
/// atomic (temp file + rename) and keeps the newest `keep` files, as Spark's CheckpointWriter
/// keeps the last few.
class CheckpointFiles {
public:
    /// Throws NotSerializableException when a record holds an opaque object.
    static void write(const std::string &dir, const CheckpointData &data, int keep = 3);
    /// The newest readable checkpoint in dir, or nullopt when there is none. A corrupt newest
    /// file falls back to the previous one; if none can be read, throws SparkException naming it.
    static std::optional<CheckpointData> readLatest(const std::string &dir);

    static void serialize(const Value &v, std::string &out);
    /// Throws std::runtime_error on truncated or malformed input.
    static Value deserialize(const char *&p, const char *end);
};

} // namespace dsl
