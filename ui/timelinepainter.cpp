// TimelinePainter: geometry, grid, receiver lane, blocks, row labels, scroll bar and overlay
// (boxes: timelinepainterboxes.cpp; windows, state chains, gather: timelinepainterlayers.cpp).
#include "timelinepainter.h"

#include "timetext.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QPaintDevice>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace dsl::ui {

TimelinePainter::TimelinePainter(const TimelinePaintParams &p) : m_p(p), m_t(*p.theme)
{
    if (p.snapshot && p.program) m_rows = rowsFor(*p.snapshot, *p.program);
}

qint64 TimelinePainter::intervalMs() const
{
    return std::max<qint64>(1, m_p.snapshot->batchInterval.ms());
}

double TimelinePainter::bracketSpace(const TimelineRow &row) const
{
    // Window rows keep a strip above their boxes for the brackets (two levels when windows overlap).
    if (row.windowMs <= 0) return 0;
    const bool overlapping = row.slideMs > 0 && row.windowMs > row.slideMs;
    const bool crowded = row.slideMs > 0 && (row.windowMs + row.slideMs - 1) / row.slideMs > 2; // one bracket drawn
    const int levels = overlapping && !crowded ? 2 : 1;
    return std::min(m_t.px(6) * levels + m_t.px(2), m_p.mapping.rowHeight * 0.3);
}

QRectF TimelinePainter::boxRect(qint64 batchTimeMs, int row) const
{
    const TimelineMapping &m = m_p.mapping;
    const double x0 = m.timeToX(batchTimeMs - intervalMs());
    const double x1 = m.timeToX(batchTimeMs);
    const double inset = std::min(m_t.px(6), (x1 - x0) * 0.08);
    const double top = row >= 0 && row < static_cast<int>(m_rows.size()) ? bracketSpace(m_rows[static_cast<std::size_t>(row)]) : 0;
    return QRectF(x0 + inset, m.rowTop(row) + m_t.px(3) + top, std::max(2.0, x1 - x0 - 2 * inset),
                  m.rowHeight - m_t.px(6) - top);
}

std::optional<std::pair<qint64, int>> TimelinePainter::boxAt(QPointF pos) const
{
    if (!m_p.snapshot || pos.x() < m_p.labelWidth || pos.y() < m_p.mapping.rowsTop()) return std::nullopt;
    const int row = m_p.mapping.rowAt(pos.y());
    if (row < 0 || row >= static_cast<int>(m_rows.size())) return std::nullopt;
    const qint64 t = m_p.mapping.xToTime(pos.x());
    auto it = m_p.snapshot->batches.lower_bound(SimTime(t));
    if (it == m_p.snapshot->batches.end()) return std::nullopt;
    if (!boxRect(it->first.ms(), row).contains(pos)) return std::nullopt;
    return std::make_pair(it->first.ms(), m_rows[static_cast<std::size_t>(row)].streamId);
}

void TimelinePainter::paint(QPainter &painter) const
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    paintBackground(painter);
    if (m_p.snapshot) {
        painter.save();
        painter.setClipRect(QRectF(m_p.labelWidth, 0, m_p.bounds.width() - m_p.labelWidth, m_p.bounds.height()));
        paintGrid(painter);
        paintReceiver(painter);
        paintBlocks(painter);
        paintSources(painter);
        paintGather(painter);
        painter.save();
        // The DStream rows scroll under the fixed axis and lanes.
        painter.setClipRect(QRectF(m_p.labelWidth, m_p.mapping.rowsTop(), m_p.bounds.width() - m_p.labelWidth,
                                   m_p.bounds.height() - m_p.mapping.rowsTop()));
        paintWindows(painter); // bands and brackets behind the boxes
        paintBatches(painter);
        paintStateChains(painter);
        painter.restore();
        paintOverlay(painter);
        painter.restore();
        if (m_p.labelCache) paintCachedLabels(painter);
        else paintLabels(painter);
        paintScrollBar(painter);
    }
    painter.restore();
}

