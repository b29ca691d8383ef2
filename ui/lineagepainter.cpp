// LineagePainter: the lineage DAG's layers — background, legend, stages, scopes, edges, boxes.
#include "lineagepainter.h"

#include <QFontMetricsF>
#include <QPainterPath>
#include <QtMath>

#include <algorithm>

namespace dsl::ui {

namespace {
enum class LegendSymbol { Narrow, Shuffle, Cached, Cut, CheckpointData, Added, Subtracted };
constexpr LegendSymbol kLegend[] = {LegendSymbol::Narrow, LegendSymbol::Shuffle, LegendSymbol::Cached, LegendSymbol::Cut,
                                    LegendSymbol::CheckpointData, LegendSymbol::Added, LegendSymbol::Subtracted};

QColor alpha(QColor c, int a)
{
    c.setAlpha(a);
    return c;
}

QColor cachedColor(const Theme &t) { return t.ok; }
QColor shuffleColor(const Theme &t) { return t.accent; }
QColor addedColor(const Theme &t) { return t.ok; }
QColor subtractedColor(const Theme &t) { return t.error; }

void arrowHead(QPainter &p, QPointF tip, QPointF from, double size)
{
    const QPointF d = tip - from;
    const double len = std::hypot(d.x(), d.y());
    if (len < 0.01) return;
    const QPointF u = d / len, n(-u.y(), u.x());
    QPolygonF head;
    head << tip << tip - u * size + n * size * 0.5 << tip - u * size - n * size * 0.5;
    p.drawPolygon(head);
}

/// A zig-zag across an edge: the lineage cut by a checkpoint.
void zigzag(QPainter &p, QPointF centre, double h)
{
    QPainterPath path;
    path.moveTo(centre + QPointF(-h * 0.15, -h));
    const int steps = 4;
    for (int i = 1; i <= steps; ++i)
        path.lineTo(centre + QPointF((i % 2 ? h * 0.3 : -h * 0.15), -h + 2 * h * i / steps));
    p.drawPath(path);
}

void drawSymbol(QPainter &p, const Theme &t, LegendSymbol s, const QRectF &r)
{
    const double lw = t.lineWidth;
    const QPointF a(r.left(), r.center().y()), b(r.right(), r.center().y());
    p.setBrush(Qt::NoBrush);
    switch (s) {
    case LegendSymbol::Narrow:
        p.setPen(QPen(t.text, lw));
        p.drawLine(a, b);
        p.setBrush(t.text);
        arrowHead(p, b, a, t.px(7));
        break;
    case LegendSymbol::Shuffle:
        p.setPen(QPen(shuffleColor(t), lw * 1.4, Qt::DashLine));
        p.drawLine(a, b);
        p.setPen(QPen(shuffleColor(t), lw));
        p.setBrush(shuffleColor(t));
        arrowHead(p, b, a, t.px(7));
        break;
    case LegendSymbol::Cached:
        p.setPen(Qt::NoPen);
        p.setBrush(cachedColor(t));
        p.drawEllipse(r.center(), r.height() * 0.3, r.height() * 0.3);
        break;
    case LegendSymbol::Cut:
        p.setPen(QPen(t.text, lw));
        p.drawLine(a, b);
        p.setPen(QPen(t.error, lw * 1.6));
        zigzag(p, r.center(), r.height() * 0.45);
        break;
    case LegendSymbol::CheckpointData: {
        const QRectF box = r.adjusted(r.width() * 0.15, r.height() * 0.1, -r.width() * 0.15, -r.height() * 0.1);
        p.setPen(QPen(t.border, lw));
        p.setBrush(t.surface);
        p.drawRect(box);
        p.setBrush(QBrush(alpha(t.mutedText, 150), Qt::BDiagPattern));
        p.drawRect(box);
        break;
    }
    case LegendSymbol::Added:
    case LegendSymbol::Subtracted: {
        const QRectF box = r.adjusted(r.width() * 0.15, r.height() * 0.1, -r.width() * 0.15, -r.height() * 0.1);
        p.setPen(QPen(s == LegendSymbol::Added ? addedColor(t) : subtractedColor(t), lw * 2.2,
                      s == LegendSymbol::Added ? Qt::SolidLine : Qt::DotLine));
        p.setBrush(t.surface);
        p.drawRect(box);
        break;
    }
    }
}
/// "reduceByKeyAndWindow @ 10:00:11" in `width`: the operation is elided, never the batch time.
QString scopeTitle(const QFontMetricsF &fm, const std::string &scope, double width)
{
    const QString text = QString::fromStdString(scope);
    if (fm.horizontalAdvance(text) <= width) return text;
    const qsizetype at = text.lastIndexOf(QStringLiteral(" @ "));
    if (at < 0) return fm.elidedText(text, Qt::ElideRight, width);
    const QString time = text.mid(at);
    return fm.elidedText(text.left(at), Qt::ElideRight, std::max(0.0, width - fm.horizontalAdvance(time))) + time;
}
} // namespace

QStringList LineagePainter::legendTexts(unsigned mask)
{
    const QString all[] = {tr("narrow dependency"), tr("shuffle dependency (new stage)"), tr("cached (persisted)"),
                           tr("checkpoint: lineage cut"), tr("read from the checkpoint"), tr("added to the window"),
                           tr("subtracted from the window")};
    QStringList out;
    for (int i = 0; i < 7; ++i)
        if (mask & (1u << i)) out << all[i];
    return out;
}

namespace {
/// The legend symbols of `mask`, in legendTexts' order.
std::vector<LegendSymbol> symbolsOf(unsigned mask)
{
    std::vector<LegendSymbol> out;
    for (int i = 0; i < 7; ++i)
        if (mask & (1u << i)) out.push_back(kLegend[i]);
    return out;
}
} // namespace

double LineagePainter::legendHeight(const Theme &theme, double width, unsigned mask)
{
    const QFontMetricsF fm(theme.font(0.9));
    const double symbolW = theme.px(30), gap = theme.px(18), rowH = fm.height() + theme.px(8);
    double x = theme.px(10);
    int rows = 1;
    for (const QString &text : legendTexts(mask)) {
        const double w = symbolW + theme.px(6) + fm.horizontalAdvance(text);
        if (x + w > width - theme.px(10) && x > theme.px(10)) {
            ++rows;
            x = theme.px(10);
        }
        x += w + gap;
    }
    return rows * rowH + theme.px(6);
}

LineageLayoutMetrics LineagePainter::metricsFor(const Theme &theme)
{
    LineageLayoutMetrics m;
    const QFontMetricsF title(titleFont(theme)), site(siteFont(theme)), cluster(clusterFont(theme));
    m.margin = theme.px(10);
    m.lineHeight = std::max(title.height(), site.height()) + theme.px(2);
    m.boxPadding = theme.px(6);
    m.minBoxWidth = theme.px(120);
    m.maxBoxWidth = theme.px(220);
    m.partitionSize = theme.px(11);
    m.partitionGap = theme.px(3);
    m.rankGap = theme.px(46);
    m.slotGap = theme.px(10);
    m.clusterPadding = theme.px(7);
    m.clusterTitleHeight = cluster.height() + theme.px(2);
    m.bandGap = theme.px(14);
    const QFont tf = titleFont(theme), sf = siteFont(theme);
    m.textWidth = [tf](const std::string &text) { return QFontMetricsF(tf).horizontalAdvance(QString::fromStdString(text)) + 2; };
    m.siteWidth = [sf](const std::string &text) { return QFontMetricsF(sf).horizontalAdvance(QString::fromStdString(text)) + 2; };
    return m;
}

void LineagePainter::paint(QPainter &painter) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    paintBackground(painter);
    if (m_p.legendHeight > 0) paintLegend(painter);
    if (m_p.graph && m_p.layout) {
        painter.save();
        painter.translate(m_p.bounds.left(), m_p.bounds.top() + m_p.legendHeight);
        painter.scale(m_p.scale, m_p.scale);
        paintStages(painter);
        paintScopes(painter);
        paintEdges(painter);
        paintBoxes(painter);
        painter.restore();
    }
    painter.restore();
}

