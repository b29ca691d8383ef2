#include "kafkadstream.h"

#include "costmodel.h"
#include "errors.h"
#include "jobscheduler.h"
#include "simulation.h"
#include "sparkcontext.h"
#include "streamingcontext.h"

namespace dsl {

KafkaRDD::KafkaRDD(SparkContext &sc, std::vector<KafkaOffsetRange> ranges, std::vector<Records> partitions,
                   std::vector<bool> outOfRange)
    : RDD(sc, "KafkaRDD", static_cast<int>(ranges.size()), {}), m_ranges(std::move(ranges)),
      m_partitions(std::move(partitions)), m_outOfRange(std::move(outOfRange))
{
    m_outOfRange.resize(m_ranges.size(), false);
}

Records KafkaRDD::compute(int split, TaskContext &ctx)
{
    // KafkaRDDIterator.handleFetchErr: ErrorMapping.exceptionFor(OffsetOutOfRangeCode), no message.
    if (m_outOfRange[static_cast<std::size_t>(split)]) throw SparkError("kafka.common.OffsetOutOfRangeException", "");
    const Records &recs = m_partitions[static_cast<std::size_t>(split)];
    ctx.recordsRead += static_cast<std::int64_t>(recs.size());
    ctx.costNs += cost::blockReadRecordNs * static_cast<std::int64_t>(recs.size());
    return recs;
}

DirectKafkaInputDStream::DirectKafkaInputDStream(StreamingContext &ssc, std::vector<std::string> topics,
                                                 std::map<std::string, std::string> kafkaParams,
                                                 std::map<kafka::TopicPartition, std::int64_t> fromOffsets)
    : InputDStream(ssc, "DirectKafkaInputDStream", "createDirectStream"), m_topics(std::move(topics)),
      m_params(std::move(kafkaParams)), m_current(std::move(fromOffsets)),
      m_initialRate(ssc.sparkContext().conf().getLong("spark.streaming.backpressure.initialRate", 0))
{
    // DirectKafkaInputDStream.rateController (its DirectKafkaRateController publishes nowhere:
    // compute reads the latest rate).
    m_rateController = RateController::forInputStream(ssc, id());
    if (!m_current.empty()) return; // KafkaUtils.createDirectStream(..., fromOffsets)
    // KafkaUtils.getFromOffsets: the group's reset policy, at the time the stream is made.
    std::string reset = "largest";
    if (auto it = m_params.find("auto.offset.reset"); it != m_params.end()) reset = it->second;
    const bool smallest = reset == "smallest" || reset == "earliest";
    if (!smallest && reset != "largest" && reset != "latest")
        // kafka.consumer.ConsumerConfig.validateAutoOffsetReset
        throw SparkError("kafka.common.InvalidConfigException",
                         "Wrong value " + reset + " of auto.offset.reset in ConsumerConfig; Valid values are smallest and largest");
    Simulation &sim = ssc.simulation();
    kafka::KafkaBroker &broker = sim.kafkaAt(sim.now());
    const std::string group = groupId();
    for (const auto &topic : m_topics) {
        // Asking a missing topic's metadata creates it (auto.create.topics.enable, num.partitions).
        if (!broker.hasTopic(topic)) broker.createTopic(topic, kafka::KafkaBroker::kDefaultPartitions);
        for (int p = 0; p < broker.partitions(topic); ++p) {
            const kafka::TopicPartition tp{topic, p};
            const std::int64_t earliest = broker.earliestOffsetAt(tp, sim.now()), latest = broker.latestOffsetAt(tp, sim.now());
            // The group's committed offset, as the 0-10 consumer (Subscribe) resumes from it; the
            // reset policy only without one, or when it is out of the log's range
            // (OffsetOutOfRange). The 0-8 stream ignored the group; its commits came with 0-10.
            const auto c = group.empty() ? std::nullopt : broker.committed(group, tp);
            if (c && *c >= earliest && *c <= latest) {
                m_current[tp] = *c;
                continue;
            }
            m_current[tp] = smallest ? earliest : latest;
        }
    }
}

void DirectKafkaInputDStream::commitAsync(const std::vector<KafkaOffsetRange> &ranges)
{
    // KafkaConsumer.commitAsync -> maybeThrowInvalidGroupIdException
    if (groupId().empty())
        throw SparkError("org.apache.kafka.common.errors.InvalidGroupIdException",
                         "To use the group management or offset commit APIs, you must provide a valid group.id in "
                         "the consumer configuration.");
    m_commitQueue.insert(m_commitQueue.end(), ranges.begin(), ranges.end());
}

void DirectKafkaInputDStream::commitAll()
{
    // DirectKafkaInputDStream.commitAll: the largest untilOffset queued per partition.
    if (m_commitQueue.empty()) return;
    std::map<kafka::TopicPartition, std::int64_t> offsets;
    for (const auto &r : m_commitQueue) {
        auto [it, fresh] = offsets.try_emplace(r.tp, r.untilOffset);
        if (!fresh) it->second = std::max(it->second, r.untilOffset);
    }
    m_commitQueue.clear();
    Simulation &sim = m_ssc.simulation();
    kafka::KafkaBroker &broker = sim.kafkaAt(sim.now());
    const std::string group = groupId();
    std::string detail;
    for (const auto &[tp, offset] : offsets) {
        broker.commit(group, tp, offset);
        detail += (detail.empty() ? "" : ", ") + tp.toString() + "=" + std::to_string(offset);
    }
    sim.trace("kafka-commit", group + " " + detail);
    sim.log(LogLevel::Info, "DirectKafkaInputDStream", "Committed offsets for group " + group + ": " + detail);
}

std::shared_ptr<KafkaRDD> DirectKafkaInputDStream::makeRDD(std::vector<KafkaOffsetRange> ranges, SimTime at)
{
    Simulation &sim = m_ssc.simulation();
    kafka::KafkaBroker &broker = sim.kafkaAt(at);
    std::vector<Records> partitions;
    std::vector<bool> outOfRange;
    for (const auto &r : ranges) {
        // A range that starts where retention has deleted the log cannot be fetched (an empty
        // range fetches nothing: KafkaRDD.compute returns no records for it).
        const std::int64_t earliest = broker.earliestOffsetAt(r.tp, at);
        outOfRange.push_back(r.fromOffset < r.untilOffset && r.fromOffset < earliest);
        if (outOfRange.back()) {
            sim.log(LogLevel::Warn, "DStreamLab",
                    "Offsets " + std::to_string(r.fromOffset) + " to " + std::to_string(earliest - 1) + " of " +
                        r.tp.toString() + " were deleted by the topic's retention (retention.ms=" +
                        std::to_string(broker.retention(r.tp.topic)->ms()) + ") before this batch read them: its " +
                        "task fails with kafka.common.OffsetOutOfRangeException");
            partitions.emplace_back();
            continue;
        }
        Records recs;
        for (const auto &m : broker.read(r.tp, r.fromOffset, r.untilOffset))
            recs.push_back(Value::tuple({Value(r.tp.topic), Value(std::int64_t(r.tp.partition)), Value(m.offset),
                                         m.key ? Value::bytes(*m.key) : Value(), Value::bytes(m.value)}));
        partitions.push_back(std::move(recs));
    }
    auto rdd = std::make_shared<KafkaRDD>(m_ssc.sparkContext(), std::move(ranges), std::move(partitions),
                                          std::move(outOfRange));
    rdd->setOpName("createDirectStream");
    return rdd;
}

void DirectKafkaInputDStream::restoreFromCheckpoint(const std::map<kafka::TopicPartition, std::int64_t> &current,
                                                    const std::map<SimTime, std::vector<KafkaOffsetRange>> &batches)
{
    for (const auto &[tp, offset] : current) m_current[tp] = offset;
    Simulation &sim = m_ssc.simulation();
    for (const auto &[t, ranges] : batches) {
        // DirectKafkaInputDStreamCheckpointData.restore's log line, the ranges as OffsetRange tuples.
        std::string list;
        for (const auto &r : ranges)
            list += (list.empty() ? "" : ", ") + std::string("(") + r.tp.topic + "," + std::to_string(r.tp.partition) +
                    "," + std::to_string(r.fromOffset) + "," + std::to_string(r.untilOffset) + ")";
        sim.log(LogLevel::Info, "DirectKafkaInputDStream", "Restoring KafkaRDD for time " + t.toString() + " [" + list + "]");
        restoreRDD(t, makeRDD(ranges, sim.now()));
    }
}

std::string DirectKafkaInputDStream::groupId() const
{
    const auto it = m_params.find("group.id");
    return it == m_params.end() ? std::string() : it->second;
}

std::optional<RDDPtr> DirectKafkaInputDStream::compute(SimTime validTime)
{
    SparkContext &sc = m_ssc.sparkContext();
    kafka::KafkaBroker &broker = m_ssc.simulation().kafkaAt(validTime);
    // latestLeaderOffsets: every message appended by the batch time.
    std::map<kafka::TopicPartition, std::int64_t> latest;
    for (const auto &[tp, from] : m_current) latest[tp] = std::max(broker.latestOffsetAt(tp, validTime), from);
    const SparkConf &conf = sc.conf();
    std::map<kafka::TopicPartition, std::int64_t> maxRate, minRate;
    for (const auto &[tp, off] : latest) {
        maxRate[tp] = conf.getLong("spark.streaming.kafka.maxRatePerPartition", 0);
        minRate[tp] = conf.getLong("spark.streaming.kafka.minRatePerPartition", 1);
    }
    // maxMessagesPerPartition's estimatedRateLimit: the rate controller's latest rate, its
    // initial rate until the estimator has given one (0: no limit from it); none without
    // backpressure.
    std::optional<double> rate;
    if (m_rateController) {
        const std::int64_t latest = m_rateController->latestRate();
        rate = static_cast<double>(latest > 0 ? latest : m_initialRate);
    }
    const double batchSeconds = static_cast<double>(m_ssc.batchDuration().ms()) / 1000.0;
    const auto until = kafka::clampOffsets(
        latest, m_current, kafka::maxMessagesPerPartition(latest, m_current, batchSeconds, rate, maxRate, minRate));

    std::vector<KafkaOffsetRange> ranges;
    std::int64_t records = 0;
    std::string description;
    for (const auto &[tp, from] : m_current) {
        const std::int64_t to = until.at(tp);
        ranges.push_back(KafkaOffsetRange{tp, from, to});
        records += to - from;
        // DirectKafkaInputDStream.compute: the non-empty ranges, one line each.
        if (from != to)
            description += (description.empty() ? "" : "\n") + std::string("topic: ") + tp.topic + "\tpartition: " +
                           std::to_string(tp.partition) + "\toffsets: " + std::to_string(from) + " to " + std::to_string(to);
    }
    auto rdd = makeRDD(std::move(ranges), validTime);
    StreamInputInfo info{id(), records, description};
    info.estimatedRate = estimatedRate();
    m_ssc.scheduler().reportInputInfo(validTime, info);
    m_current = until;
    commitAll(); // the 0-10 stream commits what earlier batches queued once this batch is made
    return rdd;
}

KafkaInputDStream::KafkaInputDStream(StreamingContext &ssc, std::map<std::string, int> topics,
                                     std::map<std::string, std::string> kafkaParams, bool reliable, StorageLevel level)
    : ReceiverInputDStream(ssc, "KafkaInputDStream", "createStream", level), m_topics(std::move(topics)),
      m_params(std::move(kafkaParams)), m_reliable(reliable)
{
    // kafka.consumer.ConsumerConfig.validateAutoOffsetReset, when the consumer is configured.
    const std::string reset = param("auto.offset.reset");
    if (!reset.empty() && reset != "smallest" && reset != "largest")
        throw SparkError("kafka.common.InvalidConfigException",
                         "Wrong value " + reset + " of auto.offset.reset in ConsumerConfig; Valid values are smallest and largest");
}

std::vector<std::string> KafkaInputDStream::topics() const
{
    std::vector<std::string> out;
    for (const auto &[t, n] : m_topics) out.push_back(t);
    return out;
}

std::string KafkaInputDStream::param(const std::string &key) const
{
    const auto it = m_params.find(key);
    return it == m_params.end() ? std::string() : it->second;
}

} // namespace dsl
