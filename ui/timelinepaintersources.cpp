// TimelinePainter: the sources strip (who sent each batch's lines: the class port's students, a
// real server) and its tool tips, from the snapshot's input log only.
#include "timelinepainter.h"

#include "socketsourcemodel.h"
#include "timetext.h"

#include <QFontMetricsF>
#include <QRegularExpression>

#include <algorithm>

namespace dsl::ui {

QString TimelinePainter::sourceShortLabel(const std::string &source)
{
    if (source.empty()) return tr("nc panel");
    return SocketSourceModel::shortLabel(source);
}

QString TimelinePainter::sourceTinyLabel(const std::string &source)
{
    static const QRegularExpression student(QStringLiteral("^student (\\d+) \\("));
    const QRegularExpressionMatch m = student.match(QString::fromStdString(source));
    if (m.hasMatch()) return tr("#%1", "a student's number, in a narrow chip of the sources strip").arg(m.captured(1));
    return sourceShortLabel(source);
}

QString TimelinePainter::sourceLongLabel(const std::string &source)
{
    if (source.empty()) return tr("typed into the nc panel");
    // ClassroomListener::Connection::name(): "student N (PEER)", PEER with its port.
    static const QRegularExpression student(QStringLiteral("^student (\\d+) \\((.*)\\)$"));
    const QString name = QString::fromStdString(source);
    const QRegularExpressionMatch m = student.match(name);
    if (m.hasMatch()) return SocketSourceModel::tr("student %1 (%2)").arg(m.captured(1), m.captured(2));
    return tr("nc at %1").arg(name);
}

QString TimelinePainter::sourcesToolTip(const QString &title, const std::vector<SourceCount> &sources)
{
    if (sources.empty()) return QString();
    QStringList lines{title};
    for (const SourceCount &c : sources)
        // Singular and plural spelled out (no %n): the English needs no translation file.
        lines << (c.lines == 1 ? tr("%1: 1 line").arg(sourceLongLabel(c.source))
                               : tr("%1: %2 lines").arg(sourceLongLabel(c.source)).arg(c.lines));
    return lines.join(QLatin1Char('\n'));
}

void TimelinePainter::paintSources(QPainter &painter) const
{
    const TimelineMapping &m = m_p.mapping;
    if (m.sourceHeight <= 0 || !m_p.snapshot->input) return;
    const RunSnapshot &s = *m_p.snapshot;
    const qint64 iv = intervalMs();
    const qint64 t0 = m.xToTime(m_p.labelWidth), t1 = m.visibleEndMs() + iv;
    TimelineSourceCache local;
    TimelineSourceCache &cache = m_p.sourceCache ? *m_p.sourceCache : local;
    const QFont nameFont = m_t.font(0.85), countFont = m_t.font(0.85, true);
    const QFontMetricsF fn(nameFont), fc(countFont);
    const double pad = m_t.px(4), gap = m_t.px(3), inner = m_t.px(3);
    const double h = std::min(m.sourceHeight - m_t.px(4), std::max(fn.height(), fc.height()) + m_t.px(3));
    const double y = m.sourceTop() + (m.sourceHeight - h) / 2;
    QColor fill = m_t.record;
    fill.setAlpha(m_t.isDark() ? 70 : 45);
    for (auto it = s.batches.lower_bound(SimTime(t0)); it != s.batches.end() && it->first.ms() - iv <= t1; ++it) {
        const std::vector<SourceCount> &sources = cache.sourcesOf(s, it->first.ms(), it->second);
        if (sources.empty()) continue;
        // Over the batch's column: its blocks' lines are the batch's records.
        const double x0 = m.timeToX(it->first.ms() - iv) + m_t.px(4), x1 = m.timeToX(it->first.ms()) - m_t.px(4);
        const int n = static_cast<int>(sources.size());
        std::vector<QString> names(sources.size()), counts(sources.size());
        for (std::size_t i = 0; i < sources.size(); ++i) {
            names[i] = sourceShortLabel(sources[i].source);
            counts[i] = QStringLiteral("×%1").arg(sources[i].lines);
        }
        auto chipWidth = [&](int i) {
            const auto k = static_cast<std::size_t>(i);
            return pad + fn.horizontalAdvance(names[k]) + inner + fc.horizontalAdvance(counts[k]) + pad;
        };
        auto more = [&](int rest) { return QStringLiteral("+%1").arg(rest); };
        auto moreWidth = [&](int rest) { return pad + fc.horizontalAdvance(more(rest)) + pad; };
        int fit = chipsThatFit(n, x1 - x0, gap, chipWidth, moreWidth);
        if (fit < n) {
            // A narrow batch: students by their number alone ("#3"), when that shows more of them.
            std::vector<QString> full = names;
            for (std::size_t i = 0; i < sources.size(); ++i) names[i] = sourceTinyLabel(sources[i].source);
            const int tight = chipsThatFit(n, x1 - x0, gap, chipWidth, moreWidth);
            if (tight > fit) fit = tight;
            else names = std::move(full);
        }
        double x = x0;
        for (int i = 0; i < fit; ++i) {
            const auto k = static_cast<std::size_t>(i);
            const QRectF r(x, y, chipWidth(i), h);
            painter.setPen(QPen(m_t.record.darker(120), 1));
            painter.setBrush(fill);
            painter.drawRoundedRect(r, h / 2, h / 2);
            painter.setPen(m_t.text);
            painter.setFont(nameFont);
            const double nameW = fn.horizontalAdvance(names[k]);
            painter.drawText(QRectF(r.left() + pad, r.top(), nameW + 1, r.height()), Qt::AlignLeft | Qt::AlignVCenter, names[k]);
            painter.setFont(countFont);
            painter.drawText(QRectF(r.left() + pad + nameW + inner, r.top(), fc.horizontalAdvance(counts[k]) + 1, r.height()),
                             Qt::AlignLeft | Qt::AlignVCenter, counts[k]);
            x = r.right() + gap;
        }
        if (fit > 0 && fit < n) {
            // The rest as "+N" (the tool tip lists them all).
            const QString rest = more(n - fit);
            painter.setPen(m_t.mutedText);
            painter.setFont(countFont);
            painter.drawText(QRectF(x, y, moreWidth(n - fit), h), Qt::AlignCenter, rest);
        } else if (fit == 0) {
            // Not even one chip: a person and how many sent lines ("👤 6"), drawn, not a glyph a
            // font may lack; the tool tip names them.
            const QString number = QString::number(n);
            const double head = h * 0.2, w = head * 3 + inner + fc.horizontalAdvance(number);
            if (x0 + w > x1 + 0.5) continue;
            const double cx = x0 + head * 1.5;
            painter.setPen(Qt::NoPen);
            painter.setBrush(m_t.mutedText);
            painter.drawEllipse(QPointF(cx, y + h * 0.32), head, head);
            painter.drawPie(QRectF(cx - head * 1.5, y + h * 0.58, head * 3, h * 0.7), 0, 180 * 16);
            painter.setPen(m_t.text);
            painter.setFont(countFont);
            painter.drawText(QRectF(x0 + head * 3 + inner, y, fc.horizontalAdvance(number) + 1, h), Qt::AlignLeft | Qt::AlignVCenter,
                             number);
        }
    }
    cache.keepOnly(t0 - iv, t1 + iv);
}

QString TimelinePainter::sourcesToolTipAt(QPointF pos) const
{
    const TimelineMapping &m = m_p.mapping;
    if (!m_p.snapshot || !m_p.snapshot->input || pos.x() < m_p.labelWidth) return QString();
    if (pos.y() < m.receiverTop() || pos.y() >= m.blockTop() + m.blockHeight) return QString();
    const RunSnapshot &s = *m_p.snapshot;
    const qint64 t = m.xToTime(pos.x());
    if (pos.y() >= m.blockTop()) {
        // A block covers (time - blockInterval, time].
        const qint64 bi = std::max<qint64>(1, s.blockInterval.ms());
        auto covers = [&](const BlockInfo &b) { return b.time.ms() - bi < t && t <= b.time.ms(); };
        std::vector<BlockInfo> hit;
        for (auto it = s.batches.lower_bound(SimTime(t)); it != s.batches.end() && it->first.ms() - intervalMs() - bi <= t; ++it)
            for (const BlockInfo &b : it->second->blocks)
                if (covers(b)) hit.push_back(b);
        for (const BlockInfo &b : s.pendingBlocks)
            if (covers(b)) hit.push_back(b);
        if (hit.empty()) return QString();
        return sourcesToolTip(tr("Block cut at %1, lines by sender:").arg(clockText(hit.front().time.ms(), true)),
                              blockSources(*s.input, hit, receiverPortsOf(s)));
    }
    // The receiver lane and the sources strip: the batch whose interval (T - interval, T] holds t.
    const auto it = s.batches.lower_bound(SimTime(t));
    if (it == s.batches.end() || it->first.ms() - intervalMs() >= t) return QString();
    TimelineSourceCache local;
    TimelineSourceCache &cache = m_p.sourceCache ? *m_p.sourceCache : local;
    return sourcesToolTip(tr("Batch %1, lines by sender:").arg(clockText(it->first.ms(), false)),
                          cache.sourcesOf(s, it->first.ms(), it->second));
}

} // namespace dsl::ui
