// StatisticsChart: builds the paint params of the Streaming tab's rows, paints and answers the mouse.
#include "statisticschart.h"

#include "statisticstext.h"

#include <QBuffer>
#include <QContextMenuEvent>
#include <QFile>
#include <QFileDialog>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QImage>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QSvgGenerator>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace dsl::ui {

namespace {
constexpr double kHistogramFraction = 0.26;

std::optional<StatisticsPoint> pointOf(const std::vector<StatisticsPoint> &points, qint64 ms)
{
    auto it = std::lower_bound(points.begin(), points.end(), ms, [](const StatisticsPoint &p, qint64 t) { return p.batchMs < t; });
    if (it == points.end() || it->batchMs != ms) return std::nullopt;
    return *it;
}
} // namespace

StatisticsChart::StatisticsChart(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void StatisticsChart::invalidate()
{
    m_params.reset();
    update();
}

void StatisticsChart::setSeries(StatisticsSeries series)
{
    if (series == m_series) return;
    m_series = std::move(series);
    invalidate();
}

void StatisticsChart::setTheme(const Theme &theme)
{
    m_theme = theme;
    updateGeometry();
    invalidate();
}

void StatisticsChart::setSelectedBatch(std::optional<qint64> batchMs)
{
    if (batchMs == m_selected) return;
    m_selected = batchMs;
    invalidate();
}

void StatisticsChart::setStreamsExpanded(bool on)
{
    if (on == m_expanded) return;
    m_expanded = on;
    updateGeometry();
    invalidate();
}

QSize StatisticsChart::minimumSizeHint() const
{
    const int rows = 4 + (m_expanded ? static_cast<int>(m_series.streams.size()) : 0) + (showsEstimatedRate() ? 1 : 0);
    return QSize(static_cast<int>(m_theme.px(520)), static_cast<int>(m_theme.px(24) + rows * m_theme.px(42) + m_theme.px(20)));
}

StatisticsPaintParams StatisticsChart::paramsFor(const StatisticsSeries &s, const Theme &t, const QRectF &bounds,
                                                 std::optional<qint64> selected, bool expanded)
{
    StatisticsPaintParams p;
    p.theme = &t;
    p.bounds = bounds;
    p.selectedBatch = selected;
    // StreamingPage.generateStatTable's column titles.
    p.timelinesTitle = tr("Timelines (Last %1 batches, %2 active, %3 completed)").arg(s.retained).arg(s.active).arg(s.completed);
    p.histogramsTitle = tr("Histograms");
    p.batchesLabel = tr("#batches");
    p.stableText = tr("stable");
    // Spark's time axis names its first and last batch only (without milliseconds).
    if (s.retained > 0) {
        p.firstTime = StatisticsText::batchTime(s.minBatchMs, std::max<qint64>(s.intervalMs, 1000));
        p.lastTime = StatisticsText::batchTime(s.maxBatchMs, std::max<qint64>(s.intervalMs, 1000));
    }

    // The y ranges: one for the input rates, one shared by the scheduling and total delays
    // (Spark's maxTime); a delay range reaches the interval once a delay comes within 40 % of it,
    // so the dashed line shows where it matters and tiny delays are not flattened against a far
    // line. Processing Time has a range of its own, unlike StreamingPage.scala: the dashed
    // interval line is what a class reads it against, and a growing scheduling delay would
    // squash 1.4 s against 1 s at the bottom of a shared one. It ends a little above the line,
    // so the line never lies on the plot's top edge.
    // The rates' range reaches a little above the receivers' maxRate lines (spark.streaming.
    // receiver.maxRate), as Processing Time's does above the interval line.
    double rateTop = std::max(1.0, s.maxRate());
    const std::optional<double> inputLimit = s.inputRateLimit();
    if (inputLimit) rateTop = std::max(rateTop, *inputLimit * 1.1);
    for (const auto &sr : s.streams) rateTop = std::max(rateTop, sr.maxRate * 1.1);
    const double rateMax = StatisticsMapping::niceCeil(rateTop);
    const auto limitLabel = [](double v, bool sum) {
        const QString n = StatisticsPainter::axisNumber(v);
        return sum ? tr("sum of maxRate %1 records/s").arg(n) : tr("maxRate %1 records/s").arg(n);
    };
    const auto inputStreams = std::count_if(s.streams.begin(), s.streams.end(), [](const auto &sr) { return !sr.partition; });
    const auto interval = static_cast<double>(s.intervalMs);
    struct DelayScale {
        StatisticsMapping::TimeUnit unit;
        double maxY = 1;
        QString unitName;
    };
    const auto delayScale = [&](double maxMs, double intervalTop) {
        DelayScale d;
        const double top = std::max({maxMs >= 0.4 * interval ? intervalTop : 0.0, maxMs, 1.0});
        d.unit = StatisticsMapping::normalizeDuration(static_cast<qint64>(std::ceil(top)));
        d.maxY = StatisticsMapping::niceCeil(top / d.unit.msPerUnit) * d.unit.msPerUnit;
        // UIUtils.shortTimeUnitString's names.
        d.unitName = d.unit.msPerUnit == 1             ? tr("ms")
                     : d.unit.msPerUnit == 1000        ? tr("sec")
                     : d.unit.msPerUnit == 60 * 1000   ? tr("min")
                     : d.unit.msPerUnit == 3600 * 1000 ? tr("hrs")
                                                       : tr("days");
        return d;
    };
    double maxOther = 0, maxProcessing = 0;
    for (const auto *v : {&s.schedulingDelay, &s.totalDelay})
        for (const auto &p : *v) maxOther = std::max(maxOther, p.value);
    for (const auto &p : s.processingTime) maxProcessing = std::max(maxProcessing, p.value);
    const DelayScale delays = delayScale(maxOther, interval), processing = delayScale(maxProcessing, interval * 1.1);

    struct Spec {
        QString title, detail, unit;
        double scale, maxY;
        const std::vector<StatisticsPoint> *points;
        QColor color;
        bool expandable = false, indented = false;
        std::optional<double> interval;
        bool stable = false;
        QString tooltip = {};
        QString intervalLabel = {};
        QString lineName = {};                   ///< with a legend instead of a histogram
        std::vector<StatisticsPaintLine> lines = {}; ///< their drawn points not bucketed yet
        std::optional<double> limit = {};        ///< the receivers' maxRate
        QString limitLabel = {};
    };
    std::vector<Spec> specs;
    specs.push_back({tr("Input Rate"), StatisticsText::averageRate(StatisticsSeries::average(s.inputRate)), tr("records/sec"), 1,
                     rateMax, &s.inputRate, t.ok, !s.streams.empty()});
    if (inputLimit) {
        specs.back().limit = inputLimit;
        specs.back().limitLabel = limitLabel(*inputLimit, inputStreams > 1);
    }
    if (expanded)
        for (const auto &sr : s.streams) {
            specs.push_back({sr.name, StatisticsText::averageRate(StatisticsSeries::average(sr.points)), tr("records/sec"), 1, rateMax,
                             &sr.points, t.ok.lighter(t.isDark() ? 125 : 90), false, true});
            if (sr.maxRate > 0) {
                specs.back().limit = sr.maxRate;
                specs.back().limitLabel = limitLabel(sr.maxRate, false);
            }
        }
    if (!s.estimatedRates.empty()) {
        // Backpressure (spark.streaming.backpressure.enabled): each input stream's RateController
        // (streaming/scheduler/RateController.scala) turns every completed batch into a rate
        // estimate (PIDRateEstimator: records processed per second of processing, corrected by
        // the scheduling delay), which the receiver's RateLimiter then admits at most. The first
        // stream's estimate is the row's main line (hover, click); the others and the input rate,
        // dashed in the Input Rate row's colour, are drawn with it to be read against each other.
        const QColor colors[3] = {t.processingTime, t.totalDelay, t.schedulingDelay};
        double top = 1;
        for (const auto &p : s.inputRate) top = std::max(top, p.value);
        for (const auto &e : s.estimatedRates)
            for (const auto &p : e.points) top = std::max(top, p.value);
        const auto &main = s.estimatedRates.front();
        Spec sp{tr("Estimated rate (backpressure)"),
                tr("Latest: %1 records/sec").arg(StatisticsText::number2(main.points.back().value)),
                tr("records/sec"),
                1,
                StatisticsMapping::niceCeil(top),
                &main.points,
                colors[0]};
        sp.tooltip = tr("With spark.streaming.backpressure.enabled, each input stream's rate controller estimates from "
                        "every completed batch how many records per second the job can process; the receiver then "
                        "accepts at most that many.");
        // One stream: the row's title names it already, and the legend stays short enough for
        // the histogram column in presenter type.
        sp.lineName = s.estimatedRates.size() == 1 ? tr("Estimated rate") : tr("%1 (estimated)").arg(main.name);
        for (std::size_t i = 1; i < s.estimatedRates.size(); ++i)
            sp.lines.push_back({tr("%1 (estimated)").arg(s.estimatedRates[i].name), colors[i % 3], s.estimatedRates[i].points});
        sp.lines.push_back({tr("Input Rate"), t.ok, s.inputRate, true});
        specs.push_back(std::move(sp));
    }
    // The rows' "(?)" tooltips are Spark's (StreamingPage.generateStatTable).
    specs.push_back({tr("Scheduling Delay"), StatisticsText::averageDuration(StatisticsSeries::averageMs(s.schedulingDelay)),
                     delays.unitName, delays.unit.msPerUnit, delays.maxY, &s.schedulingDelay, t.schedulingDelay, false, false, std::nullopt, false,
                     tr("Time taken by Streaming scheduler to submit jobs of a batch")});
    specs.push_back({tr("Processing Time"), StatisticsText::averageDuration(StatisticsSeries::averageMs(s.processingTime)),
                     processing.unitName, processing.unit.msPerUnit, processing.maxY, &s.processingTime, t.processingTime, false, false, interval,
                     s.isStable() && s.stability.stability != experiment::Stability::Unstable,
                     tr("Time taken to process all jobs of a batch"),
                     tr("batch interval %1").arg(StatisticsText::shortDuration(s.intervalMs))});
    specs.push_back({tr("Total Delay"), StatisticsText::averageDuration(StatisticsSeries::averageMs(s.totalDelay)),
                     delays.unitName, delays.unit.msPerUnit, delays.maxY, &s.totalDelay, t.totalDelay, false, false, std::nullopt, false,
                     tr("Total time taken to handle a batch")});

    // The label column fits its widest text (within limits), the value axis its widest label.
    const QFontMetricsF titleM(t.font(1.05, true)), detailM(t.font(0.95)), axisM(t.font(0.9)), headM(t.font(0.95, true));
    double labelW = 0, axisW = 0;
    for (const Spec &sp : specs) {
        labelW = std::max({labelW, titleM.horizontalAdvance(QStringLiteral("\u25BE ") + sp.title), detailM.horizontalAdvance(sp.detail)});
        axisW = std::max(axisW, axisM.horizontalAdvance(StatisticsPainter::axisNumber(sp.maxY / sp.scale) + QLatin1Char(' ') + sp.unit));
    }
    labelW = std::clamp(labelW + t.px(22), t.px(150), t.px(300));
    axisW += t.px(10);
    p.axisBand = axisM.height() + t.px(4);
    const double titleH = headM.height() + t.px(8);
    const QRectF area = bounds.adjusted(0, 0, 0, -p.axisBand);
    // A narrow chart (presenter type in a small window) leaves the timelines more of its width.
    const double histogramFraction = bounds.width() < t.px(900) ? kHistogramFraction * 0.8 : kHistogramFraction;
    const auto rects = StatisticsMapping::rowRects(area, static_cast<int>(specs.size()), titleH, labelW, histogramFraction);
    const double topPad = axisM.height() * 0.6 + t.px(2), bottomPad = t.px(5);
    for (std::size_t i = 0; i < specs.size(); ++i) {
        const Spec &sp = specs[i];
        const auto &rr = rects[i];
        StatisticsPaintRow row;
        row.title = sp.title;
        row.detail = sp.detail;
        row.tooltip = sp.tooltip;
        row.unit = sp.unit;
        row.unitScale = sp.scale;
        row.expandable = sp.expandable;
        row.expanded = expanded;
        row.indented = sp.indented;
        row.color = sp.color;
        row.label = rr.label;
        const QRectF plot = rr.timeline.adjusted(axisW, topPad, -t.px(14), -bottomPad);
        row.timeline = StatisticsMapping(plot, s.minBatchMs, s.maxBatchMs, sp.maxY);
        row.histogram = QRectF(rr.histogram.left() + t.px(6), plot.top(), std::max(0.0, rr.histogram.width() - t.px(16)), plot.height());
        row.drawn = StatisticsMapping::bucket(*sp.points, s.minBatchMs, s.maxBatchMs, static_cast<int>(std::max(1.0, plot.width())));
        row.markers = static_cast<double>(row.drawn.size()) <= plot.width() / t.px(7);
        // A row of several lines has no histogram (Spark has no such row); its legend is there.
        if (sp.lineName.isEmpty()) row.bins = StatisticsMapping::histogram(*sp.points, sp.maxY);
        row.lineName = sp.lineName;
        for (StatisticsPaintLine l : sp.lines) {
            l.drawn = StatisticsMapping::bucket(l.drawn, s.minBatchMs, s.maxBatchMs, static_cast<int>(std::max(1.0, plot.width())));
            row.lines.push_back(std::move(l));
        }
        row.interval = sp.interval;
        row.intervalLabel = sp.intervalLabel;
        row.limit = sp.limit;
        row.limitLabel = sp.limitLabel;
        row.stable = sp.stable;
        if (selected) row.selected = pointOf(*sp.points, *selected);
        for (int c : row.bins) p.histogramMax = std::max(p.histogramMax, c);
        p.rows.push_back(std::move(row));
    }
    return p;
}

const StatisticsPaintParams &StatisticsChart::params() const
{
    if (!m_params) m_params = paramsFor(m_series, m_theme, QRectF(rect()), m_selected, m_expanded);
    return *m_params;
}

const StatisticsPaintRow &StatisticsChart::row(Row r) const
{
    const auto &rows = params().rows;
    const std::size_t streams = m_expanded ? m_series.streams.size() : 0;
    const std::size_t estimated = showsEstimatedRate() ? 1 : 0;
    Q_ASSERT(r != EstimatedRate || estimated);
    return rows[r == InputRate ? 0 : r == EstimatedRate ? 1 + streams : static_cast<std::size_t>(r) + streams + estimated];
}

std::optional<QPointF> StatisticsChart::pointPosition(Row r, qint64 batchMs) const
{
    // No estimated-rate row without backpressure: ask before row(), which has none to give.
    if (r == EstimatedRate && !showsEstimatedRate()) return std::nullopt;
    const StatisticsPaintRow &pr = row(r);
    const std::vector<StatisticsPoint> &all = r == InputRate         ? m_series.inputRate
                                              : r == SchedulingDelay ? m_series.schedulingDelay
                                              : r == ProcessingTime  ? m_series.processingTime
                                              : r == EstimatedRate   ? m_series.estimatedRates.front().points
                                                                     : m_series.totalDelay;
    const auto p = pointOf(all, batchMs);
    if (!p) return std::nullopt;
    return QPointF(pr.timeline.x(p->batchMs), pr.timeline.y(p->value));
}

bool StatisticsChart::showsStable() const { return row(ProcessingTime).stable; }

const StatisticsPaintRow *StatisticsChart::rowAt(const QPointF &pos) const
{
    for (const auto &r : params().rows)
        if (pos.y() >= r.label.top() && pos.y() < r.label.bottom()) return &r;
    return nullptr;
}

std::optional<qint64> StatisticsChart::batchAt(const QPointF &pos) const
{
    const StatisticsPaintRow *r = rowAt(pos);
    if (!r || r->drawn.empty()) return std::nullopt;
    const QRectF plot = r->timeline.plot();
    if (pos.x() < plot.left() - m_theme.px(10) || pos.x() > plot.right() + m_theme.px(10)) return std::nullopt;
    const auto i = r->timeline.nearest(r->drawn, pos, m_theme.px(24));
    if (!i) return std::nullopt;
    return r->drawn[*i].batchMs;
}

QString StatisticsChart::textAt(const QPointF &pos) const
{
    const StatisticsPaintRow *r = rowAt(pos);
    if (!r) return {};
    const qint64 intervalMs = m_series.intervalMs;
    if (const auto ms = batchAt(pos)) {
        const auto i = r->timeline.nearest(r->drawn, pos, m_theme.px(24));
        const StatisticsPoint &p = r->drawn[*i];
        // streaming-page.js: formatYValue(d.y) + " " + unitY + " at " + timeFormat[d.x].
        QString text = tr("%1 %2 at %3").arg(StatisticsText::number2(p.value / r->unitScale), r->unit,
                                             StatisticsText::batchTime(p.batchMs, intervalMs));
        if (p.failed) text += QLatin1Char('\n') + tr("The batch failed (an output operation raised).");
        return text;
    }
    const QRectF h = r->histogram;
    if (pos.x() >= h.left() && pos.x() <= h.right() && pos.y() >= h.top() && pos.y() <= h.bottom() && !r->bins.empty()) {
        const int bins = static_cast<int>(r->bins.size());
        const double frac = (h.bottom() - pos.y()) / std::max(1.0, h.height());
        const int b = std::clamp(static_cast<int>(frac * bins), 0, bins - 1);
        int total = 0;
        for (int c : r->bins) total += c;
        const int c = r->bins[static_cast<std::size_t>(b)];
        if (c == 0 || total == 0) return {};
        const double lo = r->timeline.maxY() * b / bins / r->unitScale, hi = r->timeline.maxY() * (b + 1) / bins / r->unitScale;
        // streaming-page.js: d.y + " batches (" + percent + ") between " + ... + unitY.
        return tr("%1 batches (%2%) between %3 and %4 %5")
            .arg(c)
            .arg(StatisticsText::number2(c * 100.0 / total), StatisticsText::number2(lo), StatisticsText::number2(hi), r->unit);
    }
    if (r->expandable && r->label.contains(pos)) return tr("Show/hide details of each receiver");
    if (r->label.contains(pos)) return r->tooltip;
    // "stable" explains itself as Spark's does.
    if (r->stable && h.contains(pos))
        return tr("Processing Time <= Batch Interval (%1)").arg(StatisticsText::durationVerbose(m_series.intervalMs));
    return {};
}

void StatisticsChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    StatisticsPainter(params()).paint(painter);
}

