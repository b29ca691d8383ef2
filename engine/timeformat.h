// Local-time formatting of simulated times, as Spark's UI and PySpark's pprint print them.
#pragma once

#include "simtime.h"

#include <string>

namespace dsl {

/// UIUtils.formatBatchTime(showYYYYMMSS = false): "HH:mm:ss", or "HH:mm:ss.SSS" when the batch
/// interval is below one second. Local time zone (TZ), like Spark.
std::string formatBatchTime(SimTime t, Duration batchInterval);
/// Python's str(datetime.fromtimestamp(ms / 1000.0)): "2026-11-24 10:00:03" or with
/// ".500000" when the time has a fractional second (PySpark pprint's "Time:" line).
std::string pythonDateTimeStr(SimTime t);
/// Spark log4j prefix date "yy/MM/dd HH:mm:ss".
std::string log4jTime(SimTime t);
/// Parses "YYYY-MM-DD[ T]HH:MM[:SS[.fff]]" as local time; returns false on bad input.
bool parseLocalDateTime(const std::string &text, SimTime &out);

} // namespace dsl