void LineagePainter::paintBackground(QPainter &painter) const
{
    painter.fillRect(m_p.bounds, m_p.theme->surface);
}

void LineagePainter::paintLegend(QPainter &painter) const
{
    const Theme &t = *m_p.theme;
    const QFont font = t.font(0.9);
    const QFontMetricsF fm(font);
    const double symbolW = t.px(30), gap = t.px(18), rowH = fm.height() + t.px(8);
    const QRectF strip(m_p.bounds.left(), m_p.bounds.top(), m_p.bounds.width(), m_p.legendHeight);
    painter.fillRect(strip, t.surfaceAlt);
    painter.setPen(QPen(t.grid, 1));
    painter.drawLine(strip.bottomLeft(), strip.bottomRight());
    double x = strip.left() + t.px(10), y = strip.top() + t.px(3);
    const QStringList texts = legendTexts(m_p.legendEntries);
    const std::vector<LegendSymbol> symbols = symbolsOf(m_p.legendEntries);
    for (int i = 0; i < texts.size(); ++i) {
        const double w = symbolW + t.px(6) + fm.horizontalAdvance(texts[i]);
        if (x + w > strip.right() - t.px(10) && x > strip.left() + t.px(10)) {
            x = strip.left() + t.px(10);
            y += rowH;
        }
        drawSymbol(painter, t, symbols[static_cast<std::size_t>(i)], QRectF(x, y + t.px(3), symbolW, rowH - t.px(6)));
        painter.setFont(font);
        painter.setPen(t.text);
        painter.drawText(QRectF(x + symbolW + t.px(6), y, w, rowH), Qt::AlignLeft | Qt::AlignVCenter, texts[i]);
        x += w + gap;
    }
}

