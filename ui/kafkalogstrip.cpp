// KafkaLogStrip: rows from the batch's KafkaPartitionSnapshot values, painted in layers.
#include "kafkalogstrip.h"

#include "sessiontypes.h"

#include <QEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace dsl::ui {

namespace {
bool samePartition(const KafkaPartitionSnapshot &a, const KafkaPartitionSnapshot &b)
{
    return a.streamId == b.streamId && a.partition == b.partition && a.topic == b.topic;
}
} // namespace

std::vector<KafkaLogStrip::Row> KafkaLogStrip::rowsFor(const RunSnapshot &s, const BatchSnapshot &batch, int maxEarlier)
{
    std::vector<Row> rows;
    if (!batch.kafka) return rows;
    const auto at = s.batches.lower_bound(batch.info.batchTime);
    for (const KafkaPartitionSnapshot &p : *batch.kafka) {
        Row r{p.topic, p.partition, p.logStart, p.logEnd, p.from, p.until, p.committed, p.group, p.checkpointed && !p.receiver, {}};
        // Back through the history until a range ends before the log start (older ones are gone
        // from the log too) or enough are found.
        for (auto it = at; it != s.batches.begin() && static_cast<int>(r.earlier.size()) < maxEarlier;) {
            --it;
            if (!it->second->kafka) continue;
            const auto &ps = *it->second->kafka;
            const auto q = std::find_if(ps.begin(), ps.end(), [&](const auto &x) { return samePartition(x, p); });
            if (q == ps.end()) continue;
            if (q->until <= p.logStart) break;
            if (q->until > q->from) r.earlier.emplace_back(std::max(q->from, p.logStart), q->until);
        }
        std::reverse(r.earlier.begin(), r.earlier.end());
        rows.push_back(std::move(r));
    }
    return rows;
}

KafkaLogMapping KafkaLogStrip::mappingFor(const std::vector<Row> &rows, double left, double width)
{
    KafkaLogMapping m{0, 1, left, width};
    if (rows.empty()) return m;
    m.first = rows.front().logStart;
    m.last = rows.front().logEnd;
    for (const Row &r : rows) {
        m.first = std::min(m.first, r.logStart);
        m.last = std::max(m.last, r.logEnd);
    }
    return m;
}

KafkaLogStrip::KafkaLogStrip(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("kafkaLogStrip"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
}

void KafkaLogStrip::setRows(std::vector<Row> rows)
{
    if (rows == m_rows) return;
    const bool resized = rows.size() != m_rows.size();
    m_rows = std::move(rows);
    if (resized) updateGeometry();
    update();
}

void KafkaLogStrip::setTheme(const Theme &theme)
{
    m_theme = theme;
    updateGeometry();
    update();
}

void KafkaLogStrip::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) update();
    QWidget::changeEvent(event);
}

void KafkaLogStrip::setLegendVisible(bool on)
{
    if (on == m_legend) return;
    m_legend = on;
    updateGeometry();
    update();
}

double KafkaLogStrip::legendHeight() const
{
    if (!m_legend) return m_theme.px(2);
    return QFontMetricsF(m_theme.font(0.85)).height() + m_theme.px(8);
}

KafkaLogStrip::PaintParams KafkaLogStrip::paintParams() const
{
    PaintParams pp;
    pp.line = QFontMetricsF(m_theme.font(0.85)).height() + m_theme.px(2);
    pp.bar = m_theme.px(24);
    pp.gap = m_theme.px(6);
    const QFontMetricsF bold(m_theme.font(0.95, true)), small(m_theme.font(0.85));
    double gutter = std::max(small.horizontalAdvance(tr("checkpoint")), small.horizontalAdvance(tr("committed")));
    for (const Row &r : m_rows)
        gutter = std::max(gutter, bold.horizontalAdvance(QStringLiteral("%1-%2").arg(QString::fromStdString(r.topic)).arg(r.partition)));
    pp.gutter = gutter + m_theme.px(14);
    // Room right of the log for the last offset's label and a marker's number.
    const double right = small.horizontalAdvance(QString::number(mappingFor(m_rows, 0, 1).last)) / 2 + m_theme.px(10);
    pp.map = mappingFor(m_rows, pp.gutter, std::max(10.0, width() - pp.gutter - right));
    return pp;
}

QSize KafkaLogStrip::sizeHint() const
{
    const PaintParams pp = paintParams();
    const int rows = std::max<int>(1, static_cast<int>(m_rows.size()));
    return {qRound(m_theme.px(480)), qRound(legendHeight() + rows * pp.rowHeight())};
}

QSize KafkaLogStrip::minimumSizeHint() const
{
    return {qRound(m_theme.px(240)), qRound(legendHeight() + paintParams().rowHeight())};
}