void TimelinePainter::paintBackground(QPainter &painter) const
{
    const TimelineMapping &m = m_p.mapping;
    painter.fillRect(m_p.bounds, m_t.surface);
    // Lanes and rows, tinted so rows read across the whole width.
    painter.fillRect(QRectF(0, m.receiverTop(), m_p.bounds.width(), m.laneHeight), m_t.surfaceAlt);
    if (m.sourceHeight > 0) {
        // The sources strip: the receiver lane's tint, set off from it by a hairline.
        painter.fillRect(QRectF(0, m.sourceTop(), m_p.bounds.width(), m.sourceHeight), m_t.surfaceAlt);
        painter.setPen(QPen(m_t.border, 1, Qt::DotLine));
        painter.drawLine(QPointF(m_p.labelWidth, m.sourceTop()), QPointF(m_p.bounds.width(), m.sourceTop()));
    }
    painter.save();
    painter.setClipRect(QRectF(0, m.rowsTop(), m_p.bounds.width(), m_p.bounds.height() - m.rowsTop()));
    // Each row's tint over the surface, blended here once: an opaque fill is a plain copy,
    // a translucent one blends every pixel of the widget's width each frame.
    const double a = (m_t.isDark() ? 70 : 90) / 255.0;
    auto over = [a](const QColor &tint, const QColor &base) {
        return QColor::fromRgbF(static_cast<float>(tint.redF() * a + base.redF() * (1 - a)),
                                static_cast<float>(tint.greenF() * a + base.greenF() * (1 - a)),
                                static_cast<float>(tint.blueF() * a + base.blueF() * (1 - a)));
    };
    for (int i = 0; i < static_cast<int>(m_rows.size()); ++i)
        painter.fillRect(QRectF(0, m.rowTop(i), m_p.bounds.width(), m.rowHeight), over(m_t.rowColors[i % 4], m_t.surface));
    painter.restore();
    painter.fillRect(QRectF(0, 0, m_p.labelWidth, m_p.bounds.height()), m_t.window);
    painter.setPen(QPen(m_t.border, 1));
    painter.drawLine(QPointF(m_p.labelWidth, 0), QPointF(m_p.labelWidth, m_p.bounds.height()));
}

void TimelinePainter::paintGrid(QPainter &painter) const
{
    const TimelineMapping &m = m_p.mapping;
    const RunSnapshot &s = *m_p.snapshot;
    const qint64 t0 = m.xToTime(m_p.labelWidth), t1 = m.visibleEndMs();
    const double bottom = std::clamp(m.heightFor(static_cast<int>(m_rows.size())), m.rowsTop(), m_p.bounds.height());
    painter.setFont(m_t.font(0.9));
    const QFontMetricsF fm(painter.font());
    // Axis ticks: every tick is labelled (computeTicks spaces them for their labels); major
    // ones get a longer mark.
    for (const TimelineTick &tick : computeTicks(t0, t1, m.width, m_t.px(80))) {
        const double x = m.timeToX(tick.timeMs);
        painter.setPen(QPen(m_t.mutedText, 1));
        painter.drawLine(QPointF(x, m.axisHeight - (tick.major ? m_t.px(8) : m_t.px(5))), QPointF(x, m.axisHeight));
        const QString label = clockText(tick.timeMs, tick.timeMs % 1000 != 0);
        painter.drawText(QPointF(x - fm.horizontalAdvance(label) / 2, m.axisHeight - m_t.px(10)), label);
    }
    // Block boundaries: light ticks across the receiver and block lanes.
    const qint64 bi = std::max<qint64>(1, s.blockInterval.ms());
    if (bi * m.pxPerMs >= 6) {
        painter.setPen(QPen(m_t.blockTick, 1, Qt::DotLine));
        for (qint64 t = (t0 / bi) * bi; t <= t1; t += bi) {
            const double x = m.timeToX(t);
            painter.drawLine(QPointF(x, m.receiverTop()), QPointF(x, m.blockTop() + m.blockHeight));
        }
    }
    // Batch boundaries: bold lines through everything.
    if (s.firstBatchTime) {
        const qint64 iv = intervalMs();
        const qint64 first = s.firstBatchTime->ms();
        qint64 k = (t0 - first) / iv - 1;
        painter.setPen(QPen(m_t.batchLine, m_t.lineWidth * 1.6));
        for (qint64 t = first + k * iv; t <= t1 + iv; t += iv) {
            if (t < first - iv) continue;
            const double x = m.timeToX(t);
            painter.drawLine(QPointF(x, m.axisHeight), QPointF(x, bottom));
        }
    }
}

