// The Provenance tab (provenanceview.h).
#include "provenanceview.h"

#include "app/session/provenance.h"
#include "app/session/runsnapshot.h"
#include "batchselection.h"
#include "programtext.h"
#include "provenancemodels.h"
#include "sessiontypes.h"
#include "panelframe.h"
#include "simulationcontroller.h"
#include "theme.h"
#include "timetext.h"

#include <QAbstractTextDocumentLayout>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTextDocument>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace dsl::ui {

namespace {

/// The Line column with every occurrence of the traced key in bold accent colour.
class KeyHighlightDelegate : public QStyledItemDelegate {
public:
    KeyHighlightDelegate(const SimulationController *controller, QObject *parent)
        : QStyledItemDelegate(parent), m_controller(controller)
    {
    }
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const QString text = opt.text, key = index.data(ProvenanceLinesModel::KeyRole).toString();
        opt.text.clear();
        opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
        QString html;
        const QString accent = m_controller->theme().accent.name();
        qsizetype at = 0;
        while (!key.isEmpty()) {
            const qsizetype hit = text.indexOf(key, at);
            if (hit < 0) break;
            html += text.mid(at, hit - at).toHtmlEscaped() +
                    QStringLiteral("<b style=\"color:%1\">%2</b>").arg(accent, key.toHtmlEscaped());
            at = hit + key.size();
        }
        html += text.mid(at).toHtmlEscaped();
        QTextDocument doc;
        doc.setDefaultFont(opt.font);
        doc.setDocumentMargin(0);
        doc.setHtml(QStringLiteral("<span style=\"white-space:pre\">%1</span>").arg(html));
        painter->save();
        const QRect r = opt.rect.adjusted(4, 0, -2, 0);
        painter->translate(r.left(), r.top() + (r.height() - doc.size().height()) / 2);
        painter->setClipRect(QRect(0, 0, r.width(), r.height()));
        QAbstractTextDocumentLayout::PaintContext ctx;
        ctx.palette.setColor(QPalette::Text, opt.palette.color(QPalette::Text));
        doc.documentLayout()->draw(painter, ctx);
        painter->restore();
    }

private:
    const SimulationController *m_controller;
};

QTableView *makeTable(QAbstractItemModel *model)
{
    auto *t = new QTableView;
    t->setModel(model);
    t->verticalHeader()->hide();
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setWordWrap(false);
    t->horizontalHeader()->setStretchLastSection(true);
    return t;
}

QLabel *makeLabel(bool wrap = true)
{
    auto *l = new QLabel;
    l->setWordWrap(wrap);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return l;
}

/// The record shown for `key` in the stream's RDD of the batch ("('spark', 3)"), else the word
/// count's "key = n", else the key.
QString recordText(const BatchSnapshot *b, int streamId, const std::string &key)
{
    if (b) {
        if (const std::string *shown = session::shownRecord(*b, streamId, key)) return QString::fromStdString(*shown);
        if (const auto n = session::countOf(*b, streamId, key))
            return QStringLiteral("%1 = %2").arg(QString::fromStdString(key)).arg(*n);
    }
    return QStringLiteral("'%1'").arg(QString::fromStdString(key));
}

} // namespace

