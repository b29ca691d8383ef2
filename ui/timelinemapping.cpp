// TimelineMapping: time/pixel conversion, tick steps and row layout of the stream timeline.
#include "timelinemapping.h"

#include <cmath>
#include <iterator>

namespace dsl::ui {

qint64 TimelineMapping::xToTime(double x) const
{
    return originMs + static_cast<qint64>(std::floor((x - left) / pxPerMs));
}

int TimelineMapping::rowAt(double y) const
{
    const double top = rowTop(0);
    if (y < top) return -1;
    const double pitch = rowHeight + rowGap;
    const int row = static_cast<int>((y - top) / pitch);
    if (y - top - row * pitch > rowHeight) return -1; // in the gap
    return row;
}

void TimelineMapping::follow(qint64 nowMs, double fraction)
{
    originMs = nowMs - static_cast<qint64>(std::llround(width * fraction / pxPerMs));
}

qint64 tickStep(qint64 rangeMs, double widthPx, double minSpacingPx)
{
    if (rangeMs <= 0 || widthPx <= 0) return 1000;
    const double pxPerMs = widthPx / static_cast<double>(rangeMs);
    // Steps a clock reads well: 1-2-5 below a second, then 1, 2, 5, 10, 15, 30 s and minutes.
    static const qint64 ladder[] = {100, 200, 500, 1'000, 2'000, 5'000, 10'000, 15'000, 30'000, 60'000, 120'000,
                                    300'000, 600'000, 900'000, 1'800'000, 3'600'000, 7'200'000, 21'600'000, 86'400'000};
    for (qint64 step : ladder)
        if (static_cast<double>(step) * pxPerMs >= minSpacingPx) return step;
    return ladder[std::size(ladder) - 1];
}

std::vector<TimelineTick> computeTicks(qint64 startMs, qint64 endMs, double widthPx, double minSpacingPx)
{
    std::vector<TimelineTick> out;
    if (endMs <= startMs || widthPx <= 0) return out;
    const qint64 step = tickStep(endMs - startMs, widthPx, minSpacingPx);
    const qint64 majorEvery = step < 1000 ? 1000 : step * 5;
    qint64 t = (startMs / step) * step;
    if (t < startMs) t += step;
    for (; t <= endMs; t += step) out.push_back(TimelineTick{t, t % majorEvery == 0});
    return out;
}

} // namespace dsl::ui
