// The direct Kafka stream (no receiver): each batch reads an offset range of every partition
// of its topics from the simulated broker, one RDD partition per Kafka partition.
#pragma once

#include "inputdstreams.h"
#include "kafkabroker.h"

#include <map>
#include <string>
#include <vector>

namespace dsl {

/// An OffsetRange: [fromOffset, untilOffset) of one Kafka partition (kafka010/OffsetRange.scala;
/// PySpark 2.4's pyspark.streaming.kafka.OffsetRange).
struct KafkaOffsetRange {
    kafka::TopicPartition tp;
    std::int64_t fromOffset = 0;
    std::int64_t untilOffset = 0;
    std::int64_t count() const { return untilOffset - fromOffset; }
};

/// Spark's KafkaRDD: partition i holds the messages of offsetRanges()[i], each as the tuple
/// (topic, partition, offset, key bytes or None, value bytes): what PySpark's
/// KafkaMessageAndMetadata carries, decoded on the Python side (pyspark/streaming/kafka.py).
class KafkaRDD : public RDD {
public:
    /// `outOfRange[i]`: partition i starts before its log's start offset (retention deleted it):
    /// its task fails with kafka.common.OffsetOutOfRangeException, as KafkaRDD's fetch does.
    KafkaRDD(SparkContext &sc, std::vector<KafkaOffsetRange> ranges, std::vector<Records> partitions,
             std::vector<bool> outOfRange = {});
    Records compute(int split, TaskContext &ctx) override;
    const std::vector<KafkaOffsetRange> &offsetRanges() const { return m_ranges; }

private:
    std::vector<KafkaOffsetRange> m_ranges;
    std::vector<Records> m_partitions;
    std::vector<bool> m_outOfRange;
};

/// DirectKafkaInputDStream (streaming-kafka-0-8, which PySpark 2.4's
/// KafkaUtils.createDirectStream drives; the 0-10 one computes the same ranges): it starts at
/// `fromOffsets`, else at each partition's earliest offset ("auto.offset.reset" = "smallest")
/// or latest one ("largest", the default) when it is made; batch t reads up to each partition's
/// latest offset at t, no more than spark.streaming.kafka.maxRatePerPartition allows and, under
/// backpressure, no more than its rate controller's latest rate (ratecontroller.h) allows.
class DirectKafkaInputDStream : public InputDStream {
public:
    DirectKafkaInputDStream(StreamingContext &ssc, std::vector<std::string> topics,
                            std::map<std::string, std::string> kafkaParams,
                            std::map<kafka::TopicPartition, std::int64_t> fromOffsets);
    std::optional<RDDPtr> compute(SimTime validTime) override;
    const std::vector<std::string> &topics() const { return m_topics; }
    /// Where the next batch starts, per partition.
    const std::map<kafka::TopicPartition, std::int64_t> &currentOffsets() const { return m_current; }
    /// kafkaParams' group.id (empty: none).
    std::string groupId() const;

    /// CanCommitOffsets.commitAsync (kafka010/DirectKafkaInputDStream.scala): queues the ranges;
    /// the next batch's compute commits, per partition, the largest untilOffset queued to the
    /// group (commitAll), so a commit made in an output is applied when the next batch is
    /// generated, never before. Throws InvalidGroupIdException without a group.id.
    void commitAsync(const std::vector<KafkaOffsetRange> &ranges);
    /// Commits queued and not yet applied.
    const std::vector<KafkaOffsetRange> &commitQueue() const { return m_commitQueue; }

    /// DirectKafkaInputDStreamCheckpointData.restore: the checkpoint's offsets (where the next
    /// batch starts) and, when the batch times continue, the KafkaRDD of each batch it
    /// remembered, rebuilt from its offset ranges (a rescheduled batch reads them again).
    void restoreFromCheckpoint(const std::map<kafka::TopicPartition, std::int64_t> &current,
                               const std::map<SimTime, std::vector<KafkaOffsetRange>> &batches);

private:
    /// The KafkaRDD of the ranges (the broker's messages as of `at`).
    std::shared_ptr<KafkaRDD> makeRDD(std::vector<KafkaOffsetRange> ranges, SimTime at);
    void commitAll();
    std::vector<std::string> m_topics;
    std::map<std::string, std::string> m_params;
    std::map<kafka::TopicPartition, std::int64_t> m_current;
    std::int64_t m_initialRate; // spark.streaming.backpressure.initialRate, read when made
    std::vector<KafkaOffsetRange> m_commitQueue;
};

/// KafkaInputDStream (streaming-kafka-0-8's KafkaInputDStream.scala), what PySpark 2.4's
/// KafkaUtils.createStream(ssc, zkQuorum, groupId, topics) makes: a receiver-based stream whose
/// receiver runs Kafka's high-level consumer in group `group.id`. It resumes where the group
/// committed (else auto.offset.reset, default "largest"), stores (key, value) pairs in blocks like
/// any receiver, and commits what it has consumed every auto.commit.interval.ms (60 s) while
/// auto.commit.enable (true). With spark.streaming.receiver.writeAheadLog.enable it is the
/// ReliableKafkaReceiver instead: no auto commit, a block's offsets are committed once the block
/// is stored.
class KafkaInputDStream : public ReceiverInputDStream {
public:
    KafkaInputDStream(StreamingContext &ssc, std::map<std::string, int> topics,
                      std::map<std::string, std::string> kafkaParams, bool reliable, StorageLevel level);
    std::string receiverName() const override { return m_reliable ? "ReliableKafkaReceiver" : "KafkaReceiver"; }
    std::string receiverLocation() const override { return param("zookeeper.connect"); }
    /// Topic -> consumer threads, as createStream's `topics` dict.
    const std::map<std::string, int> &topicThreads() const { return m_topics; }
    std::vector<std::string> topics() const;
    std::string groupId() const { return param("group.id"); }
    bool reliable() const { return m_reliable; }
    /// A consumer parameter ("" when not set).
    std::string param(const std::string &key) const;

private:
    std::map<std::string, int> m_topics;
    std::map<std::string, std::string> m_params;
    bool m_reliable;
};

} // namespace dsl
