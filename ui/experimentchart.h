// ExperimentChart: one metric per batch (scheduling delay, processing time or total delay) with one
// line per configuration. The Experiments view's only file that knows Qt Charts
// (docs/conventions.md §13).
#pragma once

#include "app/experimentsummary.h"
#include "theme.h"

#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

#include <vector>

class QChart;
class QLineSeries;
class QValueAxis;

namespace dsl::ui {

class ExperimentChart : public QWidget {
    Q_OBJECT
public:
    enum class Metric { SchedulingDelay, ProcessingTime, TotalDelay };
    /// At most this many lines (the configurations of one experiment).
    static constexpr int kMaxLines = 3;

    explicit ExperimentChart(Metric metric, QWidget *parent = nullptr);

    struct Line {
        QString name;
        QList<QPointF> points; ///< x: batch time in s since the shared start, y: ms
    };
    /// A run's points of a metric: one per completed batch.
    static QList<QPointF> pointsFor(Metric metric, const std::vector<experiment::BatchMetrics> &batches, qint64 startMs);
    /// Replaces the lines (each series gets one replace()); lines past kMaxLines are dropped.
    void setLines(const QList<Line> &lines);
    void setTheme(const Theme &theme);
    Metric metric() const { return m_metric; }
    /// The line colour of configuration i (Okabe-Ito; the pickers' numbers wear it too).
    static QColor lineColor(const Theme &theme, int i);
    /// The chart's title for a metric, in the current language.
    static QString titleFor(Metric metric);

    /// For tests: the visible series (one per configuration), their names and points.
    int seriesCount() const;
    QString seriesName(int i) const;
    QList<QPointF> seriesPoints(int i) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    Metric m_metric;
    QChart *m_chart;
    QList<QLineSeries *> m_series;
    QValueAxis *m_x, *m_y;
    int m_shown = 0;
    Theme m_theme = Theme::make(Theme::Kind::Light, false);
};

} // namespace dsl::ui