void KafkaLogStrip::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), m_theme.surface);
    const PaintParams pp = paintParams();
    if (m_rows.empty()) {
        p.setPen(m_theme.mutedText);
        p.setFont(m_theme.font(0.95));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, tr("No offset range for this batch."));
        return;
    }
    if (m_legend) paintLegend(p, pp);
    double top = legendHeight();
    for (const Row &r : m_rows) {
        paintLog(p, pp, r, top);
        paintMarkers(p, pp, r, top);
        paintLag(p, pp, r, top);
        top += pp.rowHeight();
    }
}

void KafkaLogStrip::paintLegend(QPainter &p, const PaintParams &pp) const
{
    p.setFont(m_theme.font(0.85));
    const QFontMetricsF fm(p.font());
    const double sw = m_theme.px(14), y = m_theme.px(4), h = fm.height();
    double x = pp.gutter;
    const auto item = [&](const QBrush &brush, const QString &text) {
        const QRectF box(x, y + (h - sw * 0.7) / 2, sw, sw * 0.7);
        p.fillRect(box, m_theme.surfaceAlt);
        p.fillRect(box, brush);
        p.setPen(QPen(m_theme.border, 1));
        p.drawRect(box);
        p.setPen(m_theme.text);
        p.drawText(QPointF(x + sw + m_theme.px(4), y + fm.ascent()), text);
        x += sw + m_theme.px(4) + fm.horizontalAdvance(text) + m_theme.px(16);
    };
    item(m_theme.processingTime, tr("this batch read"));
    QColor earlier = m_theme.pending;
    earlier.setAlpha(110);
    item(earlier, tr("earlier batches"));
    item(QBrush(m_theme.schedulingDelay, Qt::BDiagPattern), tr("not read yet (lag)"));
}

void KafkaLogStrip::paintLog(QPainter &p, const PaintParams &pp, const Row &r, double top) const
{
    const KafkaLogMapping &m = pp.map;
    const double barTop = top + 2 * pp.line;
    // The partition's name beside its log, the lanes' names beside their markers.
    p.setPen(m_theme.text);
    p.setFont(m_theme.font(0.95, true));
    const QString name = QStringLiteral("%1-%2").arg(QString::fromStdString(r.topic)).arg(r.partition);
    p.drawText(QRectF(m_theme.px(4), barTop, pp.gutter - m_theme.px(8), pp.bar), Qt::AlignLeft | Qt::AlignVCenter, name);
    p.setFont(m_theme.font(0.85));
    p.setPen(m_theme.text);
    p.drawText(QRectF(m_theme.px(4), top, pp.gutter - m_theme.px(8), pp.line), Qt::AlignLeft | Qt::AlignVCenter, tr("checkpoint"));
    p.drawText(QRectF(m_theme.px(4), top + pp.line, pp.gutter - m_theme.px(8), pp.line), Qt::AlignLeft | Qt::AlignVCenter,
               tr("committed"));

    const double x0 = m.offsetToX(r.logStart), x1 = m.offsetToX(r.logEnd);
    const QRectF log(x0, barTop, std::max(1.0, x1 - x0), pp.bar);
    p.fillRect(log, m_theme.surfaceAlt);
    QColor earlier = m_theme.pending;
    earlier.setAlpha(110);
    const auto span = [&](qint64 a, qint64 b) { return QRectF(m.offsetToX(a), barTop, m.offsetToX(b) - m.offsetToX(a), pp.bar); };
    for (const auto &[a, b] : r.earlier) p.fillRect(span(a, b), earlier);
    if (r.until > r.from) p.fillRect(span(std::max(r.from, r.logStart), r.until), m_theme.processingTime);
    if (r.logEnd > r.until) p.fillRect(span(r.until, r.logEnd), QBrush(m_theme.schedulingDelay, Qt::BDiagPattern));
    // One line per message when they stand apart, else one per batch range.
    p.setRenderHint(QPainter::Antialiasing, false);
    p.setPen(QPen(m_theme.border, 1));
    if (m.pxPerOffset() >= m_theme.px(6)) {
        for (qint64 o = r.logStart + 1; o < r.logEnd; ++o) p.drawLine(QPointF(m.offsetToX(o), barTop), QPointF(m.offsetToX(o), barTop + pp.bar));
    } else {
        for (const auto &[a, b] : r.earlier) p.drawLine(QPointF(m.offsetToX(a), barTop), QPointF(m.offsetToX(a), barTop + pp.bar));
    }
    p.setPen(QPen(m_theme.batchLine, m_theme.lineWidth));
    p.setBrush(Qt::NoBrush);
    p.drawRect(log);
    if (r.until > r.from) {
        p.setPen(QPen(m_theme.batchLine, m_theme.lineWidth * 1.6));
        p.drawRect(span(std::max(r.from, r.logStart), r.until));
    }
    p.setRenderHint(QPainter::Antialiasing, true);

    // The offsets under the log: boundaries, so the right edge reads as the log end offset.
    p.setFont(m_theme.font(0.8));
    const QFontMetricsF fm(p.font());
    const double labelW = fm.horizontalAdvance(QString::number(r.logEnd)) + m_theme.px(10);
    p.setPen(m_theme.mutedText);
    const double tickTop = barTop + pp.bar;
    for (qint64 t : computeOffsetTicks(r.logStart, r.logEnd, x1 - x0, labelW)) {
        const double x = m.offsetToX(t);
        p.drawLine(QPointF(x, tickTop), QPointF(x, tickTop + m_theme.px(3)));
        p.drawText(QRectF(x - labelW, tickTop + m_theme.px(2), 2 * labelW, pp.line), Qt::AlignHCenter | Qt::AlignTop,
                   QString::number(t));
    }
}