void TimelinePainter::paintReceiver(QPainter &painter) const
{
    const TimelineMapping &m = m_p.mapping;
    const RunSnapshot &s = *m_p.snapshot;
    if (!s.input || s.input->size == 0) return;
    const qint64 t0 = m.xToTime(m_p.labelWidth) - 2000, t1 = std::min(m.visibleEndMs(), m_p.clockMs + 1);
    std::optional<qint64> connect;
    for (const auto &r : s.receivers)
        if (r.active && r.lastError.empty() && r.startTime) connect = r.startTime->ms();
    const std::size_t accepted = s.acceptedLines();
    // Lines are in time order: binary search the first visible one.
    std::size_t lo = std::min(s.input->first(), s.input->size), hi = s.input->size;
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (s.input->at(mid).time.ms() < t0) lo = mid + 1;
        else hi = mid;
    }
    painter.setFont(m_t.monoFont(0.85));
    const QFontMetricsF fm(painter.font());
    const double r = m_t.px(4.5);
    // Two sub-rows, alternating; a record's text is elided to end before the next record of
    // its sub-row, and dropped when there is no room (dense input shows as dots).
    const double rowY[2] = {m.receiverTop() + m.laneHeight * 0.3, m.receiverTop() + m.laneHeight * 0.72};
    auto xOf = [&](std::size_t i) {
        const InputLineSnapshot &line = s.input->at(i);
        const qint64 arrival =
            connect && i < accepted ? std::max<qint64>(line.time.ms(), *connect) : line.time.ms();
        return m.timeToX(arrival);
    };
    const double minRoom = fm.horizontalAdvance(QStringLiteral("ab…"));
    // A line from a named source reads "[student 3] to be", as the nc panel shows it; one label
    // per sender and paint (a shared name is one string).
    std::map<const std::string *, QString> prefixes;
    // Only where the name leaves room for some of the text: what was typed matters more.
    auto lineText = [&](const InputLineSnapshot &line, double room) {
        QString text = QString::fromStdString(line.text);
        if (!line.source || line.source->empty()) return text;
        auto [it, fresh] = prefixes.try_emplace(line.source.get());
        if (fresh) it->second = QStringLiteral("[%1] ").arg(sourceShortLabel(*line.source));
        const double need = fm.horizontalAdvance(it->second) + fm.horizontalAdvance(text.left(4)) + fm.horizontalAdvance(QStringLiteral("…"));
        return need <= room ? it->second + text : text;
    };
    // Dense input (thousands of lines a second): dots closer than a pixel to the previous one
    // of their sub-row, in the same colour, merge into one capsule — the same pixels as the
    // dots, drawn once instead of thousands of times.
    struct Run {
        double x0 = 0, x1 = 0;
        bool accepted = false, open = false;
    } run[2];
    painter.setPen(Qt::NoPen);
    auto flush = [&](int sub) {
        Run &u = run[sub];
        if (!u.open) return;
        painter.setBrush(u.accepted ? m_t.record : m_t.pending);
        if (u.x1 - u.x0 < 0.5) drawDot(painter, QPointF(u.x0, rowY[sub]), r, u.accepted ? m_t.record : m_t.pending);
        else painter.drawRoundedRect(QRectF(u.x0 - r, rowY[sub] - r, u.x1 - u.x0 + 2 * r, 2 * r), r, r);
        u.open = false;
    };
    for (std::size_t i = lo; i < s.input->size; ++i) {
        const InputLineSnapshot &line = s.input->at(i);
        if (line.time.ms() > t1) break;
        // A file dropped for textFileStream (no receiver reads it), a real server's event (no line).
        if (line.isFile() || line.isServer()) continue;
        const bool isAccepted = i < accepted;
        const double x = xOf(i);
        const int sub = static_cast<int>((i - lo) % 2);
        const double y = rowY[sub];
        double room = m_t.px(180);
        if (i + 2 < s.input->size && s.input->at(i + 2).time.ms() <= t1) room = std::min(room, xOf(i + 2) - x - r - m_t.px(8));
        Run &u = run[sub];
        if (room < minRoom && u.open && u.accepted == isAccepted && x - u.x1 < 1.0) {
            u.x1 = std::max(u.x1, x);
            continue;
        }
        flush(sub);
        u = Run{x, x, isAccepted, true};
        if (room < minRoom) continue;
        flush(sub); // a dot with its text
        const QString text = fm.elidedText(lineText(line, room), Qt::ElideRight, room);
        painter.setPen(isAccepted ? m_t.text : m_t.mutedText);
        painter.drawText(QPointF(x + r + 3, y + fm.ascent() / 2 - 1), text);
        painter.setPen(Qt::NoPen);
    }
    flush(0);
    flush(1);
}

