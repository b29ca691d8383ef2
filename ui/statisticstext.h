// StatisticsText: the texts of the Streaming tab, worded and formatted as Spark's web UI words and
// formats them (org/apache/spark/ui/UIUtils.scala, streaming/ui/StreamingPage.scala).
#pragma once

#include "app/experimentsummary.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace dsl::ui {

class StatisticsText {
    Q_DECLARE_TR_FUNCTIONS(StatisticsText)

public:
    /// UIUtils.formatDurationVerbose: "5 seconds 35 ms", "1 minute 1 second", "2 hours 3 minutes";
    /// below a second the milliseconds, from a second on at most two or three units, the
    /// smallest ones dropped ("1 day 1 hour 1 minute").
    static QString durationVerbose(qint64 ms);
    /// UIUtils.formatDuration (the batch tables' cells): "85 ms", "0.4 s", "12 s", "1.5 min",
    /// "25 min", "1.2 h"; halves round up, as Java's %.1f does.
    static QString duration(qint64 ms);
    /// UIUtils.formatDate: "2026/11/24 10:00:00" (local time).
    static QString date(qint64 ms);
    /// UIUtils.formatBatchTime without the date: "10:00:03", with milliseconds when the
    /// interval is under a second ("10:00:03.400").
    static QString batchTime(qint64 ms, qint64 intervalMs, bool withDate = false);
    /// StreamingPage.generateBasicInfo: "Running batches of 1 second for 1 minute 2 seconds since
    /// 2026/11/24 10:00:00 (60 completed batches, 1234 records)"; rich: the values in bold.
    static QString header(qint64 intervalMs, qint64 uptimeMs, qint64 startMs, qint64 completedBatches, qint64 records,
                          bool rich = false);
    /// MillisecondsStatUIData.formattedAvg: "Avg: 35 ms" ("Avg: -" without values).
    static QString averageDuration(std::optional<qint64> avgMs);
    /// RecordRateUIData.formattedAvg: "Avg: 12.50 records/sec".
    static QString averageRate(std::optional<double> avg);
    /// d3.format(",.2f") as the graphs' labels and tooltips print numbers: "1,234.50".
    static QString number2(double v);
    /// UIUtils.createOutputOperationFailureForUI, first line: "Failed due to error: <first line>",
    /// or "Failed due to Spark job error" for a SparkException.
    static QString failureSummary(const QString &failureReason);
    /// The whole text the failure cell expands to (its tooltip).
    static QString failureDetails(const QString &failureReason);
    /// A delay for the stability banner, read from the back of a room: "850 ms", "1.4 s", "12 s"
    /// (seconds with one decimal, ".0" dropped; Spark's formatDuration would round 1.4 s to "1 s").
    static QString shortDuration(qint64 ms);
    /// The Streaming tab's stability banner for a verdict of the one rule (app/experimentsummary.h):
    /// "Stable: batches are processed within the batch interval (0.4 s per 1 s batch)",
    /// "Unstable: processing takes 1.4 s per 1 s batch — the scheduling delay grows every batch
    /// (0.4 s → 2 s)", or why it is not known yet.
    static QString stability(const experiment::StabilityVerdict &v, qint64 intervalMs);
    /// UIUtils.makeProgressBar's text for output operations: "1/2", "1/2 (1 failed)", "0/2 (1 running)".
    static QString outputOps(int succeeded, int failed, int running, int total);
};

} // namespace dsl::ui
