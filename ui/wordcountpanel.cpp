// WordCountPanel: follows the shared batch selection; titles the counts with batch and stream.
#include "wordcountpanel.h"

#include "batchselection.h"
#include "programtext.h"
#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "timetext.h"
#include "topwordsview.h"
#include "wordcountmodel.h"

#include <QAction>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QVBoxLayout>

namespace dsl::ui {

WordCountPanel::WordCountPanel(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_model(new WordCountModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_title(new QLabel(this)), m_bars(new TopWordsView(m_model, this)), m_table(new QTableView(this)),
      m_batchButton(new QToolButton(this)), m_totalsButton(new QToolButton(this)), m_switch(new QWidget(this)), m_lastLink(new QLabel(this))
{
    // The newest batch is often empty (no line typed in its second): the counts would blank
    // out a second after the data. Say so, and keep the last batch with words a click away.
    m_lastLink->setObjectName(QStringLiteral("countsLastNonEmpty"));
    m_lastLink->setWordWrap(true); // a narrow column wraps it
    m_lastLink->setTextFormat(Qt::RichText);
    m_lastLink->hide();
    connect(m_lastLink, &QLabel::linkActivated, this, [this] {
        if (const auto t = m_model->lastBatchWithCounts()) m_controller->selection()->selectBatch(*t);
    });
    // This batch | running totals (or the window): one switch, shown when the program has both.
    auto *group = new QButtonGroup(this);
    for (QToolButton *b : {m_batchButton, m_totalsButton}) {
        b->setCheckable(true);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        group->addButton(b);
    }
    m_batchButton->setObjectName(QStringLiteral("countsThisBatch"));
    m_totalsButton->setObjectName(QStringLiteral("countsTotals"));
    m_totalsButton->setChecked(true);
    auto *sw = new QHBoxLayout(m_switch);
    sw->setContentsMargins(0, 0, 0, 0);
    sw->setSpacing(2);
    sw->addWidget(m_batchButton);
    sw->addWidget(m_totalsButton);
    connect(m_batchButton, &QToolButton::clicked, this, [this] { setShowTotals(false); });
    connect(m_totalsButton, &QToolButton::clicked, this, [this] { setShowTotals(true); });
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(Qt::UserRole);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(WordCountModel::CountColumn, Qt::DescendingOrder);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(WordCountModel::WordColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(WordCountModel::CountColumn, QHeaderView::ResizeToContents);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // A row traces its word back to the typed lines (the Provenance tab).
    m_traceAct = new QAction(this);
    m_table->addAction(m_traceAct);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_traceAct, &QAction::triggered, this, [this] { requestTrace(m_table->currentIndex()); });
    connect(m_table, &QTableView::activated, this, &WordCountPanel::requestTrace);
    m_title->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_title);
    layout->addWidget(m_switch);
    layout->addWidget(m_lastLink);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_bars);
    split->addWidget(m_table);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1); // the table keeps room for several rows, also in presenter mode
    layout->addWidget(split, 1);

    connect(controller, &SimulationController::snapshotChanged, this, &WordCountPanel::refresh);
    connect(controller->selection(), &BatchSelection::changed, this, &WordCountPanel::refresh);
    connect(controller, &SimulationController::themeChanged, this, [this](const Theme &t) {
        m_bars->setTheme(m_controller->theme());
        m_title->setFont(t.font(1.05, true));
        m_batchButton->setFont(t.font(0.95));
        m_totalsButton->setFont(t.font(0.95));
        m_lastLink->setFont(t.font(1.0));
        m_table->setFont(t.font(1.0));
        m_table->horizontalHeader()->setFont(t.font(0.95, true));
        m_table->verticalHeader()->setDefaultSectionSize(static_cast<int>(t.px(26)));
    });
    m_bars->setTheme(controller->theme());
    m_title->setFont(controller->theme().font(1.05, true));
    retranslateUi();
}

void WordCountPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void WordCountPanel::retranslateUi()
{
    m_traceAct->setText(tr("Where did this come from?"));
    m_table->setToolTip(tr("Double-click a word to trace it back to the lines typed."));
    refresh();
}

