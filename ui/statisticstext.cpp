// StatisticsText: Spark's UIUtils formats and the Streaming page's sentences, translated.
#include "statisticstext.h"

#include <QDateTime>
#include <QLocale>
#include <QStringList>

namespace dsl::ui {

namespace {
constexpr qint64 kSecond = 1000, kMinute = 60 * kSecond, kHour = 60 * kMinute, kDay = 24 * kHour, kWeek = 7 * kDay,
                 kYear = 365 * kDay;

/// A whole tenth, rounded half up, as "%.1f" (Java rounds the decimal half up; the value here is
/// an exact ratio of integers, so integer arithmetic rounds it the same way).
QString tenths(qint64 num, qint64 den)
{
    const qint64 t = (num * 10 + den / 2) / den;
    return QString::number(t / 10) + QLatin1Char('.') + QString::number(t % 10);
}
QString whole(qint64 num, qint64 den) { return QString::number((num + den / 2) / den); }
} // namespace

QString StatisticsText::durationVerbose(qint64 ms)
{
    // UIUtils.formatDurationVerbose (core/src/main/scala/org/apache/spark/ui/UIUtils.scala): each
    // unit's count, "" for zero, singular for one; the units shown depend on the largest one.
    // Spark joins them with spaces and leaves a trailing blank where a unit is zero (HTML
    // collapses it); the empty parts are dropped here.
    const auto unit = [](qint64 n, int which) -> QString {
        if (n == 0) return {};
        switch (which) {
        case 0: return n == 1 ? tr("1 second") : tr("%1 seconds").arg(n);
        case 1: return n == 1 ? tr("1 minute") : tr("%1 minutes").arg(n);
        case 2: return n == 1 ? tr("1 hour") : tr("%1 hours").arg(n);
        case 3: return n == 1 ? tr("1 day") : tr("%1 days").arg(n);
        case 4: return n == 1 ? tr("1 week") : tr("%1 weeks").arg(n);
        default: return n == 1 ? tr("1 year") : tr("%1 years").arg(n);
        }
    };
    const QString millis = ms >= kSecond && ms % kSecond == 0 ? QString() : tr("%1 ms").arg(ms % kSecond);
    const QString second = unit(ms % kMinute / kSecond, 0), minute = unit(ms % kHour / kMinute, 1),
                  hour = unit(ms % kDay / kHour, 2), day = unit(ms % kWeek / kDay, 3), week = unit(ms % kYear / kWeek, 4),
                  year = unit(ms / kYear, 5);
    const auto join = [](const QStringList &parts) {
        QStringList kept;
        for (const QString &p : parts)
            if (!p.isEmpty()) kept << p;
        return kept.join(QLatin1Char(' '));
    };
    if (ms < kSecond) return millis;
    if (ms < kMinute) return join({second, millis});
    if (ms < kHour) return join({minute, second});
    if (ms < kDay) return join({hour, minute, second});
    if (ms < kWeek) return join({day, hour, minute});
    if (ms < kYear) return join({week, day, hour});
    return join({year, week, day});
}

QString StatisticsText::duration(qint64 ms)
{
    // UIUtils.formatDuration.
    if (ms < 100) return QString::number(ms) + QStringLiteral(" ms");
    if (ms < kSecond) return tenths(ms, kSecond) + QStringLiteral(" s");
    if (ms < kMinute) return whole(ms, kSecond) + QStringLiteral(" s");
    if (ms < 10 * kMinute) return tenths(ms, kMinute) + QStringLiteral(" min");
    if (ms < kHour) return whole(ms, kMinute) + QStringLiteral(" min");
    return tenths(ms, kHour) + QStringLiteral(" h");
}

QString StatisticsText::date(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy/MM/dd HH:mm:ss"));
}

QString StatisticsText::batchTime(qint64 ms, qint64 intervalMs, bool withDate)
{
    const QString format = intervalMs < kSecond ? QStringLiteral("HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss");
    return QDateTime::fromMSecsSinceEpoch(ms).toString(withDate ? QStringLiteral("yyyy/MM/dd ") + format : format);
}

QString StatisticsText::header(qint64 intervalMs, qint64 uptimeMs, qint64 startMs, qint64 completedBatches, qint64 records,
                               bool rich)
{
    const auto b = [rich](const QString &s) { return rich ? QStringLiteral("<b>") + s.toHtmlEscaped() + QStringLiteral("</b>") : s; };
    return tr("Running batches of %1 for %2 since %3 (%4 completed batches, %5 records)")
        .arg(b(durationVerbose(intervalMs)), b(durationVerbose(uptimeMs)), b(date(startMs)),
             b(QString::number(completedBatches)), b(QString::number(records)));
}

QString StatisticsText::averageDuration(std::optional<qint64> avgMs)
{
    return tr("Avg: %1").arg(avgMs ? durationVerbose(*avgMs) : QStringLiteral("-"));
}

QString StatisticsText::averageRate(std::optional<double> avg)
{
    return tr("Avg: %1 records/sec").arg(avg ? QString::number(*avg, 'f', 2) : QStringLiteral("-"));
}

QString StatisticsText::number2(double v)
{
    QLocale c(QLocale::C);
    c.setNumberOptions(QLocale::DefaultNumberOptions); // group thousands: d3's ","
    return c.toString(v, 'f', 2);
}

QString StatisticsText::failureSummary(const QString &failureReason)
{
    return failureDetails(failureReason).section(QLatin1Char('\n'), 0, 0);
}

QString StatisticsText::failureDetails(const QString &failureReason)
{
    // streaming/ui/UIUtils.createOutputOperationFailureForUI: a SparkException (or
    // SparkDriverExecutionException) says so; any other error is named by its first line.
    if (failureReason.startsWith(QStringLiteral("org.apache.spark.Spark")))
        return tr("Failed due to Spark job error") + QLatin1Char('\n') + failureReason;
    return tr("Failed due to error: %1").arg(failureReason.section(QLatin1Char('\n'), 0, 0)) + QLatin1Char('\n') + failureReason;
}

QString StatisticsText::outputOps(int succeeded, int failed, int running, int total)
{
    // UIUtils.makeProgressBar's label: completed/total, then running (only without failures) and
    // failed counts.
    QString s = QStringLiteral("%1/%2").arg(succeeded).arg(total);
    if (failed == 0 && running > 0) s += QLatin1Char(' ') + tr("(%1 running)").arg(running);
    if (failed > 0) s += QLatin1Char(' ') + tr("(%1 failed)").arg(failed);
    return s;
}

QString StatisticsText::shortDuration(qint64 ms)
{
    if (ms < kSecond) return tr("%1 ms").arg(ms);
    QString s = tenths(ms, kSecond);
    if (s.endsWith(QStringLiteral(".0"))) s.chop(2);
    return tr("%1 s").arg(s);
}

QString StatisticsText::stability(const experiment::StabilityVerdict &v, qint64 intervalMs)
{
    using experiment::StabilityReason;
    // The mean of the rule's window, in whole ms as the batch tables show delays.
    const QString processing = shortDuration(qRound64(v.meanProcessingMs));
    const QString interval = shortDuration(intervalMs);
    switch (v.reason) {
    case StabilityReason::GrowingDelay:
        return tr("Unstable: processing takes %1 per %2 batch — the scheduling delay grows every batch (%3 → %4)")
            .arg(processing, interval, shortDuration(v.firstDelayMs), shortDuration(v.lastDelayMs));
    case StabilityReason::SlowProcessing:
        return tr("Unstable: processing takes %1 per %2 batch — batches queue up and the scheduling delay grows")
            .arg(processing, interval);
    case StabilityReason::Steady:
        return tr("Stable: batches are processed within the batch interval (%1 per %2 batch)").arg(processing, interval);
    case StabilityReason::TooFewBatches: break;
    }
    return tr("Stability: judged once %1 batches with records have completed").arg(experiment::kStabilityWindow);
}

} // namespace dsl::ui
