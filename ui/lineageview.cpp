// LineageView: picks the (batch, DStream) RDD to show, lays its lineage out and labels it.
#include "lineageview.h"

#include "batchselection.h"
#include "programtext.h"
#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "timelinerows.h"
#include "timetext.h"

#include <QEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QTimer>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

namespace dsl::ui {

LineageView::LineageView(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_title(new QLabel(this)), m_notes(new QLabel(this)),
      m_canvas(new LineageCanvas), m_debugTitle(new QLabel(this)), m_debug(new QPlainTextEdit(this)),
      m_split(new QSplitter(Qt::Horizontal, this))
{
    for (QLabel *l : {m_title, m_notes}) {
        l->setTextFormat(Qt::PlainText);
        l->setWordWrap(true);
    }
    m_debug->setReadOnly(true);
    m_debug->setLineWrapMode(QPlainTextEdit::NoWrap);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_notes);
    auto *graphPane = new QWidget(m_split);
    auto *graphLayout = new QVBoxLayout(graphPane);
    graphLayout->setContentsMargins(0, 0, 0, 0);
    graphLayout->setSpacing(0);
    m_legendBar = new LineageLegendBar(graphPane);
    graphLayout->addWidget(m_legendBar);
    m_scroll = new QScrollArea(graphPane);
    graphLayout->addWidget(m_scroll, 1);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidgetResizable(true);
    m_scroll->setWidget(m_canvas);
    m_split->addWidget(graphPane);
    auto *debugPane = new QWidget(m_split);
    auto *debugLayout = new QVBoxLayout(debugPane);
    debugLayout->setContentsMargins(0, 0, 0, 0);
    debugLayout->addWidget(m_debugTitle);
    debugLayout->addWidget(m_debug, 1);
    m_split->addWidget(debugPane);
    m_split->setStretchFactor(0, 5);
    m_split->setStretchFactor(1, 2);
    m_split->setChildrenCollapsible(false);
    layout->addWidget(m_split, 1);
    applyTheme(controller->theme());
    connect(controller, &SimulationController::themeChanged, this, &LineageView::applyTheme);
    connect(controller, &SimulationController::snapshotChanged, this, &LineageView::refresh);
    connect(controller->selection(), &BatchSelection::changed, this, &LineageView::refresh);
    refresh();
}

void LineageView::applyTheme(const Theme &theme)
{
    m_title->setFont(theme.font(1.0, true));
    m_notes->setFont(theme.font(0.9));
    m_debugTitle->setFont(theme.font(0.9, true));
    m_debug->setFont(theme.monoFont(0.9));
    m_canvas->setTheme(theme);
    m_legendBar->setTheme(theme);
    refresh(); // the layout's sizes follow the fonts
}

void LineageView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) refresh();
    QWidget::changeEvent(event);
}

QString LineageView::titleText() const { return m_title->text(); }
QString LineageView::notesText() const { return m_notes->text(); }
QString LineageView::debugText() const { return m_debug->toPlainText(); }
QStringList LineageView::legendTexts() const { return LineagePainter::legendTexts(m_legend); }

std::vector<LineageWindowRole> LineageView::windowRoles(const LineageGraph &graph, const std::string &windowScope,
                                                        const WindowSpanSnapshot &span)
{
    std::vector<LineageWindowRole> roles(graph.nodes.size(), LineageWindowRole::None);
    for (std::size_t c = 0; c < graph.nodes.size(); ++c) {
        if (graph.nodes[c].scope != windowScope) continue;
        for (const LineageEdge &e : graph.nodes[c].parents) {
            const LineageNode &p = graph.nodes[static_cast<std::size_t>(e.parent)];
            if (!p.batchTime || p.scope == windowScope) continue;
            const std::int64_t t = p.batchTime->ms();
            if (std::find(span.added.begin(), span.added.end(), t) != span.added.end())
                roles[static_cast<std::size_t>(e.parent)] = LineageWindowRole::Added;
            else if (std::find(span.subtracted.begin(), span.subtracted.end(), t) != span.subtracted.end())
                roles[static_cast<std::size_t>(e.parent)] = LineageWindowRole::Subtracted;
        }
    }
    return roles;
}

