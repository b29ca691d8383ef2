// StatisticsPainter: the Streaming tab's layers, drawn from StatisticsPaintParams only.
#include "statisticspainter.h"

#include <QFontMetricsF>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace dsl::ui {

QString StatisticsPainter::axisNumber(double v)
{
    QString s = QString::number(v, 'f', 2);
    while (s.contains(QLatin1Char('.')) && (s.endsWith(QLatin1Char('0')) || s.endsWith(QLatin1Char('.')))) s.chop(1);
    return s;
}

QPolygonF StatisticsPainter::failedMarker(const QPointF &c, double size)
{
    const double h = size * 0.9;
    return QPolygonF({QPointF(c.x(), c.y() - h * 0.6), QPointF(c.x() + size * 0.55, c.y() + h * 0.4),
                      QPointF(c.x() - size * 0.55, c.y() + h * 0.4)});
}

void StatisticsPainter::paint(QPainter &painter) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing);
    paintBackground(painter);
    paintTitles(painter);
    for (const auto &row : m_p.rows) {
        paintLabel(painter, row);
        paintTimeline(painter, row);
        paintHistogram(painter, row);
        paintLegend(painter, row);
    }
    paintTimeAxis(painter);
    painter.restore();
}

void StatisticsPainter::paintBackground(QPainter &painter) const
{
    painter.fillRect(m_p.bounds, m_t.surface);
    // Rows alternate their ground, as Spark's bordered table separates them.
    painter.setPen(Qt::NoPen);
    for (std::size_t i = 0; i < m_p.rows.size(); ++i) {
        const auto &r = m_p.rows[i];
        const QRectF band(m_p.bounds.left(), r.label.top(), m_p.bounds.width(), r.label.height());
        if (i % 2 == 1) painter.fillRect(band, m_t.surfaceAlt);
    }
    painter.setPen(QPen(m_t.grid, 1));
    for (const auto &r : m_p.rows) painter.drawLine(QPointF(m_p.bounds.left(), r.label.bottom()), QPointF(m_p.bounds.right(), r.label.bottom()));
}

void StatisticsPainter::paintTitles(QPainter &painter) const
{
    if (m_p.rows.empty()) return;
    const auto &first = m_p.rows.front();
    const QFont f = m_t.font(0.95, true);
    painter.setFont(f);
    painter.setPen(m_t.text);
    const double top = m_p.bounds.top();
    const double h = first.label.top() - top;
    // The timelines' title starts over the label column, which has no title of its own.
    const QRectF tl(first.label.left() + m_t.px(8), top, first.histogram.left() - first.label.left() - m_t.px(16), h);
    const QRectF hl(first.histogram.left(), top, m_p.bounds.right() - first.histogram.left(), h);
    painter.drawText(tl, Qt::AlignLeft | Qt::AlignVCenter, QFontMetricsF(f).elidedText(m_p.timelinesTitle, Qt::ElideRight, tl.width()));
    painter.drawText(hl, Qt::AlignLeft | Qt::AlignVCenter, QFontMetricsF(f).elidedText(m_p.histogramsTitle, Qt::ElideRight, hl.width()));
}