void WordCountPanel::requestTrace(const QModelIndex &proxyIndex)
{
    if (!proxyIndex.isValid() || m_model->streamId() < 0) return;
    const QString word = proxyIndex.sibling(proxyIndex.row(), WordCountModel::WordColumn).data(Qt::UserRole).toString();
    const bool totals = m_totals && m_model->hasTotals();
    const std::optional<qint64> at = totals ? m_model->totalsBatchTime() : m_model->batchTime();
    if (at) emit traceRequested(m_model->streamId(), *at, word);
}

void WordCountPanel::setShowTotals(bool totals)
{
    m_totals = totals;
    m_totalsButton->setChecked(totals);
    m_batchButton->setChecked(!totals);
    refresh();
}

void WordCountPanel::refresh()
{
    const RunSnapshotPtr &s = m_controller->snapshot();
    const auto view = m_totals ? WordCountModel::View::Totals : WordCountModel::View::ThisBatch;
    m_model->setSnapshot(s, m_controller->selection()->batchTime(), view);
    // A state stream's totals, or a window's counts.
    bool isState = false;
    qint64 windowMs = 0;
    if (s && m_model->hasTotals())
        if (const BatchSnapshot *b = s->batch(SimTime(*m_model->totalsBatchTime())))
            if (const StreamSnapshot *st = s->stream(b->totalStreamId)) {
                // The window length of the stream or the window it derives from.
                for (const StreamSnapshot *p = st; p;) {
                    if (p->carriesState && p->windowMs == 0) isState = true; // a reduced window is a window
                    if (p->windowMs > 0) windowMs = windowMs ? windowMs : p->windowMs;
                    p = p->parents.empty() ? nullptr : s->stream(p->parents.front());
                }
            }
    m_switch->setVisible(m_model->hasTotals());
    m_batchButton->setText(tr("This batch"));
    m_totalsButton->setText(isState || windowMs == 0 ? tr("Running totals")
                                                     : tr("Window (%1)").arg(durationText(windowMs)));
    const std::optional<qint64> last = m_model->lastBatchWithCounts();
    m_lastLink->setVisible(last.has_value());
    if (last)
        m_lastLink->setText(tr("<a href=\"#last\">Show batch %1</a>, the last with words")
                                .arg(clockText(*last, s && s->batchInterval.ms() < 1000)));
    if (!m_model->batchTime()) {
        m_title->setText(tr("No batch completed yet"));
        m_bars->setEmptyText(tr("Counts appear when a batch completes."));
        return;
    }
    QString stream;
    if (s)
        if (const StreamSnapshot *st = s->stream(m_model->streamId())) {
            // The variable the line assigns, else the statement ("windowed.transform(…)").
            const ProgramText program(m_controller->driver()->programSource());
            stream = program.variableName(*st);
            if (stream == QString::fromStdString(st->opName)) stream = program.statement(*st, 30);
        }
    const bool totals = m_totals && m_model->hasTotals();
    const qint64 at = totals ? *m_model->totalsBatchTime() : *m_model->batchTime();
    const QString when = clockText(at, s && s->batchInterval.ms() < 1000);
    m_bars->setEmptyText(last ? tr("Batch %1 is empty: no line arrived in its interval.").arg(when)
                              : tr("No (word, count) records in batch %1.").arg(when));
    QString title = totals && isState ? tr("Running totals after batch %1").arg(when)
                    : totals          ? tr("Window ending %1").arg(when)
                                      : tr("Batch %1").arg(when);
    if (!stream.isEmpty()) title += QStringLiteral(" · ") + stream;
    // Counts read from a stream whose jobs computed only some partitions (take() in pprint
    // stops once it has its records) cover only those: say so.
    if (s)
        if (const BatchSnapshot *b = s->batch(SimTime(at)))
            if (auto box = b->rdds.find(m_model->streamId());
                box != b->rdds.end() && box->second.status == RddBoxSnapshot::Status::Partial)
                title += QStringLiteral(" · ") +
                         tr("%1 of %2 partitions computed").arg(box->second.computedPartitions).arg(box->second.numPartitions);
    m_title->setText(title);
}

} // namespace dsl::ui
