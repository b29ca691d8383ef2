// Run-control icons: simple vector shapes painted into pixmaps.
#include "runicons.h"

#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace dsl::ui {

QIcon runIcon(RunIcon which, const QColor &color, int s)
{
    QPixmap pm(s, s);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(color);
    const double u = s / 16.0;
    auto triangle = [&](double x, double w) {
        QPainterPath path;
        path.moveTo(x, 3 * u);
        path.lineTo(x + w, 8 * u);
        path.lineTo(x, 13 * u);
        path.closeSubpath();
        p.drawPath(path);
    };
    auto bar = [&](double x) { p.drawRect(QRectF(x, 3 * u, 2 * u, 10 * u)); };
    switch (which) {
    case RunIcon::Play: triangle(4 * u, 9 * u); break;
    case RunIcon::Pause:
        p.drawRect(QRectF(4 * u, 3 * u, 3 * u, 10 * u));
        p.drawRect(QRectF(9 * u, 3 * u, 3 * u, 10 * u));
        break;
    case RunIcon::StepBatch:
        triangle(3 * u, 8 * u);
        bar(11.5 * u);
        break;
    case RunIcon::StepEvent:
        triangle(2 * u, 6 * u);
        triangle(8 * u, 6 * u);
        break;
    case RunIcon::StepBack: {
        bar(2.5 * u);
        QPainterPath path;
        path.moveTo(13 * u, 3 * u);
        path.lineTo(5 * u, 8 * u);
        path.lineTo(13 * u, 13 * u);
        path.closeSubpath();
        p.drawPath(path);
        break;
    }
    case RunIcon::Reset: {
        p.setBrush(Qt::NoBrush);
        p.setPen(QPen(color, 2 * u, Qt::SolidLine, Qt::RoundCap));
        p.drawArc(QRectF(3 * u, 3 * u, 10 * u, 10 * u), 100 * 16, 280 * 16);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        QPainterPath head;
        head.moveTo(6 * u, 0.5 * u);
        head.lineTo(10 * u, 3.2 * u);
        head.lineTo(6 * u, 6 * u);
        head.closeSubpath();
        p.drawPath(head);
        break;
    }
    case RunIcon::Open:
        p.drawRoundedRect(QRectF(2 * u, 5 * u, 12 * u, 8 * u), u, u);
        p.drawRect(QRectF(2 * u, 3.5 * u, 5 * u, 2 * u));
        break;
    }
    return QIcon(pm);
}

} // namespace dsl::ui
