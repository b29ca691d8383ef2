// StatisticsMapping: pure geometry and bucketing of the Streaming tab.
#include "statisticsmapping.h"

#include <algorithm>
#include <cmath>

namespace dsl::ui {

StatisticsMapping::StatisticsMapping(const QRectF &plot, qint64 minMs, qint64 maxMs, double maxY)
    : m_plot(plot), m_minMs(minMs), m_maxMs(std::max(maxMs, minMs + 1)), m_maxY(maxY > 0 ? maxY : 1)
{
}

double StatisticsMapping::x(qint64 batchMs) const
{
    return m_plot.left() + m_plot.width() * static_cast<double>(batchMs - m_minMs) / static_cast<double>(m_maxMs - m_minMs);
}

double StatisticsMapping::y(double value) const { return m_plot.bottom() - m_plot.height() * value / m_maxY; }

qint64 StatisticsMapping::batchAt(double px) const
{
    const double f = std::clamp((px - m_plot.left()) / std::max(1.0, m_plot.width()), 0.0, 1.0);
    return m_minMs + std::llround(f * static_cast<double>(m_maxMs - m_minMs));
}

std::vector<StatisticsPoint> StatisticsMapping::bucket(const std::vector<StatisticsPoint> &points, qint64 minMs, qint64 maxMs,
                                                       int columns)
{
    columns = std::clamp(columns, 1, kMaxColumns);
    const qint64 span = std::max<qint64>(1, maxMs - minMs + 1);
    const auto columnOf = [&](qint64 ms) {
        const qint64 c = (std::clamp(ms, minMs, maxMs) - minMs) * columns / span;
        return static_cast<int>(std::min<qint64>(c, columns - 1));
    };
    std::vector<StatisticsPoint> out;
    out.reserve(std::min<std::size_t>(points.size(), std::size_t(columns) * kPointsPerColumn));
    for (std::size_t i = 0; i < points.size();) {
        // The points are in batch-time order: a column is a run of them.
        const int c = columnOf(points[i].batchMs);
        std::size_t j = i;
        while (j < points.size() && columnOf(points[j].batchMs) == c) ++j;
        if (j - i <= static_cast<std::size_t>(kPointsPerColumn)) {
            out.insert(out.end(), points.begin() + static_cast<std::ptrdiff_t>(i), points.begin() + static_cast<std::ptrdiff_t>(j));
        } else {
            std::size_t lo = i, hi = i;
            std::optional<std::size_t> failed;
            for (std::size_t k = i; k < j; ++k) {
                if (points[k].value < points[lo].value) lo = k;
                if (points[k].value > points[hi].value) hi = k;
                if (points[k].failed && (!failed || points[k].value > points[*failed].value)) failed = k;
            }
            std::vector<std::size_t> keep{lo};
            if (hi != lo) keep.push_back(hi);
            if (failed && !points[lo].failed && !points[hi].failed) keep.push_back(*failed);
            std::sort(keep.begin(), keep.end());
            for (std::size_t k : keep) out.push_back(points[k]);
        }
        i = j;
    }
    return out;
}

std::vector<int> StatisticsMapping::histogram(const std::vector<StatisticsPoint> &points, double maxY, int bins)
{
    std::vector<int> counts(static_cast<std::size_t>(std::max(1, bins)), 0);
    for (const auto &p : points) {
        if (p.value < 0 || p.value > maxY) continue;
        int b = maxY > 0 ? static_cast<int>(std::floor(p.value * bins / maxY)) : 0;
        ++counts[static_cast<std::size_t>(std::clamp(b, 0, bins - 1))];
    }
    return counts;
}

std::optional<std::size_t> StatisticsMapping::nearest(const std::vector<StatisticsPoint> &drawn, const QPointF &pos,
                                                      double radius) const
{
    std::optional<std::size_t> best;
    double bestD = radius * radius;
    for (std::size_t i = 0; i < drawn.size(); ++i) {
        const double dx = x(drawn[i].batchMs) - pos.x(), dy = y(drawn[i].value) - pos.y();
        // Horizontal distance counts most: a point is found by its column, even off its line.
        const double d = dx * dx + 0.25 * dy * dy;
        if (d <= bestD) {
            bestD = d;
            best = i;
        }
    }
    return best;
}

double StatisticsMapping::niceCeil(double v)
{
    if (!(v > 0)) return 1;
    const double mag = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * mag >= v * (1 - 1e-12)) return m * mag;
    return 10 * mag;
}

StatisticsMapping::TimeUnit StatisticsMapping::normalizeDuration(qint64 maxMs)
{
    // streaming/ui/UIUtils.normalizeDuration: the largest unit the value is at least one of.
    if (maxMs < 1000) return {1, "ms"};
    if (maxMs < 60 * 1000) return {1000, "sec"};
    if (maxMs < 3600 * 1000) return {60 * 1000, "min"};
    if (maxMs < 24 * 3600 * 1000) return {3600 * 1000, "hrs"};
    return {24.0 * 3600 * 1000, "days"};
}

std::vector<StatisticsMapping::RowRects> StatisticsMapping::rowRects(const QRectF &area, int rows, double titleHeight,
                                                                    double labelWidth, double histogramFraction)
{
    std::vector<RowRects> out;
    if (rows <= 0) return out;
    const double rowH = std::max(0.0, (area.height() - titleHeight) / rows);
    const double rest = std::max(0.0, area.width() - labelWidth);
    const double histW = rest * std::clamp(histogramFraction, 0.0, 1.0);
    const double timeW = rest - histW;
    for (int r = 0; r < rows; ++r) {
        const double top = area.top() + titleHeight + r * rowH;
        RowRects rr;
        rr.label = QRectF(area.left(), top, labelWidth, rowH);
        rr.timeline = QRectF(area.left() + labelWidth, top, timeW, rowH);
        rr.histogram = QRectF(area.left() + labelWidth + timeW, top, histW, rowH);
        out.push_back(rr);
    }
    return out;
}

} // namespace dsl::ui
