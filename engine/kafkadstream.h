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
    KafkaRDD(SparkContext &sc, std::vector<KafkaOffsetRange> ranges, std::vector<Records> partitions);
    Records compute(int split, TaskContext &ctx) override;
    const std::vector<KafkaOffsetRange> &offsetRanges() const { return m_ranges; }

private:
    std::vector<KafkaOffsetRange> m_ranges;
    std::vector<Records> m_partitions;
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

private:
    std::vector<std::string> m_topics;
    std::map<std::string, std::string> m_params;
    std::map<kafka::TopicPartition, std::int64_t> m_current;
    std::int64_t m_initialRate; // spark.streaming.backpressure.initialRate, read when made
};

} // namespace dsl
