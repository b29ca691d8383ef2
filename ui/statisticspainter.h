// StatisticsPainter: draws the Streaming tab's rows (a timeline and a histogram per metric) from
// one paint-params value onto any QPainter: the screen, a PNG, an SVG (docs/conventions.md §12).
#pragma once

#include "statisticsmapping.h"
#include "theme.h"

#include <QColor>
#include <QPainter>
#include <QString>

#include <optional>
#include <vector>

namespace dsl::ui {

/// A further line of a row, drawn under its main one (the estimated-rate row: a line per other
/// input stream and the input rate to compare with), named in the row's legend.
struct StatisticsPaintLine {
    QString name;
    QColor color;
    std::vector<StatisticsPoint> drawn; ///< bucketed as the main line
    bool dashed = false;
};

/// One row as it is drawn. Values are in the row's own unit (records/s, ms); the axes divide
/// them by unitScale.
struct StatisticsPaintRow {
    QString title;         ///< "Input Rate"
    QString detail;        ///< "Avg: 12.00 records/sec"
    QString tooltip;       ///< what the label's tooltip says (Spark's "(?)" texts)
    QString unit;          ///< "records/sec", "ms", "sec"
    double unitScale = 1;  ///< axis value = value / unitScale
    bool expandable = false, expanded = false; ///< Input Rate: per stream rows below it
    bool indented = false; ///< a stream's row
    QColor color;
    QRectF label;
    StatisticsMapping timeline;          ///< its plot is the timeline's plot area
    QRectF histogram;                    ///< the histogram's plot area (bars grow rightwards)
    std::vector<StatisticsPoint> drawn;  ///< bucketed (StatisticsMapping::bucket)
    bool markers = true;                 ///< a marker on every drawn point (few points)
    std::vector<int> bins;
    std::optional<double> interval;      ///< the dashed batch-interval line, in the row's unit
    QString intervalLabel;               ///< named on the line ("batch interval 1 s")
    /// The dashed limit line: the receivers' spark.streaming.receiver.maxRate, in the row's unit
    /// (an input stream's row: its receiver's; Input Rate: their sum when every stream has one).
    std::optional<double> limit;
    QString limitLabel;                  ///< named on the line ("maxRate 100 records/s")
    QString lineName;                    ///< the main line in the legend (empty: no legend)
    std::vector<StatisticsPaintLine> lines; ///< drawn under the main line
    bool stable = false;                 ///< "stable" below the line (every processing time within it)
    std::optional<StatisticsPoint> selected; ///< the selected batch's value in this row
};

struct StatisticsPaintParams {
    const Theme *theme = nullptr;
    QRectF bounds;
    QString timelinesTitle, histogramsTitle; ///< the column titles
    QString batchesLabel;                    ///< "#batches" on the histograms' axis
    QString stableText;                      ///< "stable"
    QString firstTime, lastTime;             ///< the shared time axis' two labels (Spark's)
    double axisBand = 20;                    ///< height of the time axis under the last row
    std::vector<StatisticsPaintRow> rows;
    int histogramMax = 1;                    ///< every histogram's count axis ends here (Spark's maxXForHistogram)
    std::optional<qint64> selectedBatch;
};

class StatisticsPainter {
public:
    explicit StatisticsPainter(const StatisticsPaintParams &p) : m_p(p), m_t(*p.theme) {}
    void paint(QPainter &painter) const;
    void paintBackground(QPainter &painter) const;
    void paintTitles(QPainter &painter) const;
    void paintLabel(QPainter &painter, const StatisticsPaintRow &row) const;
    void paintTimeline(QPainter &painter, const StatisticsPaintRow &row) const;
    void paintHistogram(QPainter &painter, const StatisticsPaintRow &row) const;
    /// A row with several lines and no histogram names them where the histogram would be.
    void paintLegend(QPainter &painter, const StatisticsPaintRow &row) const;
    void paintTimeAxis(QPainter &painter) const;
    /// Where a row's dashed line at `value` names itself: above the line unless that hides a
    /// point or leaves the plot, then below it; at the plot's left.
    static QRectF lineLabelBox(const StatisticsPaintRow &row, double value, double textWidth, double textHeight, const Theme &t);
    /// A failed batch's marker: a triangle (not colour alone), centred on c.
    static QPolygonF failedMarker(const QPointF &c, double size);
    /// An axis number: up to two decimals, trailing zeros dropped ("2.5", "500").
    static QString axisNumber(double v);

private:
    const StatisticsPaintParams &m_p;
    const Theme &m_t;
};

} // namespace dsl::ui
