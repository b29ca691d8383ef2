// StreamTimelineView: the centre of the screen — records -> blocks -> batches -> one RDD box per
// DStream per batch, over simulated time.
#pragma once

#include "programtext.h"
#include "rowfaultactions.h"
#include "snapshotfwd.h"
#include "timelinemapping.h"
#include "timelinepainterlabelcache.h"
#include "timelinesources.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <limits>
#include <map>

namespace dsl::ui {

class SimulationController;
struct Theme;
struct TimelinePaintParams;

/// Paints through TimelinePainter from the controller's latest snapshot. Follows the clock
/// until the user pans (wheel, drag); Home, End or a double-click follows again (the axis
/// caption says so while panned). Ctrl+wheel zooms. The wheel scrolls the DStream rows when they
/// do not fit (Shift+wheel, or a horizontal wheel, pans time; Shift+PageUp/PageDown page the
/// rows: PageUp/PageDown alone step the run). A batch selected elsewhere scrolls into view.
/// Click a box to select it (its records show in the records panel). New batches drop in
/// with their own animation clock, so slicing plays smoothly even when stepping.
/// A right-click on the receiver lane (or the block lane under it) or on an input stream's row
/// offers to kill its receiver; the Menu key or Shift+F10 does it for the selected box's row, else
/// for the receiver lane. The view asks through faultRequested; the window injects the fault.
/// Once a line of the run came from a named source (the class port, a real server), a sources
/// strip under the receiver lane shows each batch's senders with their line counts; the tool tip
/// over a batch's lanes (or a block) lists them all.
class StreamTimelineView : public QWidget {
    Q_OBJECT
public:
    explicit StreamTimelineView(SimulationController *controller, QWidget *parent = nullptr);

    void setProgramSource(const QString &source);
    const TimelineMapping &mapping() const { return m_mapping; }
    bool isFollowing() const { return m_follow; }
    /// Follow the run again (End, double-click, View > Follow the latest batch).
    void followRun();
    /// Batches whose drop-in animation is under way now (0 once every box has landed).
    int batchesAppearing() const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    /// The row-label column: as wide as the longest row name needs (never elided while it fits
    /// in a third of the view), the rest is time.
    double labelWidth() const;
    /// Batch intervals the time area spans now (visible time / batch interval).
    double visibleBatches() const;
    /// Forgets the painted batch columns, so the next paint draws every box afresh.
    void dropCachedColumns();
    /// What the view-local caches hold (benchmarks, tests): drop-in times, painted batch
    /// columns, batches whose sources are counted. Each is bounded, not one per batch run.
    struct CacheSizes {
        std::size_t appearTimes = 0, cachedColumns = 0, sourceBatches = 0;
    };
    CacheSizes cacheSizes() const { return {m_appearedAt.size(), m_columnCache.columns.size(), m_sourceCache.batches.size()}; }
    /// The faults a right-click at pos offers: "Kill receiver N" for each receiver on the receiver
    /// and block lanes, for its own receiver on an input stream's row; empty elsewhere.
    std::vector<RowFaultAction> faultActionsAt(const QPointF &pos) const;
    /// What the Menu key offers: the selected box's row when it has a receiver, else the receiver
    /// lane's; and where the menu opens.
    std::vector<RowFaultAction> keyboardFaultActions(QPointF *at = nullptr) const;
    /// Whether the sources strip is shown (a line of this run has a named source).
    bool showsSources() const { return m_hasSources; }
    /// The tool tip at pos (TimelinePainter::sourcesToolTipAt); empty where there is none.
    QString sourcesToolTipAt(const QPointF &pos) const;

signals:
    void boxClicked(qint64 batchTimeMs, int streamId);
    /// A fault chosen from the context menu: the faults file's action ("kill-receiver 0") and
    /// the words for the status strip.
    void faultRequested(const QString &action, const QString &what);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    /// The paint parameters painting and sourcesToolTipAt share (the rest is set by paintEvent).
    TimelinePaintParams baseParams() const;
    /// Opens the fault menu (non-blocking) at a position of the view; nothing when it is empty.
    void popupFaultMenu(const std::vector<RowFaultAction> &actions, const QPointF &at);
    void onSnapshot(const RunSnapshotPtr &s);
    void onClock(qint64 ms);
    void revealSelection();
    int rowCount() const;
    void applyTheme(const Theme &t);
    void updateGeometryFromSnapshot();
    /// Width the label column needs for every row's name and line tag (the statement under it
    /// may elide); cached with the rows.
    double labelWidthNeeded() const;
    double appearProgress(qint64 batchTimeMs) const;
    /// Repaint pacing: at most one repaint per display frame (16 ms), however many snapshots,
    /// clock ticks and animation steps arrive in it; the last one is always painted.
    void requestFrame();

    SimulationController *m_controller;
    RunSnapshotPtr m_snapshot;
    ProgramText m_program;
    TimelineMapping m_mapping;
    bool m_follow = true;
    double m_zoom = 1.0;
    qint64 m_clockMs = 0;
    std::optional<QPointF> m_dragFrom;
    qint64 m_dragOrigin = 0;
    // View-local animation cache: batch time -> when (animation clock) it first appeared.
    std::map<qint64, qint64> m_appearedAt;
    qint64 m_lastFreshAt = std::numeric_limits<qint64>::min() / 2; ///< when the newest batch arrived
    QElapsedTimer m_animationClock;
    QTimer m_animationTimer;
    TimelineLabelCache m_labelCache;
    TimelineColumnCache m_columnCache;
    mutable TimelineSourceCache m_sourceCache;
    /// The run's input scanned for named sources so far (view-local: the strip appears once one
    /// arrives and stays for the run).
    bool m_hasSources = false;
    std::uint64_t m_sourcesRunId = 0;
    std::size_t m_sourcesScanned = 0;
    QTimer m_frameTimer;       ///< single shot: the deferred repaint of requestFrame
    QElapsedTimer m_sincePaint; ///< since the last paintEvent
    std::uint64_t m_lastSerial = 0;
    mutable std::uint64_t m_rowsSerial = 0;
    mutable std::size_t m_rowsStreams = static_cast<std::size_t>(-1);
    mutable int m_rowCount = 4;
    mutable double m_labelNeed = 0;
};

} // namespace dsl::ui
