// TaskTimelineView: the shown batch's tasks as bars on the executor's cores (TaskTimelineLayout),
// coloured by stage, failed attempts hatched, a receiver's core marked as held; hover names the task.
// A right-click on a lane (or the Menu key / Shift+F10 on the lane Up and Down move to) offers to
// kill or slow down its executor and to kill the receiver holding it, through faultRequested.
#pragma once

#include "rowfaultactions.h"
#include "snapshotfwd.h"
#include "tasktimelinelayout.h"

#include <QWidget>

namespace dsl::ui {

struct Theme;

class TaskTimelineView : public QWidget {
    Q_OBJECT
public:
    explicit TaskTimelineView(QWidget *parent = nullptr);
    /// The batch to draw (null: none) with the run's cores and receivers; keeps `s` alive.
    void setBatch(RunSnapshotPtr s, const BatchSnapshot *batch);
    void setTheme(const Theme &theme);
    const TaskTimelineLayout &layout() const { return m_layout; }
    /// The text a hover over a bar shows.
    static QString barText(const TaskTimelineLayout::Bar &bar, const StageLoad *stage);
    /// Paints at any size on any device (screen, PNG, SVG export).
    void render(QPainter &p, const QRect &rect) const;
    /// The run's newest snapshot (the batch shown may be older): whether a fault can be injected
    /// now and which executors are alive are read from it. Null: the batch's own snapshot.
    void setRun(RunSnapshotPtr latest);

    /// The lane under a point, or -1.
    int laneAt(const QPointF &pos) const;
    /// The executor whose core a lane is: "driver" in local mode, "0", "1", ... on a local-cluster
    /// master (from the batch's tasks, else from the master's cores per executor while every
    /// executor is alive); empty when not known.
    QString executorOfLane(int lane) const;
    /// The faults a lane offers: its executor's (kill, slow down) and its receiver's.
    std::vector<RowFaultAction> faultActionsForLane(int lane) const;
    /// The lane the keyboard is on (Up, Down), -1 without lanes.
    int currentLane() const;
    void setCurrentLane(int lane);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    /// A fault chosen from the context menu: the faults file's action ("kill-executor 1") and the
    /// words for the status strip.
    void faultRequested(const QString &action, const QString &what);

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF plotArea(const QRect &rect) const;
    void relayout();

    void popupFaultMenu(int lane, const QPointF &at);

    RunSnapshotPtr m_snapshot;
    RunSnapshotPtr m_run;
    const BatchSnapshot *m_batch = nullptr;
    int m_currentLane = 0;
    TaskTimelineLayout m_layout;
    std::unique_ptr<Theme> m_theme;
};

} // namespace dsl::ui
