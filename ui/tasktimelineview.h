// TaskTimelineView: the shown batch's tasks as bars on the executor's cores (TaskTimelineLayout),
// coloured by stage, failed attempts hatched, a receiver's core marked as held; hover names the task.
#pragma once

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

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF plotArea(const QRect &rect) const;
    void relayout();

    RunSnapshotPtr m_snapshot;
    const BatchSnapshot *m_batch = nullptr;
    TaskTimelineLayout m_layout;
    std::unique_ptr<Theme> m_theme;
};

} // namespace dsl::ui