void LineagePainter::paintStages(QPainter &painter) const
{
    const Theme &t = *m_p.theme;
    painter.setFont(clusterFont(t));
    for (const LineageCluster &c : m_p.layout->stages) {
        if (c.nodes.empty()) continue;
        painter.setPen(QPen(t.border, t.lineWidth));
        painter.setBrush(t.surfaceAlt);
        painter.drawRoundedRect(c.rect, t.px(6), t.px(6));
        const auto k = static_cast<std::size_t>(c.stage);
        const QString title = k < m_p.stageTitles.size() ? m_p.stageTitles[k] : QString();
        painter.setPen(t.text);
        painter.drawText(c.titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                         QFontMetricsF(painter.font()).elidedText(title, Qt::ElideRight, c.titleRect.width()));
    }
}

void LineagePainter::paintScopes(QPainter &painter) const
{
    const Theme &t = *m_p.theme;
    painter.setFont(clusterFont(t));
    const QColor fill = alpha(t.rowColors[0], t.isDark() ? 150 : 200);
    for (const LineageCluster &c : m_p.layout->scopes) {
        painter.setPen(QPen(t.isDark() ? t.rowColors[0].lighter(170) : t.rowColors[0].darker(150), t.lineWidth * 0.8));
        painter.setBrush(fill);
        painter.drawRoundedRect(c.rect, t.px(4), t.px(4));
        painter.setPen(t.mutedText);
        painter.drawText(c.titleRect, Qt::AlignLeft | Qt::AlignVCenter, scopeTitle(QFontMetricsF(painter.font()), c.scope, c.titleRect.width()));
    }
}

void LineagePainter::paintEdges(QPainter &painter) const
{
    const Theme &t = *m_p.theme;
    for (const LineageEdgePath &e : m_p.layout->edges) {
        if (e.points.size() < 2) continue;
        const QColor c = e.shuffle ? shuffleColor(t) : t.text;
        QPainterPath path(e.points.front());
        for (std::size_t i = 1; i < e.points.size(); ++i) path.lineTo(e.points[i]);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(c, e.shuffle ? t.lineWidth * 1.4 : t.lineWidth, e.shuffle ? Qt::DashLine : Qt::SolidLine));
        painter.drawPath(path);
        painter.setPen(QPen(c, t.lineWidth));
        painter.setBrush(c);
        arrowHead(painter, e.points.back(), e.points[e.points.size() - 2], t.px(8));
        const LineageNode &child = m_p.graph->nodes[static_cast<std::size_t>(e.child)];
        if (child.checkpointed) paintCut(painter, e);
    }
}

void LineagePainter::paintCut(QPainter &painter, const LineageEdgePath &edge) const
{
    // Across the edge into a checkpointed RDD: what it read before is no longer its lineage.
    const Theme &t = *m_p.theme;
    const QPointF a = edge.points[edge.points.size() - 2], b = edge.points.back();
    painter.setPen(QPen(t.error, t.lineWidth * 1.8));
    painter.setBrush(Qt::NoBrush);
    zigzag(painter, (a + b) / 2, t.px(10));
}

