// Theme: colours, sizes and line widths of the dashboard (light/dark, presenter mode).
#pragma once

#include <QColor>
#include <QFont>
#include <QPalette>

namespace dsl::ui {

/// One value every view paints from. Colours come from the Okabe-Ito palette, which readers
/// with the common colour-vision deficiencies tell apart; meaning never rests on hue alone
/// (over-interval points are also larger, pending boxes are also dashed).
struct Theme {
    enum class Kind { Light, Dark };
    Kind kind = Kind::Light;
    bool presenter = false;

    QColor window, surface, surfaceAlt, text, mutedText, grid, border;
    QColor batchLine;       ///< bold batch boundaries
    QColor blockTick;       ///< light block boundaries
    QColor record;          ///< input records in the receiver lane
    QColor accent;          ///< selection, the now line
    QColor pending;         ///< not yet computed / not yet received
    QColor schedulingDelay, processingTime, totalDelay, intervalLine;
    QColor overInterval;    ///< a batch slower than its interval
    QColor error, ok;
    QColor terminalBackground, terminalText, terminalPrompt;
    QColor rowColors[4];    ///< DStream rows, cycled

    double scale = 1.0;     ///< presenter mode enlarges type and lines
    int basePointSize = 10;
    double lineWidth = 1.0;

    /// presenterScale: type and lines in presenter mode (1.5; 1.25 on a 720 px high screen,
    /// whose pixels a projector makes larger anyway: PresenterLayout::scaleFor).
    static Theme make(Kind kind, bool presenter, double presenterScale = 1.5);
    int pointSize(double factor = 1.0) const { return qRound(basePointSize * scale * factor); }
    double px(double v) const { return v * scale; }
    QFont font(double factor = 1.0, bool bold = false) const;
    QFont monoFont(double factor = 1.0) const;
    QPalette palette() const;
    bool isDark() const { return kind == Kind::Dark; }
};

} // namespace dsl::ui