void StatisticsChart::resizeEvent(QResizeEvent *event)
{
    m_params.reset();
    QWidget::resizeEvent(event);
}

bool StatisticsChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = textAt(help->pos());
        if (text.isEmpty()) QToolTip::hideText();
        else QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void StatisticsChart::mouseMoveEvent(QMouseEvent *event)
{
    const QPointF pos = event->position();
    const StatisticsPaintRow *r = rowAt(pos);
    const bool over = batchAt(pos).has_value() || (r && r->expandable && r->label.contains(pos));
    setCursor(over ? Qt::PointingHandCursor : Qt::ArrowCursor);
    // A tooltip follows the pointer from point to point without waiting for the delay.
    if (QToolTip::isVisible()) {
        const QString text = textAt(pos);
        if (text.isEmpty()) QToolTip::hideText();
        else QToolTip::showText(event->globalPosition().toPoint(), text, this);
    }
    QWidget::mouseMoveEvent(event);
}

void StatisticsChart::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) return QWidget::mousePressEvent(event);
    const QPointF pos = event->position();
    if (const StatisticsPaintRow *r = rowAt(pos); r && r->expandable && r->label.contains(pos)) {
        setStreamsExpanded(!m_expanded);
        return;
    }
    if (const auto ms = batchAt(pos)) emit batchClicked(*ms);
}

