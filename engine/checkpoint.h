// Checkpoint files: a metadata checkpoint per batch (Spark's Checkpoint) and the state streams'
// RDD checkpoints it points to, read back by StreamingContext.getOrCreate.
#pragma once

#include "rdd.h"
#include "simtime.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dsl {

class StreamingContext;

/// What one metadata checkpoint holds (streaming/Checkpoint.scala: checkpointTime, batch
/// duration, the DStream graph with its zero time, pendingTimes) plus, per state stream (keyed by
/// its index among the graph's state streams), the partitions of its last RDD checkpoint and that
/// RDD's time (Spark's DStreamCheckpointData.currentCheckpointFiles: time -> RDD checkpoint file).
struct CheckpointData {
    SimTime batchTime;
    Duration batchDuration;
    /// DStreamGraph.zeroTime, which a restarted graph keeps (JobGenerator.restart). Unset in a
    /// file written before DStream Lab recorded it.
    std::optional<SimTime> zeroTime;
    /// "ClassName@id" of the graph's streams, inputs first (DStream Lab writes the graph's shape:
    /// the functions stay in the program).
    std::vector<std::string> graph;
    /// JobScheduler.getPendingTimes: batches generated but not completed, and failed batches,
    /// whose job sets Spark never removes (JobScheduler.handleJobCompletion).
    std::vector<SimTime> pendingTimes;
    std::map<int, std::vector<Records>> states;
    std::map<int, SimTime> stateTimes;
    /// Per direct Kafka stream (keyed by its index among the graph's direct streams): its
    /// current offsets, which Spark serializes with the stream, and the offset ranges of the
    /// batches it remembers (DirectKafkaInputDStreamCheckpointData.batchForTime).
    struct KafkaRange {
        std::string topic;
        int partition = 0;
        std::int64_t from = 0;
        std::int64_t until = 0;
        bool operator==(const KafkaRange &) const = default;
    };
    struct KafkaStream {
        std::map<std::pair<std::string, int>, std::int64_t> current;
        std::map<SimTime, std::vector<KafkaRange>> batches;
        bool operator==(const KafkaStream &) const = default;
    };
    std::map<int, KafkaStream> kafka;
};

/// Reads and writes "checkpoint-<ms>" metadata files and "state-<index>-<ms>" RDD checkpoint
/// files (a compact binary of engine Values). Writing is atomic (temp file + rename) and keeps
/// the newest `keep` files of each kind, as Spark's CheckpointWriter keeps the last few.
class CheckpointFiles {
public:
    /// Writes the metadata file of data.batchTime. The state partitions are not written here:
    /// only the names of the RDD checkpoint files (writeState) for data.stateTimes.
    static void write(const std::string &dir, const CheckpointData &data, int keep = 3);
    /// Writes one state stream's RDD checkpoint. Throws NotSerializableException when a record
    /// holds an opaque object.
    static void writeState(const std::string &dir, int index, SimTime time, const std::vector<Records> &parts,
                           int keep = 3);
    /// The newest readable checkpoint in dir (with its state RDDs), or nullopt when there is
    /// none. An unreadable newest file falls back to the previous one; if none can be read, throws
    /// SparkException "Failed to read checkpoint from directory <dir>" (CheckpointReader.read)
    /// with the last error as its cause. A graph holding a QueueInputDStream cannot be read
    /// (QueueInputDStream.readObject's NotSerializableException).
    static std::optional<CheckpointData> readLatest(const std::string &dir);

    static void serialize(const Value &v, std::string &out);
    /// Throws std::runtime_error on truncated or malformed input.
    static Value deserialize(const char *&p, const char *end);
    /// The same binary's little-endian 64-bit count (written before a sequence of values);
    /// getCount throws std::runtime_error when fewer than 8 bytes are left.
    static void putCount(std::string &out, std::uint64_t n);
    static std::uint64_t getCount(const char *&p, const char *end);
};

/// JobGenerator.doCheckpoint(time) with a checkpoint directory (every batch: the metadata
/// checkpoint interval is the batch duration): the RDD of each state stream checkpointed at
/// `time` is written first (ReliableCheckpointRDD), then new Checkpoint(ssc, time) with the graph,
/// its zero time, `pendingTimes`, and per state stream its newest RDD checkpoint still
/// remembered, else the one it was restored from (DStreamCheckpointData keeps
/// currentCheckpointFiles until a newer RDD is checkpointed). A failure is logged as Spark's
/// CheckpointWriter does, never thrown. Nothing without a checkpoint directory.
void writeCheckpoint(StreamingContext &ssc, SimTime time, const std::vector<SimTime> &pendingTimes);

} // namespace dsl