ProvenanceView::ProvenanceView(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_lines(new ProvenanceLinesModel(this)), m_uses(new ProvenanceUsesModel(this))
{
    setObjectName(QStringLiteral("provenanceView"));
    m_back = new QToolButton;
    m_back->setArrowType(Qt::LeftArrow);
    m_back->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    m_forward = new QToolButton;
    m_forward->setArrowType(Qt::RightArrow);
    m_forward->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    m_title = makeLabel();
    m_title->setObjectName(QStringLiteral("provenanceTitle"));
    m_path = makeLabel();
    m_notes = makeLabel();
    m_hint = makeLabel();
    m_forwardTitle = makeLabel();
    m_forwardText = makeLabel();
    m_usesTitle = makeLabel();
    m_linesTable = makeTable(m_lines);
    m_linesTable->setItemDelegateForColumn(ProvenanceLinesModel::Line, new KeyHighlightDelegate(controller, this));
    // The typed line takes the room; the other columns fit their contents.
    m_linesTable->horizontalHeader()->setStretchLastSection(false);
    m_linesTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_linesTable->horizontalHeader()->setSectionResizeMode(ProvenanceLinesModel::Line, QHeaderView::Stretch);
    m_usesTable = makeTable(m_uses);
    m_pending = new QTimer(this);
    m_pending->setSingleShot(true);
    connect(m_pending, &QTimer::timeout, this, &ProvenanceView::refresh);

    auto *head = new QHBoxLayout;
    head->addWidget(m_back);
    head->addWidget(m_forward);
    head->addWidget(m_title, 1);
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 4, 0);
    leftLayout->addLayout(head);
    leftLayout->addWidget(m_path);
    leftLayout->addWidget(m_notes);
    leftLayout->addWidget(m_linesTable, 1);
    leftLayout->addWidget(m_hint);
    auto *right = new QWidget;
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(4, 0, 0, 0);
    rightLayout->addWidget(m_forwardTitle);
    rightLayout->addWidget(m_forwardText);
    rightLayout->addWidget(m_usesTitle);
    rightLayout->addWidget(m_usesTable, 1);
    // Each side scrolls on its own: presenter mode at 720 px leaves the tab little height, and
    // squeezed labels would overlap.
    m_linesTable->setMinimumHeight(120);
    m_usesTable->setMinimumHeight(100);
    QSplitter *split = scrollingColumns(left, right, 3, 2);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split, 1);

    connect(m_back, &QToolButton::clicked, this, &ProvenanceView::goBack);
    connect(m_forward, &QToolButton::clicked, this, &ProvenanceView::goForward);
    // A typed line picked in the trace is traced forward; a result picked there is traced back.
    connect(m_linesTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &i) {
        if (i.isValid()) traceLine(i.data(ProvenanceLinesModel::InputRole).toLongLong());
    });
    connect(m_usesTable, &QTableView::activated, this, [this](const QModelIndex &i) {
        traceResult(i.data(ProvenanceUsesModel::StreamRole).toInt(), i.data(ProvenanceUsesModel::BatchRole).toLongLong(),
                    i.data(ProvenanceUsesModel::KeyRole).toString());
    });
    connect(controller, &SimulationController::snapshotChanged, this, &ProvenanceView::refresh);
    connect(controller->selection(), &BatchSelection::changed, this, &ProvenanceView::refresh);
    connect(controller, &SimulationController::themeChanged, this, &ProvenanceView::applyTheme);
    applyTheme();
    retranslateUi();
}

ProvenanceView::~ProvenanceView() = default;

void ProvenanceView::push(const Query &q)
{
    if (m_historyAt < m_history.size()) m_history.erase(m_history.begin() + static_cast<std::ptrdiff_t>(m_historyAt), m_history.end());
    if (m_history.empty() || !(m_history.back() == q)) m_history.push_back(q);
    m_historyAt = m_history.size();
}

void ProvenanceView::showQuery(const Query &q)
{
    m_query = q;
    m_line.reset();
    m_drawn = false;
    refresh();
}

void ProvenanceView::traceResult(int streamId, qint64 batchMs, const QString &key)
{
    const Query q{streamId, batchMs, key};
    push(q);
    showQuery(q);
}

void ProvenanceView::traceDatabaseRow(const QString &table, qint64 rowid)
{
    Query q;
    q.table = table;
    q.rowid = rowid;
    push(q);
    showQuery(q);
}

void ProvenanceView::traceLine(qint64 input)
{
    if (m_line == input) return;
    m_line = input;
    refreshForward();
}

void ProvenanceView::goBack()
{
    if (m_historyAt < 2) return;
    --m_historyAt;
    showQuery(m_history[m_historyAt - 1]);
}

void ProvenanceView::goForward()
{
    if (m_historyAt >= m_history.size()) return;
    showQuery(m_history[m_historyAt++]);
}

void ProvenanceView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

