#include "kafkareceiver.h"

#include "errors.h"
#include "kafkadstream.h"
#include "simulation.h"

#include <algorithm>
#include <tuple>

namespace dsl {

KafkaConsumer::KafkaConsumer(const KafkaInputDStream &stream, Simulation &sim)
    : m_stream(stream), m_sim(sim), m_group(stream.groupId()),
      m_member(stream.groupId() + "_dstreamlab-" + std::to_string(stream.id()))
{
    // kafka.consumer.ConsumerConfig: auto.commit.enable (true), auto.commit.interval.ms (60000).
    // ReliableKafkaReceiver.onStart turns auto commit off (it commits after storing a block),
    // warning when the parameters asked for it.
    const std::string enable = stream.param("auto.commit.enable");
    m_autoCommit = !stream.reliable() && enable != "false";
    if (stream.reliable() && enable == "true")
        sim.log(LogLevel::Warn, "ReliableKafkaReceiver",
                "auto.commit.enable should be set to false in ReliableKafkaReceiver, otherwise we will manually set "
                "it to false to turn off auto offset commit mechanism in Kafka.");
    if (const std::string interval = stream.param("auto.commit.interval.ms"); !interval.empty()) {
        try {
            const long long ms = std::stoll(interval);
            if (ms > 0) m_autoCommitInterval = Duration(ms);
        } catch (const std::exception &) {
            throw SparkError("java.lang.NumberFormatException", "For input string: \"" + interval + "\"");
        }
    }
}

void KafkaConsumer::connect()
{
    const std::string zk = m_stream.receiverLocation();
    m_sim.log(LogLevel::Info, m_stream.receiverName(), "Starting Kafka Consumer Stream with group: " + m_group);
    m_sim.log(LogLevel::Info, m_stream.receiverName(), "Connecting to Zookeeper: " + zk);
    kafka::KafkaBroker &broker = m_sim.kafkaAt(m_sim.now());
    broker.joinGroup(m_group, m_member);
    m_sim.log(LogLevel::Info, m_stream.receiverName(), "Connected to " + zk);
    const bool smallest = m_stream.param("auto.offset.reset") == "smallest";
    for (const std::string &topic : m_stream.topics()) {
        if (!broker.hasTopic(topic)) broker.createTopic(topic, kafka::KafkaBroker::kDefaultPartitions);
        for (int p = 0; p < broker.partitions(topic); ++p) {
            const kafka::TopicPartition tp{topic, p};
            if (m_position.count(tp)) continue; // a reconnect keeps its place
            const std::int64_t earliest = broker.earliestOffsetAt(tp, m_sim.now()), latest = broker.latestOffsetAt(tp, m_sim.now());
            // The group's commit, else the reset policy; a commit retention has deleted (or past
            // the end) is reset when the first fetch finds it out of range (resetOutOfRange).
            const auto c = broker.committed(m_group, tp);
            m_position[tp] = c ? *c : (smallest ? earliest : latest);
            if (c) m_committed[tp] = *c;
        }
    }
    resetOutOfRange(m_sim.now());
}

void KafkaConsumer::resetOutOfRange(SimTime upTo)
{
    kafka::KafkaBroker &broker = m_sim.kafkaAt(upTo);
    const bool smallest = m_stream.param("auto.offset.reset") == "smallest";
    for (auto &[tp, position] : m_position) {
        const std::int64_t earliest = broker.earliestOffsetAt(tp, upTo);
        if (position >= earliest && position <= broker.latestOffsetAt(tp, upTo)) continue;
        const std::int64_t to = smallest ? earliest : broker.latestOffsetAt(tp, upTo);
        m_sim.log(LogLevel::Warn, "ConsumerFetcherThread",
                  "Current offset " + std::to_string(position) + " for partition [" + tp.topic + "," +
                      std::to_string(tp.partition) + "] out of range; reset offset to " + std::to_string(to));
        position = to;
    }
}

std::vector<KafkaConsumer::Pending> KafkaConsumer::pending(SimTime upTo) const
{
    kafka::KafkaBroker &broker = m_sim.kafkaAt(upTo);
    std::vector<Pending> out;
    for (const auto &[tp, from] : m_position)
        for (kafka::Message &m : broker.read(tp, from, broker.latestOffsetAt(tp, upTo)))
            out.push_back(Pending{tp, std::move(m)});
    std::stable_sort(out.begin(), out.end(), [](const Pending &a, const Pending &b) {
        return std::tie(a.message.time, a.tp, a.message.offset) < std::tie(b.message.time, b.tp, b.message.offset);
    });
    return out;
}

void KafkaConsumer::commitPositions()
{
    kafka::KafkaBroker &broker = m_sim.kafkaAt(m_sim.now());
    std::string detail;
    for (const auto &[tp, offset] : m_position) {
        const auto last = m_committed.find(tp);
        if (last != m_committed.end() && last->second == offset) continue;
        broker.commit(m_group, tp, offset);
        m_committed[tp] = offset;
        detail += (detail.empty() ? "" : ", ") + tp.toString() + "=" + std::to_string(offset);
    }
    if (detail.empty()) return;
    m_sim.trace("kafka-commit", m_group + " " + detail);
    m_sim.log(LogLevel::Info, m_stream.receiverName(), "Committed offsets for group " + m_group + ": " + detail);
}

void KafkaConsumer::abandon()
{
    m_sim.kafkaAt(m_sim.now()).leaveGroup(m_group, m_member);
}

void KafkaConsumer::shutdown()
{
    if (m_autoCommit) commitPositions();
    m_sim.kafkaAt(m_sim.now()).leaveGroup(m_group, m_member);
}

} // namespace dsl
