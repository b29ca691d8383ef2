// KafkaBroker: the simulated Kafka cluster a run produces to and its direct streams read from.
// Topics of N partitions, each an append-only log of messages with offsets; keys placed as
// Kafka's default partitioner does; consumer groups with committed offsets. Deterministic: the
// messages come from the run's input (times are simulated), never from a wall clock.
#pragma once

#include "simtime.h"

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dsl::kafka {

/// Kafka's Utils.murmur2 (clients/src/main/java/org/apache/kafka/common/utils/Utils.java): the
/// 32-bit MurmurHash2 with seed 0x9747b28c over the key's bytes, as a signed int.
std::int32_t murmur2(std::string_view bytes);

/// DefaultPartitioner's partition for a key: Utils.toPositive(murmur2(key)) % numPartitions.
int partitionForKey(std::string_view key, int numPartitions);

/// A topic and one of its partitions (Kafka's TopicPartition; PySpark 2.4's TopicAndPartition).
struct TopicPartition {
    std::string topic;
    int partition = 0;
    auto operator<=>(const TopicPartition &) const = default;
    /// "test-0", as Kafka prints a TopicPartition.
    std::string toString() const { return topic + "-" + std::to_string(partition); }
};

/// One message in a partition's log.
struct Message {
    std::int64_t offset = 0;
    SimTime time;                   ///< when it was appended (its CreateTime, simulated)
    std::optional<std::string> key; ///< nullopt: a null key
    std::string value;
};

/// What produce() did with a message.
struct ProduceResult {
    int partition = 0;
    std::int64_t offset = 0;
};

/// The file name hosts give the commit store in a run's folder (KafkaBroker::setCommitStore).
inline constexpr char kCommitStoreFileName[] = "kafka-consumer-offsets.tsv";

class KafkaBroker {
public:
    /// Kafka's num.partitions: what an auto-created topic gets (auto.create.topics.enable).
    static constexpr int kDefaultPartitions = 1;

    /// Creates the topic, or returns false when it exists (its partitions are not changed).
    bool createTopic(const std::string &topic, int partitions);
    bool hasTopic(const std::string &topic) const { return m_topics.count(topic) > 0; }
    /// Partitions of a topic; 0 when it does not exist.
    int partitions(const std::string &topic) const;
    std::vector<std::string> topics() const;

    /// Appends a message at time t, auto-creating the topic. A key goes to
    /// partitionForKey(key); a null key to the partitions in turn, per topic (the round-robin
    /// spread of Kafka's clients before 2.4: the sticky partitioner since then fills a
    /// producer batch per partition, which a simulation has no batches to imitate), unless
    /// `partition` names one.
    ProduceResult produce(const std::string &topic, std::optional<std::string> key, std::string value, SimTime t,
                          std::optional<int> partition = std::nullopt);

    /// A topic's retention.ms: from then on a message older than `retention` at time t is
    /// deleted at t (as a broker whose segments hold one message each and whose retention check
    /// runs continuously; Kafka deletes whole segments every log.retention.check.interval.ms).
    /// Without it nothing is deleted (Kafka's 7 days outlast any run).
    void setRetention(const std::string &topic, Duration retention);
    std::optional<Duration> retention(const std::string &topic) const;
    /// The log start offset at time t (earliest: the first message retention has not deleted;
    /// the log end offset when it deleted them all) and the log end offset (the next offset:
    /// latest).
    std::int64_t earliestOffsetAt(const TopicPartition &tp, SimTime t) const;
    std::int64_t latestOffset(const TopicPartition &tp) const;
    /// Latest as of time t: messages appended at or before t.
    std::int64_t latestOffsetAt(const TopicPartition &tp, SimTime t) const;
    /// Messages [from, until) of a partition (clamped to the log).
    std::vector<Message> read(const TopicPartition &tp, std::int64_t from, std::int64_t until) const;

    /// Consumer groups: the offset committed for a partition (the next message to read). With a
    /// commit store (setCommitStore) every commit is written to it at once.
    void commit(const std::string &group, const TopicPartition &tp, std::int64_t offset);
    /// Keeps the groups' committed offsets in a file, as Kafka keeps them in its
    /// __consumer_offsets topic, so that a driver restarted in the same run folder finds its
    /// group's commits. Reads what the file holds now (a missing file: none). Returns an error
    /// text naming the file and line when it cannot be read (the commits read so far are kept,
    /// later ones still written); empty when all is well.
    std::string setCommitStore(const std::string &path);
    std::optional<std::int64_t> committed(const std::string &group, const TopicPartition &tp) const;
    /// Every partition a group has committed for, with its offset.
    std::map<TopicPartition, std::int64_t> committedOffsets(const std::string &group) const;
    /// A consumer joins or leaves a group (a receiver's high-level consumer while it runs).
    void joinGroup(const std::string &group, const std::string &member);
    void leaveGroup(const std::string &group, const std::string &member);
    /// The group's state as kafka-consumer-groups --describe --state prints it: "Stable" with
    /// members, "Empty" with committed offsets and no members, "Dead" when it has neither.
    std::string groupState(const std::string &group) const;

private:
    struct Topic {
        std::vector<std::vector<Message>> logs;
        int nextRoundRobin = 0;
    };
    const std::vector<Message> *log(const TopicPartition &tp) const;
    std::map<std::string, Topic> m_topics;
    std::map<std::string, Duration> m_retention;
    std::map<std::string, std::map<TopicPartition, std::int64_t>> m_groups;
    std::map<std::string, std::set<std::string>> m_members;
    std::string m_commitStore;
    void writeCommitStore() const;
};

/// DirectKafkaInputDStream.maxMessagesPerPartition (connector/kafka-0-10/.../kafka010/
/// DirectKafkaInputDStream.scala): how many messages each partition may read in one batch.
/// `latest`: each partition's latest offset; `current`: where the stream stands.
/// `estimatedRate`: the rate controller's rate (records/s; its latest rate, or
/// spark.streaming.backpressure.initialRate while it has none); nullopt without backpressure.
/// `maxRate` / `minRate`: spark.streaming.kafka.maxRatePerPartition (0 = no limit) and
/// minRatePerPartition (default 1), per partition. nullopt: no limit this batch.
std::optional<std::map<TopicPartition, std::int64_t>>
maxMessagesPerPartition(const std::map<TopicPartition, std::int64_t> &latest,
                        const std::map<TopicPartition, std::int64_t> &current, double batchSeconds,
                        std::optional<double> estimatedRate, const std::map<TopicPartition, std::int64_t> &maxRate,
                        const std::map<TopicPartition, std::int64_t> &minRate);

/// DirectKafkaInputDStream.clamp: each partition's until offset, current + the allowed
/// messages, never past latest.
std::map<TopicPartition, std::int64_t>
clampOffsets(const std::map<TopicPartition, std::int64_t> &latest, const std::map<TopicPartition, std::int64_t> &current,
             const std::optional<std::map<TopicPartition, std::int64_t>> &maxMessages);

} // namespace dsl::kafka
