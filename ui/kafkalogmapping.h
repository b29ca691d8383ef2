// KafkaLogMapping: the Kafka log strip's geometry — offsets <-> pixels and which offsets get a
// label — kept apart from painting so it is tested with data rows and no widget.
#pragma once

#include <QtGlobal>

#include <vector>

namespace dsl::ui {

/// Offset k is the k-th message of a partition; on the strip it is the cell [x(k), x(k + 1)), so
/// the log start offset sits at the strip's left edge and the log end offset (the next offset to
/// be written) at its right edge. Every partition of the tab shares one mapping, so lengths
/// compare across partitions.
struct KafkaLogMapping {
    qint64 first = 0;  ///< offset at x = left (the smallest log start shown)
    qint64 last = 1;   ///< offset at x = left + width (the largest log end shown)
    double left = 0;   ///< px
    double width = 100;

    /// Offsets per strip, at least 1 (an empty log still has a width).
    qint64 span() const { return last > first ? last - first : 1; }
    double pxPerOffset() const { return width / static_cast<double>(span()); }
    /// x of the boundary before `offset` (clamped to the strip).
    double offsetToX(qint64 offset) const;
    /// The offset whose cell holds x (clamped to [first, last]).
    qint64 xToOffset(double x) const;
    /// Cells are wide enough to hold their own offset number (`labelPx` wide).
    bool cellsFit(double labelPx) const { return pxPerOffset() >= labelPx; }
};

/// The offsets to label on a strip of `widthPx` over [first, last]: the multiples of the
/// smallest step of 1, 2, 5 x 10^k whose labels stand at least minGapPx apart, plus first and
/// last always (an interior label too close to either is dropped). Ascending, no duplicates.
std::vector<qint64> computeOffsetTicks(qint64 first, qint64 last, double widthPx, double minGapPx);

} // namespace dsl::ui
