// TimelinePainter layers over the RDD boxes: window brackets and state chains.
#include "timelinepainter.h"

#include <QPainterPath>
#include <QPaintDevice>
#include <QPixmap>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <tuple>

namespace dsl::ui {

namespace {
void arrowHead(QPainter &painter, QPointF tip, double size, const QColor &c)
{
    QPainterPath head;
    head.moveTo(tip);
    head.lineTo(tip.x() - size, tip.y() - size * 0.6);
    head.lineTo(tip.x() - size, tip.y() + size * 0.6);
    head.closeSubpath();
    painter.fillPath(head, c);
}
} // namespace

void TimelinePainter::drawDot(QPainter &painter, QPointF c, double r, const QColor &color)
{
    const qreal dpr = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
    if (!painter.transform().isIdentity() && painter.transform().type() > QTransform::TxTranslate) {
        painter.save();
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawEllipse(c, r, r);
        painter.restore();
        return;
    }
    // Sprites by (radius, colour, device pixel ratio); a handful per theme (GUI thread only).
    static std::map<std::tuple<double, QRgb, qreal>, QPixmap> sprites;
    const auto key = std::make_tuple(r, color.rgba(), dpr);
    auto it = sprites.find(key);
    if (it == sprites.end()) {
        if (sprites.size() > 64) sprites.clear();
        const int side = static_cast<int>(std::ceil(2 * r + 2));
        QPixmap pm(QSize(side, side) * dpr);
        pm.setDevicePixelRatio(dpr);
        pm.fill(Qt::transparent);
        QPainter p(&pm);
        p.setRenderHint(QPainter::Antialiasing, true);
        p.setPen(Qt::NoPen);
        p.setBrush(color);
        p.drawEllipse(QPointF(side / 2.0, side / 2.0), r, r);
        p.end();
        it = sprites.emplace(key, pm).first;
    }
    const QPixmap &sprite = it->second;
    const double half = sprite.width() / dpr / 2.0;
    painter.drawPixmap(QPointF(std::round((c.x() - half) * dpr) / dpr, std::round((c.y() - half) * dpr) / dpr), sprite);
}

double TimelinePainter::rowDropProgress(double progress, int row)
{
    const double start = kRowsStart + std::min(0.25, 0.05 * row);
    const double span = 0.2;
    return std::clamp((progress - start) / span, 0.0, 1.0);
}

void TimelinePainter::paintGather(QPainter &painter) const
{
    const TimelineMapping &m = m_p.mapping;
    const RunSnapshot &s = *m_p.snapshot;
    if (!m_p.appearProgress || !s.input) return;
    const qint64 iv = intervalMs(), bi = std::max<qint64>(1, s.blockInterval.ms());
    const qint64 t0 = m.xToTime(m_p.labelWidth), t1 = m.visibleEndMs() + iv;
    auto smooth = [](double p) { return p * p * (3 - 2 * p); };
    for (auto it = s.batches.lower_bound(SimTime(t0)); it != s.batches.end() && it->first.ms() - iv <= t1; ++it) {
        const double p = m_p.appearProgress(it->first.ms());
        if (p >= kBlocksEnd) continue;
        const BatchSnapshot &b = *it->second;
        // Phase 1: every record of a block flies from where it arrived into its block.
        if (p < kGatherEnd) {
            const double g = smooth(p / kGatherEnd);
            std::size_t lo = std::min(s.input->first(), s.input->size), hi = s.input->size;
            const qint64 from = it->first.ms() - iv - bi;
            while (lo < hi) {
                const std::size_t mid = (lo + hi) / 2;
                if (s.input->at(mid).time.ms() <= from) lo = mid + 1;
                else hi = mid;
            }
            const double r = m_t.px(4.5);
            for (const BlockInfo &blk : b.blocks) {
                const QPointF to(m.timeToX(blk.time.ms() - bi / 2), m.blockTop() + m.blockHeight / 2);
                int shown = 0;
                for (std::size_t i = lo; i < s.input->size && shown < 40; ++i) {
                    const qint64 at = s.input->at(i).time.ms();
                    if (at > blk.time.ms()) break;
                    if (at <= blk.time.ms() - bi || s.input->at(i).isServer()) continue; // a server's event is no record
                    const QPointF src(m.timeToX(at), m.receiverTop() + m.laneHeight * (shown % 2 ? 0.72 : 0.3));
                    drawDot(painter, src + (to - src) * g, r, m_t.record);
                    ++shown;
                }
            }
        }
        // Phase 2: the blocks drop into the first row's box as its partitions.
        if (p >= kBlocksStart && !b.blocks.empty() && !m_rows.empty()) {
            const double d = smooth(std::clamp((p - kBlocksStart) / (kBlocksEnd - kBlocksStart), 0.0, 1.0));
            const QRectF target = boxRect(it->first.ms(), 0);
            const double n = static_cast<double>(b.blocks.size());
            QColor fill = m_t.record;
            fill.setAlpha(200);
            painter.setPen(QPen(m_t.record.darker(130), 1));
            painter.setBrush(fill);
            for (std::size_t k = 0; k < b.blocks.size(); ++k) {
                const BlockInfo &blk = b.blocks[k];
                const QRectF src(m.timeToX(blk.time.ms() - bi) + 1, m.blockTop() + m_t.px(4),
                                 std::max(3.0, bi * m.pxPerMs - 2), m.blockHeight - m_t.px(8));
                const QRectF dst(target.left() + target.width() * k / n + 1, target.top(), target.width() / n - 2, target.height());
                const QRectF cur(src.left() + (dst.left() - src.left()) * d, src.top() + (dst.top() - src.top()) * d,
                                 src.width() + (dst.width() - src.width()) * d, src.height() + (dst.height() - src.height()) * d);
                painter.drawRoundedRect(cur, 3, 3);
            }
        }
    }
}

void TimelinePainter::paintWindows(QPainter &painter) const
{
    const TimelineMapping &m = m_p.mapping;
    const RunSnapshot &s = *m_p.snapshot;
    if (!s.firstBatchTime) return;
    const qint64 iv = intervalMs();
    const qint64 zero = s.firstBatchTime->ms() - iv; // Spark's zeroTime
    const qint64 t0 = m.xToTime(m_p.labelWidth), t1 = m.visibleEndMs();
    for (int row = 0; row < static_cast<int>(m_rows.size()); ++row) {
        const TimelineRow &r = m_rows[static_cast<std::size_t>(row)];
        if (r.windowMs <= 0 || m.rowTop(row) > m_p.bounds.bottom() || m.rowTop(row) + m.rowHeight < m.rowsTop()) continue;
        QColor ink = m_t.text;
        ink.setAlpha(m_t.isDark() ? 200 : 170);
        // Every window computed in view: (t - window, t] over the batches it covers. When more
        // than two windows overlap a batch (window > 2 x slide) the brackets would bury the
        // boxes: only the selected batch's window is drawn, else the latest one.
        const qint64 slide = r.slideMs > 0 ? r.slideMs : iv;
        const bool crowded = (r.windowMs + slide - 1) / slide > 2;
        auto hasWindow = [&](const BatchSnapshot &b) { return b.windows.count(r.windowStreamId) || b.rdds.count(r.streamId); };
        std::optional<qint64> only;
        if (crowded) {
            if (m_p.selectedBatch)
                if (const BatchSnapshot *b = s.batch(SimTime(*m_p.selectedBatch)); b && hasWindow(*b)) only = *m_p.selectedBatch;
            for (auto it = s.batches.rbegin(); !only && it != s.batches.rend(); ++it)
                if (hasWindow(*it->second) && it->second->info.isCompleted()) only = it->first.ms();
            if (!only) continue;
        }
        for (auto it = s.batches.lower_bound(SimTime(t0)); it != s.batches.end() && it->first.ms() - r.windowMs <= t1; ++it) {
            const BatchSnapshot &b = *it->second;
            const auto span = b.windows.find(r.windowStreamId);
            if (!hasWindow(b)) continue;
            const qint64 t = it->first.ms();
            if (only && t != *only) continue;
            WindowBracket br = windowBracket(t, r.windowMs, slide, zero);
            if (crowded) br.level = 0;
            const double x0 = m.timeToX(br.startMs) + m_t.px(3), x1 = m.timeToX(br.endMs) - m_t.px(3);
            const double y = m.rowTop(row) + m_t.px(2.5) + br.level * m_t.px(6);
            const double tick = m_t.px(5);
            // A light band over the row where the window reaches, then the bracket on top.
            QColor band = m_t.rowColors[row % 4];
            band.setAlpha(m_t.isDark() ? 60 : 110);
            painter.fillRect(QRectF(x0, y, x1 - x0, m.rowTop(row) + m.rowHeight - y - m_t.px(2)), band);
            painter.setPen(QPen(ink, m_t.lineWidth * 2, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin));
            painter.setBrush(Qt::NoBrush);
            QPainterPath path;
            path.moveTo(x0, y + tick);
            path.lineTo(x0, y);
            path.lineTo(x1, y);
            path.lineTo(x1, y + tick);
            painter.drawPath(path);
            if (span == b.windows.end() || !span->second.incremental) continue;
            // Incremental windows (an inverse function): + on the batches that entered, − on
            // those that left (just before the bracket), in a disc so they read on any row.
            painter.setFont(m_t.font(1.0, true));
            auto mark = [&](qint64 batch, const QString &sign, const QColor &color) {
                const double cx = m.timeToX(batch - iv / 2), d = m_t.px(16);
                const QRectF disc(cx - d / 2, y - d / 2, d, d);
                painter.setPen(Qt::NoPen);
                painter.setBrush(color);
                painter.drawEllipse(disc);
                painter.setPen(Qt::white);
                painter.drawText(disc, Qt::AlignCenter, sign);
            };
            for (qint64 a : span->second.added) mark(a, QStringLiteral("+"), m_t.ok);
            for (qint64 d : span->second.subtracted) mark(d, QStringLiteral("−"), m_t.error);
        }
    }
}

void TimelinePainter::paintStateChains(QPainter &painter) const
{
    const TimelineMapping &m = m_p.mapping;
    const RunSnapshot &s = *m_p.snapshot;
    const qint64 t0 = m.xToTime(m_p.labelWidth) - intervalMs(), t1 = m.visibleEndMs() + intervalMs();
    for (int row = 0; row < static_cast<int>(m_rows.size()); ++row) {
        const TimelineRow &r = m_rows[static_cast<std::size_t>(row)];
        if (!r.carriesState || m.rowTop(row) > m_p.bounds.bottom() || m.rowTop(row) + m.rowHeight < m.rowsTop()) continue;
        const StreamSnapshot *st = s.stream(r.streamId);
        const qint64 slide = st && st->slideMs > 0 ? st->slideMs : intervalMs();
        std::vector<qint64> times;
        for (auto it = s.batches.lower_bound(SimTime(t0)); it != s.batches.end() && it->first.ms() <= t1; ++it)
            if (it->second->rdds.count(r.streamId)) times.push_back(it->first.ms());
        // The state RDD of batch t is the parent of batch t + slide's: an arrow box to box.
        const QColor c = m_t.accent;
        for (const auto &[from, to] : stateChainLinks(times, slide)) {
            // A window row links only where the window was computed from the previous one
            // (previous + added - subtracted); otherwise each window is reduced afresh.
            if (r.windowStreamId >= 0) {
                const BatchSnapshot *b = s.batch(SimTime(to));
                if (!b) continue;
                const auto w = b->windows.find(r.windowStreamId);
                if (w == b->windows.end() || !w->second.incremental) continue;
            }
            const double progress = m_p.appearProgress ? std::clamp(m_p.appearProgress(to), 0.0, 1.0) : 1.0;
            if (progress < 1.0) continue;
            const QRectF a = boxRect(from, row), b = boxRect(to, row);
            const double y = a.center().y() + a.height() * 0.22;
            const QPointF p0(a.right() - m_t.px(10), y), p1(b.left() + m_t.px(10), y);
            painter.setPen(QPen(c, m_t.lineWidth * 2, Qt::SolidLine, Qt::RoundCap));
            painter.drawLine(p0, p1 - QPointF(m_t.px(6), 0));
            arrowHead(painter, p1, m_t.px(7), c);
        }
    }
}

} // namespace dsl::ui