void LineageView::refresh()
{
    m_debugTitle->setText(tr("toDebugString"));
    const RunSnapshotPtr &s = m_controller->snapshot();
    m_batch = m_controller->effectiveBatch();
    const BatchSnapshot *b = s && m_batch ? s->batch(SimTime(*m_batch)) : nullptr;
    // The selected DStream, else the RDD the last output operation reads (pprint's parent).
    m_streamId = m_controller->selection()->streamId();
    if (b && (m_streamId < 0 || !b->rdds.count(m_streamId))) {
        m_streamId = -1;
        const StreamSnapshot *lastOutput = nullptr;
        for (const auto &st : s->streams)
            if (st.isOutput && (!lastOutput || st.outputOpId > lastOutput->outputOpId)) lastOutput = &st;
        if (lastOutput)
            for (int p : lastOutput->parents)
                if (b->rdds.count(p)) m_streamId = p;
        if (m_streamId < 0 && !b->rdds.empty()) m_streamId = b->rdds.rbegin()->first;
    }
    const RddBoxSnapshot *box = b && m_streamId >= 0 ? &b->rdds.at(m_streamId) : nullptr;
    LineageCanvas::Content content;
    m_legend = content.legendEntries;
    m_legendBar->setEntries(m_legend);
    m_notes->clear();
    m_notes->hide();
    if (!b) {
        m_title->setText(tr("No batch yet: run the program to see an RDD's lineage."));
        m_debug->clear();
        m_canvas->setContent(std::move(content));
        return;
    }
    const QString when = clockText(*m_batch, s->batchInterval.ms() < 1000);
    const StreamSnapshot *st = s->stream(m_streamId);
    QString name = st ? ProgramText(m_controller->driver()->programSource()).variableName(*st) : QString();
    if (st)
        for (const TimelineRow &row : timelineRows(*s, ProgramText(m_controller->driver()->programSource())))
            if (std::find(row.members.begin(), row.members.end(), m_streamId) != row.members.end()) name = row.name;
    m_debug->setPlainText(box ? QString::fromStdString(box->debugString) : QString());
    if (!box || !box->lineage) {
        m_title->setText(b->summary ? tr("%1 · batch %2: only the newest batches keep their lineage.").arg(name, when)
                                    : tr("%1 · batch %2: no job has computed this RDD yet (RDDs are lazy).").arg(name, when));
        m_canvas->setContent(std::move(content));
        return;
    }
    const LineageGraph &g = *box->lineage;
    content.graph = box->lineage;
    // Snapshots arrive many times a second while the run plays; the graph shown rarely changes.
    const Theme &theme = m_canvas->theme();
    const auto layoutFor = std::make_tuple(static_cast<int>(theme.kind), theme.scale, theme.basePointSize);
    if (m_canvas->content().graph == box->lineage && m_layoutFor == layoutFor)
        content.layout = m_canvas->content().layout;
    else
        content.layout = LineageLayout::compute(g, LineagePainter::metricsFor(theme));
    m_layoutFor = layoutFor;
    for (const LineageStage &stage : g.stages) {
        if (!stage.isShuffleMap) content.stageTitles.push_back(tr("Result stage"));
        else if (stage.stageId >= 0) content.stageTitles.push_back(tr("Stage %1").arg(stage.stageId));
        else content.stageTitles.push_back(tr("Shuffle map stage"));
    }
    // An incremental window in the graph: the batch RDDs it added and subtracted.
    QStringList notes;
    for (const auto &[windowId, span] : b->windows) {
        if (!span.incremental || !b->rdds.count(windowId)) continue;
        const int at = g.indexOf(b->rdds.at(windowId).rddId);
        if (at < 0) continue;
        const auto roles = windowRoles(g, g.nodes[static_cast<std::size_t>(at)].scope, span);
        if (content.roles.empty()) content.roles.assign(g.nodes.size(), LineageWindowRole::None);
        for (std::size_t i = 0; i < roles.size(); ++i)
            if (roles[i] != LineageWindowRole::None) content.roles[i] = roles[i];
        QStringList added, subtracted;
        for (auto t : span.added) added << clockText(t, s->batchInterval.ms() < 1000);
        for (auto t : span.subtracted) subtracted << clockText(t, s->batchInterval.ms() < 1000);
        notes << tr("Window: the previous window's result, plus %1, minus %2 (the inverse function).")
                     .arg(added.isEmpty() ? tr("nothing") : added.join(QStringLiteral(", ")),
                          subtracted.isEmpty() ? tr("nothing") : subtracted.join(QStringLiteral(", ")));
    }
    content.roleLabels.assign(g.nodes.size(), QString());
    for (std::size_t i = 0; i < content.roles.size(); ++i) {
        const auto &n = g.nodes[i];
        const QString t = n.batchTime ? clockText(n.batchTime->ms(), s->batchInterval.ms() < 1000) : QString();
        if (content.roles[i] == LineageWindowRole::Added) content.roleLabels[i] = tr("+ %1").arg(t);
        if (content.roles[i] == LineageWindowRole::Subtracted) content.roleLabels[i] = tr("− %1").arg(t);
    }
    for (const LineageNode &n : g.nodes) {
        if (n.className == "ReliableCheckpointRDD") content.legendEntries |= LineagePainter::CheckpointData;
        if (!n.parents.empty() && g.nodes[static_cast<std::size_t>(n.parents.front().parent)].className == "ReliableCheckpointRDD")
            content.legendEntries |= LineagePainter::CheckpointData;
    }
    for (const auto role : content.roles) {
        if (role == LineageWindowRole::Added) content.legendEntries |= LineagePainter::Added;
        if (role == LineageWindowRole::Subtracted) content.legendEntries |= LineagePainter::Subtracted;
    }
    m_legend = content.legendEntries;
    m_legendBar->setEntries(m_legend);
    for (const LineageNode &n : g.nodes)
        if (n.checkpointed)
            notes << tr("%1 [%2] was checkpointed: its lineage is cut there and read from the checkpoint instead.")
                         .arg(QString::fromStdString(n.className))
                         .arg(n.rddId);
    if (g.truncated) notes << tr("Only the first %1 RDDs of the lineage are shown.").arg(g.nodes.size());
    int shuffles = 0;
    for (const auto &n : g.nodes)
        for (const auto &e : n.parents) shuffles += e.shuffle ? 1 : 0;
    const LineageNode &root = g.nodes.front();
    const QString stages = g.stages.size() == 1 ? tr("1 stage") : tr("%1 stages").arg(g.stages.size());
    const QString rdds = g.nodes.size() == 1 ? tr("1 RDD") : tr("%1 RDDs").arg(g.nodes.size());
    const QString shuffleText = shuffles == 1 ? tr("1 shuffle") : tr("%1 shuffles").arg(shuffles);
    m_title->setText(tr("%1 · batch %2 · %3 [%4] · %5 · %6 · %7")
                         .arg(name, when, QString::fromStdString(root.className))
                         .arg(root.rddId)
                         .arg(rdds, stages, shuffleText));
    m_notes->setText(notes.join(QLatin1Char('\n')));
    m_notes->setVisible(!notes.isEmpty());
    m_canvas->setContent(std::move(content));
    // The stream's own RDD is at the right end: show that end of a graph wider than the view.
    QTimer::singleShot(0, this, [this] { m_scroll->horizontalScrollBar()->setValue(m_scroll->horizontalScrollBar()->maximum()); });
}

} // namespace dsl::ui
