// Time texts: local clock strings and short durations.
#include "timetext.h"

#include <QDateTime>

namespace dsl::ui {

QString clockText(qint64 ms, bool millis)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(ms);
    return t.toString(millis ? QStringLiteral("HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss"));
}

QString durationText(qint64 ms)
{
    if (ms >= 10000) return QString::number(ms / 1000.0, 'f', 0) + QStringLiteral(" s");
    if (ms >= 1000) return QString::number(ms / 1000.0, 'f', 1) + QStringLiteral(" s");
    return QString::number(ms) + QStringLiteral(" ms");
}

} // namespace dsl::ui
