// Time texts: local clock strings and short durations.
#include "timetext.h"

#include <QDateTime>

#include <cstdio>
#include <limits>

namespace dsl::ui {

QString clockText(qint64 ms, bool millis)
{
    // The status strip and the timeline's axis ask for this several times a frame; a
    // QDateTime conversion looks up the time zone each time. The zone's offset is looked up
    // once per quarter hour of UTC instead: offsets are whole quarter hours and change at a
    // local whole or half hour, so never inside such a quarter (GUI thread only).
    constexpr qint64 kQuarter = 15 * 60 * 1000, kDay = 24 * 3600 * 1000;
    static qint64 cachedQuarter = std::numeric_limits<qint64>::min();
    static qint64 offsetMs = 0;
    const qint64 quarter = ms >= 0 ? ms / kQuarter : -((-ms + kQuarter - 1) / kQuarter);
    if (quarter != cachedQuarter) {
        offsetMs = QDateTime::fromMSecsSinceEpoch(quarter * kQuarter).offsetFromUtc() * qint64(1000);
        cachedQuarter = quarter;
    }
    const qint64 inDay = ((ms + offsetMs) % kDay + kDay) % kDay;
    const int h = static_cast<int>(inDay / 3600000), m = static_cast<int>(inDay / 60000 % 60),
              sec = static_cast<int>(inDay / 1000 % 60), z = static_cast<int>(inDay % 1000);
    char buf[16];
    const int n = millis ? std::snprintf(buf, sizeof buf, "%02d:%02d:%02d.%03d", h, m, sec, z)
                         : std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", h, m, sec);
    return QString::fromLatin1(buf, n);
}

QString durationText(qint64 ms)
{
    if (ms >= 10000) return QString::number(ms / 1000.0, 'f', 0) + QStringLiteral(" s");
    if (ms >= 1000) return QString::number(ms / 1000.0, 'f', 1) + QStringLiteral(" s");
    return QString::number(ms) + QStringLiteral(" ms");
}

} // namespace dsl::ui