void StatisticsChart::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    QAction *png = menu.addAction(tr("Export PNG..."));
    QAction *svgAction = menu.addAction(tr("Export SVG..."));
    QAction *chosen = menu.exec(event->globalPos());
    if (!chosen) return;
    const bool asSvg = chosen == svgAction;
    Q_UNUSED(png);
    const QString file = QFileDialog::getSaveFileName(this, asSvg ? tr("Export SVG") : tr("Export PNG"),
                                                      asSvg ? QStringLiteral("streaming.svg") : QStringLiteral("streaming.png"),
                                                      asSvg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)"));
    if (!file.isEmpty()) exportTo(file, size());
}

void StatisticsChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) invalidate();
    QWidget::changeEvent(event);
}

QByteArray StatisticsChart::svg(const QSize &size) const
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator gen;
    gen.setOutputDevice(&buffer);
    gen.setSize(size);
    gen.setViewBox(QRect(QPoint(0, 0), size));
    gen.setTitle(tr("Streaming Statistics"));
    {
        const StatisticsPaintParams p = paramsFor(m_series, m_theme, QRectF(QPointF(0, 0), QSizeF(size)), m_selected, m_expanded);
        QPainter painter(&gen);
        StatisticsPainter(p).paint(painter);
    }
    return buffer.data();
}

bool StatisticsChart::exportTo(const QString &fileName, const QSize &size) const
{
    if (fileName.endsWith(QStringLiteral(".svg"), Qt::CaseInsensitive)) {
        QFile f(fileName);
        if (!f.open(QIODevice::WriteOnly)) return false;
        return f.write(svg(size)) >= 0;
    }
    QImage image(size * 2, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2);
    const StatisticsPaintParams p = paramsFor(m_series, m_theme, QRectF(QPointF(0, 0), QSizeF(size)), m_selected, m_expanded);
    QPainter painter(&image);
    StatisticsPainter(p).paint(painter);
    painter.end();
    return image.save(fileName);
}

} // namespace dsl::ui
