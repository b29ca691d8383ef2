// TimelinePainter: the RDD boxes — one per batch per DStream row, with its count, partitions
// and state — and their drop-in down the lineage.
#include "timelinepainter.h"

#include "timetext.h"

#include <QFontMetricsF>
#include <QPaintEngine>
#include <QStaticText>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace dsl::ui {

namespace {
double ease(double p)
{
    p = std::clamp(p, 0.0, 1.0);
    return 1.0 - std::pow(1.0 - p, 3.0);
}
} // namespace

TimelinePainter::BoxFont::BoxFont(const QFont &f) : font(f), key(f.key()), height(QFontMetricsF(f).height()) {}

const TimelinePainter::BoxFonts &TimelinePainter::boxFonts() const
{
    if (!m_boxFonts)
        m_boxFonts.emplace(BoxFonts{BoxFont(m_t.font(0.85)), BoxFont(m_t.font(1.5, true)), BoxFont(m_t.font(1.1, true)),
                                    BoxFont(m_t.font(0.9, true)), BoxFont(m_t.font(0.8, true))});
    return *m_boxFonts;
}

namespace {
// (text, font) -> its layout; a few hundred distinct counts and labels (GUI thread only).
const QStaticText &boxTextLayout(const QString &t, const QFont &font, const QString &fontKey)
{
    static std::map<std::pair<QString, QString>, QStaticText> cache;
    auto key = std::make_pair(t, fontKey);
    auto it = cache.find(key);
    if (it == cache.end()) {
        if (cache.size() > 4096) cache.clear();
        QStaticText st(t);
        st.setTextFormat(Qt::PlainText);
        st.prepare(QTransform(), font);
        it = cache.emplace(std::move(key), std::move(st)).first;
    }
    return it->second;
}
} // namespace

double TimelinePainter::boxTextWidth(const QString &text, const BoxFont &font)
{
    return boxTextLayout(text, font.font, font.key).size().width();
}

double TimelinePainter::boxTextHeight(const QString &text, const BoxFont &font)
{
    return std::max(font.height, boxTextLayout(text, font.font, font.key).size().height());
}

void TimelinePainter::drawBoxText(QPainter &painter, const QRectF &r, Qt::Alignment align, const QString &text,
                                  const BoxFont &font, bool elide)
{
    auto layout = [&](const QString &t) -> const QStaticText & { return boxTextLayout(t, font.font, font.key); };
    const QStaticText *st = &layout(text);
    // Elided only when too wide (laying out an elided text costs more than drawing one).
    if (elide && st->size().width() > r.width()) {
        st = &layout(QFontMetricsF(font.font).elidedText(text, Qt::ElideRight, r.width()));
        ++elidedBoxTexts;
    }
    // The laid-out height, not the font's: a fallback font (CJK in "2 个分区") is taller than
    // the primary one, and text placed by the primary's height crossed the box's bottom border.
    const double w = st->size().width(), h = std::max(font.height, st->size().height());
    const double x = r.left() + (r.width() - w) / 2;
    const double y = (align & Qt::AlignBottom) ? r.bottom() - h : r.top() + (r.height() - h) / 2;
    painter.setFont(font.font);
    painter.drawStaticText(QPointF(x, y), *st);
}

