// StreamTimelineView: following, panning, zooming, box selection and the drop-in animation.
#include "streamtimelineview.h"

#include "batchselection.h"
#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "timelinepainter.h"
#include "timelinerows.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QToolTip>
#include <QFontMetricsF>
#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <iterator>

namespace dsl::ui {

namespace {
constexpr qint64 kAppearMs = 850; // gather, blocks into the RDD, rows down the lineage (screenshots wait 900 ms)
constexpr qint64 kFrameMs = 16;   // one display frame at 60 Hz
}

StreamTimelineView::StreamTimelineView(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(false);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_animationClock.start();
    m_animationTimer.setInterval(16);
    connect(&m_animationTimer, &QTimer::timeout, this, [this] {
        const qint64 now = m_animationClock.elapsed();
        bool active = false;
        for (const auto &[t, at] : m_appearedAt)
            if (now - at < kAppearMs) active = true;
        if (!active) m_animationTimer.stop();
        requestFrame();
    });
    m_frameTimer.setSingleShot(true);
    m_frameTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_frameTimer, &QTimer::timeout, this, [this] { update(); });
    connect(controller, &SimulationController::snapshotChanged, this, &StreamTimelineView::onSnapshot);
    connect(controller, &SimulationController::clockChanged, this, &StreamTimelineView::onClock);
    connect(controller, &SimulationController::themeChanged, this, &StreamTimelineView::applyTheme);
    connect(controller->selection(), &BatchSelection::changed, this, &StreamTimelineView::revealSelection);
    connect(this, &StreamTimelineView::boxClicked, controller->selection(), &BatchSelection::selectBox);
    applyTheme(controller->theme());
}

QSize StreamTimelineView::sizeHint() const
{
    return QSize(900, static_cast<int>(m_mapping.rowTop(0) + 5 * m_controller->theme().px(60)));
}

QSize StreamTimelineView::minimumSizeHint() const
{
    return QSize(400, static_cast<int>(m_mapping.rowTop(0) + 2 * m_controller->theme().px(34)));
}

void StreamTimelineView::setProgramSource(const QString &source)
{
    m_program = ProgramText(source);
    m_rowsSerial = 0;
    m_rowsStreams = static_cast<std::size_t>(-1);
    update();
}

double StreamTimelineView::labelWidth() const
{
    // Names whole (the room's students read them), but the time area is what the room is for:
    // at most 42 % of the view.
    const Theme &t = m_controller->theme();
    const double need = m_snapshot ? labelWidthNeeded() : t.px(150);
    return std::clamp(need, std::min(t.px(110), width() * 0.42), std::max(t.px(110), width() * 0.42));
}

double StreamTimelineView::labelWidthNeeded() const
{
    rowCount(); // refreshes the cache
    return m_labelNeed;
}

void StreamTimelineView::dropCachedColumns()
{
    m_columnCache.columns.clear();
    update();
}

double StreamTimelineView::visibleBatches() const
{
    const qint64 interval = m_snapshot ? std::max<qint64>(1, m_snapshot->batchInterval.ms()) : 1000;
    return m_mapping.width / m_mapping.pxPerMs / static_cast<double>(interval);
}

void StreamTimelineView::applyTheme(const Theme &t)
{
    m_mapping.axisHeight = t.px(30);
    m_mapping.laneHeight = t.px(54);
    m_mapping.blockHeight = t.px(28);
    m_mapping.rowGap = t.px(5);
    m_rowsSerial = 0; // the label column's width is measured in the theme's fonts
    updateGeometryFromSnapshot();
    updateGeometry();
    update();
}

