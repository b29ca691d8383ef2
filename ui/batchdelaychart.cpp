// BatchDelayChart: the Qt Charts adapter for per-batch delays.
#include "batchdelaychart.h"

#include "batchselection.h"
#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "theme.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <utility>

namespace dsl::ui {

namespace {
constexpr double kShownSeconds = 60.0; ///< the x axis spans the last minute of batches
constexpr int kMinApplyMs = 250;       ///< while running: at most 4 series updates a second
constexpr int kDeferMs = 33;           ///< while running: two display frames after the snapshot
}

BatchDelayChart::BatchDelayChart(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_chart(new QChart), m_scheduling(new QLineSeries),
      m_processing(new QLineSeries), m_total(new QLineSeries), m_interval(new QLineSeries), m_over(new QScatterSeries),
      m_selected(new QScatterSeries), m_x(new QValueAxis), m_y(new QValueAxis)
{
    for (QLineSeries *s : {m_scheduling, m_processing, m_total}) {
        s->setPointsVisible(true);
        m_chart->addSeries(s);
        connect(s, &QXYSeries::clicked, this, &BatchDelayChart::onPointClicked);
    }
    m_chart->addSeries(m_interval);
    m_over->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_chart->addSeries(m_over);
    connect(m_over, &QXYSeries::clicked, this, &BatchDelayChart::onPointClicked);
    m_selected->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    m_selected->setBrush(Qt::NoBrush);
    m_chart->addSeries(m_selected);
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries *s : m_chart->series()) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    m_x->setLabelFormat(QStringLiteral("%.0f"));
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    m_x->setRange(0, 10);
    m_y->setRange(0, 1200);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_chart->legend()->markers(m_selected).front()->setVisible(false);
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    m_throttle.setSingleShot(true);
    connect(&m_throttle, &QTimer::timeout, this, [this] {
        if (RunSnapshotPtr s = std::exchange(m_pending, nullptr)) applySnapshot(*s);
    });
    connect(controller, &SimulationController::snapshotChanged, this, &BatchDelayChart::onSnapshot);
    connect(controller, &SimulationController::themeChanged, this, &BatchDelayChart::applyTheme);
    connect(controller->selection(), &BatchSelection::changed, this, &BatchDelayChart::updateSelection);
    connect(this, &BatchDelayChart::batchClicked, controller->selection(), &BatchSelection::selectBatch);
    applyTheme(controller->theme());
    retranslateUi();
}

void BatchDelayChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void BatchDelayChart::retranslateUi()
{
    m_scheduling->setName(tr("scheduling delay"));
    m_processing->setName(tr("processing time"));
    m_total->setName(tr("total delay"));
    m_interval->setName(tr("batch interval"));
    m_over->setName(tr("slower than the interval"));
    m_x->setTitleText(tr("batch time (s since start)"));
    // The unit on every label, read upright (a rotated title is hard to read, in CJK most of
    // all); "ms" is the unit's symbol in Chinese texts too, and QValueAxis formats Latin-1 only.
    m_y->setTitleText(QString());
    m_y->setLabelFormat(QStringLiteral("%.0f ms"));
    m_chart->setTitle(intervalNote());
    m_chart->legend()->markers(m_selected).front()->setVisible(false);
}

void BatchDelayChart::applyTheme(const Theme &t)
{
    m_chart->setBackgroundBrush(t.surface);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->legend()->setLabelColor(t.text);
    m_chart->legend()->setFont(t.font(0.9));
    m_chart->setTitleFont(t.font(0.95, true));
    m_chart->setTitleBrush(t.text);
    for (QValueAxis *a : {m_x, m_y}) {
        a->setLabelsColor(t.mutedText);
        a->setLabelsFont(t.font(0.85));
        a->setTitleBrush(t.mutedText);
        a->setTitleFont(t.font(1.0, true));
        a->setGridLineColor(t.grid);
        a->setLinePenColor(t.border);
    }
    auto style = [&](QLineSeries *s, const QColor &c, Qt::PenStyle ps) {
        QPen p(c, t.lineWidth * 1.6, ps);
        s->setPen(p);
        s->setColor(c);
        s->setMarkerSize(t.px(7));
    };
    style(m_scheduling, t.schedulingDelay, Qt::SolidLine);
    style(m_processing, t.processingTime, Qt::SolidLine);
    style(m_total, t.totalDelay, Qt::DashLine);
    style(m_interval, t.intervalLine, Qt::DotLine);
    m_interval->setPointsVisible(false);
    m_over->setColor(t.overInterval);
    m_over->setBorderColor(t.overInterval.darker(140));
    m_over->setMarkerSize(t.px(14));
    m_selected->setPen(QPen(t.accent, t.lineWidth * 2));
    m_selected->setMarkerSize(t.px(20));
    setMinimumHeight(static_cast<int>(t.px(200)));
}

double BatchDelayChart::niceCeil(double v)
{
    if (!(v > 0)) return 1;
    const double mag = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * mag >= v * (1 - 1e-12)) return m * mag;
    return 10 * mag;
}

BatchDelayChart::YAxis BatchDelayChart::yAxisFor(double maxDelayMs, double intervalMs)
{
    YAxis a;
    a.showsInterval = intervalMs > 0 && maxDelayMs >= 0.4 * intervalMs;
    const double top = a.showsInterval ? std::max(maxDelayMs, intervalMs) * 1.15 : maxDelayMs * 1.25;
    a.max = niceCeil(std::max(10.0, top));
    return a;
}

QString BatchDelayChart::intervalNote() const
{
    if (m_yAxis.showsInterval || m_points.total.isEmpty()) return {};
    return tr("Interval %1 ms: far above these delays (off the scale)")
        .arg(static_cast<qint64>(m_points.intervalMs));
}

