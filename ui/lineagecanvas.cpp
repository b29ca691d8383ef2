// LineageCanvas: paints the lineage DAG at a scale that fits the widget.
#include "lineagecanvas.h"

#include <QPaintEvent>

#include <algorithm>
#include <cmath>

namespace dsl::ui {

LineageCanvas::LineageCanvas(QWidget *parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void LineageCanvas::setTheme(const Theme &theme)
{
    m_theme = theme;
    update(); // the view lays the graph out again for the theme's sizes (setContent)
}

void LineageCanvas::setContent(Content content)
{
    m_content = std::move(content);
    // Smaller than this, the graph would be drawn below minScale: the scroll area scrolls instead.
    const QSizeF s = m_content.layout.size * minScale;
    setMinimumSize(static_cast<int>(std::ceil(std::max(200.0, s.width()))),
                   static_cast<int>(std::ceil(std::max(120.0, s.height()))));
    updateGeometry();
    update();
}

LineagePaintParams LineageCanvas::paintParams(QSizeF size) const
{
    LineagePaintParams p;
    p.graph = m_content.graph.get();
    p.layout = &m_content.layout;
    p.theme = &m_theme;
    p.roles = m_content.roles;
    p.roleLabels = m_content.roleLabels;
    p.stageTitles = m_content.stageTitles;
    p.bounds = QRectF(QPointF(0, 0), size);
    p.legendEntries = m_content.legendEntries;
    p.legendHeight = 0; // the view's LineageLegendBar stays in place while the graph scrolls
    const QSizeF need = m_content.layout.size;
    if (need.width() > 0 && need.height() > 0) {
        const double fit = std::min(size.width() / need.width(), (size.height() - p.legendHeight) / need.height());
        p.scale = std::clamp(fit, minScale, 1.0);
    }
    return p;
}

QSize LineageCanvas::sizeHint() const
{
    const QSizeF s = m_content.layout.size;
    return QSize(static_cast<int>(std::ceil(std::max(400.0, s.width()))), static_cast<int>(std::ceil(s.height())));
}

QSize LineageCanvas::minimumSizeHint() const
{
    return QSize(200, 120);
}

void LineageCanvas::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const LineagePaintParams p = paintParams(QSizeF(size()));
    LineagePainter(p).paint(painter);
}

} // namespace dsl::ui
