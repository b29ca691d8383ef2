// TimelineLabelCache: the stream timeline's label column as last painted, kept by the view
// across paints so row names, tags and statements are not laid out again every frame.
#pragma once

#include <QPixmap>
#include <QString>

namespace dsl::ui {

/// Filled by TimelinePainter::paintCachedLabels: key says what the pixmap shows (texts,
/// geometry, theme, language, device pixel ratio); a different key paints it afresh.
struct TimelineLabelCache {
    QString key;
    QPixmap pixmap;
};

} // namespace dsl::ui