void TimelinePainter::paintBlocks(QPainter &painter) const
{
    const TimelineMapping &m = m_p.mapping;
    const RunSnapshot &s = *m_p.snapshot;
    const qint64 t0 = m.xToTime(m_p.labelWidth), t1 = m.visibleEndMs() + s.blockInterval.ms();
    const qint64 bi = std::max<qint64>(1, s.blockInterval.ms());
    const BoxFont &font = boxFonts().block;
    const QFontMetricsF fm(font.font);
    auto drawBlock = [&](const BlockInfo &b, bool allocated) {
        const double x0 = m.timeToX(b.time.ms() - bi), x1 = m.timeToX(b.time.ms());
        QRectF r(x0 + 1, m.blockTop() + m_t.px(4), std::max(3.0, x1 - x0 - 2), m.blockHeight - m_t.px(8));
        painter.setPen(QPen(m_t.record.darker(130), 1));
        QColor fill = m_t.record;
        fill.setAlpha(allocated ? 200 : 110);
        painter.setBrush(fill);
        painter.drawRoundedRect(r, 3, 3);
        const QString n = QString::number(b.numRecords);
        if (fm.horizontalAdvance(n) + 4 < r.width()) {
            painter.setPen(Qt::white);
            drawBoxText(painter, r, Qt::AlignCenter, n, font);
        }
    };
    for (auto it = s.batches.lower_bound(SimTime(t0)); it != s.batches.end(); ++it) {
        if (it->first.ms() - intervalMs() > t1) break;
        for (const auto &b : it->second->blocks)
            if (b.time.ms() >= t0 && b.time.ms() - bi <= t1) drawBlock(b, true);
    }
    for (const auto &b : s.pendingBlocks)
        if (b.time.ms() >= t0 && b.time.ms() - bi <= t1) drawBlock(b, false);
}