void StatisticsPainter::paintLabel(QPainter &painter, const StatisticsPaintRow &row) const
{
    const double pad = m_t.px(8);
    QRectF r = row.label.adjusted(pad + (row.indented ? m_t.px(14) : 0), m_t.px(2), -m_t.px(4), -m_t.px(2));
    const QFont titleFont = m_t.font(row.indented ? 0.95 : 1.05, true), detailFont = m_t.font(0.95);
    const QFontMetricsF tm(titleFont), dm(detailFont);
    const double block = tm.height() + dm.height();
    double y = r.center().y() - block / 2;
    // The row's colour as a key beside its title (the line is drawn in it).
    painter.setPen(Qt::NoPen);
    painter.setBrush(row.color);
    const double key = m_t.px(5);
    painter.drawRoundedRect(QRectF(r.left() - pad + m_t.px(2), y + m_t.px(3), key, tm.height() + dm.height() - m_t.px(6)), 2, 2);
    painter.setFont(titleFont);
    painter.setPen(m_t.text);
    QString title = row.title;
    if (row.expandable) title = (row.expanded ? QStringLiteral("\u25BE ") : QStringLiteral("\u25B8 ")) + title;
    painter.drawText(QRectF(r.left(), y, r.width(), tm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     tm.elidedText(title, Qt::ElideRight, r.width()));
    y += tm.height();
    painter.setFont(detailFont);
    painter.setPen(m_t.mutedText);
    painter.drawText(QRectF(r.left(), y, r.width(), dm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     dm.elidedText(row.detail, Qt::ElideRight, r.width()));
}

void StatisticsPainter::paintTimeline(QPainter &painter, const StatisticsPaintRow &row) const
{
    const StatisticsMapping &m = row.timeline;
    const QRectF plot = m.plot();
    if (plot.width() <= 2 || plot.height() <= 2) return;
    // Axes: the value axis on the left with 0, the middle and the top (the unit after the top).
    const QFont axisFont = m_t.font(0.9);
    const QFontMetricsF am(axisFont);
    painter.setFont(axisFont);
    painter.setPen(QPen(m_t.grid, 1));
    for (double f : {0.5, 1.0}) painter.drawLine(QPointF(plot.left(), m.y(m.maxY() * f)), QPointF(plot.right(), m.y(m.maxY() * f)));
    painter.setPen(QPen(m_t.border, 1));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.drawLine(plot.bottomLeft(), plot.topLeft());
    painter.setPen(m_t.mutedText);
    const double lw = plot.left() - row.label.right() - m_t.px(4);
    for (double f : {0.0, 0.5, 1.0}) {
        QString text = axisNumber(m.maxY() * f / row.unitScale);
        if (f == 1.0) text += QLatin1Char(' ') + row.unit;
        const double yy = std::clamp(m.y(m.maxY() * f), plot.top() + am.height() / 2 - m_t.px(2), plot.bottom() - am.height() / 2 + m_t.px(2));
        painter.drawText(QRectF(row.label.right(), yy - am.height() / 2, lw, am.height()), Qt::AlignRight | Qt::AlignVCenter,
                         am.elidedText(text, Qt::ElideLeft, lw));
    }
    painter.save();
    painter.setClipRect(plot.adjusted(-m_t.px(8), -m_t.px(8), m_t.px(8), m_t.px(1)));
    // The batch interval (Spark's dashed line, streaming-page.js drawLine), and the receivers'
    // maxRate on an input rate row: dashed alike, each named where it starts, on the surface, so
    // that a class sees which line the points cross.
    const auto dashedLine = [&](const std::optional<double> &value, const QString &label) {
        if (!value || *value > m.maxY()) return;
        QPen dash(m_t.intervalLine, m_t.lineWidth * 1.2, Qt::CustomDashLine);
        dash.setDashPattern({6, 6});
        painter.setPen(dash);
        painter.drawLine(QPointF(plot.left(), m.y(*value)), QPointF(plot.right(), m.y(*value)));
        if (label.isEmpty()) return;
        const QFont lf = m_t.font(0.85, true);
        const QFontMetricsF lm(lf);
        const double w = lm.horizontalAdvance(label) + m_t.px(6);
        // A narrow plot (the tab beside the tables) keeps its points in sight instead.
        if (w > plot.width() * 0.4) return;
        const QRectF box = lineLabelBox(row, *value, w, lm.height(), m_t);
        QColor ground = m_t.surface;
        ground.setAlpha(210);
        painter.fillRect(box, ground);
        painter.setFont(lf);
        painter.setPen(m_t.intervalLine);
        painter.drawText(box, Qt::AlignCenter, label);
    };
    dashedLine(row.interval, row.intervalLabel);
    dashedLine(row.limit, row.limitLabel);
    // The selected batch: a guide through the plot, then a ring on its point.
    if (m_p.selectedBatch) {
        const double sx = m.x(*m_p.selectedBatch);
        if (sx >= plot.left() - 0.5 && sx <= plot.right() + 0.5) {
            QPen guide(m_t.accent, m_t.lineWidth, Qt::DotLine);
            painter.setPen(guide);
            painter.drawLine(QPointF(sx, plot.top()), QPointF(sx, plot.bottom()));
        }
    }
    // Further lines under the main one (thinner; a dashed one is a reference to compare with).
    for (const StatisticsPaintLine &l : row.lines) {
        if (l.drawn.empty()) continue;
        QPolygonF line;
        line.reserve(static_cast<qsizetype>(l.drawn.size()));
        for (const auto &p : l.drawn) line << QPointF(m.x(p.batchMs), m.y(p.value));
        QPen pen(l.color, m_t.lineWidth * 1.4, l.dashed ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawPolyline(line);
    }
    // The line, then markers.
    if (!row.drawn.empty()) {
        QPolygonF line;
        line.reserve(static_cast<qsizetype>(row.drawn.size()));
        for (const auto &p : row.drawn) line << QPointF(m.x(p.batchMs), m.y(p.value));
        painter.setPen(QPen(row.color, m_t.lineWidth * 1.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.setBrush(Qt::NoBrush);
        painter.drawPolyline(line);
        if (row.markers) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(row.color);
            const double r = m_t.px(2.6);
            for (std::size_t i = 0; i < row.drawn.size(); ++i)
                if (!row.drawn[i].failed) painter.drawEllipse(line[static_cast<qsizetype>(i)], r, r);
        }
        painter.setPen(QPen(m_t.surface, m_t.px(1.2)));
        painter.setBrush(m_t.error);
        for (std::size_t i = 0; i < row.drawn.size(); ++i)
            if (row.drawn[i].failed) painter.drawPolygon(failedMarker(line[static_cast<qsizetype>(i)], m_t.px(13)));
    }
    if (row.selected) {
        painter.setPen(QPen(m_t.accent, m_t.lineWidth * 2));
        painter.setBrush(Qt::NoBrush);
        const double r = m_t.px(7);
        painter.drawEllipse(QPointF(m.x(row.selected->batchMs), m.y(row.selected->value)), r, r);
    }
    painter.restore();
}

QRectF StatisticsPainter::lineLabelBox(const StatisticsPaintRow &row, double value, double textWidth, double textHeight,
                                       const Theme &t)
{
    const StatisticsMapping &m = row.timeline;
    const QRectF plot = m.plot();
    const double ly = m.y(value);
    const double x = plot.left() + t.px(4);
    const QRectF above(x, ly - textHeight - t.px(2), textWidth, textHeight);
    const QRectF below(x, ly + t.px(3), textWidth, textHeight);
    const auto hides = [&](const QRectF &box) {
        const QRectF near = box.adjusted(-t.px(4), -t.px(4), t.px(4), t.px(4));
        return std::any_of(row.drawn.begin(), row.drawn.end(),
                           [&](const StatisticsPoint &p) { return near.contains(m.x(p.batchMs), m.y(p.value)); });
    };
    const bool aboveFits = above.top() >= plot.top() - t.px(6);
    const bool belowFits = below.bottom() <= plot.bottom() + t.px(2);
    return aboveFits && (!hides(above) || !belowFits || hides(below)) ? above : below;
}

void StatisticsPainter::paintHistogram(QPainter &painter, const StatisticsPaintRow &row) const
{
    const QRectF h = row.histogram;
    if (h.width() <= 2 || h.height() <= 2 || row.bins.empty()) return;
    const StatisticsMapping &m = row.timeline; // the same value range, bottom to top
    const int bins = static_cast<int>(row.bins.size());
    const double maxCount = std::max(1, m_p.histogramMax);
    painter.setPen(QPen(m_t.border, 1));
    painter.drawLine(QPointF(h.left(), m.plot().top()), QPointF(h.left(), m.plot().bottom()));
    const QColor fill = row.color;
    for (int b = 0; b < bins; ++b) {
        const int c = row.bins[static_cast<std::size_t>(b)];
        if (c == 0) continue;
        const double y0 = m.y(m.maxY() * b / bins), y1 = m.y(m.maxY() * (b + 1) / bins);
        const QRectF bar(h.left(), y1 + 0.5, h.width() * c / maxCount, std::max(1.0, y0 - y1 - 1));
        painter.fillRect(bar, fill);
    }
    // The selected batch's value: a tick on the value axis, where its bar is.
    if (row.selected) {
        const double sy = m.y(row.selected->value);
        painter.setPen(QPen(m_t.accent, m_t.lineWidth * 1.5));
        painter.drawLine(QPointF(h.left() - m_t.px(6), sy), QPointF(h.left() + m_t.px(6), sy));
    }
    for (const auto &value : {row.interval, row.limit}) {
        if (!value || *value > m.maxY()) continue;
        QPen dash(m_t.intervalLine, m_t.lineWidth * 1.2, Qt::CustomDashLine);
        dash.setDashPattern({6, 6});
        painter.setPen(dash);
        const double iy = m.y(*value);
        painter.drawLine(QPointF(h.left(), iy), QPointF(h.right(), iy));
    }
    if (row.stable) {
        // streaming-page.js: "stable" just below the interval line, at the right; with the line
        // above the scale, at the top right.
        const QFont sf = m_t.font(1.0, true);
        const QFontMetricsF sm(sf);
        painter.setFont(sf);
        painter.setPen(m_t.ok);
        const double top = row.interval && *row.interval <= m.maxY() ? m.y(*row.interval) + m_t.px(2) : m.plot().top();
        painter.drawText(QRectF(h.left(), top, h.width(), sm.height()), Qt::AlignRight | Qt::AlignTop, m_p.stableText);
    }
}

void StatisticsPainter::paintLegend(QPainter &painter, const StatisticsPaintRow &row) const
{
    if (row.lineName.isEmpty() || !row.bins.empty()) return;
    const QFont f = m_t.font(0.9);
    const QFontMetricsF fm(f);
    painter.setFont(f);
    const double swatch = m_t.px(22), gap = m_t.px(6);
    struct Entry {
        QString name;
        QColor color;
        bool dashed;
    };
    std::vector<Entry> entries{{row.lineName, row.color, false}};
    for (const StatisticsPaintLine &l : row.lines) entries.push_back({l.name, l.color, l.dashed});
    double textW = 0;
    for (const Entry &e : entries) textW = std::max(textW, fm.horizontalAdvance(e.name));
    // Where the histogram would be; where that column is too narrow for the names (the tab
    // beside the tables), in the plot's top right corner on the surface.
    QRectF box = row.histogram.adjusted(0, -m_t.px(2), 0, m_t.px(2));
    const double needW = swatch + gap + textW;
    const double rowH = std::min(fm.height() + m_t.px(2), box.height() / static_cast<double>(entries.size()));
    // Only where the plot is wide enough to keep most of it in sight; else elided in the column.
    if (box.width() < needW && needW + m_t.px(8) <= row.timeline.plot().width() * 0.45) {
        // The corner that hides fewer of the lines' points.
        const QRectF plot = row.timeline.plot();
        const QSizeF size(needW + m_t.px(8), rowH * static_cast<double>(entries.size()));
        const QRectF right(QPointF(plot.right() - size.width(), plot.top()), size), left(plot.topLeft(), size);
        const auto hidden = [&](const QRectF &r) {
            const auto in = [&](const std::vector<StatisticsPoint> &pts) {
                return std::count_if(pts.begin(), pts.end(), [&](const StatisticsPoint &p) {
                    return r.contains(row.timeline.x(p.batchMs), row.timeline.y(p.value));
                });
            };
            auto n = in(row.drawn);
            for (const StatisticsPaintLine &l : row.lines) n += in(l.drawn);
            return n;
        };
        box = hidden(left) < hidden(right) ? left : right;
        QColor ground = m_t.surface;
        ground.setAlpha(220);
        painter.fillRect(box, ground);
        box.adjust(m_t.px(4), 0, -m_t.px(4), 0);
    }
    if (box.width() <= 2 || box.height() <= 2) return;
    double y = box.top();
    for (const Entry &e : entries) {
        painter.setPen(QPen(e.color, m_t.lineWidth * 1.6, e.dashed ? Qt::DashLine : Qt::SolidLine, Qt::FlatCap));
        painter.drawLine(QPointF(box.left(), y + rowH / 2), QPointF(box.left() + swatch, y + rowH / 2));
        painter.setPen(m_t.text);
        const QRectF text(box.left() + swatch + gap, y, box.width() - swatch - gap, rowH);
        painter.drawText(text, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(e.name, Qt::ElideRight, text.width()));
        y += rowH;
    }
}

void StatisticsPainter::paintTimeAxis(QPainter &painter) const
{
    if (m_p.rows.empty()) return;
    const auto &last = m_p.rows.back();
    const QRectF plot = last.timeline.plot();
    const QFont f = m_t.font(0.9);
    const QFontMetricsF fm(f);
    painter.setFont(f);
    painter.setPen(m_t.mutedText);
    const double top = last.label.bottom() + m_t.px(1);
    const double w = std::max(0.0, plot.width() / 2);
    painter.drawText(QRectF(plot.left() - m_t.px(4), top, w, fm.height()), Qt::AlignLeft | Qt::AlignTop, m_p.firstTime);
    painter.drawText(QRectF(plot.right() - w + m_t.px(4), top, w, fm.height()), Qt::AlignRight | Qt::AlignTop, m_p.lastTime);
    // The histograms' count axis under the last one: every histogram's bars end at the largest
    // bin of all (Spark's maxXForHistogram).
    const QRectF h = last.histogram;
    painter.drawText(QRectF(h.left(), top, h.width(), fm.height()), Qt::AlignLeft | Qt::AlignTop, QStringLiteral("0"));
    const QString maxText = QString::number(m_p.histogramMax) + QLatin1Char(' ') + m_p.batchesLabel;
    painter.drawText(QRectF(h.left() + fm.horizontalAdvance(QStringLiteral("0 ")), top, h.width() - fm.horizontalAdvance(QStringLiteral("0 ")) + m_t.px(8), fm.height()),
                     Qt::AlignRight | Qt::AlignTop, fm.elidedText(maxText, Qt::ElideLeft, h.width()));
}

} // namespace dsl::ui
