// StreamingStatisticsView: Spark's Streaming tab over the snapshot's history.
#include "streamingstatisticsview.h"

#include "batchselection.h"
#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "statisticschart.h"
#include "statisticsseries.h"
#include "statisticstext.h"
#include "theme.h"

#include <QEvent>
#include <QFontMetrics>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace dsl::ui {

namespace {
constexpr int kMinApplyMs = 250; ///< while running: at most 4 updates a second
constexpr int kDeferMs = 33;     ///< while running: two display frames after the snapshot
constexpr double kBannerBar = 6, kBannerPadY = 4, kBannerPadX = 10; ///< the stability banner's bar and padding, px

/// The header sentence of a snapshot. StreamingJobProgressListener counts a batch's records when
/// it starts (onBatchStarted); the history holds them up to its retention (summaries of old
/// batches still carry their counts).
QString headerOf(const RunSnapshot &s, bool rich)
{
    qint64 records = 0;
    for (const auto &[t, b] : s.batches)
        if (b->info.processingStartTime) records += b->info.numRecords();
    return StatisticsText::header(s.batchInterval.ms(), std::max<qint64>(0, (s.clock - s.startTime).ms()), s.startTime.ms(),
                                  s.completedBatches, records, rich);
}
} // namespace

StreamingStatisticsView::StreamingStatisticsView(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_header(new QLabel(this)), m_stability(new QLabel(this)), m_split(new QSplitter(Qt::Horizontal, this)),
      m_scroll(new QScrollArea), m_chart(new StatisticsChart), m_tabs(new QTabWidget)
{
    m_header->setTextFormat(Qt::RichText);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stability->setObjectName(QStringLiteral("stabilityBanner"));
    m_stability->setWordWrap(true);
    m_stability->setTextFormat(Qt::PlainText);
    m_stability->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stability->hide();
    m_scroll->setWidget(m_chart);
    m_scroll->setWidgetResizable(true);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFrameShape(QFrame::NoFrame);
    const BatchTableModel::Kind kinds[3] = {BatchTableModel::Kind::Completed, BatchTableModel::Kind::Running,
                                            BatchTableModel::Kind::Waiting};
    for (int i = 0; i < 3; ++i) {
        m_models[i] = new BatchTableModel(kinds[i], this);
        auto *view = new QTableView;
        view->setModel(m_models[i]);
        // The selected batch is the shared BatchSelection, shown by the model's highlight; the
        // view's own selection would be a second, different one.
        view->setSelectionMode(QAbstractItemView::NoSelection);
        view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        view->verticalHeader()->hide();
        view->horizontalHeader()->setStretchLastSection(true);
        view->horizontalHeader()->setHighlightSections(false);
        view->setWordWrap(false);
        view->setMouseTracking(true);
        view->setCursor(Qt::PointingHandCursor);
        m_tables[i] = view;
        m_tabs->addTab(view, QString());
        const auto table = static_cast<Table>(i);
        connect(view, &QTableView::clicked, this, [this, table](const QModelIndex &index) { onRowClicked(table, index); });
        // Columns fit their texts when a run's rows first come; measuring thousands of rows on
        // every new batch would cost each update (a few hundred rows are measured at most).
        view->horizontalHeader()->setResizeContentsPrecision(200);
        connect(m_models[i], &QAbstractItemModel::modelReset, this, [this, view] { fitColumns(view); });
        connect(m_models[i], &QAbstractItemModel::rowsInserted, this, [this, view, model = m_models[i]] {
            if (model->rowCount() <= 3) fitColumns(view);
        });
    }
    m_tabs->setCurrentIndex(CompletedTable);
    m_tabs->setDocumentMode(true);
    m_split->addWidget(m_scroll);
    m_split->addWidget(m_tabs);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    m_split->setChildrenCollapsible(false);
    connect(m_split, &QSplitter::splitterMoved, this, [this] { m_splitMoved = true; });

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);
    layout->addWidget(m_header);
    layout->addWidget(m_stability);
    layout->addWidget(m_split, 1);

    m_throttle.setSingleShot(true);
    connect(&m_throttle, &QTimer::timeout, this, [this] {
        if (RunSnapshotPtr s = std::exchange(m_pending, nullptr)) applySnapshot(s);
    });
    connect(controller, &SimulationController::snapshotChanged, this, &StreamingStatisticsView::onSnapshot);
    connect(controller, &SimulationController::themeChanged, this, &StreamingStatisticsView::applyTheme);
    connect(controller->selection(), &BatchSelection::changed, this, &StreamingStatisticsView::updateSelection);
    connect(m_chart, &StatisticsChart::batchClicked, controller->selection(), &BatchSelection::selectBatch);
    applyTheme(controller->theme());
    if (controller->snapshot()) applySnapshot(controller->snapshot());
    retranslateUi();
}