void KafkaLogStrip::paintMarkers(QPainter &p, const PaintParams &pp, const Row &r, double top) const
{
    const KafkaLogMapping &m = pp.map;
    const double s = m_theme.px(6);
    p.setFont(m_theme.font(0.85, true));
    const QFontMetricsF fm(p.font());
    // A marker points down at its offset's boundary; its number stands right of it.
    const auto marker = [&](double laneTop, qint64 offset, const QColor &c, bool diamond, const QString &text) {
        const double x = m.offsetToX(offset), yb = top + 2 * pp.line - m_theme.px(1);
        const double cy = laneTop + pp.line / 2;
        p.setPen(QPen(c, m_theme.lineWidth));
        p.drawLine(QPointF(x, cy), QPointF(x, yb));
        QPainterPath shape;
        if (diamond) {
            shape.moveTo(x, cy - s);
            shape.lineTo(x + s, cy);
            shape.lineTo(x, cy + s);
            shape.lineTo(x - s, cy);
        } else {
            shape.moveTo(x - s, cy - s * 0.8);
            shape.lineTo(x + s, cy - s * 0.8);
            shape.lineTo(x, cy + s * 0.8);
        }
        shape.closeSubpath();
        p.fillPath(shape, c);
        p.setPen(m_theme.text);
        const double w = fm.horizontalAdvance(text);
        const bool left = x + s + m_theme.px(3) + w > width();
        p.drawText(QPointF(left ? x - s - m_theme.px(3) - w : x + s + m_theme.px(3), cy + fm.ascent() / 2 - m_theme.px(1)), text);
    };
    const auto note = [&](double laneTop, const QString &text) {
        p.setFont(m_theme.font(0.85));
        p.setPen(m_theme.mutedText);
        p.drawText(QRectF(m.left, laneTop, m.width, pp.line), Qt::AlignLeft | Qt::AlignVCenter, text);
        p.setFont(m_theme.font(0.85, true));
    };
    // Distinct shapes as well as colours: the checkpoint a triangle, the committed offset a diamond.
    if (r.checkpointed)
        marker(top, r.until, m_theme.ok, false, QString::number(r.until));
    else
        note(top, tr("none: the program calls no ssc.checkpoint"));
    if (r.committed)
        marker(top + pp.line, *r.committed, m_theme.totalDelay, true, QString::number(*r.committed));
    else if (r.group.empty())
        note(top + pp.line, tr("nothing committed: the stream has no group.id"));
    else
        note(top + pp.line, tr("nothing committed by group '%1'").arg(QString::fromStdString(r.group)));
}

void KafkaLogStrip::paintLag(QPainter &p, const PaintParams &pp, const Row &r, double top) const
{
    const KafkaLogMapping &m = pp.map;
    const double laneTop = top + 3 * pp.line + pp.bar + m_theme.px(2);
    const double xa = m.offsetToX(r.until), xb = m.offsetToX(r.logEnd), y = laneTop + pp.line / 2;
    p.setFont(m_theme.font(0.85, true));
    const QFontMetricsF fm(p.font());
    const QString text = r.lag() > 0 ? tr("lag %1").arg(r.lag()) : tr("lag 0: caught up");
    const double w = fm.horizontalAdvance(text);
    const QColor c = r.lag() > 0 ? m_theme.schedulingDelay : m_theme.ok;
    if (r.lag() > 0) {
        // A bracket from the stream's offset to the log end.
        const double tick = m_theme.px(5);
        p.setPen(QPen(c, m_theme.lineWidth * 1.4));
        p.drawLine(QPointF(xa, y - tick), QPointF(xa, y));
        p.drawLine(QPointF(xa, y), QPointF(xb, y));
        p.drawLine(QPointF(xb, y - tick), QPointF(xb, y));
    }
    p.setPen(m_theme.text);
    double tx = (xa + xb) / 2 - w / 2;
    if (r.lag() <= 0 || xb - xa < w + m_theme.px(8)) tx = xa - w - m_theme.px(6); // beside it, on the read side
    tx = std::max(m.left, tx);
    const QRectF box(tx - m_theme.px(3), laneTop, w + m_theme.px(6), pp.line);
    p.fillRect(box, m_theme.surface);
    p.drawText(box, Qt::AlignCenter, text);
}

} // namespace dsl::ui
