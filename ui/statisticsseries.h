// StatisticsSeries: the values of the Streaming tab's four rows, read from a RunSnapshot's history
// as Spark's StreamingPage.generateStatTable reads its listener's retained batches.
#pragma once

#include "app/experimentsummary.h"
#include "snapshotfwd.h"

#include <QString>

#include <optional>
#include <vector>

namespace dsl {
struct BatchInfo;
}

namespace dsl::ui {

/// One batch's value in a row: records/s for the input rate, ms for the delays.
struct StatisticsPoint {
    qint64 batchMs = 0;
    double value = 0;
    bool failed = false; ///< BatchInfo::hasFailure
    bool operator==(const StatisticsPoint &) const = default;
};

/// Plain values, built once per snapshot; the chart buckets and paints them.
struct StatisticsSeries {
    /// What Spark's StreamingPage shows per input stream (expand "Input Rate").
    struct StreamRate {
        int streamId = 0;
        QString name;                        ///< "SocketReceiver-0" (a receiver), "Queue stream [0]"
        std::vector<StatisticsPoint> points; ///< records/s per batch
        /// A Kafka partition the stream reads, not the stream itself: its messages per batch
        /// (the batch's offset range), shown indented under its stream.
        bool partition = false;
        /// Its receiver's spark.streaming.receiver.maxRate, records/s (0: no limit, or no receiver).
        double maxRate = 0;
        bool operator==(const StreamRate &) const = default;
    };
    /// Every retained batch, waiting and running ones too: numRecords * 1000.0 / batch interval.
    std::vector<StatisticsPoint> inputRate;
    /// The batches that have the value (started; completed for the last two), in ms.
    std::vector<StatisticsPoint> schedulingDelay, processingTime, totalDelay;
    std::vector<StreamRate> streams;
    /// Backpressure: per input stream, its RateController's estimate (records/s) for the batches
    /// that carry one (StreamInputInfo::estimatedRate); empty without backpressure.
    std::vector<StreamRate> estimatedRates;
    /// The one stability rule (app/experimentsummary.h) over the completed batches.
    experiment::StabilityVerdict stability;
    qint64 intervalMs = 1000;
    qint64 minBatchMs = 0, maxBatchMs = 0; ///< the retained batches' times (the run's start without any)
    int retained = 0, active = 0, completed = 0;
    bool operator==(const StatisticsSeries &) const = default;

    static StatisticsSeries fromSnapshot(const RunSnapshot &s);
    /// The largest of the three delays (Spark gives their rows one y range), 0 without any.
    qint64 maxDelayMs() const;
    double maxRate() const;
    /// The bound on the whole input rate: the sum of the input streams' maxRates when every input
    /// stream has one (a stream without a limit leaves the sum unbounded: nullopt), else nullopt.
    std::optional<double> inputRateLimit() const;
    /// MillisecondsStatUIData.avg: the integer mean (nullopt without values).
    static std::optional<qint64> averageMs(const std::vector<StatisticsPoint> &points);
    static std::optional<double> average(const std::vector<StatisticsPoint> &points);
    /// Every processing time so far is within the batch interval (and there is one): the
    /// region Spark's page labels "stable" (streaming-page.js). Not the verdict: `stability` is.
    bool isStable() const;
    /// A completed batch as the stability rule reads a --metrics line (nullopt: not completed).
    static std::optional<experiment::BatchMetrics> metricsOf(const BatchInfo &info);
    /// experiment::judgeStability over the completed batches of a list in batch-time order: the
    /// Streaming tab's banner and `run --compare` give the same verdict for the same batches.
    static experiment::StabilityVerdict stabilityOf(const std::vector<BatchInfo> &batches, qint64 intervalMs);
    /// InputDStream.name: "SocketInputDStream" -> "Socket stream [0]".
    static QString inputStreamName(const QString &className, int id);
};

} // namespace dsl::ui
