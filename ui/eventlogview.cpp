// The Log tab: the event log and the program's stderr (eventlogview.h).
#include "eventlogview.h"

#include "app/session/runsnapshot.h"
#include "batchselection.h"
#include "engine/eventlog.h"
#include "eventlogfilter.h"
#include "eventlogmodel.h"
#include "simulationcontroller.h"
#include "theme.h"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QResizeEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QShortcut>
#include <QStackedWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace dsl::ui {

EventLogView::EventLogView(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_model(new EventLogModel(this)), m_filter(new EventLogFilter(this))
{
    setObjectName(QStringLiteral("eventLogView"));
    m_filter->setSourceModel(m_model);

    m_eventsButton = new QToolButton;
    m_stderrButton = new QToolButton;
    for (QToolButton *b : {m_eventsButton, m_stderrButton}) {
        b->setCheckable(true);
        b->setAutoRaise(true);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    }
    m_eventsButton->setChecked(true);
    m_pages = new QButtonGroup(this);
    m_pages->setExclusive(true);
    m_pages->addButton(m_eventsButton, EventsPage);
    m_pages->addButton(m_stderrButton, StderrPage);

    m_level = new QComboBox;
    for (int l = 0; l <= 3; ++l) m_level->addItem(EventLogModel::levelName(l), l);
    m_level->setCurrentIndex(1); // INFO: Spark's default (log4j2-defaults.properties rootLogger)
    m_search = new QLineEdit;
    m_search->setClearButtonEnabled(true);
    m_batchOnly = new QCheckBox;
    m_count = new QLabel;

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_eventsButton);
    bar->addWidget(m_stderrButton);
    bar->addSpacing(12);
    bar->addWidget(m_level);
    bar->addWidget(m_search, 1);
    bar->addWidget(m_batchOnly);
    bar->addWidget(m_count);

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("eventLogTable"));
    m_table->setModel(m_filter);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setShowGrid(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_table->installEventFilter(this);

    m_stderr = new QPlainTextEdit;
    m_stderr->setReadOnly(true);
    m_stderr->setObjectName(QStringLiteral("stderrLog"));

    m_stack = new QStackedWidget;
    m_stack->addWidget(m_table);
    m_stack->addWidget(m_stderr);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    connect(m_pages, &QButtonGroup::idClicked, this, [this](int id) { setPage(static_cast<Page>(id)); });
    connect(m_level, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setMinimumLevel(m_level->currentData().toInt());
        updateCount();
    });
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &t) {
        m_filter->setText(t);
        updateCount();
    });
    connect(m_batchOnly, &QCheckBox::toggled, this, [this] { selectionMoved(); });
    auto *find = new QShortcut(QKeySequence::Find, this, [this] {
        setPage(EventsPage);
        m_search->setFocus(Qt::ShortcutFocusReason);
        m_search->selectAll();
    });
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(m_table, &QTableView::clicked, this, &EventLogView::activate);
    connect(m_table, &QTableView::activated, this, &EventLogView::activate);
    // New lines: keep the newest in view while the table is scrolled to the bottom.
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        QScrollBar *bar = m_table->verticalScrollBar();
        if (bar->value() >= bar->maximum() - 2 * m_table->verticalHeader()->defaultSectionSize())
            QMetaObject::invokeMethod(m_table, [this] { m_table->scrollToBottom(); }, Qt::QueuedConnection);
    });
    connect(controller, &SimulationController::snapshotChanged, this, &EventLogView::refresh);
    connect(controller->selection(), &BatchSelection::changed, this, &EventLogView::selectionMoved);
    connect(controller, &SimulationController::themeChanged, this, &EventLogView::applyTheme);
    applyTheme();
    retranslateUi();
    if (controller->snapshot()) refresh(controller->snapshot());
}

EventLogView::Page EventLogView::page() const { return static_cast<Page>(m_stack->currentIndex()); }

void EventLogView::setPage(Page page)
{
    m_stack->setCurrentIndex(page);
    m_pages->button(page)->setChecked(true);
    m_level->setEnabled(page == EventsPage);
    m_search->setEnabled(page == EventsPage);
    m_batchOnly->setEnabled(page == EventsPage);
}