BatchDelayChart::Points BatchDelayChart::pointsFor(const RunSnapshot &s)
{
    Points p;
    p.intervalMs = static_cast<double>(s.batchInterval.ms());
    // The chart shows the last minute: start a little before it, so an hour of batches does
    // not cost every snapshot (the newest completed batch is at most a few from the end).
    auto from = s.batches.begin();
    for (auto r = s.batches.rbegin(); r != s.batches.rend(); ++r)
        if (r->second->info.isCompleted()) {
            from = s.batches.lower_bound(r->first - Duration(static_cast<std::int64_t>(kShownSeconds * 1000) + 10000));
            break;
        }
    for (auto it = from; it != s.batches.end(); ++it) {
        const SimTime t = it->first;
        const auto &b = it->second;
        const BatchInfo &info = b->info;
        if (!info.isCompleted()) continue;
        const double x = static_cast<double>((t - s.startTime).ms()) / 1000.0;
        const double sched = static_cast<double>(info.schedulingDelay()->ms());
        const double proc = static_cast<double>(info.processingDelay()->ms());
        const double total = static_cast<double>(info.totalDelay()->ms());
        p.scheduling.append(QPointF(x, sched));
        p.processing.append(QPointF(x, proc));
        p.total.append(QPointF(x, total));
        if (proc > p.intervalMs) p.overInterval.append(QPointF(x, proc));
        p.batchTimes.push_back(t.ms());
    }
    return p;
}

void BatchDelayChart::onSnapshot(const RunSnapshotPtr &s)
{
    // A playing run publishes a snapshot per frame; the chart changes only when a batch
    // completes, and replacing the series re-lays out and repaints the whole chart.
    // While running, the update also waits two frames: the snapshot that completes a batch
    // already costs the other views a busy frame (new counts, console text, the drop-in).
    const qint64 since = m_sinceApplied.isValid() ? m_sinceApplied.elapsed() : kMinApplyMs;
    if (s->phase == RunPhase::Running) {
        m_pending = s;
        if (!m_throttle.isActive()) m_throttle.start(static_cast<int>(std::max<qint64>(kDeferMs, kMinApplyMs - since)));
        return;
    }
    m_throttle.stop();
    m_pending.reset();
    applySnapshot(*s);
}

void BatchDelayChart::applySnapshot(const RunSnapshot &snap)
{
    const RunSnapshot *s = &snap;
    Points p = pointsFor(*s);
    m_startMs = s->startTime.ms();
    const bool same = p.batchTimes == m_points.batchTimes && p.total == m_points.total && p.intervalMs == m_points.intervalMs;
    if (same) return;
    m_sinceApplied.restart();
    m_points = std::move(p);
    m_scheduling->replace(m_points.scheduling);
    m_processing->replace(m_points.processing);
    m_total->replace(m_points.total);
    m_over->replace(m_points.overInterval);
    // The last minute of batches, and at least the interval on the y axis.
    double xMax = m_points.total.isEmpty() ? 10 : m_points.total.back().x() + m_points.intervalMs / 1000.0;
    double xMin = std::max(0.0, xMax - kShownSeconds);
    if (xMax - xMin < 5) xMax = xMin + 5;
    double maxDelay = 0;
    for (const auto &pt : m_points.total)
        if (pt.x() >= xMin) maxDelay = std::max(maxDelay, pt.y());
    m_yAxis = yAxisFor(maxDelay, m_points.intervalMs);
    m_x->setRange(xMin, xMax);
    // Whole seconds on a 1-2-5 step, anchored at 0, so labels are the batch times.
    double step = 1;
    for (double cand : {1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0})
        if ((xMax - xMin) / cand <= 8) {
            step = cand;
            break;
        }
    m_x->setTickType(QValueAxis::TicksDynamic);
    m_x->setTickAnchor(0);
    m_x->setTickInterval(step);
    m_y->setRange(0, m_yAxis.max);
    m_y->setTickType(QValueAxis::TicksDynamic);
    m_y->setTickAnchor(0);
    m_y->setTickInterval(m_yAxis.max / 5);
    m_interval->replace(QList<QPointF>{QPointF(xMin, m_points.intervalMs), QPointF(xMax, m_points.intervalMs)});
    // Setters that re-lay out the chart (each a repaint of its own) only on a change.
    if (m_interval->isVisible() != m_yAxis.showsInterval) {
        m_interval->setVisible(m_yAxis.showsInterval);
        m_chart->legend()->markers(m_interval).front()->setVisible(m_yAxis.showsInterval);
    }
    if (const QString note = intervalNote(); note != m_chart->title()) m_chart->setTitle(note);
    updateSelection();
}

void BatchDelayChart::updateSelection()
{
    QList<QPointF> sel;
    if (auto t = m_controller->selection()->batchTime()) {
        for (std::size_t i = 0; i < m_points.batchTimes.size(); ++i)
            if (m_points.batchTimes[i] == *t) sel.append(m_points.total[static_cast<qsizetype>(i)]);
    }
    if (sel != m_selected->points()) m_selected->replace(sel);
}

void BatchDelayChart::onPointClicked(const QPointF &p)
{
    if (m_points.batchTimes.empty()) return;
    std::size_t best = 0;
    double bestD = 1e300;
    for (std::size_t i = 0; i < m_points.batchTimes.size(); ++i) {
        const double d = std::abs(m_points.total[static_cast<qsizetype>(i)].x() - p.x());
        if (d < bestD) {
            bestD = d;
            best = i;
        }
    }
    emit batchClicked(m_points.batchTimes[best]);
}

} // namespace dsl::ui