void StreamTimelineView::updateGeometryFromSnapshot()
{
    const Theme &t = m_controller->theme();
    m_mapping.left = labelWidth();
    m_mapping.width = std::max(50.0, width() - m_mapping.left);
    const qint64 interval = m_snapshot ? std::max<qint64>(1, m_snapshot->batchInterval.ms()) : 1000;
    // About five batches across the width by default (at least four where a box still holds
    // its count and "2 partitions"); zoom scales that.
    const double perBatch = std::max(t.px(66), m_mapping.width / 5.5);
    m_mapping.pxPerMs = perBatch / static_cast<double>(interval) * m_zoom;
    if (m_follow) m_mapping.follow(m_clockMs, 0.82);
    // Rows share the height there is, between a readable minimum and a comfortable maximum.
    // Rows too many for the height scroll (wheel); the label column stays readable.
    // The sources strip: only once a line of the run has a named source (nothing changes for a
    // run fed by the nc panel alone).
    m_mapping.sourceHeight = m_hasSources ? t.px(26) : 0;
    const int rows = std::max(1, rowCount());
    const double free = height() - m_mapping.rowsTop() - m_mapping.rowGap - t.px(4);
    m_mapping.rowHeight = std::clamp(free / rows - m_mapping.rowGap, t.px(40), t.px(66));
    m_mapping.scrollY = m_mapping.clampScrollY(m_mapping.scrollY, rows, height());
}

int StreamTimelineView::rowCount() const
{
    if (!m_snapshot) return 4;
    if (m_rowsSerial != m_snapshot->serial || m_rowsStreams != m_snapshot->streams.size()) {
        m_rowsSerial = m_snapshot->serial;
        m_rowsStreams = m_snapshot->streams.size();
        const std::vector<TimelineRow> rows = timelineRows(*m_snapshot, m_program);
        m_rowCount = static_cast<int>(rows.size());
        // As TimelinePainter::paintLabels lays them out: bold name, then the line tag.
        const Theme &t = m_controller->theme();
        const QFontMetricsF fm(t.font(1.0, true)), fs(t.font(0.85));
        double need = fm.horizontalAdvance(TimelinePainter::tr("blocks"));
        if (m_hasSources) need = std::max(need, fm.horizontalAdvance(TimelinePainter::tr("sources")));
        for (const auto &r : m_snapshot->receivers) need = std::max(need, fm.horizontalAdvance(QString::fromStdString(r.name)));
        for (const TimelineRow &r : rows) {
            const double tag = r.line > 0 ? fs.horizontalAdvance(TimelinePainter::tr("L%1").arg(r.line)) + t.px(6) : 0;
            need = std::max(need, fm.horizontalAdvance(r.name) + tag);
        }
        m_labelNeed = std::ceil(need + t.px(16) + 2);
    }
    return m_rowCount;
}

void StreamTimelineView::revealSelection()
{
    // A batch chosen elsewhere (the delay chart, the word counts) scrolls into view.
    const std::optional<qint64> t = m_controller->selection()->batchTime();
    if (!t && !m_follow) {
        // Following the latest batch again (Home): the timeline follows the run too.
        m_follow = true;
        updateGeometryFromSnapshot();
    }
    if (t && m_snapshot) {
        const qint64 iv = std::max<qint64>(1, m_snapshot->batchInterval.ms());
        const qint64 start = *t - iv, end = *t;
        const qint64 visible0 = m_mapping.xToTime(m_mapping.left), visible1 = m_mapping.visibleEndMs();
        if (start < visible0 || end > visible1) {
            m_follow = false;
            m_mapping.originMs = start - static_cast<qint64>((m_mapping.width / m_mapping.pxPerMs - iv) / 2);
        }
        const std::vector<TimelineRow> rows = timelineRows(*m_snapshot, m_program);
        for (int i = 0; i < static_cast<int>(rows.size()); ++i)
            if (rows[static_cast<std::size_t>(i)].streamId == m_controller->selection()->streamId())
                m_mapping.scrollY = m_mapping.clampScrollY(m_mapping.scrollToShow(i, height()), rowCount(), height());
    }
    update();
}