void EventLogView::refresh(const RunSnapshotPtr &s)
{
    m_model->setSnapshot(s);
    const QString err = s ? QString::fromStdString(s->stderrText) : QString();
    if (m_stderr->toPlainText() != err) {
        m_stderr->setPlainText(err);
        m_stderr->moveCursor(QTextCursor::End);
    }
    const int lines = err.isEmpty() ? 0 : static_cast<int>(err.count(QLatin1Char('\n'))) + (err.endsWith(QLatin1Char('\n')) ? 0 : 1);
    if (lines != m_stderrLines) {
        m_stderrLines = lines;
        retranslateUi();
    }
    // A failed program: its traceback is what the student needs.
    if (s && s->phase == session::RunPhase::Failed && !s->errorText.empty()) setPage(StderrPage);
    selectionMoved();
}

void EventLogView::selectionMoved()
{
    const std::optional<qint64> batch = m_controller->effectiveBatch();
    m_model->setMarkedBatch(batch);
    m_filter->setBatch(m_batchOnly->isChecked() ? batch : std::nullopt);
    updateCount();
}

void EventLogView::activate(const QModelIndex &proxyIndex)
{
    const QVariant batch = m_filter->data(proxyIndex, EventLogModel::BatchRole);
    if (batch.isValid()) m_controller->selection()->selectBatch(batch.toLongLong());
}

QString EventLogView::countText() const
{
    const QLocale locale;
    return tr("%1 of %2 lines").arg(locale.toString(m_filter->rowCount()), locale.toString(m_model->totalLines()));
}

void EventLogView::updateCount() { m_count->setText(countText()); }

QString EventLogView::selectedText() const
{
    QStringList lines;
    QModelIndexList rows = m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList{};
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    for (const QModelIndex &r : rows) lines << m_filter->data(r, EventLogModel::Log4jRole).toString();
    return lines.join(QLatin1Char('\n'));
}

bool EventLogView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
        QApplication::clipboard()->setText(selectedText());
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void EventLogView::applyTheme()
{
    const Theme &t = m_controller->theme();
    m_model->setLevelColors(t.overInterval, t.error);
    const QFont mono = t.monoFont();
    m_table->setFont(mono);
    m_stderr->setFont(mono);
    m_table->verticalHeader()->setDefaultSectionSize(QFontMetrics(mono).height() + qRound(t.px(4)));
    const QFontMetrics fm(mono);
    m_table->setColumnWidth(EventLogModel::Time, fm.horizontalAdvance(QStringLiteral("00:00:00.000")) + qRound(t.px(16)));
    m_table->setColumnWidth(EventLogModel::Level, fm.horizontalAdvance(QStringLiteral("ERROR")) + qRound(t.px(16)));
    // The common loggers whole ("ReceiverSupervisorImpl" is elided); the message gets the rest.
    m_table->setColumnWidth(EventLogModel::Source, fm.horizontalAdvance(QStringLiteral("TaskSetManager")) + qRound(t.px(12)));
    fitColumns();
    for (QWidget *w : std::initializer_list<QWidget *>{m_eventsButton, m_stderrButton, m_level, m_search, m_batchOnly, m_count})
        w->setFont(t.font());
}

void EventLogView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitColumns();
}

void EventLogView::fitColumns()
{
    // A narrow tab (presenter mode at 1280x720): the level goes (WARN and ERROR rows keep their
    // colour), so the messages stay readable.
    const QFontMetrics fm(m_table->font());
    m_table->setColumnHidden(EventLogModel::Level, m_table->width() < fm.horizontalAdvance(QLatin1Char('x')) * 110);
}

void EventLogView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void EventLogView::retranslateUi()
{
    m_eventsButton->setText(tr("Events"));
    m_eventsButton->setToolTip(tr("Spark's driver log: what the scheduler, the receivers and the tasks did"));
    m_stderrButton->setText(m_stderrLines > 0 ? tr("stderr (%n lines)", nullptr, m_stderrLines) : tr("stderr"));
    m_stderrButton->setToolTip(tr("What the program wrote to stderr: warnings and tracebacks"));
    m_level->setToolTip(tr("Show lines at this level and above"));
    m_search->setPlaceholderText(tr("Search the log (Ctrl+F)"));
    m_batchOnly->setText(tr("Selected batch only"));
    m_table->setToolTip(tr("Click a line to select its batch in every view; Ctrl+C copies the selected lines"));
    updateCount();
}

} // namespace dsl::ui