void LineagePainter::paintBoxes(QPainter &painter) const
{
    const Theme &t = *m_p.theme;
    const QFont title = titleFont(t), site = siteFont(t), badge = t.font(0.8, true);
    for (const LineageBox &b : m_p.layout->boxes) {
        const auto i = static_cast<std::size_t>(b.node);
        const LineageNode &n = m_p.graph->nodes[i];
        const LineageWindowRole role = i < m_p.roles.size() ? m_p.roles[i] : LineageWindowRole::None;
        QPen border(t.text, t.lineWidth);
        if (i == 0) border = QPen(t.text, t.lineWidth * 2.4); // the stream's own RDD
        if (role == LineageWindowRole::Added) border = QPen(addedColor(t), t.lineWidth * 2.2);
        if (role == LineageWindowRole::Subtracted) border = QPen(subtractedColor(t), t.lineWidth * 2.2, Qt::DotLine);
        painter.setPen(border);
        painter.setBrush(t.surface);
        painter.drawRoundedRect(b.rect, t.px(3), t.px(3));
        if (n.className == "ReliableCheckpointRDD") {
            painter.setPen(Qt::NoPen);
            painter.setBrush(QBrush(alpha(t.mutedText, 90), Qt::BDiagPattern));
            painter.drawRoundedRect(b.rect, t.px(3), t.px(3));
        }
        painter.setFont(title);
        painter.setPen(t.text);
        const QString head = QString::fromStdString((n.name.empty() ? "" : n.name + " ") + n.className + " [" +
                                                    std::to_string(n.rddId) + "]");
        painter.drawText(b.titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                         QFontMetricsF(title).elidedText(head, Qt::ElideMiddle, b.titleRect.width()));
        painter.setFont(site);
        painter.setPen(t.mutedText);
        painter.drawText(b.siteRect, Qt::AlignLeft | Qt::AlignVCenter,
                         QFontMetricsF(site).elidedText(QString::fromStdString(n.callSite), Qt::ElideLeft, b.siteRect.width()));
        // Partitions: filled green where the cache holds them.
        for (std::size_t k = 0; k < b.partitions.size(); ++k) {
            const bool inCache = n.cached() && static_cast<int>(k) < n.cachedPartitions;
            painter.setPen(QPen(t.isDark() ? t.record.lighter(130) : t.record.darker(120), std::max(1.0, t.lineWidth * 0.7)));
            painter.setBrush(inCache ? cachedColor(t) : alpha(t.record, 110));
            painter.drawRect(b.partitions[k]);
        }
        if (b.morePartitions > 0 && !b.partitions.empty()) {
            painter.setFont(site);
            painter.setPen(t.mutedText);
            const QRectF last = b.partitions.back();
            painter.drawText(QRectF(last.right() + t.px(3), last.top() - t.px(4), t.px(60), last.height() + t.px(8)),
                             Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("+%1").arg(b.morePartitions));
        }
        // Marks in the top-right corner: cached (a green dot), checkpoint to be written (a ring).
        double x = b.rect.right() - t.px(9);
        const double y = b.rect.top() + t.px(9);
        if (n.cached()) {
            painter.setPen(Qt::NoPen);
            painter.setBrush(cachedColor(t));
            painter.drawEllipse(QPointF(x, y), t.px(5), t.px(5));
            x -= t.px(14);
        }
        if (n.checkpointMarked && !n.checkpointed) {
            painter.setPen(QPen(t.error, t.lineWidth * 1.4));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(QPointF(x, y), t.px(4.5), t.px(4.5));
        }
        if (i < m_p.roleLabels.size() && !m_p.roleLabels[i].isEmpty()) {
            painter.setFont(badge);
            const QFontMetricsF fm(badge);
            const QString text = m_p.roleLabels[i];
            const QRectF pill(b.rect.right() - fm.horizontalAdvance(text) - t.px(12), b.rect.bottom() - fm.height() - t.px(4),
                              fm.horizontalAdvance(text) + t.px(8), fm.height() + t.px(2));
            painter.setPen(Qt::NoPen);
            painter.setBrush(role == LineageWindowRole::Added ? addedColor(t) : subtractedColor(t));
            painter.drawRoundedRect(pill, t.px(3), t.px(3));
            painter.setPen(Qt::white);
            painter.drawText(pill, Qt::AlignCenter, text);
        }
    }
}

} // namespace dsl::ui
