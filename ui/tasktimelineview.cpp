// The task timeline (tasktimelineview.h).
#include "tasktimelineview.h"

#include "app/session/runsnapshot.h"
#include "theme.h"
#include "timetext.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace dsl::ui {

TaskTimelineView::TaskTimelineView(QWidget *parent)
    : QWidget(parent), m_theme(std::make_unique<Theme>(Theme::make(Theme::Kind::Light, false)))
{
    setObjectName(QStringLiteral("taskTimeline"));
    setMouseTracking(true);
}

void TaskTimelineView::setTheme(const Theme &theme)
{
    *m_theme = theme;
    relayout();
}

void TaskTimelineView::setBatch(RunSnapshotPtr s, const BatchSnapshot *batch)
{
    m_snapshot = std::move(s);
    m_batch = batch;
    relayout();
}

QSize TaskTimelineView::sizeHint() const { return {600, qRound(m_theme->px(140))}; }

QSize TaskTimelineView::minimumSizeHint() const { return {200, qRound(m_theme->px(70))}; }

QRectF TaskTimelineView::plotArea(const QRect &rect) const
{
    const QFontMetricsF fm(m_theme->font(0.9));
    const double left = std::max(fm.horizontalAdvance(tr("core %1 · receiver %2").arg(8).arg(8)),
                                 fm.horizontalAdvance(tr("executor %1 · core %2").arg(8).arg(8))) +
                        m_theme->px(10);
    const double bottom = fm.height() + m_theme->px(6);
    return QRectF(rect).adjusted(left, m_theme->px(4), -m_theme->px(8), -bottom);
}

void TaskTimelineView::relayout()
{
    if (!m_batch || !m_snapshot) {
        m_layout = {};
    } else {
        m_layout = TaskTimelineLayout::make(*m_batch, m_snapshot->cores, m_snapshot->receivers, plotArea(rect()));
    }
    update();
}

void TaskTimelineView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

QString TaskTimelineView::barText(const TaskTimelineLayout::Bar &b, const StageLoad *stage)
{
    QString t = tr("Task %1.%2 in stage %3 (TID %4) on core %5")
                    .arg(b.partition)
                    .arg(b.attempt)
                    .arg(b.stageId)
                    .arg(b.taskId)
                    .arg(b.core);
    t += QLatin1Char('\n') + tr("%1 → %2 (%3), %n records read", nullptr, static_cast<int>(b.recordsRead))
                                 .arg(clockText(b.launchMs, true), clockText(b.finishMs, true),
                                      durationText(b.finishMs - b.launchMs));
    if (stage) t += QLatin1Char('\n') + QString::fromStdString(stage->name);
    if (b.failed) t += QLatin1Char('\n') + tr("This attempt failed; Spark ran it again.");
    return t;
}

bool TaskTimelineView::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *he = static_cast<QHelpEvent *>(e);
        if (const auto *b = m_layout.barAt(he->pos())) {
            const StageLoad *stage = nullptr;
            for (const StageLoad &s : m_layout.stages())
                if (s.stageId == b->stageId) stage = &s;
            QToolTip::showText(he->globalPos(), barText(*b, stage), this);
        } else {
            QToolTip::hideText();
            e->ignore();
        }
        return true;
    }
    return QWidget::event(e);
}

void TaskTimelineView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    render(p, rect());
}

void TaskTimelineView::render(QPainter &p, const QRect &rect) const
{
    const Theme &t = *m_theme;
    p.save();
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect, t.surface);
    TaskTimelineLayout layout = m_layout;
    if (rect != this->rect() && m_batch && m_snapshot)
        layout = TaskTimelineLayout::make(*m_batch, m_snapshot->cores, m_snapshot->receivers, plotArea(rect));
    p.setFont(t.font(0.9));
    const QFontMetricsF fm(p.font());
    if (layout.lanes().empty()) {
        p.setPen(t.mutedText);
        p.drawText(rect, Qt::AlignCenter, tr("No tasks: select a completed batch"));
        p.restore();
        return;
    }
    // Lanes: one per core; a core a receiver holds is shaded all along (it runs no task).
    for (const auto &lane : layout.lanes()) {
        if (lane.core % 2) p.fillRect(lane.rect, t.surfaceAlt);
        QString label = lane.executor.isEmpty() ? tr("core %1").arg(lane.core)
                                                : tr("executor %1 · core %2").arg(lane.executor).arg(lane.core);
        if (lane.receiverStream) {
            QColor held = t.record;
            held.setAlphaF(0.22);
            p.fillRect(lane.rect, QBrush(held, Qt::BDiagPattern));
            label = tr("core %1 · receiver %2").arg(lane.core).arg(*lane.receiverStream);
        }
        p.setPen(t.text);
        p.drawText(QRectF(rect.left() + t.px(4), lane.rect.top(), lane.rect.left() - rect.left() - t.px(8), lane.rect.height()),
                   Qt::AlignVCenter | Qt::AlignRight, label);
    }
    // Bars: one per task attempt, coloured by stage.
    const auto bottleneck = layout.bottleneck();
    for (const auto &b : layout.bars()) {
        QColor c = t.rowColors[b.stageIndex % 4];
        p.setPen(QPen(t.text, t.lineWidth * (bottleneck && bottleneck->stageId == b.stageId ? 2.0 : 0.6)));
        p.setBrush(b.failed ? QBrush(t.error, Qt::DiagCrossPattern) : QBrush(c));
        p.drawRoundedRect(b.rect, 2, 2);
        const QString label = QStringLiteral("%1.%2").arg(b.stageId).arg(b.partition);
        if (fm.horizontalAdvance(label) + 4 < b.rect.width()) {
            p.setPen(c.lightnessF() > 0.55 ? QColor(Qt::black) : QColor(Qt::white));
            p.drawText(b.rect, Qt::AlignCenter, label);
        }
    }
    // The time axis: start and end of the batch's processing.
    const QRectF plot = layout.lanes().front().rect.united(layout.lanes().back().rect);
    p.setPen(QPen(t.grid, t.lineWidth));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
    p.setPen(t.mutedText);
    const QRectF axis(plot.left(), plot.bottom() + t.px(2), plot.width(), fm.height() + t.px(2));
    // Start and end times, and the span between them when there is room for all three.
    const QString start = clockText(layout.startMs(), true), end = clockText(layout.endMs(), true),
                  span = durationText(layout.endMs() - layout.startMs());
    const double gap = t.px(12);
    if (fm.horizontalAdvance(start) + fm.horizontalAdvance(end) + fm.horizontalAdvance(span) + 2 * gap < axis.width()) {
        p.drawText(axis, Qt::AlignLeft | Qt::AlignTop, start);
        p.drawText(axis, Qt::AlignRight | Qt::AlignTop, end);
        p.drawText(axis, Qt::AlignHCenter | Qt::AlignTop, span);
    } else {
        p.drawText(axis, Qt::AlignHCenter | Qt::AlignTop, start + QStringLiteral(" + ") + span);
    }
    p.restore();
}

} // namespace dsl::ui
