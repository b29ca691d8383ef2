// TimelineMapping: the stream timeline's geometry — simulated time <-> pixels, ticks, rows —
// kept apart from painting so it is tested with data rows and no widget (STYLE item 13).
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

/// x = left + (t - originMs) * pxPerMs. Rows stack from the top: axis, receiver lane, block
/// lane, then one row per DStream.
struct TimelineMapping {
    qint64 originMs = 0;   ///< simulated time at x = left
    double pxPerMs = 0.12; ///< 120 px per simulated second
    double left = 0;       ///< x of originMs (right edge of the label column)
    double width = 800;    ///< visible width of the time area, px

    double axisHeight = 28;
    double laneHeight = 56;  ///< the receiver lane
    double blockHeight = 26; ///< the block lane
    double rowHeight = 64;   ///< one DStream row
    double rowGap = 6;

    double timeToX(qint64 tMs) const { return left + static_cast<double>(tMs - originMs) * pxPerMs; }
    qint64 xToTime(double x) const;
    qint64 visibleEndMs() const { return xToTime(left + width); }

    double receiverTop() const { return axisHeight; }
    double blockTop() const { return axisHeight + laneHeight; }
    double rowTop(int row) const { return blockTop() + blockHeight + rowGap + row * (rowHeight + rowGap); }
    /// Total height for `rows` DStream rows.
    double heightFor(int rows) const { return rowTop(rows); }
    /// The DStream row at y, or -1.
    int rowAt(double y) const;

    /// Places originMs so that `nowMs` sits at `fraction` of the width (following the run).
    void follow(qint64 nowMs, double fraction = 0.8);
};

/// Tick positions for [startMs, endMs] drawn over widthPx: the smallest clock-friendly step
/// (100 ms, 200 ms, 500 ms, 1 s, 2 s, 5 s, 10 s, 15 s, 30 s, 1 min, ...) whose ticks are at
/// least minSpacingPx apart; every tick on a multiple of 5 steps (of 1 s for sub-second
/// steps) is major.
std::vector<TimelineTick> computeTicks(qint64 startMs, qint64 endMs, double widthPx, double minSpacingPx = 60);
/// The step computeTicks chooses, in ms.
qint64 tickStep(qint64 rangeMs, double widthPx, double minSpacingPx = 60);

} // namespace dsl::ui