void StreamTimelineView::onSnapshot(const RunSnapshotPtr &s)
{
    // Animate batches that appear while watching; not a whole history arriving at once
    // (first snapshot, step back, reset).
    const bool restarted = !m_snapshot || s->runId != m_snapshot->runId || s->batches.size() < m_snapshot->batches.size() ||
                           s->now < m_snapshot->now;
    if (restarted) m_appearedAt.clear();
    const qint64 now = m_animationClock.elapsed();
    // Batches only ever appear after the ones seen (a restart clears the cache): look at the
    // end of the map only, not at an hour of batches every snapshot.
    auto from = m_appearedAt.empty() ? s->batches.begin() : s->batches.upper_bound(SimTime(m_appearedAt.rbegin()->first));
    const auto fresh = static_cast<std::size_t>(std::distance(from, s->batches.end()));
    // Batches arriving faster than the animation lasts (16x: one every 60 ms) appear at once,
    // and so do the ones still dropping: an animation restarted by every batch never ended, and
    // the timeline showed no boxes at all while running.
    const bool tooFast = fresh > 0 && now - m_lastFreshAt < kAppearMs;
    if (fresh > 0) m_lastFreshAt = now;
    if (tooFast)
        for (auto &[t, at] : m_appearedAt) at = std::min(at, now - kAppearMs);
    for (auto it = from; it != s->batches.end(); ++it)
        m_appearedAt[it->first.ms()] = (restarted || fresh > 3 || tooFast) ? now - kAppearMs : now;
    while (m_appearedAt.size() > 4096) m_appearedAt.erase(m_appearedAt.begin());
    if (fresh > 0 && fresh <= 3 && !restarted && !tooFast) m_animationTimer.start();
    // Named sources: scan only the lines not seen yet (the input log only grows within a run).
    const bool hadSources = m_hasSources;
    if (restarted || s->runId != m_sourcesRunId || !s->input || s->input->size < m_sourcesScanned) {
        m_sourcesRunId = s->runId;
        m_sourcesScanned = 0;
        m_hasSources = false;
    }
    if (s->input && !m_hasSources) m_hasSources = anySourced(*s->input, m_sourcesScanned, s->input->size);
    m_sourcesScanned = s->input ? s->input->size : 0;
    if (hadSources != m_hasSources) m_rowsSerial = 0; // the label column may name the strip
    m_snapshot = s;
    m_clockMs = std::max<qint64>(m_clockMs, s->clock.ms());
    if (restarted) m_clockMs = s->clock.ms();
    updateGeometryFromSnapshot();
    requestFrame();
}

void StreamTimelineView::onClock(qint64 ms)
{
    if (ms == m_clockMs) return;
    m_clockMs = ms;
    if (m_follow) m_mapping.follow(m_clockMs, 0.82);
    requestFrame();
}

void StreamTimelineView::requestFrame()
{
    if (m_frameTimer.isActive()) return; // a repaint is already booked for this frame
    const qint64 since = m_sincePaint.isValid() ? m_sincePaint.elapsed() : kFrameMs;
    if (since >= kFrameMs) update();
    else m_frameTimer.start(static_cast<int>(kFrameMs - since));
}

int StreamTimelineView::batchesAppearing() const
{
    int n = 0;
    for (const auto &[t, at] : m_appearedAt) n += appearProgress(t) < 1.0;
    return n;
}

double StreamTimelineView::appearProgress(qint64 batchTimeMs) const
{
    auto it = m_appearedAt.find(batchTimeMs);
    if (it == m_appearedAt.end()) return 1.0;
    return std::clamp(static_cast<double>(m_animationClock.elapsed() - it->second) / kAppearMs, 0.0, 1.0);
}