void TimelinePainter::paintBox(QPainter &painter, const QRectF &r, const TimelineRow &row, const BatchSnapshot &b,
                               int rowIndex) const
{
    const bool selected = m_p.selectedBatch && *m_p.selectedBatch == b.info.batchTime.ms() && m_p.selectedStream == row.streamId;
    QColor base = m_t.rowColors[rowIndex % 4];
    const double radius = m_t.px(5);
    if (row.isOutput) {
        // The output operation's job for this batch: done, running, waiting or failed.
        std::optional<OutputOperationInfo> op;
        for (const auto &st : m_p.snapshot->streams)
            if (st.id == row.streamId)
                if (auto it = b.info.outputOperationInfos.find(st.outputOpId); it != b.info.outputOperationInfos.end())
                    op = it->second;
        QString text, unit; // unit: the duration's, drawn under it when the line is too wide
        QColor border = m_t.border;
        Qt::PenStyle style = Qt::SolidLine;
        if (op && op->failureReason) {
            text = tr("failed");
            border = m_t.error;
        } else if (op && op->endTime) {
            const QString d = durationText((*op->endTime - *op->startTime).ms());
            const qsizetype space = d.lastIndexOf(QLatin1Char(' '));
            text = QStringLiteral("✓ ") + d.left(space);
            unit = d.mid(space + 1);
            border = m_t.ok;
        } else if (op && op->startTime) {
            text = tr("running");
            style = Qt::DashLine;
        } else if (b.info.isCompleted()) {
            return; // no job at this batch (a window stream outputs only every slide)
        } else {
            text = tr("queued");
            style = Qt::DashLine;
        }
        painter.setPen(QPen(selected ? m_t.accent : border, selected ? m_t.lineWidth * 2.5 : m_t.lineWidth * 1.4, style));
        painter.setBrush(m_t.surface);
        painter.drawRoundedRect(r, radius, radius);
        painter.setPen(op && op->failureReason ? m_t.error : m_t.text);
        const QRectF inner = r.adjusted(3, 0, -3, 0);
        const QString line = unit.isEmpty() ? text : text + QLatin1Char(' ') + unit;
        if (unit.isEmpty() || boxTextWidth(line, boxFonts().output) <= inner.width()) {
            drawBoxText(painter, inner, Qt::AlignCenter, line, boxFonts().output, true);
        } else {
            // "✓ 17 ms" does not fit a narrow (presenter) box whole: "✓ 17" over "ms", as the RDD
            // boxes put the count over its partitions, instead of eliding it to "✓ 17 …".
            const double mid = inner.center().y();
            drawBoxText(painter, QRectF(inner.left(), inner.top(), inner.width(), mid - inner.top()), Qt::AlignBottom,
                        text, boxFonts().output, true);
            drawBoxText(painter, QRectF(inner.left(), mid, inner.width(), inner.bottom() - mid).adjusted(0, 0, 0, -2),
                        Qt::AlignCenter, unit, boxFonts().sub, true);
        }
        return;
    }
    auto it = b.rdds.find(row.streamId);
    if (it == b.rdds.end()) {
        // No RDD for this stream at this batch (e.g. between window slides).
        return;
    }
    const RddBoxSnapshot &box = it->second;
    const bool computed = box.status == RddBoxSnapshot::Status::Computed;
    const bool partial = box.status == RddBoxSnapshot::Status::Partial;
    QColor fill = base;
    if (!computed) fill.setAlpha(90);
    if (computed && box.count == 0) fill = m_t.surface; // an empty batch: an empty box
    if (partial) fill.setAlpha(170);
    Qt::PenStyle style = computed ? Qt::SolidLine : partial ? Qt::DashDotLine : Qt::DashLine;
    QColor border = box.status == RddBoxSnapshot::Status::Failed ? m_t.error : m_t.batchLine;
    painter.setPen(QPen(selected ? m_t.accent : border, selected ? m_t.lineWidth * 2.5 : m_t.lineWidth, style));
    painter.setBrush(fill);
    painter.drawRoundedRect(r, radius, radius);
    // Partitions: one slice per partition, width by record count (blocks for a BlockRDD).
    if ((computed || partial) && box.numPartitions > 1 && r.width() > 6 * box.numPartitions &&
        box.partitionCounts.size() == static_cast<std::size_t>(box.numPartitions)) {
        painter.setPen(QPen(m_t.border, 1, Qt::DotLine));
        double acc = 0;
        const double total = static_cast<double>(std::max<std::int64_t>(1, box.count));
        for (int p = 0; p + 1 < box.numPartitions; ++p) {
            // A partition no job computed (-1) gets an even share of the box.
            const std::int64_t n = box.partitionCounts[static_cast<std::size_t>(p)];
            const double share = partial || box.count == 0 || n < 0 ? 1.0 / box.numPartitions
                                                                     : static_cast<double>(n) / total;
            acc += share;
            const double x = r.left() + acc * r.width();
            painter.drawLine(QPointF(x, r.top() + 3), QPointF(x, r.bottom() - 3));
        }
    }
    QString text;
    switch (box.status) {
    case RddBoxSnapshot::Status::Computed: text = QString::number(box.count); break;
    // Only some partitions computed (take() stopped early): their records, marked as a part.
    case RddBoxSnapshot::Status::Partial: text = QString::number(box.count) + QStringLiteral("+"); break;
    case RddBoxSnapshot::Status::Pending: text = QStringLiteral("…"); break;
    case RddBoxSnapshot::Status::Unknown: text = QStringLiteral("?"); break;
    case RddBoxSnapshot::Status::Failed: text = QStringLiteral("!"); break;
    }
    // The count, and under it "2 partitions" when both fit at a readable size.
    const BoxFonts &f = boxFonts();
    const QString label = box.numPartitions == 1 ? tr("1 partition") : tr("%1 partitions").arg(box.numPartitions);
    const double subH = boxTextHeight(label, f.sub);
    const bool roomForBig = r.height() >= f.big.height + subH + 2;
    const BoxFont &countFont = roomForBig ? f.big : f.small;
    // Shown when it fits whole (a fixed minimum width hid "2 partitions" in boxes that held it).
    const bool showSub = r.height() >= countFont.height + subH &&
                         boxTextLayout(label, f.sub.font, f.sub.key).size().width() + 8 <= r.width();
    painter.setPen(computed && box.count == 0 ? m_t.mutedText : m_t.text);
    drawBoxText(painter, showSub ? r.adjusted(0, 0, 0, -subH * 0.9) : r, Qt::AlignCenter, text, countFont);
    if (showSub) {
        painter.setPen(m_t.mutedText);
        // Clear of the border's inner half (2.5 px lines in presenter mode).
        drawBoxText(painter, r.adjusted(3, 0, -3, -(1 + m_t.lineWidth / 2)), Qt::AlignHCenter | Qt::AlignBottom, label, f.sub, true);
    }
}

