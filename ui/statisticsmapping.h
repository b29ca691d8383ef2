// StatisticsMapping: the Streaming tab's geometry: batch time and value to pixels in one row's
// timeline, the points a timeline draws (bucketed per pixel column), a histogram's bins, the
// rows' rectangles and the y scale (docs/conventions.md §11: no widget, tested with data rows).
#pragma once

#include "statisticsseries.h"

#include <QRectF>

#include <optional>
#include <vector>

namespace dsl::ui {

class StatisticsMapping {
public:
    /// A timeline draws at most kPointsPerColumn points in each of at most kMaxColumns columns,
    /// whatever the run's length: painting costs the same after 10,000 batches as after 100.
    static constexpr int kMaxColumns = 600;
    static constexpr int kPointsPerColumn = 3;
    /// Spark's histograms: 10 equal bins over the row's y range (streaming-page.js).
    static constexpr int kHistogramBins = 10;

    StatisticsMapping() = default;
    /// The plot rectangle, its batch-time span [minMs, maxMs] left to right and values [0, maxY]
    /// bottom to top.
    StatisticsMapping(const QRectF &plot, qint64 minMs, qint64 maxMs, double maxY);

    const QRectF &plot() const { return m_plot; }
    double maxY() const { return m_maxY; }
    double x(qint64 batchMs) const;
    double y(double value) const;
    /// The batch time at a horizontal position (clamped to the span).
    qint64 batchAt(double x) const;

    /// The points a timeline draws: the batches split into `columns` equal spans of batch time
    /// (at most kMaxColumns); a span keeps every point if it has at most kPointsPerColumn, else
    /// its smallest and largest value and, if neither failed, its largest failed one (a failure
    /// is never bucketed away). In batch-time order.
    static std::vector<StatisticsPoint> bucket(const std::vector<StatisticsPoint> &points, qint64 minMs, qint64 maxMs,
                                               int columns);
    /// d3.layout.histogram().range([0, maxY]).bins(bins): equal bins, each holding values in
    /// [lower, upper), the last one also maxY; values outside [0, maxY] are left out.
    static std::vector<int> histogram(const std::vector<StatisticsPoint> &points, double maxY, int bins = kHistogramBins);
    /// The index of the drawn point nearest to pos within `radius` px (nullopt: none).
    std::optional<std::size_t> nearest(const std::vector<StatisticsPoint> &drawn, const QPointF &pos, double radius) const;

    /// The smallest 1-2-2.5-5 x 10^k at or above v (1 for v <= 0): the top of a y axis.
    static double niceCeil(double v);
    /// UIUtils.normalizeDuration's unit for the largest delay: the divisor from ms and Spark's
    /// short name ("ms", "sec", "min", "hrs", "days").
    struct TimeUnit {
        double msPerUnit = 1;
        const char *shortName = "ms";
        bool operator==(const TimeUnit &o) const { return msPerUnit == o.msPerUnit; }
    };
    static TimeUnit normalizeDuration(qint64 maxMs);

    /// One row's three cells: the label column, the timeline and the histogram beside it.
    struct RowRects {
        QRectF label, timeline, histogram;
    };
    /// `rows` rows stacked in `area` (below its column titles, titleHeight), each split into a
    /// label column of labelWidth, a timeline and a histogram of histogramFraction of the rest.
    static std::vector<RowRects> rowRects(const QRectF &area, int rows, double titleHeight, double labelWidth,
                                          double histogramFraction);

private:
    QRectF m_plot;
    qint64 m_minMs = 0, m_maxMs = 1;
    double m_maxY = 1;
};

} // namespace dsl::ui
