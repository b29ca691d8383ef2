// The task timeline (tasktimelineview.h).
#include "tasktimelineview.h"

#include "app/session/runsnapshot.h"
#include "masterspec.h"
#include "theme.h"
#include "timetext.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace dsl::ui {

TaskTimelineView::TaskTimelineView(QWidget *parent)
    : QWidget(parent), m_theme(std::make_unique<Theme>(Theme::make(Theme::Kind::Light, false)))
{
    setObjectName(QStringLiteral("taskTimeline"));
    setMouseTracking(true);
    // Tab reaches the lanes: Up and Down pick one, the Menu key (Shift+F10) opens its faults.
    setFocusPolicy(Qt::StrongFocus);
}

void TaskTimelineView::setRun(RunSnapshotPtr latest)
{
    m_run = std::move(latest);
}

int TaskTimelineView::laneAt(const QPointF &pos) const
{
    const auto &lanes = m_layout.lanes();
    for (std::size_t i = 0; i < lanes.size(); ++i) {
        // The lane's label column to its left belongs to it too.
        const QRectF &r = lanes[i].rect;
        if (pos.y() >= r.top() && pos.y() < r.bottom() && pos.x() <= r.right()) return static_cast<int>(i);
    }
    return -1;
}

QString TaskTimelineView::executorOfLane(int lane) const
{
    const auto &lanes = m_layout.lanes();
    if (lane < 0 || lane >= static_cast<int>(lanes.size()) || !m_snapshot) return {};
    const auto master = MasterSpec::parse(QString::fromStdString(m_snapshot->master));
    const RunSnapshot *run = m_run ? m_run.get() : m_snapshot.get();
    const bool local = master ? master->mode == MasterSpec::Mode::Local
                              : run->executors.size() == 1 && run->executors.front() == "driver";
    if (local) return QStringLiteral("driver");
    const auto &l = lanes[static_cast<std::size_t>(lane)];
    if (!l.executor.isEmpty()) return l.executor;
    // No task of the batch ran on it: core c is on executor slot c / cores per executor, whose
    // id is known while no executor has been lost (a lost one's slot gets the next id).
    if (master && static_cast<int>(run->executors.size()) == master->executors) {
        const auto slot = static_cast<std::size_t>(l.core / std::max(1, master->coresPerExecutor));
        if (slot < run->executors.size()) return QString::fromStdString(run->executors[slot]);
    }
    return {};
}

std::vector<RowFaultAction> TaskTimelineView::faultActionsForLane(int lane) const
{
    std::vector<RowFaultAction> out;
    const auto &lanes = m_layout.lanes();
    if (lane < 0 || lane >= static_cast<int>(lanes.size())) return out;
    const RunSnapshot *run = m_run ? m_run.get() : m_snapshot.get();
    if (const QString executor = executorOfLane(lane); !executor.isEmpty())
        for (RowFaultAction &a : RowFaultActions::forExecutor(run, executor)) out.push_back(std::move(a));
    if (const auto stream = lanes[static_cast<std::size_t>(lane)].receiverStream)
        for (RowFaultAction &a : RowFaultActions::forReceiver(run, *stream)) out.push_back(std::move(a));
    return out;
}

int TaskTimelineView::currentLane() const
{
    const int n = static_cast<int>(m_layout.lanes().size());
    return n == 0 ? -1 : std::clamp(m_currentLane, 0, n - 1);
}

void TaskTimelineView::setCurrentLane(int lane)
{
    m_currentLane = std::max(0, lane);
    update();
}

void TaskTimelineView::keyPressEvent(QKeyEvent *event)
{
    const int n = static_cast<int>(m_layout.lanes().size());
    if (n > 0 && (event->key() == Qt::Key_Up || event->key() == Qt::Key_Down) && event->modifiers() == Qt::NoModifier) {
        setCurrentLane(std::clamp(currentLane() + (event->key() == Qt::Key_Down ? 1 : -1), 0, n - 1));
        return;
    }
    if (event->key() == Qt::Key_F10 && event->modifiers() == Qt::ShiftModifier) {
        // The Menu key arrives as a context-menu event of its own; Shift+F10 does not (Qt 6.4).
        QContextMenuEvent menu(QContextMenuEvent::Keyboard, QPoint(), mapToGlobal(QPoint()));
        contextMenuEvent(&menu);
        return;
    }
    QWidget::keyPressEvent(event);
}

void TaskTimelineView::contextMenuEvent(QContextMenuEvent *event)
{
    if (event->reason() == QContextMenuEvent::Keyboard) {
        const int lane = currentLane();
        if (lane >= 0) {
            const QRectF r = m_layout.lanes()[static_cast<std::size_t>(lane)].rect;
            popupFaultMenu(lane, QPointF(r.left(), r.center().y()));
        }
    } else {
        const int lane = laneAt(event->pos());
        if (lane >= 0) setCurrentLane(lane);
        popupFaultMenu(lane, event->pos());
    }
    event->accept();
}

void TaskTimelineView::popupFaultMenu(int lane, const QPointF &at)
{
    const std::vector<RowFaultAction> actions = faultActionsForLane(lane);
    if (actions.empty()) return;
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("rowFaultsMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    RowFaultActions::addTo(menu, actions, [this](const QString &action, const QString &what) { emit faultRequested(action, what); });
    menu->popup(mapToGlobal(at.toPoint()));
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
    // The lane the keyboard is on, while the view has the focus.
    if (hasFocus() && currentLane() >= 0) {
        const QRectF lane = m_layout.lanes()[static_cast<std::size_t>(currentLane())].rect;
        QPen pen(m_theme->accent, m_theme->lineWidth * 1.5, Qt::DotLine);
        p.setPen(pen);
        p.setBrush(Qt::NoBrush);
        p.drawRect(QRectF(rect().left() + 1, lane.top() + 1, lane.right() - rect().left() - 2, lane.height() - 2));
    }
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