void StreamingStatisticsView::onSnapshot(const RunSnapshotPtr &s)
{
    // As BatchDelayChart: a playing run publishes a snapshot per frame; the statistics change
    // when a batch is submitted, starts or completes, so while running they follow at most four
    // times a second, two frames after the snapshot.
    const qint64 since = m_sinceApplied.isValid() ? m_sinceApplied.elapsed() : kMinApplyMs;
    if (s && s->phase == RunPhase::Running) {
        m_pending = s;
        if (!m_throttle.isActive()) m_throttle.start(static_cast<int>(std::max<qint64>(kDeferMs, kMinApplyMs - since)));
        return;
    }
    m_throttle.stop();
    m_pending.reset();
    applySnapshot(s);
}

void StreamingStatisticsView::flush()
{
    m_throttle.stop();
    if (RunSnapshotPtr s = std::exchange(m_pending, nullptr)) applySnapshot(s);
}

void StreamingStatisticsView::applySnapshot(const RunSnapshotPtr &s)
{
    m_sinceApplied.restart();
    m_shown = s;
    if (s) {
        m_chart->setSeries(StatisticsSeries::fromSnapshot(*s));
        for (BatchTableModel *m : m_models) m->setSnapshot(*s);
    }
    updateSelection();
    updateTexts();
}

void StreamingStatisticsView::updateSelection()
{
    const std::optional<qint64> sel = m_controller->selection()->batchTime();
    m_chart->setSelectedBatch(sel);
    for (BatchTableModel *m : m_models) m->setSelectedBatch(sel);
    // After the tables have laid out the rows that came with the snapshot.
    QMetaObject::invokeMethod(this, &StreamingStatisticsView::scrollToSelected, Qt::QueuedConnection);
}

void StreamingStatisticsView::scrollToSelected()
{
    const std::optional<qint64> sel = m_controller->selection()->batchTime();
    if (!sel) return;
    for (int i = 0; i < 3; ++i)
        if (const auto row = m_models[i]->rowOf(*sel)) m_tables[i]->scrollTo(m_models[i]->index(*row, 0));
}

void StreamingStatisticsView::fitColumns(QTableView *view)
{
    // The selected row is bold: a column fitted to regular text would elide it.
    view->resizeColumnsToContents();
    const int extra = static_cast<int>(m_controller->theme().px(14));
    for (int c = 0; c + 1 < view->model()->columnCount(); ++c) view->setColumnWidth(c, view->columnWidth(c) + extra);
}

void StreamingStatisticsView::onRowClicked(Table t, const QModelIndex &index)
{
    if (!index.isValid()) return;
    m_controller->selection()->selectBatch(m_models[t]->batchTimeAt(index.row()));
}

QString StreamingStatisticsView::headerText() const
{
    if (!m_shown || !m_shown->hasContext)
        return tr("Spark's Streaming tab: the batches' statistics appear once the StreamingContext has started.");
    return headerOf(*m_shown, false);
}

void StreamingStatisticsView::updateTexts()
{
    QString rich;
    if (m_shown && m_shown->hasContext) {
        rich = headerOf(*m_shown, /*rich=*/true);
    } else {
        rich = headerText().toHtmlEscaped();
    }
    if (rich != m_header->text()) m_header->setText(rich);
    const int total = m_shown ? m_shown->completedBatches : 0;
    updateStability();
    m_tabs->setTabText(RunningTable, tr("Running Batches (%1)").arg(m_models[RunningTable]->rowCount()));
    m_tabs->setTabText(WaitingTable, tr("Waiting Batches (%1)").arg(m_models[WaitingTable]->rowCount()));
    m_tabs->setTabText(CompletedTable,
                       tr("Completed Batches (last %1 out of %2)").arg(m_models[CompletedTable]->rowCount()).arg(total));
}

