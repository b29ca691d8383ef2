// WordCountPanel: follows the shared batch selection; titles the counts with batch and stream.
#include "wordcountpanel.h"

#include "batchselection.h"
#include "programtext.h"
#include "runsnapshot.h"
#include "simulationcontroller.h"
#include "timetext.h"
#include "topwordsview.h"
#include "wordcountmodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace dsl::ui {

WordCountPanel::WordCountPanel(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_model(new WordCountModel(this)), m_proxy(new QSortFilterProxyModel(this)),
      m_title(new QLabel(this)), m_bars(new TopWordsView(m_model, this)), m_table(new QTableView(this))
{
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
    m_title->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_title);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_bars);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    connect(controller, &SimulationController::snapshotChanged, this, &WordCountPanel::refresh);
    connect(controller->selection(), &BatchSelection::changed, this, &WordCountPanel::refresh);
    connect(controller, &SimulationController::themeChanged, this, [this](const Theme &t) {
        m_bars->setTheme(m_controller->theme());
        m_title->setFont(t.font(1.05, true));
        m_table->setFont(t.font(1.0));
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
    refresh();
}

void WordCountPanel::refresh()
{
    const RunSnapshotPtr &s = m_controller->snapshot();
    m_model->setSnapshot(s, m_controller->selection()->batchTime());
    if (!m_model->batchTime()) {
        m_title->setText(tr("Word counts"));
        m_bars->setEmptyText(tr("Counts appear when a batch completes."));
        return;
    }
    QString stream;
    if (s)
        if (const StreamSnapshot *st = s->stream(m_model->streamId()))
            stream = ProgramText(m_controller->driver()->programSource()).variableName(*st);
    const QString when = clockText(*m_model->batchTime(), s && s->batchInterval.ms() < 1000);
    m_bars->setEmptyText(tr("No (word, count) records in batch %1.").arg(when));
    m_title->setText(stream.isEmpty() ? tr("Word counts · batch %1").arg(when)
                                      : tr("Word counts · batch %1 · %2").arg(when, stream));
}

} // namespace dsl::ui
