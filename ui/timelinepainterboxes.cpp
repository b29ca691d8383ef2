// TimelinePainter: the RDD boxes — one per batch per DStream row, with its count, partitions
// and state — and their drop-in down the lineage.
#include "timelinepainter.h"

#include "timetext.h"

#include <QFontMetricsF>
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

void TimelinePainter::drawBoxText(QPainter &painter, const QRectF &r, Qt::Alignment align, const QString &text)
{
    // (text, font) -> its layout; a few hundred distinct counts and labels (GUI thread only).
    static std::map<std::pair<QString, QString>, QStaticText> cache;
    const QFont font = painter.font();
    auto key = std::make_pair(text, font.key());
    auto it = cache.find(key);
    if (it == cache.end()) {
        if (cache.size() > 4096) cache.clear();
        QStaticText st(text);
        st.setTextFormat(Qt::PlainText);
        st.prepare(QTransform(), font);
        it = cache.emplace(std::move(key), std::move(st)).first;
    }
    const QFontMetricsF fm(font);
    const double w = it->second.size().width(), h = fm.height();
    const double x = r.left() + (r.width() - w) / 2;
    const double y = (align & Qt::AlignBottom) ? r.bottom() - h : r.top() + (r.height() - h) / 2;
    painter.drawStaticText(QPointF(x, y), it->second);
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
        QString text;
        QColor border = m_t.border;
        Qt::PenStyle style = Qt::SolidLine;
        if (op && op->failureReason) {
            text = tr("failed");
            border = m_t.error;
        } else if (op && op->endTime) {
            text = QStringLiteral("✓ ") + durationText((*op->endTime - *op->startTime).ms());
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
        painter.setFont(m_t.font(0.9, true));
        painter.setPen(op && op->failureReason ? m_t.error : m_t.text);
        drawBoxText(painter, r.adjusted(3, 0, -3, 0), Qt::AlignCenter,
                    QFontMetricsF(painter.font()).elidedText(text, Qt::ElideRight, r.width() - 6));
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
    const QFont sub = m_t.font(0.85);
    const double subH = QFontMetricsF(sub).height();
    const QFont big = m_t.font(1.5, true), small = m_t.font(1.1, true);
    const bool roomForBig = r.height() >= QFontMetricsF(big).height() + subH + 2;
    const QFont countFont = roomForBig ? big : small;
    const bool showSub = r.height() >= QFontMetricsF(countFont).height() + subH && r.width() > m_t.px(70);
    painter.setFont(countFont);
    painter.setPen(computed && box.count == 0 ? m_t.mutedText : m_t.text);
    drawBoxText(painter, showSub ? r.adjusted(0, 0, 0, -subH * 0.9) : r, Qt::AlignCenter, text);
    if (showSub) {
        painter.setFont(sub);
        painter.setPen(m_t.mutedText);
        const QString label = box.numPartitions == 1 ? tr("1 partition") : tr("%1 partitions").arg(box.numPartitions);
        drawBoxText(painter, r.adjusted(3, 0, -3, -1), Qt::AlignHCenter | Qt::AlignBottom,
                         QFontMetricsF(sub).elidedText(label, Qt::ElideRight, r.width() - 6));
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
    for (auto it = s.batches.lower_bound(SimTime(t0)); it != s.batches.end() && it->first.ms() - intervalMs() <= t1; ++it) {
        const BatchSnapshot &b = *it->second;
        const double raw = m_p.appearProgress ? m_p.appearProgress(it->first.ms()) : 1.0;
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

} // namespace dsl::ui