void TimelinePainter::paintLabels(QPainter &painter) const
{
    const TimelineMapping &m = m_p.mapping;
    const double w = m_p.labelWidth - m_t.px(16); // clear of the boxes' edge
    const double x = m_t.px(8);
    // title: bold name; tag: the source line ("L22"), always shown; sub: the statement, when the
    // row is tall enough for a second line.
    auto label = [&](double top, double h, const QString &title, const QString &tag, const QString &sub) {
        const QFont titleFont = m_t.font(1.0, true), subFont = m_t.font(0.85);
        const QFontMetricsF fm(titleFont), fs(subFont);
        const double tagW = tag.isEmpty() ? 0 : fs.horizontalAdvance(tag) + m_t.px(6);
        const bool twoLines = !sub.isEmpty() && h >= fm.height() + fs.height() + 2;
        const QRectF titleRect = twoLines ? QRectF(x, top + 1, w, h / 2 + fm.height() * 0.15) : QRectF(x, top, w, h);
        const Qt::Alignment va = twoLines ? Qt::AlignBottom : Qt::AlignVCenter;
        painter.setFont(titleFont);
        painter.setPen(m_t.text);
        painter.drawText(titleRect.adjusted(0, 0, -tagW, 0), Qt::AlignLeft | va, fm.elidedText(title, Qt::ElideRight, w - tagW));
        painter.setFont(subFont);
        painter.setPen(m_t.mutedText);
        if (!tag.isEmpty()) painter.drawText(titleRect, Qt::AlignRight | va, tag);
        if (twoLines)
            painter.drawText(QRectF(x, top + h / 2 + fm.height() * 0.15 + 1, w, h / 2), Qt::AlignLeft | Qt::AlignTop,
                             fs.elidedText(sub, Qt::ElideRight, w));
    };
    if (m_p.following) {
        painter.setFont(m_t.font(0.85));
        painter.setPen(m_t.mutedText);
        painter.drawText(QRectF(x, 0, w, m.axisHeight), Qt::AlignLeft | Qt::AlignVCenter, tr("simulated time"));
    } else {
        // Panned away: the way back, where the axis caption was (it covers no tick or box).
        const QFont hint = m_t.font(0.85, true);
        painter.setFont(hint);
        painter.setPen(m_t.accent);
        painter.drawText(QRectF(x, 0, w, m.axisHeight), Qt::AlignLeft | Qt::AlignVCenter,
                         QFontMetricsF(hint).elidedText(followHint(), Qt::ElideRight, w));
    }
    QString receiver = tr("receiver");
    QString receiverSub;
    for (const auto &r : m_p.snapshot->receivers) {
        receiver = QString::fromStdString(r.name);
        receiverSub = QString::fromStdString(r.location);
        if (!r.lastError.empty()) receiverSub = QString::fromStdString(r.lastError);
    }
    label(m.receiverTop(), m.laneHeight, receiver, QString(), receiverSub.isEmpty() ? tr("input lines") : receiverSub);
    if (m.sourceHeight > 0) label(m.sourceTop(), m.sourceHeight, tr("sources"), QString(), QString());
    label(m.blockTop(), m.blockHeight, tr("blocks"), QString(), QString());
    painter.save();
    painter.setClipRect(QRectF(0, m.rowsTop(), m_p.labelWidth, m_p.bounds.height() - m.rowsTop()));
    for (int i = 0; i < static_cast<int>(m_rows.size()); ++i) {
        const TimelineRow &r = m_rows[static_cast<std::size_t>(i)];
        if (m.rowTop(i) + m.rowHeight < m.rowsTop() || m.rowTop(i) > m_p.bounds.bottom()) continue;
        QString sub = r.statement;
        if (r.windowMs > 0) sub = tr("window %1, slide %2").arg(durationText(r.windowMs), durationText(r.slideMs)) + QStringLiteral(" · ") + sub;
        else if (r.carriesState) sub = tr("state, carried to the next batch") + QStringLiteral(" · ") + sub;
        label(m.rowTop(i), m.rowHeight, r.name, r.line > 0 ? tr("L%1").arg(r.line) : QString(), sub);
    }
    painter.restore();
}

