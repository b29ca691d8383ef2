// KafkaLagChart: each Kafka partition's lag (messages the stream has not read) over the retained
// batches. The only Kafka file that knows Qt Charts (deprecated from Qt 6.10).
#pragma once

#include "snapshotfwd.h"

#include <QElapsedTimer>
#include <QList>
#include <QPointF>
#include <QString>
#include <QTimer>
#include <QWidget>

#include <optional>
#include <vector>

class QChart;
class QChartView;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace dsl::ui {

class SimulationController;
struct Theme;

/// A line per partition; x = the batch time in s since the run's start, y = logEnd - until after
/// the batch. A long history is decimated to at most kMaxPoints points per line, each the
/// largest lag of its group of batches (a peak survives). The tooltip of a point adds the lag in
/// time: how long the oldest unread message (offset `until`) had waited at the batch's time.
/// Clicking a point selects that batch everywhere. Updated with replace(), throttled while the
/// run plays, as BatchDelayChart is.
class KafkaLagChart : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxPoints = 300;
    struct Series {
        QString name;                          ///< "test-0"
        QList<QPointF> lag;                    ///< (s since start, messages)
        std::vector<qint64> batchTimes;        ///< of each point, ms
        std::vector<std::optional<qint64>> waitMs; ///< of each point: the oldest unread message's age (nullopt: not retained)
        bool operator==(const Series &) const = default;
    };
    struct Points {
        std::vector<Series> series;
        bool operator==(const Points &) const = default;
    };
    static Points pointsFor(const RunSnapshot &s, int maxPoints = kMaxPoints);

    explicit KafkaLagChart(SimulationController *controller, QWidget *parent = nullptr);
    const Points &points() const { return m_points; }
    /// The tooltip of point i of series k.
    QString pointText(std::size_t k, std::size_t i) const;

signals:
    void batchClicked(qint64 batchTimeMs);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onSnapshot(const RunSnapshotPtr &s);
    void applySnapshot(const RunSnapshot &s);
    void updateSelection();
    void applyTheme(const Theme &t);
    void retranslateUi();
    std::size_t nearest(std::size_t k, double x) const;

    SimulationController *m_controller;
    QChart *m_chart;
    QChartView *m_view;
    std::vector<QLineSeries *> m_lines;
    QScatterSeries *m_selected;
    QValueAxis *m_x, *m_y;
    Points m_points;
    RunSnapshotPtr m_pending;     ///< the newest snapshot not shown yet (throttled)
    QTimer m_throttle;            ///< single shot: shows m_pending
    QElapsedTimer m_sinceApplied; ///< since the series were last replaced
};

} // namespace dsl::ui
