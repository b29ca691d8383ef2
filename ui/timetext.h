// Time texts of the dashboard: simulated times as local wall-clock strings.
#pragma once

#include <QString>

namespace dsl::ui {

/// "10:00:03" or, with millis, "10:00:03.400" (local time zone, as Spark's UI).
QString clockText(qint64 ms, bool millis = false);
/// "1.2 s", "350 ms".
QString durationText(qint64 ms);

} // namespace dsl::ui
