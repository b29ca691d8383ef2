// TimelineMapping: time/pixel conversion, tick steps and row layout of the stream timeline.
#include "timelinemapping.h"

#include <algorithm>
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

double TimelineMapping::maxScrollY(int rows, double viewHeight) const
{
    const double content = rowsTop() + rowGap + rows * (rowHeight + rowGap);
    return std::max(0.0, content - viewHeight);
}

double TimelineMapping::clampScrollY(double y, int rows, double viewHeight) const
{
    return std::clamp(y, 0.0, maxScrollY(rows, viewHeight));
}

double TimelineMapping::scrollToShow(int row, double viewHeight) const
{
    const double top = rowsTop() + rowGap + row * (rowHeight + rowGap); // unscrolled
    const double visible = viewHeight - rowsTop();
    if (top - rowGap - rowsTop() < scrollY) return top - rowGap - rowsTop();
    if (top + rowHeight + rowGap - rowsTop() > scrollY + visible) return top + rowHeight + rowGap - rowsTop() - visible;
    return scrollY;
}

WindowBracket windowBracket(qint64 batchTimeMs, qint64 windowMs, qint64 slideMs, qint64 zeroMs)
{
    WindowBracket b{batchTimeMs - windowMs, batchTimeMs, 0};
    if (slideMs <= 0 || windowMs <= slideMs) return b;
    const qint64 levels = (windowMs + slideMs - 1) / slideMs;
    const qint64 k = (batchTimeMs - zeroMs) / slideMs;
    b.level = static_cast<int>(((k % levels) + levels) % levels);
    return b;
}

std::vector<std::pair<qint64, qint64>> stateChainLinks(const std::vector<qint64> &batchTimes, qint64 slideMs)
{
    std::vector<std::pair<qint64, qint64>> out;
    for (std::size_t i = 1; i < batchTimes.size(); ++i)
        if (batchTimes[i] - batchTimes[i - 1] == slideMs) out.emplace_back(batchTimes[i - 1], batchTimes[i]);
    return out;
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
