// KafkaListener: librdkafka's mock cluster behind a TcpForwarder, and a consumer thread that
// queues every message real clients produce (see kafkalistener.h).
#include "kafkalistener.h"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <string_view>
#include <syslog.h>

namespace dsl::app {

namespace {

constexpr const char *kNote = "--kafka-listen: ";

extern "C" void onLog(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
    // librdkafka logs at syslog levels; errors only (a client's CONFWARN and the like are noise
    // in a run's stderr).
    if (level > LOG_ERR) return;
    if (auto *self = static_cast<KafkaListener *>(rd_kafka_opaque(rk)))
        self->note(std::string("librdkafka ") + fac + ": " + buf);
}

extern "C" void onError(rd_kafka_t *, int err, const char *reason, void *opaque)
{
    // Transport errors are also logged (onLog); the error callback adds the fatal ones.
    if (err == RD_KAFKA_RESP_ERR__TRANSPORT || err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) return;
    static_cast<KafkaListener *>(opaque)->note(std::string("librdkafka: ") + rd_kafka_err2str(static_cast<rd_kafka_resp_err_t>(err)) +
                                              ": " + reason);
}

/// A configuration with our log and error callbacks; false (and `error`) when a property is refused.
rd_kafka_conf_t *newConf(KafkaListener *self, const std::vector<std::pair<const char *, std::string>> &props,
                         std::string &error)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    char err[512];
    for (const auto &[k, v] : props) {
        if (rd_kafka_conf_set(conf, k, v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) {
            error = std::string("librdkafka refused ") + k + "=" + v + ": " + err;
            rd_kafka_conf_destroy(conf);
            return nullptr;
        }
    }
    rd_kafka_conf_set_opaque(conf, self);
    rd_kafka_conf_set_log_cb(conf, onLog);
    rd_kafka_conf_set_error_cb(conf, onError);
    return conf;
}

} // namespace

KafkaListener::~KafkaListener()
{
    stop();
}

bool KafkaListener::start(int port, const std::map<std::string, int> &topics, std::string &error,
                          std::size_t maxMessageBytes)
{
    m_maxMessageBytes = maxMessageBytes;
    char err[512];
    // The mock cluster belongs to a client handle (rd_kafka_mock_cluster_new); a producer that
    // never produces is the lightest one.
    rd_kafka_conf_t *conf = newConf(this, {}, error);
    if (!conf) return false;
    m_mockHandle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!m_mockHandle) {
        error = std::string("librdkafka could not make a client handle: ") + err;
        return false;
    }
    m_cluster = rd_kafka_mock_cluster_new(m_mockHandle, 1);
    if (!m_cluster) {
        error = "librdkafka could not start its mock cluster (rd_kafka_mock_cluster_new)";
        stop();
        return false;
    }
    for (const auto &[topic, partitions] : topics) {
        const rd_kafka_resp_err_t e = rd_kafka_mock_topic_create(m_cluster, topic.c_str(), partitions, 1);
        if (e != RD_KAFKA_RESP_ERR_NO_ERROR) {
            error = "the mock cluster could not create topic '" + topic + "' with " + std::to_string(partitions) +
                    " partitions: " + rd_kafka_err2str(e);
            stop();
            return false;
        }
    }
    // "127.0.0.1:PORT" of its one broker, which the metadata it sends advertises too: clients
    // bootstrap through the forwarder, then talk to the broker directly.
    const std::string bootstraps = rd_kafka_mock_cluster_bootstraps(m_cluster);
    const auto colon = bootstraps.rfind(':');
    const int mockPort = colon == std::string::npos ? 0 : std::atoi(bootstraps.c_str() + colon + 1);
    if (mockPort <= 0) {
        error = "the mock cluster gave an address without a port: '" + bootstraps + "'";
        stop();
        return false;
    }
    if (!m_forwarder.start(port, mockPort, error)) {
        stop();
        return false;
    }
    conf = newConf(this,
                   {{"bootstrap.servers", bootstraps},
                    // Manual assignment still needs a group (rd_kafka_assign); nothing is committed.
                    {"group.id", "dstreamlab-kafka-listen"},
                    {"enable.auto.commit", "false"},
                    {"enable.auto.offset.store", "false"},
                    // A message reaches the run within a pacer slice or two, not after the
                    // default 500 ms fetch wait.
                    {"fetch.wait.max.ms", "20"},
                    {"fetch.error.backoff.ms", "20"}},
                   error);
    if (!conf) {
        stop();
        return false;
    }
    m_consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    if (!m_consumer) {
        error = std::string("librdkafka could not make the consumer: ") + err;
        stop();
        return false;
    }
    rd_kafka_poll_set_consumer(m_consumer);
    m_stop = false;
    m_thread = std::thread([this] { consume(); });
    return true;
}

