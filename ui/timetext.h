// Time texts of the dashboard: simulated times as local wall-clock strings.
#pragma once

#include <QString>

namespace dsl::ui {

/// "10:00:03" or, with millis, "10:00:03.400" (local time zone, as Spark's UI).
QString clockText(qint64 ms, bool millis = false);
/// "1.2 s", "350 ms".
QString durationText(qint64 ms);
/// A duration as Spark's web UI prints it (UIUtils.formatDuration, core/src/main/scala/org/
/// apache/spark/ui/UIUtils.scala): "52 ms" under 100 ms, "0.4 s" under a second, "3 s" under a
/// minute, "1.5 min" under ten minutes, "12 min" under an hour, then "1.2 h".
QString sparkDurationText(qint64 ms);

} // namespace dsl::ui
