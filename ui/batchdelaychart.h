// BatchDelayChart: scheduling delay, processing time and total delay per batch against the batch
// interval. The only file that knows Qt Charts (deprecated from Qt 6.10; docs/conventions.md §13).
#pragma once

#include "snapshotfwd.h"

#include <QElapsedTimer>
#include <QList>
#include <QPointF>
#include <QTimer>
#include <QWidget>

#include <vector>

class QChart;
class QChartView;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace dsl::ui {

class SimulationController;
struct Theme;

/// Series are updated with replace() once per snapshot that changed them, never point by
/// point, and while the run plays at most four times a second (the newest snapshot then; a
/// paused, stepped or finished run shows its snapshot at once). A batch slower than the interval gets a larger square marker (not colour alone).
/// Clicking a point selects that batch everywhere.
class BatchDelayChart : public QWidget {
    Q_OBJECT
public:
    explicit BatchDelayChart(SimulationController *controller, QWidget *parent = nullptr);

    /// Points per series, for tests: scheduling, processing, total (x = s since start, y = ms).
    struct Points {
        QList<QPointF> scheduling, processing, total, overInterval;
        std::vector<qint64> batchTimes; ///< batch time of each point, ms
        double intervalMs = 0;
    };
    static Points pointsFor(const RunSnapshot &s);
    /// The y axis for delays up to maxDelayMs: scaled to the data so 15 ms and 40 ms differ
    /// visibly. The interval line is in range (and the axis reaches it) once a delay comes
    /// within 40 % of the interval; else the interval is named in a note above the plot.
    struct YAxis {
        double max = 100;
        bool showsInterval = true;
        bool operator==(const YAxis &) const = default;
    };
    static YAxis yAxisFor(double maxDelayMs, double intervalMs);
    /// The smallest 1-2-5 x 10^k at or above v (v > 0).
    static double niceCeil(double v);
    const YAxis &yAxis() const { return m_yAxis; }
    /// The note shown when the interval is off the scale, empty otherwise.
    QString intervalNote() const;
    const Points &points() const { return m_points; }

signals:
    void batchClicked(qint64 batchTimeMs);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onSnapshot(const RunSnapshotPtr &s);
    void applySnapshot(const RunSnapshot &s);
    void onPointClicked(const QPointF &p);
    void updateSelection();
    void applyTheme(const Theme &t);
    void retranslateUi();

    SimulationController *m_controller;
    QChart *m_chart;
    QChartView *m_view;
    QLineSeries *m_scheduling, *m_processing, *m_total, *m_interval;
    QScatterSeries *m_over, *m_selected;
    QValueAxis *m_x, *m_y;
    Points m_points;
    YAxis m_yAxis;
    qint64 m_startMs = 0;
    RunSnapshotPtr m_pending;     ///< the newest snapshot not shown yet (throttled)
    QTimer m_throttle;            ///< single shot: shows m_pending
    QElapsedTimer m_sinceApplied; ///< since the series were last replaced
};

} // namespace dsl::ui