void StreamingStatisticsView::updateStability()
{
    const bool shown = m_shown && m_shown->hasContext;
    m_stability->setVisible(shown);
    if (!shown) return;
    const StatisticsSeries &series = m_chart->series();
    const experiment::Stability state = series.stability.stability;
    // A sign as well as a colour: the verdict must not rest on hue alone (theme.h).
    const QString sign = state == experiment::Stability::Stable     ? QStringLiteral("✔ ")
                         : state == experiment::Stability::Unstable ? QStringLiteral("✖ ")
                                                                    : QStringLiteral("… ");
    const QString text = sign + StatisticsText::stability(series.stability, series.intervalMs);
    if (text != m_stability->text()) m_stability->setText(text);
    m_stability->setToolTip(tr("Over the last %1 completed batches with records: unstable when the scheduling delay "
                               "grew at every batch, or when processing took longer than the batch interval on "
                               "average (the rule of dstreamlab run --compare).")
                                .arg(experiment::kStabilityWindow));
    // Tinted ground, a strong bar at the left and the theme's text colour: readable on a
    // projector in both themes (the full-strength colour is the bar, not the letters).
    const Theme &t = m_controller->theme();
    const QColor c = state == experiment::Stability::Stable ? t.ok : state == experiment::Stability::Unstable ? t.error : t.mutedText;
    QColor ground = c;
    ground.setAlpha(t.isDark() ? 70 : 38);
    const QString style = QStringLiteral("QLabel#stabilityBanner { background: rgba(%1,%2,%3,%4); color: %5; "
                                         "border-left: %6px solid %7; padding: %8px %9px; }")
                              .arg(ground.red()).arg(ground.green()).arg(ground.blue()).arg(ground.alpha())
                              .arg(t.text.name()).arg(qRound(t.px(kBannerBar))).arg(c.name())
                              .arg(qRound(t.px(kBannerPadY))).arg(qRound(t.px(kBannerPadX)));
    if (style != m_stability->styleSheet()) m_stability->setStyleSheet(style);
    fitStability();
}

void StreamingStatisticsView::fitStability()
{
    // Every line of the verdict, however low the tab: the layout would otherwise squeeze a
    // wrapped label to its one-line minimum and cut the numbers off. Measured here, because a
    // style sheet's border and padding are not in QLabel::heightForWidth.
    const Theme &t = m_controller->theme();
    const QMargins m = layout() ? layout()->contentsMargins() : QMargins();
    const int textW = std::max(1, width() - m.left() - m.right() - qRound(t.px(kBannerBar + 2 * kBannerPadX)));
    const QRect text = QFontMetrics(m_stability->font()).boundingRect(QRect(0, 0, textW, 100000), Qt::TextWordWrap, m_stability->text());
    m_stability->setMinimumHeight(m_stability->isHidden() ? 0 : text.height() + 2 * qRound(t.px(kBannerPadY)) + 2);
}

void StreamingStatisticsView::applyTheme(const Theme &t)
{
    setPalette(t.palette());
    setAutoFillBackground(true);
    m_chart->setTheme(t);
    m_header->setFont(t.font(1.1));
    m_stability->setFont(t.font(1.2, true));
    // A low tab gives its height to the header and the verdict first: the charts and tables
    // scroll, a cut verdict would lose its numbers.
    m_split->setMinimumHeight(static_cast<int>(t.px(36)));
    updateStability();
    m_tabs->setFont(t.font(1.0));
    for (int i = 0; i < 3; ++i) {
        m_tables[i]->setFont(t.font(1.0));
        m_tables[i]->horizontalHeader()->setFont(t.font(0.95, true));
        m_tables[i]->verticalHeader()->setDefaultSectionSize(static_cast<int>(t.px(26)));
        m_models[i]->setColors(t.palette().color(QPalette::Highlight), t.error);
        fitColumns(m_tables[i]);
    }
}

void StreamingStatisticsView::retranslateUi()
{
    updateTexts();
    for (BatchTableModel *m : m_models) m->retranslate();
    for (QTableView *v : m_tables) fitColumns(v);
}

void StreamingStatisticsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void StreamingStatisticsView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitStability();
    // Wide and low (a bottom tab): statistics beside the tables; tall: above them.
    const Qt::Orientation o = width() > 2 * height() ? Qt::Horizontal : Qt::Vertical;
    if (o != m_split->orientation()) m_split->setOrientation(o);
    // The statistics take 58 %, the tables the rest, until the user moves the splitter.
    if (!m_splitMoved) {
        const int total = o == Qt::Horizontal ? m_split->width() : m_split->height();
        m_split->setSizes({total * 58 / 100, total - total * 58 / 100});
    }
}

} // namespace dsl::ui
