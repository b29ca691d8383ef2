#include "kafkadstream.h"

#include "costmodel.h"
#include "errors.h"
#include "jobscheduler.h"
#include "simulation.h"
#include "sparkcontext.h"
#include "streamingcontext.h"

namespace dsl {

KafkaRDD::KafkaRDD(SparkContext &sc, std::vector<KafkaOffsetRange> ranges, std::vector<Records> partitions)
    : RDD(sc, "KafkaRDD", static_cast<int>(ranges.size()), {}), m_ranges(std::move(ranges)),
      m_partitions(std::move(partitions))
{
}

Records KafkaRDD::compute(int split, TaskContext &ctx)
{
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
    for (const auto &topic : m_topics) {
        // Asking a missing topic's metadata creates it (auto.create.topics.enable, num.partitions).
        if (!broker.hasTopic(topic)) broker.createTopic(topic, kafka::KafkaBroker::kDefaultPartitions);
        for (int p = 0; p < broker.partitions(topic); ++p) {
            const kafka::TopicPartition tp{topic, p};
            m_current[tp] = smallest ? broker.earliestOffset(tp) : broker.latestOffsetAt(tp, sim.now());
        }
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
    std::vector<Records> partitions;
    std::int64_t records = 0;
    std::string description;
    for (const auto &[tp, from] : m_current) {
        const std::int64_t to = until.at(tp);
        ranges.push_back(KafkaOffsetRange{tp, from, to});
        Records recs;
        for (const auto &m : broker.read(tp, from, to))
            recs.push_back(Value::tuple({Value(tp.topic), Value(std::int64_t(tp.partition)), Value(m.offset),
                                         m.key ? Value::bytes(*m.key) : Value(), Value::bytes(m.value)}));
        records += static_cast<std::int64_t>(recs.size());
        partitions.push_back(std::move(recs));
        // DirectKafkaInputDStream.compute: the non-empty ranges, one line each.
        if (from != to)
            description += (description.empty() ? "" : "\n") + std::string("topic: ") + tp.topic + "\tpartition: " +
                           std::to_string(tp.partition) + "\toffsets: " + std::to_string(from) + " to " + std::to_string(to);
    }
    auto rdd = std::make_shared<KafkaRDD>(sc, std::move(ranges), std::move(partitions));
    rdd->setOpName("createDirectStream");
    StreamInputInfo info{id(), records, description};
    info.estimatedRate = estimatedRate();
    m_ssc.scheduler().reportInputInfo(validTime, info);
    m_current = until;
    return rdd;
}

} // namespace dsl
