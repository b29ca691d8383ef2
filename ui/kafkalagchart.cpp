// KafkaLagChart: the Qt Charts adapter for per-partition Kafka lag.
#include "kafkalagchart.h"

#include "batchdelaychart.h"
#include "batchselection.h"
#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "theme.h"
#include "timetext.h"

#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QEvent>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QToolTip>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <tuple>
#include <utility>

namespace dsl::ui {

namespace {
constexpr int kMinApplyMs = 250; ///< while running: at most 4 series updates a second
constexpr int kDeferMs = 33;     ///< while running: two display frames after the snapshot

using PartitionKey = std::tuple<int, std::string, int>; ///< stream, topic, partition
struct Sample {
    qint64 batchMs;
    qint64 lag;
    std::optional<qint64> waitMs;
};
} // namespace

KafkaLagChart::Points KafkaLagChart::pointsFor(const RunSnapshot &s, int maxPoints)
{
    // Where each partition's retained messages are: per batch that appended some, its first
    // offset and its messages (sorted by topic, partition, offset). Found by binary search, so a
    // long run's many messages cost nothing per snapshot beyond the batches.
    using Messages = std::vector<session::KafkaMessageSnapshot>;
    const auto key = [](const auto &m) { return std::tie(m.topic, m.partition, m.offset); };
    std::map<std::pair<std::string, int>, std::vector<std::pair<qint64, const Messages *>>> appended;
    std::map<PartitionKey, std::vector<Sample>> samples;
    for (const auto &[t, b] : s.batches) {
        if (!b->kafkaMessages || !b->kafka) continue;
        const Messages &ms = *b->kafkaMessages;
        for (const auto &p : *b->kafka) {
            const auto first = std::lower_bound(ms.begin(), ms.end(), std::make_tuple(std::cref(p.topic), p.partition, std::int64_t(0)),
                                                [&](const auto &m, const auto &k) { return key(m) < k; });
            if (first != ms.end() && first->topic == p.topic && first->partition == p.partition)
                appended[{p.topic, p.partition}].emplace_back(first->offset, &ms);
        }
    }
    const auto createdAt = [&](const std::string &topic, int partition, std::int64_t offset) -> std::optional<qint64> {
        const auto c = appended.find({topic, partition});
        if (c == appended.end()) return std::nullopt;
        auto at = std::upper_bound(c->second.begin(), c->second.end(), offset, [](qint64 o, const auto &e) { return o < e.first; });
        if (at == c->second.begin()) return std::nullopt;
        const Messages &ms = *std::prev(at)->second;
        const auto m = std::lower_bound(ms.begin(), ms.end(), std::make_tuple(std::cref(topic), partition, offset),
                                        [&](const auto &x, const auto &k) { return key(x) < k; });
        if (m == ms.end() || m->topic != topic || m->partition != partition || m->offset != offset) return std::nullopt;
        return m->time.ms();
    };
    for (const auto &[t, b] : s.batches) {
        if (!b->kafka || !b->info.isCompleted()) continue;
        for (const auto &p : *b->kafka) {
            std::optional<qint64> wait;
            if (p.lag() <= 0) wait = 0;
            else if (const auto created = createdAt(p.topic, p.partition, p.until)) wait = std::max<qint64>(0, t.ms() - *created);
            samples[{p.streamId, p.topic, p.partition}].push_back({t.ms(), p.lag(), wait});
        }
    }
    Points out;
    const qint64 start = s.startTime.ms();
    for (const auto &[key, v] : samples) {
        Series series;
        series.name = QStringLiteral("%1-%2").arg(QString::fromStdString(std::get<1>(key))).arg(std::get<2>(key));
        // Groups of `per` batches, each drawn as its largest lag (the newest batch of a tie).
        const std::size_t n = v.size(), cap = static_cast<std::size_t>(std::max(1, maxPoints));
        const std::size_t per = (n + cap - 1) / cap;
        for (std::size_t g = 0; g < n; g += per) {
            std::size_t best = g;
            for (std::size_t i = g; i < std::min(n, g + per); ++i)
                if (v[i].lag >= v[best].lag) best = i;
            series.lag.append(QPointF(static_cast<double>(v[best].batchMs - start) / 1000.0, static_cast<double>(v[best].lag)));
            series.batchTimes.push_back(v[best].batchMs);
            series.waitMs.push_back(v[best].waitMs);
        }
        out.series.push_back(std::move(series));
    }
    return out;
}

KafkaLagChart::KafkaLagChart(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_chart(new QChart), m_selected(new QScatterSeries), m_x(new QValueAxis),
      m_y(new QValueAxis)
{
    setObjectName(QStringLiteral("kafkaLagChart"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    m_selected->setMarkerShape(QScatterSeries::MarkerShapeCircle);
    m_selected->setBrush(Qt::NoBrush);
    m_chart->addSeries(m_selected);
    m_selected->attachAxis(m_x);
    m_selected->attachAxis(m_y);
    m_chart->legend()->markers(m_selected).front()->setVisible(false);
    m_x->setLabelFormat(QStringLiteral("%.0f"));
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    m_x->setRange(0, 10);
    m_y->setRange(0, 5);
    m_chart->legend()->setAlignment(Qt::AlignRight);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_view = new QChartView(m_chart, this);
    m_view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);

    m_throttle.setSingleShot(true);
    connect(&m_throttle, &QTimer::timeout, this, [this] {
        if (RunSnapshotPtr s = std::exchange(m_pending, nullptr)) applySnapshot(*s);
    });
    connect(controller, &SimulationController::snapshotChanged, this, &KafkaLagChart::onSnapshot);
    connect(controller, &SimulationController::themeChanged, this, &KafkaLagChart::applyTheme);
    connect(controller->selection(), &BatchSelection::changed, this, &KafkaLagChart::updateSelection);
    connect(this, &KafkaLagChart::batchClicked, controller->selection(), &BatchSelection::selectBatch);
    applyTheme(controller->theme());
    retranslateUi();
    if (controller->snapshot()) applySnapshot(*controller->snapshot());
}

void KafkaLagChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void KafkaLagChart::retranslateUi()
{
    m_x->setTitleText(tr("batch time (s since start)"));
    m_chart->setTitle(tr("Lag after each batch: messages in the log the stream has not read (point at it for the time)"));
}

void KafkaLagChart::applyTheme(const Theme &t)
{
    m_chart->setBackgroundBrush(t.surface);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->legend()->setLabelColor(t.text);
    m_chart->legend()->setFont(t.font(0.9));
    m_chart->setTitleFont(t.font(0.9, true));
    m_chart->setTitleBrush(t.text);
    for (QValueAxis *a : {m_x, m_y}) {
        a->setLabelsColor(t.mutedText);
        a->setLabelsFont(t.font(0.85));
        a->setTitleBrush(t.mutedText);
        a->setTitleFont(t.font(0.9, true));
        a->setGridLineColor(t.grid);
        a->setLinePenColor(t.border);
    }
    const QColor colors[] = {t.processingTime, t.schedulingDelay, t.totalDelay, t.ok, t.overInterval};
    const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        const QColor c = colors[i % std::size(colors)];
        m_lines[i]->setPen(QPen(c, t.lineWidth * 1.6, styles[i % std::size(styles)]));
        m_lines[i]->setColor(c);
        m_lines[i]->setMarkerSize(t.px(7));
    }
    m_selected->setPen(QPen(t.accent, t.lineWidth * 2));
    m_selected->setMarkerSize(t.px(18));
    setMinimumHeight(static_cast<int>(t.px(160)));
}

void KafkaLagChart::onSnapshot(const RunSnapshotPtr &s)
{
    // As BatchDelayChart: while running, at most four updates a second, two frames late.
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

void KafkaLagChart::applySnapshot(const RunSnapshot &s)
{
    Points p = pointsFor(s);
    if (p == m_points) return;
    m_sinceApplied.restart();
    m_points = std::move(p);
    // One line per partition, made or dropped as partitions come and go.
    bool added = false;
    while (m_lines.size() < m_points.series.size()) {
        auto *line = new QLineSeries;
        line->setPointsVisible(true);
        m_chart->addSeries(line);
        line->attachAxis(m_x);
        line->attachAxis(m_y);
        const std::size_t k = m_lines.size();
        connect(line, &QXYSeries::clicked, this, [this, k](const QPointF &pt) {
            if (k < m_points.series.size() && !m_points.series[k].batchTimes.empty())
                emit batchClicked(m_points.series[k].batchTimes[nearest(k, pt.x())]);
        });
        connect(line, &QXYSeries::hovered, this, [this, k](const QPointF &pt, bool state) {
            if (!state || k >= m_points.series.size() || m_points.series[k].batchTimes.empty()) return QToolTip::hideText();
            QToolTip::showText(QCursor::pos(), pointText(k, nearest(k, pt.x())), m_view);
        });
        m_lines.push_back(line);
        added = true;
    }
    while (m_lines.size() > m_points.series.size()) {
        m_chart->removeSeries(m_lines.back());
        delete m_lines.back();
        m_lines.pop_back();
    }
    if (added) applyTheme(m_controller->theme());
    double xMin = 1e300, xMax = -1e300, yMax = 0;
    for (std::size_t k = 0; k < m_lines.size(); ++k) {
        const Series &series = m_points.series[k];
        m_lines[k]->setName(series.name);
        m_lines[k]->replace(series.lag);
        for (const QPointF &pt : series.lag) {
            xMin = std::min(xMin, pt.x());
            xMax = std::max(xMax, pt.x());
            yMax = std::max(yMax, pt.y());
        }
    }
    if (xMin > xMax) xMin = 0, xMax = 10;
    if (xMax - xMin < 5) xMax = xMin + 5;
    const double top = BatchDelayChart::niceCeil(std::max(5.0, yMax * 1.15));
    m_x->setRange(xMin, xMax);
    double step = 1;
    for (double cand : {1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0})
        if ((xMax - xMin) / cand <= 8) {
            step = cand;
            break;
        }
    m_x->setTickType(QValueAxis::TicksDynamic);
    m_x->setTickAnchor(0);
    m_x->setTickInterval(step);
    m_y->setRange(0, top);
    m_y->setTickType(QValueAxis::TicksDynamic);
    m_y->setTickAnchor(0);
    m_y->setTickInterval(top / 5);
    updateSelection();
}

std::size_t KafkaLagChart::nearest(std::size_t k, double x) const
{
    const QList<QPointF> &pts = m_points.series[k].lag;
    std::size_t best = 0;
    for (std::size_t i = 1; i < static_cast<std::size_t>(pts.size()); ++i)
        if (std::abs(pts[static_cast<qsizetype>(i)].x() - x) < std::abs(pts[static_cast<qsizetype>(best)].x() - x)) best = i;
    return best;
}

QString KafkaLagChart::pointText(std::size_t k, std::size_t i) const
{
    const Series &s = m_points.series[k];
    const qint64 lag = static_cast<qint64>(s.lag[static_cast<qsizetype>(i)].y());
    QString text = tr("%1 after batch %2: lag %3 message(s)").arg(s.name, clockText(s.batchTimes[i])).arg(lag);
    if (lag > 0 && s.waitMs[i])
        text += QLatin1Char('\n') + tr("the oldest unread message had waited %1").arg(durationText(*s.waitMs[i]));
    else if (lag > 0)
        text += QLatin1Char('\n') + tr("the oldest unread message is no longer retained: its wait is not known");
    return text;
}

void KafkaLagChart::updateSelection()
{
    QList<QPointF> sel;
    const std::optional<qint64> t = m_controller->effectiveBatch();
    if (t)
        for (const Series &s : m_points.series)
            for (std::size_t i = 0; i < s.batchTimes.size(); ++i)
                if (s.batchTimes[i] == *t) sel.append(s.lag[static_cast<qsizetype>(i)]);
    if (sel != m_selected->points()) m_selected->replace(sel);
}

} // namespace dsl::ui