void TimelinePainter::paintBatches(QPainter &painter) const
{
    const TimelineMapping &m = m_p.mapping;
    const RunSnapshot &s = *m_p.snapshot;
    const qint64 t0 = m.xToTime(m_p.labelWidth), t1 = m.visibleEndMs() + intervalMs();
    // The selected batch: a band behind its column.
    if (m_p.selectedBatch) {
        QColor band = m_t.accent;
        band.setAlpha(28);
        const double x0 = m.timeToX(*m_p.selectedBatch - intervalMs()), x1 = m.timeToX(*m_p.selectedBatch);
        painter.fillRect(QRectF(x0, m.axisHeight, x1 - x0, m.heightFor(static_cast<int>(m_rows.size())) - m.axisHeight), band);
    }
    // Bitmaps only for a raster target (the screen, a grab): a vector target (a PDF or SVG
    // figure, a recording) gets the shapes themselves.
    TimelineColumnCache *cache =
        painter.paintEngine() && painter.paintEngine()->type() == QPaintEngine::Raster ? m_p.columnCache : nullptr;
    if (cache) {
        const QString key = columnKey(painter.device() ? painter.device()->devicePixelRatioF() : 1.0);
        if (key != cache->key) {
            cache->columns.clear();
            cache->key = key;
        }
        // Keep the columns in view (and one interval either side), not an hour of them.
        std::erase_if(cache->columns, [&](const auto &c) { return c.first < t0 - intervalMs() || c.first > t1 + intervalMs(); });
    }
    for (auto it = s.batches.lower_bound(SimTime(t0)); it != s.batches.end() && it->first.ms() - intervalMs() <= t1; ++it) {
        const BatchSnapshot &b = *it->second;
        const double raw = m_p.appearProgress ? m_p.appearProgress(it->first.ms()) : 1.0;
        if (cache && raw >= 1.0 && paintCachedColumn(painter, it->first.ms(), it->second)) continue;
        for (int row = 0; row < static_cast<int>(m_rows.size()); ++row) {
            if (m.rowTop(row) > m_p.bounds.bottom() || m.rowTop(row) + m.rowHeight < m.rowsTop()) continue;
            // After the gather (paintGather), the RDDs drop row by row down the lineage: each
            // from the row above, so lines -> words -> pairs -> counts reads as a flow.
            const double progress = ease(rowDropProgress(raw, row));
            if (progress <= 0) continue;
            QRectF r = boxRect(it->first.ms(), row);
            const double fromY = row == 0 ? m.blockTop() : boxRect(it->first.ms(), row - 1).top();
            r.moveTop(fromY + (r.top() - fromY) * progress);
            painter.save();
            painter.setOpacity(0.3 + 0.7 * progress);
            paintBox(painter, r, m_rows[static_cast<std::size_t>(row)], b, row);
            painter.restore();
        }
    }
}

