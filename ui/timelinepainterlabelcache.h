// TimelineLabelCache and TimelineColumnCache: parts of the stream timeline as last painted,
// kept by the view across paints so what did not change is not laid out and drawn again
// every frame (row names and statements; the RDD boxes of a batch).
#pragma once

#include "snapshotfwd.h"

#include <QPixmap>
#include <QPointF>
#include <QString>

#include <map>
#include <memory>

namespace dsl::ui {

/// Filled by TimelinePainter::paintCachedLabels: key says what the pixmap shows (texts,
/// geometry, theme, language, device pixel ratio); a different key paints it afresh.
struct TimelineLabelCache {
    QString key;
    QPixmap pixmap;
};

/// Filled by TimelinePainter::paintBatches: one pixmap per batch column holding its RDD boxes
/// (every row, scrolled or not), drawn at the column's place each frame. A snapshot's batch is
/// immutable, so the batch's pointer says whether the boxes changed; `key` holds everything
/// else they depend on (scale, rows, theme, language, device pixel ratio) and clears all
/// columns when it changes. Only fully appeared columns are cached (the drop-in animation
/// moves and fades the boxes).
struct TimelineColumnCache {
    struct Column {
        std::shared_ptr<const session::BatchSnapshot> batch; ///< what the pixmap shows (kept alive: pointer identity)
        int selectedStream = -1;                             ///< the box drawn selected in it, -1: none
        QPixmap pixmap;
        QPointF offset; ///< top left, relative to (x of the batch time, top of row 0)
    };
    QString key;
    std::map<qint64, Column> columns; ///< by batch time, ms
};

} // namespace dsl::ui