QString TimelinePainter::labelKey(qreal dpr) const
{
    const TimelineMapping &m = m_p.mapping;
    QStringList k;
    k << QString::number(m_p.labelWidth) << QString::number(m_p.bounds.height()) << QString::number(dpr)
      << QString::number(m.scrollY) << QString::number(m.rowHeight) << QString::number(m.rowsTop())
      << QString::number(m.axisHeight) << QString::number(m.laneHeight) << QString::number(m.sourceHeight)
      << QString::number(m.blockHeight) << tr("sources")
      << QString::number(m.rowGap) << QString::number(m_t.scale) << QString::number(m_t.text.rgba())
      << QString::number(m_t.mutedText.rgba()) << QString::number(m_t.window.rgba()) << m_t.font().key()
      << tr("simulated time") << tr("receiver") // the language
      << QString::number(m_p.following);
    for (const auto &r : m_p.snapshot->receivers)
        k << QString::fromStdString(r.name) << QString::fromStdString(r.location) << QString::fromStdString(r.lastError);
    for (const TimelineRow &r : m_rows)
        k << r.name << QString::number(r.line) << r.statement << QString::number(r.windowMs) << QString::number(r.slideMs)
          << QString::number(r.carriesState);
    return k.join(QChar(0x1f));
}

void TimelinePainter::paintCachedLabels(QPainter &painter) const
{
    const qreal dpr = painter.device() ? painter.device()->devicePixelRatioF() : 1.0;
    TimelineLabelCache &c = *m_p.labelCache;
    const QString key = labelKey(dpr);
    if (key != c.key || c.pixmap.isNull()) {
        const QSize size(static_cast<int>(std::ceil(m_p.labelWidth)), static_cast<int>(std::ceil(m_p.bounds.height())));
        c.pixmap = QPixmap(size * dpr);
        c.pixmap.setDevicePixelRatio(dpr);
        c.pixmap.fill(Qt::transparent); // only the text: the column and its edge are paintBackground's
        QPainter p(&c.pixmap);
        p.setRenderHints(painter.renderHints());
        paintLabels(p);
        p.end();
        c.key = key;
    }
    painter.drawPixmap(QPointF(0, 0), c.pixmap);
}

void TimelinePainter::paintScrollBar(QPainter &painter) const
{
    const TimelineMapping &m = m_p.mapping;
    const int rows = static_cast<int>(m_rows.size());
    const double view = m_p.bounds.height();
    const double max = m.maxScrollY(rows, view);
    if (max <= 0) return;
    // A thin bar at the right edge: the rows scroll with the wheel (Shift+wheel pans time).
    const double track = view - m.rowsTop();
    const double content = track + max;
    const double h = std::max(m_t.px(24), track * track / content);
    const double y = m.rowsTop() + (track - h) * (m.scrollY / max);
    QColor c = m_t.mutedText;
    c.setAlpha(150);
    painter.setPen(Qt::NoPen);
    painter.setBrush(c);
    painter.drawRoundedRect(QRectF(m_p.bounds.right() - m_t.px(7), y, m_t.px(5), h), m_t.px(2.5), m_t.px(2.5));
}

void TimelinePainter::paintOverlay(QPainter &painter) const
{
    const TimelineMapping &m = m_p.mapping;
    const double x = m.timeToX(m_p.clockMs);
    const double bottom = std::clamp(m.heightFor(static_cast<int>(m_rows.size())), m.rowsTop(), m_p.bounds.height());
    painter.setPen(QPen(m_t.accent, m_t.lineWidth * 1.5));
    painter.drawLine(QPointF(x, m.axisHeight - m_t.px(4)), QPointF(x, bottom));
    QPainterPath head;
    head.moveTo(x - m_t.px(6), m.axisHeight - m_t.px(10));
    head.lineTo(x + m_t.px(6), m.axisHeight - m_t.px(10));
    head.lineTo(x, m.axisHeight - m_t.px(2));
    head.closeSubpath();
    painter.fillPath(head, m_t.accent);
}

} // namespace dsl::ui