QString TimelinePainter::columnKey(qreal dpr) const
{
    const TimelineMapping &m = m_p.mapping;
    QStringList k;
    k << QString::number(dpr) << QString::number(m.pxPerMs, 'g', 17) << QString::number(intervalMs())
      << QString::number(m.rowHeight) << QString::number(m.rowGap) << QString::number(m_t.scale)
      << QString::number(m_t.lineWidth) << m_t.font().key();
    for (const QColor &c : {m_t.rowColors[0], m_t.rowColors[1], m_t.rowColors[2], m_t.rowColors[3], m_t.surface, m_t.border,
                            m_t.batchLine, m_t.accent, m_t.text, m_t.mutedText, m_t.error, m_t.ok})
        k << QString::number(c.rgba());
    k << tr("failed") << tr("running") << tr("queued") << tr("%1 partitions"); // the language
    for (const TimelineRow &r : m_rows)
        k << QString::number(r.streamId) << QString::number(r.isOutput) << QString::number(bracketSpace(r));
    return k.join(QChar(0x1f));
}

bool TimelinePainter::paintCachedColumn(QPainter &painter, qint64 batchTimeMs,
                                        const std::shared_ptr<const BatchSnapshot> &batch) const
{
    const TimelineMapping &m = m_p.mapping;
    const int rows = static_cast<int>(m_rows.size());
    if (rows == 0) return true;
    const int selectedStream = m_p.selectedBatch && *m_p.selectedBatch == batchTimeMs ? m_p.selectedStream : -1;
    const double xRef = m.timeToX(batchTimeMs), yRef = m.rowTop(0);
    auto &columns = m_p.columnCache->columns;
    auto it = columns.find(batchTimeMs);
    if (it == columns.end() || it->second.batch != batch || it->second.selectedStream != selectedStream) {
        // The column: every row's box, plus room for a selected box's wider border.
        const double margin = std::ceil(m_t.lineWidth * 3 + 2);
        const double x0 = std::floor(m.timeToX(batchTimeMs - intervalMs()) - margin);
        const double y0 = std::floor(yRef - margin);
        const double x1 = std::ceil(xRef + margin), y1 = std::ceil(m.rowTop(rows - 1) + m.rowHeight + margin);
        const qreal dpr = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
        const QSizeF size(x1 - x0, y1 - y0);
        if (size.width() * size.height() * dpr * dpr > 4e6) return false; // a huge column: paint it directly
        TimelineColumnCache::Column c;
        c.batch = batch;
        c.selectedStream = selectedStream;
        c.pixmap = QPixmap((size * dpr).toSize());
        c.pixmap.setDevicePixelRatio(dpr);
        c.pixmap.fill(Qt::transparent);
        QPainter p(&c.pixmap);
        p.setRenderHints(painter.renderHints());
        p.translate(-x0, -y0);
        for (int row = 0; row < rows; ++row)
            paintBox(p, boxRect(batchTimeMs, row), m_rows[static_cast<std::size_t>(row)], *batch, row);
        p.end();
        c.offset = QPointF(x0 - xRef, y0 - yRef);
        it = columns.insert_or_assign(batchTimeMs, std::move(c)).first;
    }
    // Whole device pixels: a pixmap drawn between pixels would be resampled (blurred).
    const QPointF at(std::round(xRef + it->second.offset.x()), std::round(yRef + it->second.offset.y()));
    painter.drawPixmap(at, it->second.pixmap);
    return true;
}

} // namespace dsl::ui
