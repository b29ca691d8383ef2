// ExperimentChart: the Qt Charts adapter of the Experiments view, styled as BatchDelayChart.
#include "experimentchart.h"

#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace dsl::ui {

namespace {
/// The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 x 10^k at or above v: a fifth of it is a round
/// tick, and the lines use most of the height.
double niceCeil(double v)
{
    if (!(v > 0)) return 1;
    const double mag = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0})
        if (m * mag >= v * (1 - 1e-12)) return m * mag;
    return 10 * mag;
}
} // namespace

ExperimentChart::ExperimentChart(Metric metric, QWidget *parent)
    : QWidget(parent), m_metric(metric), m_chart(new QChart), m_x(new QValueAxis), m_y(new QValueAxis)
{
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    for (int i = 0; i < kMaxLines; ++i) {
        auto *s = new QLineSeries;
        s->setPointsVisible(true);
        m_chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
        s->setVisible(false);
        m_series.append(s);
    }
    m_x->setLabelFormat(QStringLiteral("%.0f"));
    m_y->setLabelFormat(QStringLiteral("%.0f ms"));
    m_x->setRange(0, 10);
    m_y->setRange(0, 100);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    auto *view = new QChartView(m_chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view);
    setTheme(m_theme);
    retranslateUi();
}

QColor ExperimentChart::lineColor(const Theme &t, int i)
{
    switch (i) {
    case 0: return t.isDark() ? QColor(0x56, 0xB4, 0xE9) : QColor(0x00, 0x72, 0xB2); // sky / blue
    case 1: return QColor(0xE6, 0x9F, 0x00);                                           // orange
    default: return t.isDark() ? QColor(0x00, 0xC0, 0x8B) : QColor(0x00, 0x9E, 0x73); // bluish green
    }
}

QString ExperimentChart::titleFor(Metric metric)
{
    switch (metric) {
    case Metric::SchedulingDelay: return tr("Scheduling delay per batch");
    case Metric::ProcessingTime: return tr("Processing time per batch");
    case Metric::TotalDelay: return tr("Total delay per batch");
    }
    return {};
}

QList<QPointF> ExperimentChart::pointsFor(Metric metric, const std::vector<experiment::BatchMetrics> &batches,
                                          qint64 startMs)
{
    QList<QPointF> out;
    out.reserve(static_cast<qsizetype>(batches.size()));
    for (const auto &b : batches) {
        const std::int64_t y = metric == Metric::SchedulingDelay  ? b.schedulingDelayMs
                               : metric == Metric::ProcessingTime ? b.processingDelayMs
                                                                  : b.totalDelayMs;
        out.append(QPointF(static_cast<double>(b.batchTimeMs - startMs) / 1000.0, static_cast<double>(y)));
    }
    return out;
}

void ExperimentChart::setLines(const QList<Line> &lines)
{
    m_shown = static_cast<int>(std::min<qsizetype>(lines.size(), kMaxLines));
    double xMax = 1, yMax = 0;
    for (int i = 0; i < kMaxLines; ++i) {
        QLineSeries *s = m_series[i];
        if (i >= m_shown) {
            s->clear();
            s->setVisible(false);
            continue;
        }
        s->setName(lines[i].name);
        s->replace(lines[i].points);
        s->setVisible(true);
        for (const QPointF &p : lines[i].points) {
            xMax = std::max(xMax, p.x());
            yMax = std::max(yMax, p.y());
        }
    }
    // Hidden series keep no legend entry.
    for (int i = 0; i < kMaxLines; ++i)
        for (auto *marker : m_chart->legend()->markers(m_series[i])) marker->setVisible(i < m_shown);
    m_x->setRange(0, std::ceil(xMax + 0.5));
    m_x->setTickType(QValueAxis::TicksDynamic);
    m_x->setTickAnchor(0);
    double step = 1;
    for (double cand : {1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0})
        if (xMax / cand <= 8) {
            step = cand;
            break;
        }
    m_x->setTickInterval(step);
    const double top = niceCeil(std::max(10.0, yMax * 1.15));
    m_y->setRange(0, top);
    m_y->setTickType(QValueAxis::TicksDynamic);
    m_y->setTickAnchor(0);
    m_y->setTickInterval(top / 5);
}

void ExperimentChart::setTheme(const Theme &t)
{
    m_theme = t;
    m_chart->setBackgroundBrush(t.surface);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->legend()->setLabelColor(t.text);
    m_chart->legend()->setFont(t.font(1.1));
    m_chart->setTitleFont(t.font(1.2, true));
    m_chart->setTitleBrush(t.text);
    for (QValueAxis *a : {m_x, m_y}) {
        a->setLabelsColor(t.mutedText);
        a->setLabelsFont(t.font(1.0));
        a->setTitleBrush(t.mutedText);
        a->setTitleFont(t.font(1.0, true));
        a->setGridLineColor(t.grid);
        a->setLinePenColor(t.border);
    }
    // One colour and one dash per configuration (Okabe-Ito; never hue alone), thick for a projector.
    const Qt::PenStyle dashes[kMaxLines] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine};
    for (int i = 0; i < kMaxLines; ++i) {
        const QColor c = lineColor(t, i);
        m_series[i]->setPen(QPen(c, t.lineWidth * 2.2, dashes[i]));
        m_series[i]->setColor(c);
        m_series[i]->setMarkerSize(t.px(6));
    }
    setMinimumHeight(static_cast<int>(t.px(220)));
}

void ExperimentChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void ExperimentChart::retranslateUi()
{
    m_chart->setTitle(titleFor(m_metric));
    m_x->setTitleText(tr("batch time (s since start)"));
}

int ExperimentChart::seriesCount() const
{
    return m_shown;
}

QString ExperimentChart::seriesName(int i) const
{
    return i >= 0 && i < m_shown ? m_series[i]->name() : QString();
}

QList<QPointF> ExperimentChart::seriesPoints(int i) const
{
    return i >= 0 && i < m_shown ? m_series[i]->points() : QList<QPointF>();
}

} // namespace dsl::ui