void StreamTimelineView::paintEvent(QPaintEvent *)
{
    m_sincePaint.restart();
    QPainter painter(this);
    TimelinePaintParams p = baseParams();
    p.clockMs = m_clockMs;
    p.selectedBatch = m_controller->selection()->batchTime();
    p.selectedStream = m_controller->selection()->streamId();
    p.following = m_follow;
    p.appearProgress = [this](qint64 t) { return appearProgress(t); };
    p.labelCache = &m_labelCache;
    p.columnCache = &m_columnCache;
    TimelinePainter(p).paint(painter);
    if (!m_snapshot || (m_snapshot->phase == RunPhase::NotStarted && m_snapshot->batches.empty())) {
        painter.setPen(m_controller->theme().mutedText);
        painter.setFont(m_controller->theme().font(1.1));
        const QRectF area(labelWidth(), m_mapping.rowTop(0), width() - labelWidth(), m_mapping.rowHeight * 2);
        painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Press Run (Space, F5) or Step batch (→, PageDown). Each batch of the stream becomes one RDD per DStream."));
    }
}

QString StreamTimelineView::sourcesToolTipAt(const QPointF &pos) const
{
    if (!m_snapshot || !m_hasSources) return QString();
    return TimelinePainter(baseParams()).sourcesToolTipAt(pos);
}

TimelinePaintParams StreamTimelineView::baseParams() const
{
    // What painting and the sources tool tip share: the snapshot, the layout and the sources cache.
    TimelinePaintParams p;
    p.snapshot = m_snapshot.get();
    p.theme = &m_controller->theme();
    p.program = &m_program;
    p.mapping = m_mapping;
    p.bounds = rect();
    p.labelWidth = labelWidth();
    p.sourceCache = &m_sourceCache;
    return p;
}

bool StreamTimelineView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = sourcesToolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    return QWidget::event(event);
}

void StreamTimelineView::resizeEvent(QResizeEvent *)
{
    updateGeometryFromSnapshot();
}

void StreamTimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton) return;
    TimelinePaintParams p;
    p.snapshot = m_snapshot.get();
    p.theme = &m_controller->theme();
    p.program = &m_program;
    p.mapping = m_mapping;
    p.bounds = rect();
    p.labelWidth = labelWidth();
    if (m_snapshot) {
        if (auto hit = TimelinePainter(p).boxAt(event->position())) {
            emit boxClicked(hit->first, hit->second);
            return;
        }
    }
    m_dragFrom = event->position();
    m_dragOrigin = m_mapping.originMs;
}

void StreamTimelineView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragFrom) return;
    const double dx = event->position().x() - m_dragFrom->x();
    if (std::abs(dx) < 3 && m_follow) return;
    m_follow = false;
    m_mapping.originMs = m_dragOrigin - static_cast<qint64>(dx / m_mapping.pxPerMs);
    update();
}

void StreamTimelineView::mouseReleaseEvent(QMouseEvent *)
{
    m_dragFrom.reset();
}

void StreamTimelineView::mouseDoubleClickEvent(QMouseEvent *)
{
    m_follow = true;
    m_controller->selection()->followLatest();
    updateGeometryFromSnapshot();
    update();
}

void StreamTimelineView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (event->modifiers() & Qt::ControlModifier) {
        const qint64 anchor = m_mapping.xToTime(event->position().x());
        m_zoom = std::clamp(m_zoom * std::pow(1.2, steps), 0.1, 8.0);
        updateGeometryFromSnapshot();
        if (!m_follow) m_mapping.originMs = anchor - static_cast<qint64>((event->position().x() - m_mapping.left) / m_mapping.pxPerMs);
    } else if (event->angleDelta().x() == 0 && !(event->modifiers() & Qt::ShiftModifier) &&
               m_mapping.maxScrollY(rowCount(), height()) > 0) {
        // More rows than fit: the wheel scrolls them (Shift+wheel pans time).
        m_mapping.scrollY = m_mapping.clampScrollY(m_mapping.scrollY - steps * m_mapping.rowHeight * 0.75, rowCount(), height());
    } else {
        m_follow = false;
        const double dx = (event->angleDelta().x() != 0 ? event->angleDelta().x() : event->angleDelta().y()) / 120.0 * 80.0;
        m_mapping.originMs -= static_cast<qint64>(dx / m_mapping.pxPerMs);
    }
    update();
    event->accept();
}

