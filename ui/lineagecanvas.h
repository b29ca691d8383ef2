// LineageCanvas: the widget the lineage DAG is painted on (LineagePainter), scaled down to fit.
#pragma once

#ifndef Q_MOC_RUN // Qt 6.4's moc cannot parse <compare>, which the engine's headers include
#include "lineagepainter.h"
#endif

#include <QWidget>

#include <memory>

namespace dsl::ui {

/// Holds one graph, its layout and its labels (set by LineageView) and paints them (the legend
/// is the view's LineageLegendBar, which does not scroll). The graph is drawn at its natural
/// size, or smaller (down to minScale) when the widget is smaller; its minimum size is the graph
/// at minScale, so a scroll area around it scrolls a graph too large for that.
class LineageCanvas : public QWidget {
    Q_OBJECT
public:
    static constexpr double minScale = 0.8; // smaller text is unreadable on a projector
    explicit LineageCanvas(QWidget *parent = nullptr);

    struct Content {
        std::shared_ptr<const LineageGraph> graph; ///< null: nothing to draw
        LineageLayout layout;
        std::vector<LineageWindowRole> roles;
        std::vector<QString> roleLabels;
        std::vector<QString> stageTitles;
        unsigned legendEntries = LineagePainter::BasicEntries;
    };
    void setTheme(const Theme &theme);
    const Theme &theme() const { return m_theme; }
    void setContent(Content content);
    const Content &content() const { return m_content; }
    /// The params a paint of a `size` canvas uses (its scale).
    LineagePaintParams paintParams(QSizeF size) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    Theme m_theme = Theme::make(Theme::Kind::Light, false);
    Content m_content;
};

} // namespace dsl::ui
