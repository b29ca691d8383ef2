// KafkaLogMapping: offsets to pixels and the labelled offsets of a Kafka log strip.
#include "kafkalogmapping.h"

#include <algorithm>
#include <cmath>

namespace dsl::ui {

double KafkaLogMapping::offsetToX(qint64 offset) const
{
    const qint64 o = std::clamp(offset, first, std::max(first, last));
    return left + static_cast<double>(o - first) * pxPerOffset();
}

qint64 KafkaLogMapping::xToOffset(double x) const
{
    const double o = std::floor((x - left) / pxPerOffset());
    return std::clamp(first + static_cast<qint64>(o), first, std::max(first, last));
}

std::vector<qint64> computeOffsetTicks(qint64 first, qint64 last, double widthPx, double minGapPx)
{
    if (last <= first || widthPx <= 0) return {first};
    const double pxPer = widthPx / static_cast<double>(last - first);
    qint64 step = 1;
    for (qint64 mag = 1; step * pxPer < minGapPx && mag < (qint64(1) << 60) / 10; mag *= 10)
        for (qint64 m : {1, 2, 5, 10})
            if ((step = m * mag) * pxPer >= minGapPx) break;
    std::vector<qint64> ticks{first};
    const auto farEnough = [&](qint64 a, qint64 b) { return static_cast<double>(b - a) * pxPer >= minGapPx; };
    for (qint64 t = (first / step + 1) * step; t < last; t += step)
        if (farEnough(ticks.back(), t) && farEnough(t, last)) ticks.push_back(t);
    ticks.push_back(last);
    return ticks;
}

} // namespace dsl::ui
