// TimelineMapping: the stream timeline's geometry — simulated time <-> pixels, ticks, rows —
// kept apart from painting so it is tested with data rows and no widget (docs/conventions.md §11).
#pragma once

#include <QtGlobal>

#include <vector>

namespace dsl::ui {

/// One tick of the time axis.
struct TimelineTick {
    qint64 timeMs = 0;
    bool major = false; ///< labelled
    bool operator==(const TimelineTick &) const = default;
};

/// x = left + (t - originMs) * pxPerMs. Rows stack from the top: axis, receiver lane, the
/// sources strip (only while lines from named sources are shown), block lane, then one row per
/// DStream.
struct TimelineMapping {
    qint64 originMs = 0;   ///< simulated time at x = left
    double pxPerMs = 0.12; ///< 120 px per simulated second
    double left = 0;       ///< x of originMs (right edge of the label column)
    double width = 800;    ///< visible width of the time area, px

    double axisHeight = 28;
    double laneHeight = 56;  ///< the receiver lane
    double sourceHeight = 0; ///< the sources strip under the receiver lane; 0: not shown
    double blockHeight = 26; ///< the block lane
    double rowHeight = 64;   ///< one DStream row
    double rowGap = 6;
    double scrollY = 0;      ///< DStream rows scrolled up by this much (axis and lanes stay)

    double timeToX(qint64 tMs) const { return left + static_cast<double>(tMs - originMs) * pxPerMs; }
    qint64 xToTime(double x) const;
    qint64 visibleEndMs() const { return xToTime(left + width); }

    double receiverTop() const { return axisHeight; }
    double sourceTop() const { return axisHeight + laneHeight; }
    double blockTop() const { return axisHeight + laneHeight + sourceHeight; }
    /// Top of the scrolling row area (below the block lane).
    double rowsTop() const { return blockTop() + blockHeight; }
    double rowTop(int row) const { return rowsTop() + rowGap + row * (rowHeight + rowGap) - scrollY; }
    /// Total height for `rows` DStream rows (scrolled).
    double heightFor(int rows) const { return rowTop(rows); }
    /// The largest scrollY that still fills a view `viewHeight` high with `rows` rows (0 when
    /// they all fit).
    double maxScrollY(int rows, double viewHeight) const;
    /// scrollY clamped to [0, maxScrollY].
    double clampScrollY(double y, int rows, double viewHeight) const;
    /// The scrollY that shows `row` whole, changing the current one as little as possible.
    double scrollToShow(int row, double viewHeight) const;
    /// The DStream row at y, or -1.
    int rowAt(double y) const;

    /// Places originMs so that `nowMs` sits at `fraction` of the width (following the run).
    void follow(qint64 nowMs, double fraction = 0.8);
};

/// A window bracket: the window of the RDD at batchTimeMs covers (startMs, endMs].
struct WindowBracket {
    qint64 startMs = 0;
    qint64 endMs = 0;
    int level = 0; ///< stacking level, so overlapping windows (window > slide) do not cover each other
    bool operator==(const WindowBracket &) const = default;
};
/// The bracket of the window computed at batchTimeMs (Spark: the window is
/// (t - windowDuration, t], WindowedDStream.compute). zeroMs is the stream's zero time (first
/// batch - interval): windows sit at zero + k * slide, and k modulo the number of windows that
/// overlap one batch (ceil(window / slide)) picks the level.
WindowBracket windowBracket(qint64 batchTimeMs, qint64 windowMs, qint64 slideMs, qint64 zeroMs);
/// Links of a state stream's chain: (t, t + slide) for consecutive batch times both present.
std::vector<std::pair<qint64, qint64>> stateChainLinks(const std::vector<qint64> &batchTimes, qint64 slideMs);

/// Tick positions for [startMs, endMs] drawn over widthPx: the smallest clock-friendly step
/// (100 ms, 200 ms, 500 ms, 1 s, 2 s, 5 s, 10 s, 15 s, 30 s, 1 min, ...) whose ticks are at
/// least minSpacingPx apart; every tick on a multiple of 5 steps (of 1 s for sub-second
/// steps) is major.
std::vector<TimelineTick> computeTicks(qint64 startMs, qint64 endMs, double widthPx, double minSpacingPx = 60);
/// The step computeTicks chooses, in ms.
qint64 tickStep(qint64 rangeMs, double widthPx, double minSpacingPx = 60);

} // namespace dsl::ui
