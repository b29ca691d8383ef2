// Theme: the Okabe-Ito colours over light and dark grounds, and presenter scaling.
#include "theme.h"

#include <QFontDatabase>

namespace dsl::ui {

Theme Theme::make(Kind kind, bool presenter, double presenterScale)
{
    Theme t;
    t.kind = kind;
    t.presenter = presenter;
    t.scale = presenter ? presenterScale : 1.0;
    t.basePointSize = 10;
    t.lineWidth = presenter ? 2.5 * presenterScale / 1.5 : 1.25;
    // Okabe-Ito: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple.
    const QColor orange(0xE6, 0x9F, 0x00), sky(0x56, 0xB4, 0xE9), green(0x00, 0x9E, 0x73), blue(0x00, 0x72, 0xB2),
        vermillion(0xD5, 0x5E, 0x00), purple(0xCC, 0x79, 0xA7);
    if (kind == Kind::Light) {
        t.window = QColor(0xF4, 0xF5, 0xF7);
        t.surface = Qt::white;
        t.surfaceAlt = QColor(0xF0, 0xF3, 0xF7);
        t.text = QColor(0x11, 0x18, 0x27);
        t.mutedText = QColor(0x4B, 0x55, 0x63);
        t.grid = QColor(0xD9, 0xDE, 0xE5);
        t.border = QColor(0xB8, 0xC0, 0xCC);
        t.batchLine = QColor(0x1F, 0x29, 0x37);
        t.blockTick = QColor(0x9C, 0xA3, 0xAF);
        t.record = blue;
        t.accent = vermillion;
        t.pending = QColor(0x9C, 0xA3, 0xAF);
        t.rowColors[0] = QColor(0xD6, 0xEA, 0xF8);
        t.rowColors[1] = QColor(0xFF, 0xEC, 0xC7);
        t.rowColors[2] = QColor(0xCF, 0xEE, 0xE3);
        t.rowColors[3] = QColor(0xF4, 0xDA, 0xE8);
    } else {
        t.window = QColor(0x11, 0x15, 0x1C);
        t.surface = QColor(0x1A, 0x20, 0x2A);
        t.surfaceAlt = QColor(0x22, 0x2A, 0x36);
        t.text = QColor(0xF3, 0xF4, 0xF6);
        t.mutedText = QColor(0xB0, 0xB8, 0xC4);
        t.grid = QColor(0x33, 0x3D, 0x4A);
        t.border = QColor(0x4B, 0x55, 0x63);
        t.batchLine = QColor(0xE5, 0xE7, 0xEB);
        t.blockTick = QColor(0x6B, 0x72, 0x80);
        t.record = sky;
        t.accent = orange;
        t.pending = QColor(0x6B, 0x72, 0x80);
        t.rowColors[0] = QColor(0x12, 0x3A, 0x55);
        t.rowColors[1] = QColor(0x4A, 0x3A, 0x10);
        t.rowColors[2] = QColor(0x0F, 0x40, 0x33);
        t.rowColors[3] = QColor(0x4A, 0x24, 0x3A);
    }
    t.schedulingDelay = orange;
    t.processingTime = kind == Kind::Light ? blue : sky;
    t.totalDelay = purple;
    t.intervalLine = t.mutedText;
    t.overInterval = vermillion;
    t.error = vermillion;
    t.ok = green;
    t.terminalBackground = QColor(0x0B, 0x0F, 0x14);
    t.terminalText = QColor(0xE5, 0xE7, 0xEB);
    t.terminalPrompt = green.lighter(140);
    return t;
}

namespace {
// Views ask for fonts many times a frame; the platform theme is asked once (GUI thread only).
const QFont &systemFont(QFontDatabase::SystemFont which)
{
    // Never destroyed: a QFont outliving the application at exit would release font data
    // the application already tore down.
    static const QFont *general = new QFont(QFontDatabase::systemFont(QFontDatabase::GeneralFont));
    static const QFont *fixed = new QFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    return which == QFontDatabase::FixedFont ? *fixed : *general;
}
} // namespace

QFont Theme::font(double factor, bool bold) const
{
    QFont f = systemFont(QFontDatabase::GeneralFont);
    f.setPointSizeF(basePointSize * scale * factor);
    f.setBold(bold);
    return f;
}

QFont Theme::monoFont(double factor) const
{
    QFont f = systemFont(QFontDatabase::FixedFont);
    f.setStyleHint(QFont::Monospace);
    f.setPointSizeF(basePointSize * scale * factor);
    return f;
}

QPalette Theme::palette() const
{
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, surface);
    p.setColor(QPalette::AlternateBase, surfaceAlt);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, surfaceAlt);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::ToolTipBase, surface);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, mutedText);
    p.setColor(QPalette::Highlight, isDark() ? QColor(0x0B, 0x5C, 0x8E) : QColor(0xBF, 0xDB, 0xFE));
    p.setColor(QPalette::HighlightedText, text);
    p.setColor(QPalette::Mid, border);
    p.setColor(QPalette::Dark, border.darker(130));
    p.setColor(QPalette::Light, surface);
    p.setColor(QPalette::Disabled, QPalette::Text, mutedText);
    p.setColor(QPalette::Disabled, QPalette::WindowText, mutedText);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, mutedText);
    return p;
}

} // namespace dsl::ui