void ProvenanceView::refresh()
{
    m_back->setEnabled(m_historyAt >= 2);
    m_forward->setEnabled(m_historyAt < m_history.size());
    // Hidden, the tab waits: tracing reads every kept batch, and snapshots come 30 times a second.
    if (!isVisible()) return;
    const RunSnapshotPtr &s = m_controller->snapshot();
    // While the run goes on, a trace at most four times a second (the last snapshot wins).
    if (m_drawn && s && s->phase == RunPhase::Running && m_sinceTrace.isValid() && m_sinceTrace.elapsed() < kRunningTraceMs) {
        if (!m_pending->isActive()) m_pending->start(static_cast<int>(kRunningTraceMs - m_sinceTrace.elapsed()));
        return;
    }
    m_pending->stop();
    m_sinceTrace.start();
    std::optional<Query> q = m_query;
    const BatchSnapshot *selected = nullptr;
    if (s)
        if (const auto t = m_controller->effectiveBatch()) selected = s->batch(SimTime(*t));
    if (!q && selected) {
        // Nothing asked for: the selected batch's most counted word.
        const int stream = session::defaultTraceStream(*selected);
        const auto &counts = stream == selected->resultStreamId ? selected->keyCounts : selected->totalKeyCounts;
        const auto top = std::max_element(counts.begin(), counts.end(),
                                          [](const session::KeyCount &a, const session::KeyCount &b) { return a.count < b.count; });
        if (stream >= 0 && top != counts.end())
            q = Query{stream, selected->info.batchTime.ms(), QString::fromStdString(top->key)};
    }
    if (m_drawn && q == m_shown && s == m_tracedSnapshot) return;
    m_drawn = true;
    if (!(q == m_shown)) m_line.reset(); // another result: its first line is followed forward
    m_shown = q;
    m_tracedSnapshot = s;
    if (const QString source = m_controller->driver()->programSource(); !m_program || source != m_programSource) {
        m_programSource = source;
        m_program = std::make_unique<ProgramText>(source);
    }
    if (!s || !q) {
        m_lines->setTrace(s, nullptr);
        m_title->setText(tr("Nothing to trace yet: run the program, then double-click a word count or a record."));
        m_path->clear();
        m_notes->clear();
        refreshForward();
        return;
    }
    std::shared_ptr<session::ProvenanceTrace> tr_;
    QStringList notes;
    if (!q->table.isEmpty()) {
        // A database row: every kept batch that wrote it.
        session::DbRowTrace row = session::traceDbRow(*s, q->table.toStdString(), q->rowid);
        tr_ = std::make_shared<session::ProvenanceTrace>(std::move(row.trace));
        m_title->setText(tr("Row %1 of table %2 (key '%3')").arg(q->rowid).arg(q->table, QString::fromStdString(tr_->key)));
        if (!row.writes.empty()) {
            QStringList when;
            for (SimTime w : row.writes) when << clockText(w.ms());
            notes << tr("Written by the tasks of %n batch(es): %1.", nullptr, static_cast<int>(row.writes.size()))
                         .arg(when.join(QStringLiteral(", ")));
        } else {
            notes << (row.writtenBeforeRun ? tr("No task of this run wrote it (it was there before, or the driver wrote it).")
                                           : tr("This row is in no batch kept in full."));
        }
    } else {
        tr_ = std::make_shared<session::ProvenanceTrace>(
            session::traceBack(*s, q->streamId, SimTime(q->batchMs), q->key.toStdString()));
        const BatchSnapshot *b = s->batch(SimTime(q->batchMs));
        m_title->setText(tr("%1 in %2 at %3")
                             .arg(recordText(b, q->streamId, tr_->key), streamLabel(*s, q->streamId, m_program.get()),
                                  clockText(q->batchMs)));
    }
    m_lines->setTrace(s, tr_);
    QStringList path;
    for (int id : tr_->path) path << streamLabel(*s, id, m_program.get());
    m_path->setText(path.isEmpty() ? QString() : tr("Through: %1").arg(path.join(QStringLiteral(" → "))));
    switch (tr_->gap) {
    case session::ProvenanceTrace::Gap::NoTrace:
        if (tr_->path.empty() && !q->table.isEmpty()) break; // a row no task wrote: said above
        notes << (tr_->brokenAt >= 0
                      ? tr("Not traced past %1: it may change keys or read several records at once, so its output "
                           "cannot be tied to single typed lines.")
                            .arg(streamLabel(*s, tr_->brokenAt, m_program.get()))
                      : tr("Not traced: no stream upstream holds typed lines (Kafka, queue and file streams are not traced)."));
        break;
    case session::ProvenanceTrace::Gap::KeyNotFound:
        notes << tr("No typed line in the batches this result covers produced '%1'.").arg(QString::fromStdString(tr_->key));
        break;
    case session::ProvenanceTrace::Gap::None:
        notes << tr("It came from %n typed line(s)", nullptr, static_cast<int>(tr_->lines.size())) + QLatin1Char(' ') +
                     tr("(%n record(s) of its key).", nullptr, static_cast<int>(tr_->occurrences()));
        break;
    }
    if (tr_->allEarlierBatches)
        notes << tr("It carries state: every batch since the start counts.");
    else if (tr_->batches.size() > 1)
        notes << tr("A window: the %n batches from %1 to %2 count.", nullptr, static_cast<int>(tr_->batches.size()))
                     .arg(clockText(tr_->batches.front().ms()), clockText(tr_->batches.back().ms()));
    if (tr_->batchesNotKept > 0)
        notes << tr("Only summaries are kept of %n earlier batch(es): their lines are not listed.", nullptr, tr_->batchesNotKept);
    if (tr_->moreLines > 0) notes << tr("%n more line(s) beyond what is kept.", nullptr, static_cast<int>(tr_->moreLines));
    m_notes->setText(notes.join(QLatin1Char(' ')));
    m_linesTable->resizeColumnsToContents();
    if (!m_line && !tr_->lines.empty()) m_linesTable->selectRow(0); // traces the first line forward
    else refreshForward();
}

