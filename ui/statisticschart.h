// StatisticsChart: the Streaming tab's four rows (Input Rate, Scheduling Delay, Processing Time,
// Total Delay), each a timeline and a histogram, and under backpressure an estimated-rate row,
// painted with StatisticsPainter; hover names a point, a click selects its batch.
#pragma once

#include "statisticspainter.h"
#include "statisticsseries.h"

#include <QWidget>

#include <optional>

namespace dsl::ui {

class StatisticsChart : public QWidget {
    Q_OBJECT
public:
    /// EstimatedRate exists only while showsEstimatedRate(): under Input Rate (and its streams).
    enum Row { InputRate, SchedulingDelay, ProcessingTime, TotalDelay, EstimatedRate };

    explicit StatisticsChart(QWidget *parent = nullptr);

    void setSeries(StatisticsSeries series);
    const StatisticsSeries &series() const { return m_series; }
    void setTheme(const Theme &theme);
    void setSelectedBatch(std::optional<qint64> batchMs);
    /// Input Rate's rows per input stream (Spark's "Show/hide details of each receiver").
    void setStreamsExpanded(bool on);
    bool streamsExpanded() const { return m_expanded; }

    /// Everything a paint of this size needs (the screen, a PNG, an SVG).
    static StatisticsPaintParams paramsFor(const StatisticsSeries &s, const Theme &t, const QRectF &bounds,
                                           std::optional<qint64> selected, bool expanded);
    /// The params of the current paint (rebuilt when something changed).
    const StatisticsPaintParams &params() const;
    /// The painted row of a metric (stream rows excluded; EstimatedRate only while shown).
    const StatisticsPaintRow &row(Row r) const;
    /// Some batch carries a RateController estimate (backpressure): the estimated-rate row is drawn.
    bool showsEstimatedRate() const { return !m_series.estimatedRates.empty(); }
    /// Where a batch's point of a row is drawn (nullopt: the row has no value for it).
    std::optional<QPointF> pointPosition(Row r, qint64 batchMs) const;
    /// The tooltip at a position ("12.00 records/sec at 10:00:05"), empty over nothing.
    QString textAt(const QPointF &pos) const;
    /// The batch a click at pos selects.
    std::optional<qint64> batchAt(const QPointF &pos) const;
    /// The word "stable" is drawn (every processing time within the interval, and the stability
    /// rule does not say unstable).
    bool showsStable() const;
    /// Renders at a size into a file: ".svg" through QSvgGenerator, else a PNG. False on error.
    bool exportTo(const QString &fileName, const QSize &size) const;
    /// The SVG document of a render at a size.
    QByteArray svg(const QSize &size) const;

    QSize minimumSizeHint() const override;

signals:
    void batchClicked(qint64 batchMs);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    void invalidate();
    const StatisticsPaintRow *rowAt(const QPointF &pos) const;

    StatisticsSeries m_series;
    Theme m_theme = Theme::make(Theme::Kind::Light, false);
    std::optional<qint64> m_selected;
    bool m_expanded = false;
    mutable std::optional<StatisticsPaintParams> m_params; ///< view-local cache of the paint's params
};

} // namespace dsl::ui
