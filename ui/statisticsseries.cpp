// StatisticsSeries: per batch values of the Streaming tab from the snapshot's history.
#include "statisticsseries.h"

#include "sessiontypes.h"

#include <QRegularExpression>

#include <algorithm>
#include <map>
#include <string>
#include <tuple>

namespace dsl::ui {

StatisticsSeries StatisticsSeries::fromSnapshot(const RunSnapshot &s)
{
    StatisticsSeries r;
    r.intervalMs = std::max<qint64>(1, s.batchInterval.ms());
    r.minBatchMs = r.maxBatchMs = s.startTime.ms();
    const double perSecond = 1000.0 / static_cast<double>(r.intervalMs);
    // Spark's listener.streamIds: every input stream of the graph, with or without records.
    std::map<int, std::size_t> streamAt;
    for (const auto &st : s.streams) {
        if (!st.isInput) continue;
        StreamRate sr;
        sr.streamId = st.id;
        sr.name = inputStreamName(QString::fromStdString(st.className), st.id);
        for (const auto &rc : s.receivers) {
            if (rc.streamId != st.id) continue;
            if (!rc.name.empty()) sr.name = QStringLiteral("%1-%2").arg(QString::fromStdString(rc.name)).arg(st.id);
            sr.maxRate = static_cast<double>(std::max<std::int64_t>(0, rc.maxRate));
        }
        streamAt[st.id] = r.streams.size();
        r.streams.push_back(std::move(sr));
    }
    const std::size_t n = s.batches.size();
    r.inputRate.reserve(n);
    r.schedulingDelay.reserve(n);
    r.processingTime.reserve(n);
    r.totalDelay.reserve(n);
    for (auto &sr : r.streams) sr.points.reserve(n);
    std::map<std::tuple<int, std::string, int>, std::size_t> partitionAt;
    std::vector<StreamRate> partitions;
    // One estimate line per input stream (before the partitions join r.streams).
    std::vector<StreamRate> estimates = r.streams;
    for (auto &e : estimates) e.points.clear();
    std::vector<experiment::BatchMetrics> completedMetrics;
    bool first = true;
    for (const auto &[t, b] : s.batches) {
        const BatchInfo &info = b->info;
        const qint64 ms = t.ms();
        if (first) r.minBatchMs = ms;
        first = false;
        r.maxBatchMs = ms;
        ++r.retained;
        if (info.isCompleted()) ++r.completed;
        else ++r.active;
        const bool failed = info.hasFailure();
        // StreamingPage.generateStatTable: batchInfo.numRecords * 1000.0 / listener.batchDuration.
        r.inputRate.push_back({ms, static_cast<double>(info.numRecords()) * perSecond, failed});
        for (auto &sr : r.streams) {
            const auto in = info.streamIdToInputInfo.find(sr.streamId);
            const double records = in == info.streamIdToInputInfo.end() ? 0.0 : static_cast<double>(in->second.numRecords);
            sr.points.push_back({ms, records * perSecond, failed});
        }
        // RateController.getLatestRate when the batch was generated (scheduler/RateController.scala).
        for (auto &e : estimates) {
            const auto in = info.streamIdToInputInfo.find(e.streamId);
            if (in != info.streamIdToInputInfo.end() && in->second.estimatedRate)
                e.points.push_back({ms, static_cast<double>(*in->second.estimatedRate), failed});
        }
        if (auto m = metricsOf(info)) completedMetrics.push_back(*m);
        // A Kafka stream's partitions: the messages of each batch's offset range (the consumer's
        // take since the last batch for a receiver), by topic and partition.
        if (b->kafka)
            for (const auto &p : *b->kafka) {
                const auto key = std::make_tuple(p.streamId, p.topic, p.partition);
                auto it = partitionAt.find(key);
                if (it == partitionAt.end()) {
                    StreamRate pr;
                    pr.streamId = p.streamId;
                    pr.name = QStringLiteral("%1-%2").arg(QString::fromStdString(p.topic)).arg(p.partition);
                    pr.partition = true;
                    // Batches before the partition was first read had none of its messages.
                    for (const auto &q : r.inputRate) pr.points.push_back({q.batchMs, 0, q.failed});
                    pr.points.pop_back();
                    it = partitionAt.emplace(key, partitions.size()).first;
                    partitions.push_back(std::move(pr));
                }
                StreamRate &pr = partitions[it->second];
                if (!pr.points.empty() && pr.points.back().batchMs == ms) pr.points.back().value += static_cast<double>(p.until - p.from) * perSecond;
                else pr.points.push_back({ms, static_cast<double>(p.until - p.from) * perSecond, failed});
            }
        for (auto &pr : partitions)
            if (pr.points.empty() || pr.points.back().batchMs != ms) pr.points.push_back({ms, 0, failed});
        if (auto d = info.schedulingDelay()) r.schedulingDelay.push_back({ms, static_cast<double>(d->ms()), failed});
        if (auto d = info.processingDelay()) r.processingTime.push_back({ms, static_cast<double>(d->ms()), failed});
        if (auto d = info.totalDelay()) r.totalDelay.push_back({ms, static_cast<double>(d->ms()), failed});
    }
    // Each partition row right under its stream's, in (topic, partition) order.
    std::sort(partitions.begin(), partitions.end(), [](const StreamRate &a, const StreamRate &b) {
        return std::make_tuple(a.streamId, a.name.section(u'-', 0, -2), a.name.section(u'-', -1).toInt()) <
               std::make_tuple(b.streamId, b.name.section(u'-', 0, -2), b.name.section(u'-', -1).toInt());
    });
    for (auto &pr : partitions) {
        auto at = std::find_if(r.streams.begin(), r.streams.end(), [&](const StreamRate &s) { return !s.partition && s.streamId == pr.streamId; });
        if (at == r.streams.end()) continue;
        while (std::next(at) != r.streams.end() && std::next(at)->partition && std::next(at)->streamId == pr.streamId) ++at;
        r.streams.insert(std::next(at), std::move(pr));
    }
    for (auto &e : estimates)
        if (!e.points.empty()) r.estimatedRates.push_back(std::move(e));
    r.stability = experiment::judgeStability(completedMetrics, r.intervalMs);
    return r;
}

qint64 StatisticsSeries::maxDelayMs() const
{
    double m = 0;
    for (const auto *v : {&schedulingDelay, &processingTime, &totalDelay})
        for (const auto &p : *v) m = std::max(m, p.value);
    return static_cast<qint64>(m);
}

double StatisticsSeries::maxRate() const
{
    double m = 0;
    for (const auto &p : inputRate) m = std::max(m, p.value);
    for (const auto &sr : streams)
        for (const auto &p : sr.points) m = std::max(m, p.value);
    return m;
}

std::optional<double> StatisticsSeries::inputRateLimit() const
{
    double sum = 0;
    bool any = false;
    for (const auto &sr : streams) {
        if (sr.partition) continue;
        if (sr.maxRate <= 0) return std::nullopt;
        sum += sr.maxRate;
        any = true;
    }
    return any ? std::optional<double>(sum) : std::nullopt;
}

std::optional<experiment::BatchMetrics> StatisticsSeries::metricsOf(const BatchInfo &info)
{
    const auto sched = info.schedulingDelay();
    const auto proc = info.processingDelay();
    const auto total = info.totalDelay();
    if (!info.isCompleted() || !sched || !proc || !total) return std::nullopt;
    // The fields MetricsWriter writes for a completed batch (app/metricswriter.cpp).
    return experiment::BatchMetrics{info.batchTime.ms(), sched->ms(), proc->ms(), total->ms(), info.numRecords()};
}

experiment::StabilityVerdict StatisticsSeries::stabilityOf(const std::vector<BatchInfo> &batches, qint64 intervalMs)
{
    std::vector<experiment::BatchMetrics> metrics;
    metrics.reserve(batches.size());
    for (const BatchInfo &b : batches)
        if (auto m = metricsOf(b)) metrics.push_back(*m);
    return experiment::judgeStability(metrics, intervalMs);
}

std::optional<qint64> StatisticsSeries::averageMs(const std::vector<StatisticsPoint> &points)
{
    if (points.empty()) return std::nullopt;
    qint64 sum = 0;
    for (const auto &p : points) sum += static_cast<qint64>(p.value);
    return sum / static_cast<qint64>(points.size());
}

std::optional<double> StatisticsSeries::average(const std::vector<StatisticsPoint> &points)
{
    if (points.empty()) return std::nullopt;
    double sum = 0;
    for (const auto &p : points) sum += p.value;
    return sum / static_cast<double>(points.size());
}

bool StatisticsSeries::isStable() const
{
    if (processingTime.empty()) return false;
    return std::all_of(processingTime.begin(), processingTime.end(),
                       [&](const StatisticsPoint &p) { return p.value <= static_cast<double>(intervalMs); });
}

QString StatisticsSeries::inputStreamName(const QString &className, int id)
{
    // InputDStream.name (streaming/dstream/InputDStream.scala): the class name with
    // "InputDStream" as "Stream", split into lower-case words, capitalized, then " [id]".
    QString n = className;
    n.replace(QStringLiteral("InputDStream"), QStringLiteral("Stream"));
    static const QRegularExpression upper(QStringLiteral("(?=[A-Z])"));
    QStringList words = n.split(upper, Qt::SkipEmptyParts);
    QString joined = words.join(QLatin1Char(' ')).toLower();
    if (!joined.isEmpty()) joined[0] = joined[0].toUpper();
    return QStringLiteral("%1 [%2]").arg(joined).arg(id);
}

} // namespace dsl::ui
