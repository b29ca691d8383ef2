// KafkaListener: `dstreamlab run --kafka-listen PORT`, a Kafka broker real clients (kcat, Java,
// confluent_kafka) can produce to, whose messages feed the run. It is librdkafka's mock cluster
// (rdkafka_mock.h: an in-process broker speaking the Kafka protocol) reached through a
// TcpForwarder on 127.0.0.1:PORT, and a consumer in a thread of its own that reads every
// partition of every topic from the beginning and queues what it receives. The engine's thread
// takes the queue between two pacer slices (RealTimePacer), never concurrently with the engine.
#pragma once

#include "tcpforwarder.h"

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

typedef struct rd_kafka_s rd_kafka_t;
typedef struct rd_kafka_mock_cluster_s rd_kafka_mock_cluster_t;

namespace dsl::app {

/// One message a real client produced, as the mock broker stored it.
struct ReceivedKafkaMessage {
    std::string topic;
    int partition = 0;
    std::int64_t offset = 0;
    std::optional<std::string> key; ///< nullopt: a null key
    std::string value;
};

class KafkaListener {
public:
    /// Kafka's default message.max.bytes (1048588, the broker's limit on a record batch) rounded
    /// to 1 MiB: a larger message (key and value) is dropped with a note, not fed to the run.
    static constexpr std::size_t kDefaultMaxMessageBytes = 1024 * 1024;

    KafkaListener() = default;
    ~KafkaListener();
    KafkaListener(const KafkaListener &) = delete;
    KafkaListener &operator=(const KafkaListener &) = delete;

    /// Starts the mock cluster with `topics` created (name -> partitions), the forwarder on
    /// 127.0.0.1:port and the consumer. False, with `error` saying what failed and where.
    bool start(int port, const std::map<std::string, int> &topics, std::string &error,
               std::size_t maxMessageBytes = kDefaultMaxMessageBytes);
    /// Stops the consumer, the forwarder and the mock cluster; every thread has ended on return.
    void stop();

    /// The messages received since the last call, in the order the consumer got them.
    std::vector<ReceivedKafkaMessage> take();
    /// Notes for stderr (a dropped huge message, a librdkafka error, a refused connection).
    std::vector<std::string> takeNotes();
    /// Not counting dropped ones.
    std::size_t received() const { return m_received.load(); }

    /// Called by librdkafka's threads (log and error callbacks).
    void note(std::string text);

private:
    void consume();
    void assignNewPartitions();

    rd_kafka_t *m_mockHandle = nullptr; ///< the handle the mock cluster belongs to
    rd_kafka_mock_cluster_t *m_cluster = nullptr;
    rd_kafka_t *m_consumer = nullptr;
    TcpForwarder m_forwarder;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::atomic<std::size_t> m_received{0};
    std::size_t m_maxMessageBytes = kDefaultMaxMessageBytes;
    std::set<std::pair<std::string, int>> m_assigned; ///< the consumer thread's only
    std::mutex m_mutex;
    std::vector<ReceivedKafkaMessage> m_queue;
    std::vector<std::string> m_notes;
};

} // namespace dsl::app
