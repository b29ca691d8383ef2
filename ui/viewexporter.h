// ViewExporter: any view as a PNG or SVG (for slides), a table or the batch history as CSV, the
// log as text. Static functions over widgets, models and snapshot values.
#pragma once

#include "snapshotfwd.h"

#include <QString>

class QAbstractItemModel;
class QWidget;

namespace dsl::ui {

class ViewExporter {
public:
    /// The widget as drawn now, at `scale` times its size (2: sharp on a projector or slide).
    static bool savePng(QWidget *widget, const QString &path, QString *error = nullptr, double scale = 2.0);
    /// The widget painted into an SVG drawing (QSvgGenerator): lines and text stay vectors.
    static bool saveSvg(QWidget *widget, const QString &path, const QString &title, QString *error = nullptr);
    /// By the file's suffix: .svg as SVG, anything else as PNG.
    static bool saveImage(QWidget *widget, const QString &path, const QString &title, QString *error = nullptr);
    /// Every row of a table model as CSV (RFC 4180: fields with a comma, quote or line break are
    /// quoted, quotes doubled), its header first; display texts.
    static QString csvOf(const QAbstractItemModel &model);
    /// One row per batch of the history (oldest first): batch time in ms and as text, records,
    /// scheduling delay, processing time and total delay in ms (empty while unknown), output
    /// operations succeeded and in all, the first error's first line.
    static QString batchesCsv(const RunSnapshot &s);
    static bool saveText(const QString &text, const QString &path, QString *error = nullptr);
    /// A CSV field, quoted when it must be.
    static QString csvField(const QString &text);
};

} // namespace dsl::ui