void ProvenanceView::refreshForward()
{
    const RunSnapshotPtr &s = m_controller->snapshot();
    if (!s || !m_line) {
        m_uses->setTrace(s, nullptr);
        m_forwardTitle->setText(tr("Pick a typed line to see what it became."));
        m_forwardText->clear();
        m_usesTitle->clear();
        return;
    }
    auto fw = std::make_shared<session::ForwardTrace>(session::traceForward(*s, *m_line));
    m_uses->setTrace(s, fw, m_program.get());
    const std::size_t i = static_cast<std::size_t>(*m_line);
    const bool held = s->input && i < s->input->size && i >= s->input->first();
    const QString text = held ? QString::fromStdString(s->input->at(i).text) : QString();
    m_forwardTitle->setText(held ? tr("Line %1 \"%2\", typed at %3").arg(*m_line + 1).arg(text, clockText(s->input->at(i).time.ms(), true))
                                 : tr("Line %1").arg(*m_line + 1));
    QStringList lines;
    if (!fw->read) {
        lines << tr("No batch kept in full has read it (not received yet, or its batch is a summary now).");
    } else {
        lines << tr("Read by the batch of %1, in block %2.").arg(clockText(fw->batch.ms()), QString::fromStdString(fw->blockId));
        for (const auto &p : fw->produced) {
            if (const StreamSnapshot *st = s->stream(p.streamId); st && st->isInput) continue; // the line itself
            // In the order they appear in the line (the RDD numbers keys as it first saw them).
            auto ordered = p.keys;
            const std::string line = held ? s->input->at(i).text : std::string();
            std::stable_sort(ordered.begin(), ordered.end(), [&](const auto &a, const auto &b) {
                return line.find(a.first) < line.find(b.first);
            });
            QStringList keys;
            for (const auto &[k, n] : ordered)
                keys << (n > 1 ? QStringLiteral("%1 ×%2").arg(QString::fromStdString(k)).arg(n) : QString::fromStdString(k));
            lines << tr("%1 made: %2").arg(streamLabel(*s, p.streamId, m_program.get()), keys.join(QStringLiteral(", ")));
        }
    }
    m_forwardText->setText(lines.join(QLatin1Char('\n')));
    m_usesTitle->setText(fw->uses.empty() ? QString()
                                          : tr("Results that hold it (double-click to trace one back):") +
                                                (fw->moreUses ? QLatin1Char(' ') + tr("%n more not listed.", nullptr, static_cast<int>(fw->moreUses))
                                                              : QString()));
    m_usesTable->resizeColumnsToContents();
    m_usesTable->horizontalHeader()->setStretchLastSection(true);
}

QString ProvenanceView::titleText() const
{
    return m_title->text();
}

QString ProvenanceView::notesText() const
{
    return m_notes->text();
}

QString ProvenanceView::forwardText() const
{
    return m_forwardTitle->text() + QLatin1Char('\n') + m_forwardText->text();
}

void ProvenanceView::applyTheme()
{
    const Theme &t = m_controller->theme();
    m_title->setFont(t.font(1.15, true));
    m_forwardTitle->setFont(t.font(1.05, true));
    QPalette muted = palette();
    muted.setColor(QPalette::WindowText, t.mutedText);
    m_hint->setPalette(muted);
    m_path->setPalette(muted);
    m_linesTable->viewport()->update();
}

void ProvenanceView::retranslateUi()
{
    m_back->setToolTip(tr("Back to the previous trace (Alt+Left)"));
    m_forward->setToolTip(tr("Forward (Alt+Right)"));
    m_hint->setText(tr("Double-click a word count or a record in the RDD records tab to trace it. Pick a line here to follow it forward."));
}

void ProvenanceView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
        m_drawn = false; // the same trace, shown again in the new language
        refresh();
        refreshForward();
    }
    QWidget::changeEvent(event);
}

} // namespace dsl::ui
