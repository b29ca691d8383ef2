// LineageLegendBar: the lineage view's legend, a strip that stays in place while the graph scrolls.
#pragma once

#include <QWidget>

#ifndef Q_MOC_RUN // Qt 6.4's moc cannot parse <compare>, which the engine's headers include
#include "lineagepainter.h"
#endif

namespace dsl::ui {

/// Paints LineagePainter::paintLegend for a set of entries; its height follows its width.
class LineageLegendBar : public QWidget {
    Q_OBJECT
public:
    explicit LineageLegendBar(QWidget *parent = nullptr);
    void setTheme(const Theme &theme);
    /// Bits of LineagePainter::LegendEntry.
    void setEntries(unsigned entries);
    unsigned entries() const { return m_entries; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    Theme m_theme = Theme::make(Theme::Kind::Light, false);
    unsigned m_entries = LineagePainter::BasicEntries;
};

} // namespace dsl::ui