void KafkaListener::stop()
{
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
    if (m_consumer) {
        rd_kafka_consumer_close(m_consumer);
        rd_kafka_destroy(m_consumer);
        m_consumer = nullptr;
    }
    m_forwarder.stop();
    if (m_cluster) {
        rd_kafka_mock_cluster_destroy(m_cluster);
        m_cluster = nullptr;
    }
    if (m_mockHandle) {
        rd_kafka_destroy(m_mockHandle);
        m_mockHandle = nullptr;
    }
}

std::vector<ReceivedKafkaMessage> KafkaListener::take()
{
    std::lock_guard lk(m_mutex);
    return std::exchange(m_queue, {});
}

std::vector<std::string> KafkaListener::takeNotes()
{
    std::vector<std::string> notes;
    {
        std::lock_guard lk(m_mutex);
        notes = std::exchange(m_notes, {});
    }
    for (std::string &n : m_forwarder.takeNotes()) notes.push_back(kNote + n);
    return notes;
}

void KafkaListener::note(std::string text)
{
    if (m_stop) return; // the consumer's goodbyes while the cluster goes down
    std::lock_guard lk(m_mutex);
    if (m_notes.size() < 100) m_notes.push_back(kNote + text);
}

void KafkaListener::assignNewPartitions()
{
    // Every partition of every topic, from its first message: the topics the run made and those
    // a client's produce request created (the mock auto-creates them, rdkafka_mock.c
    // rd_kafka_mock_topic_auto_create). Internal topics ("__consumer_offsets") are not input.
    const rd_kafka_metadata_t *md = nullptr;
    if (rd_kafka_metadata(m_consumer, 1, nullptr, &md, 1000) != RD_KAFKA_RESP_ERR_NO_ERROR) return;
    std::unique_ptr<const rd_kafka_metadata_t, void (*)(const rd_kafka_metadata_t *)> hold(md, rd_kafka_metadata_destroy);
    rd_kafka_topic_partition_list_t *add = rd_kafka_topic_partition_list_new(0);
    for (int t = 0; t < md->topic_cnt; ++t) {
        const rd_kafka_metadata_topic_t &topic = md->topics[t];
        if (topic.err || std::string_view(topic.topic).starts_with("__")) continue;
        for (int p = 0; p < topic.partition_cnt; ++p) {
            if (!m_assigned.emplace(topic.topic, topic.partitions[p].id).second) continue;
            rd_kafka_topic_partition_list_add(add, topic.topic, topic.partitions[p].id)->offset = RD_KAFKA_OFFSET_BEGINNING;
        }
    }
    if (add->cnt > 0)
        if (rd_kafka_error_t *e = rd_kafka_incremental_assign(m_consumer, add)) {
            note(std::string("the consumer could not read new partitions: ") + rd_kafka_error_string(e));
            rd_kafka_error_destroy(e);
        }
    rd_kafka_topic_partition_list_destroy(add);
}

void KafkaListener::consume()
{
    using Clock = std::chrono::steady_clock;
    auto nextMetadata = Clock::now();
    while (!m_stop) {
        if (Clock::now() >= nextMetadata) {
            assignNewPartitions();
            nextMetadata = Clock::now() + std::chrono::milliseconds(250);
        }
        rd_kafka_message_t *m = rd_kafka_consumer_poll(m_consumer, 50);
        if (!m) continue;
        std::unique_ptr<rd_kafka_message_t, void (*)(rd_kafka_message_t *)> hold(m, rd_kafka_message_destroy);
        if (m->err) {
            if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF)
                note(std::string("librdkafka consumer: ") + rd_kafka_message_errstr(m));
            continue;
        }
        const std::string topic = rd_kafka_topic_name(m->rkt);
        const std::size_t bytes = m->len + m->key_len;
        if (bytes > m_maxMessageBytes) {
            note("dropped a message of " + std::to_string(bytes) + " bytes produced to " + topic + " [partition " +
                 std::to_string(m->partition) + ", offset " + std::to_string(m->offset) + "]: larger than the " +
                 std::to_string(m_maxMessageBytes) +
                 "-byte cap (Kafka's default message.max.bytes); it is neither fed to the run nor recorded");
            continue;
        }
        ReceivedKafkaMessage r{topic, m->partition, m->offset, std::nullopt, {}};
        if (m->key) r.key.emplace(static_cast<const char *>(m->key), m->key_len);
        // A null value (a tombstone) reaches the run as an empty one: the simulated broker's
        // values are strings.
        if (m->payload) r.value.assign(static_cast<const char *>(m->payload), m->len);
        std::lock_guard lk(m_mutex);
        m_queue.push_back(std::move(r));
        ++m_received;
    }
}

} // namespace dsl::app
