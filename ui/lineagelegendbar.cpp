// LineageLegendBar: the legend strip, drawn by LineagePainter::paintLegend.
#include "lineagelegendbar.h"

#include <QPainter>

#include <cmath>

namespace dsl::ui {

LineageLegendBar::LineageLegendBar(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void LineageLegendBar::setTheme(const Theme &theme)
{
    m_theme = theme;
    setFixedHeight(heightForWidth(width()));
    update();
}

void LineageLegendBar::setEntries(unsigned entries)
{
    if (entries == m_entries) return;
    m_entries = entries;
    setFixedHeight(heightForWidth(width()));
    update();
}

int LineageLegendBar::heightForWidth(int width) const
{
    return static_cast<int>(std::ceil(LineagePainter::legendHeight(m_theme, std::max(width, 100), m_entries)));
}

QSize LineageLegendBar::sizeHint() const
{
    return QSize(600, heightForWidth(600));
}

void LineageLegendBar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    const int h = heightForWidth(width());
    if (h != height()) setFixedHeight(h);
}

void LineageLegendBar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, true);
    LineagePaintParams p;
    p.theme = &m_theme;
    p.bounds = QRectF(rect());
    p.legendHeight = height();
    p.legendEntries = m_entries;
    LineagePainter(p).paintLegend(painter);
}

} // namespace dsl::ui