void StreamTimelineView::followRun()
{
    m_follow = true;
    updateGeometryFromSnapshot();
    update();
}

std::vector<RowFaultAction> StreamTimelineView::faultActionsAt(const QPointF &pos) const
{
    std::vector<RowFaultAction> out;
    if (!m_snapshot) return out;
    const RunSnapshot &s = *m_snapshot;
    auto add = [&](int streamId) {
        for (RowFaultAction &a : RowFaultActions::forReceiver(&s, streamId)) out.push_back(std::move(a));
    };
    if (pos.y() >= m_mapping.receiverTop() && pos.y() < m_mapping.rowsTop()) {
        // The receiver lane shows every receiver's records, and the block lane their blocks.
        for (const ReceiverInfo &r : s.receivers) add(r.streamId);
        return out;
    }
    const int row = pos.y() >= m_mapping.rowsTop() ? m_mapping.rowAt(pos.y()) : -1;
    if (row < 0) return out;
    const std::vector<TimelineRow> rows = timelineRows(s, m_program);
    if (row >= static_cast<int>(rows.size())) return out;
    for (const ReceiverInfo &r : s.receivers) {
        const auto &members = rows[static_cast<std::size_t>(row)].members;
        if (std::find(members.begin(), members.end(), r.streamId) != members.end()) add(r.streamId);
    }
    return out;
}

std::vector<RowFaultAction> StreamTimelineView::keyboardFaultActions(QPointF *at) const
{
    if (!m_snapshot) return {};
    // The selected box's row, when it is an input stream's with a receiver.
    const std::vector<TimelineRow> rows = timelineRows(*m_snapshot, m_program);
    const int selected = m_controller->selection()->streamId();
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
        if (rows[static_cast<std::size_t>(i)].streamId != selected) continue;
        const QPointF p(m_mapping.left / 2, m_mapping.rowTop(i) + m_mapping.rowHeight / 2);
        std::vector<RowFaultAction> out = faultActionsAt(p);
        if (out.empty()) break;
        if (at) *at = p;
        return out;
    }
    const QPointF lane(m_mapping.left / 2, m_mapping.receiverTop() + m_mapping.laneHeight / 2);
    if (at) *at = lane;
    return faultActionsAt(lane);
}

void StreamTimelineView::contextMenuEvent(QContextMenuEvent *event)
{
    if (event->reason() == QContextMenuEvent::Keyboard) {
        QPointF at;
        const std::vector<RowFaultAction> actions = keyboardFaultActions(&at);
        popupFaultMenu(actions, at);
    } else {
        popupFaultMenu(faultActionsAt(event->pos()), event->pos());
    }
    event->accept();
}

void StreamTimelineView::popupFaultMenu(const std::vector<RowFaultAction> &actions, const QPointF &at)
{
    if (actions.empty()) return;
    auto *menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("rowFaultsMenu"));
    menu->setAttribute(Qt::WA_DeleteOnClose);
    RowFaultActions::addTo(menu, actions, [this](const QString &action, const QString &what) { emit faultRequested(action, what); });
    menu->popup(mapToGlobal(at.toPoint()));
}

void StreamTimelineView::keyPressEvent(QKeyEvent *event)
{
    // PageUp/PageDown alone step the run (the window's shortcuts, a presenter clicker's keys).
    if ((event->key() == Qt::Key_PageDown || event->key() == Qt::Key_PageUp) && (event->modifiers() & Qt::ShiftModifier)) {
        const double page = (height() - m_mapping.rowsTop()) * 0.8 * (event->key() == Qt::Key_PageDown ? 1 : -1);
        m_mapping.scrollY = m_mapping.clampScrollY(m_mapping.scrollY + page, rowCount(), height());
        update();
        return;
    }
    if (event->key() == Qt::Key_End) {
        followRun();
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

} // namespace dsl::ui
