// The consumer inside a KafkaInputDStream's receiver: Kafka 0.8's high-level consumer as
// streaming-kafka-0-8's KafkaReceiver and ReliableKafkaReceiver drive it. It keeps, per partition
// of its topics, the next offset to consume; resumes where its group committed; and commits to
// the group on the receiver's schedule (auto commit, or after each stored block).
#pragma once

#include "kafkabroker.h"
#include "simtime.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace dsl {

class KafkaInputDStream;
class Simulation;

class KafkaConsumer {
public:
    /// A message appended by now that the consumer has not consumed.
    struct Pending {
        kafka::TopicPartition tp;
        kafka::Message message;
    };

    KafkaConsumer(const KafkaInputDStream &stream, Simulation &sim);

    /// KafkaReceiver.onStart: joins the group and takes each partition's starting offset: the
    /// group's committed one, else auto.offset.reset's ("largest" by default: the log end now;
    /// "smallest": the log start). Logs as the receiver does.
    void connect();
    /// Messages appended by `upTo` past the consumer's positions, in append order (time, then
    /// topic and partition, then offset): what its stream iterators hand to store() next.
    std::vector<Pending> pending(SimTime upTo) const;
    /// ConsumerFetcherThread.handleOffsetOutOfRange: a position retention has deleted by upTo
    /// (or past the log end) jumps to the log start ("smallest") or end ("largest", the
    /// default), with its WARN.
    void resetOutOfRange(SimTime upTo);
    /// The message was handed to the receiver's store(): the position moves past it.
    void consumed(const kafka::TopicPartition &tp, std::int64_t offset) { m_position[tp] = offset + 1; }

    /// The receiver commits on a schedule (the plain KafkaReceiver's auto.commit.enable, default
    /// true), every autoCommitInterval() (auto.commit.interval.ms, default 60 s).
    bool autoCommits() const { return m_autoCommit; }
    Duration autoCommitInterval() const { return m_autoCommitInterval; }
    /// Commits every position that moved since the last commit (no-op when none moved).
    void commitPositions();
    /// Leaves the group: ZookeeperConsumerConnector.shutdown commits first when auto committing.
    /// The consumer dies with its receiver (kill-receiver): it leaves the group, committing nothing.
    void abandon();
    void shutdown();

    const std::map<kafka::TopicPartition, std::int64_t> &positions() const { return m_position; }
    const std::string &group() const { return m_group; }

private:
    const KafkaInputDStream &m_stream;
    Simulation &m_sim;
    std::string m_group;
    std::string m_member;
    bool m_autoCommit = true;
    Duration m_autoCommitInterval{60'000};
    std::map<kafka::TopicPartition, std::int64_t> m_position;
    std::map<kafka::TopicPartition, std::int64_t> m_committed; ///< what this consumer last committed
};

} // namespace dsl
