// ExperimentsView: pickers, Run and Cancel, a verdict line per configuration, the charts and the
// comparison table; the runs themselves are ExperimentRunner's child processes.
#include "experimentsview.h"

#include "experimenttablemodel.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QScrollBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace dsl::ui {

using experiment::Stability;
using experiment::StabilityReason;
using State = ExperimentResult::State;

QList<ExperimentsView::Preset> ExperimentsView::presets()
{
    const QString conf = QStringLiteral("--conf");
    const QString wal = QStringLiteral("spark.streaming.receiver.writeAheadLog.enable=");
    const QString bp = QStringLiteral("spark.streaming.backpressure.enabled=");
    const QString intervalText = tr("Replaces the interval the program passes to StreamingContext.");
    return {
        {QStringLiteral("interval-0.5"), tr("Batch interval 0.5 s"), {QStringLiteral("--batch-interval"), QStringLiteral("0.5")}, intervalText},
        {QStringLiteral("interval-1"), tr("Batch interval 1 s"), {QStringLiteral("--batch-interval"), QStringLiteral("1")}, intervalText},
        {QStringLiteral("interval-2"), tr("Batch interval 2 s"), {QStringLiteral("--batch-interval"), QStringLiteral("2")}, intervalText},
        {QStringLiteral("wal-off"), tr("Write-ahead log off"), {conf, wal + QStringLiteral("false")},
         tr("Receivers keep received blocks in memory only (Spark's default).")},
        {QStringLiteral("wal-on"), tr("Write-ahead log on"), {conf, wal + QStringLiteral("true")},
         tr("Receivers also write each block to the checkpoint folder before reporting it; the program must call ssc.checkpoint().")},
        {QStringLiteral("backpressure-off"), tr("Backpressure off"), {conf, bp + QStringLiteral("false")},
         tr("Receivers take records as fast as they arrive (Spark's default).")},
        {QStringLiteral("backpressure-on"), tr("Backpressure on"), {conf, bp + QStringLiteral("true")},
         tr("A PID controller lowers the receivers' rate to what the batches manage to process.")},
        {QStringLiteral("cores-2"), tr("2 cores: local[2]"), {QStringLiteral("--master"), QStringLiteral("local[2]")},
         tr("Two cores: a receiver takes one, the batches' tasks share the other.")},
        {QStringLiteral("cores-4"), tr("4 cores: local[4]"), {QStringLiteral("--master"), QStringLiteral("local[4]")},
         tr("Four cores: a receiver takes one, the batches' tasks run on three.")},
    };
}

ExperimentsView::ExperimentsView(QWidget *parent)
    : QWidget(parent), m_runner(new ExperimentRunner(this)), m_model(new ExperimentTableModel(this)),
      m_title(new QLabel(this)), m_subtitle(new QLabel(this)), m_ruleNote(new QLabel(this)),
      m_run(new QPushButton(this)), m_cancel(new QPushButton(this)), m_progress(new QProgressBar(this)),
      m_tabs(new QTabWidget(this)), m_table(new QTableView(this))
{
    // One row of pickers and buttons, one line per verdict: the charts and the table get the height.
    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addWidget(m_subtitle, 1);
    m_subtitle->setAlignment(Qt::AlignLeft | Qt::AlignBottom);
    auto *pickRow = new QHBoxLayout;
    for (int i = 0; i < 3; ++i) {
        m_pickLabels[i] = new QLabel(this);
        m_pickers[i] = new QComboBox(this);
        m_verdicts[i] = new QLabel(this);
        m_verdicts[i]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_pickLabels[i]->setBuddy(m_pickers[i]);
        pickRow->addWidget(m_pickLabels[i]);
        pickRow->addWidget(m_pickers[i], 1);
        pickRow->addSpacing(8);
    }
    pickRow->addWidget(m_run);
    pickRow->addWidget(m_cancel);
    pickRow->addWidget(m_progress);
    m_cancel->setEnabled(false);
    m_progress->setTextVisible(true);

    for (auto metric : {ExperimentChart::Metric::SchedulingDelay, ExperimentChart::Metric::ProcessingTime,
                        ExperimentChart::Metric::TotalDelay}) {
        auto *c = new ExperimentChart(metric, this);
        m_charts.append(c);
        m_tabs->addTab(c, QString());
    }
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    auto *verdicts = new QVBoxLayout;
    verdicts->setSpacing(2);
    for (QLabel *l : m_verdicts) verdicts->addWidget(l);
    verdicts->addWidget(m_ruleNote);
    m_ruleNote->setWordWrap(true);

    m_split = new QSplitter(Qt::Vertical, this);
    m_split->addWidget(m_tabs);
    m_split->addWidget(m_table);
    m_split->setStretchFactor(0, 1);
    m_split->setStretchFactor(1, 0);
    m_split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addLayout(pickRow);
    layout->addLayout(verdicts);
    layout->addWidget(m_split, 1);

    connect(m_run, &QPushButton::clicked, this, [this] { start(); });
    connect(m_cancel, &QPushButton::clicked, this, &ExperimentsView::cancel);
    connect(m_runner, &ExperimentRunner::runStarted, this, &ExperimentsView::refresh);
    connect(m_runner, &ExperimentRunner::runFinished, this, &ExperimentsView::refresh);
    connect(m_runner, &ExperimentRunner::finished, this, [this] {
        refresh();
        emit finished();
    });
    fillPickers();
    setPresets({QStringLiteral("interval-0.5"), QStringLiteral("interval-1"), QStringLiteral("interval-2")});
    setTheme(m_theme);
    retranslateUi();
}

ExperimentsView::~ExperimentsView() = default; // m_runner's destructor ends a child still running

void ExperimentsView::setDstreamlabBinary(const QString &path)
{
    m_runner->setBinary(path);
}

void ExperimentsView::setProgram(const QString &programPath, const QString &inputLogPath, const QStringList &commonOptions)
{
    m_runner->setProgram(programPath, inputLogPath, commonOptions);
    m_programPath = programPath;
    m_inputName = QFileInfo(inputLogPath).fileName();
    retranslateUi();
}

void ExperimentsView::setProgramWithScript(const QString &programPath, const QString &inputScript,
                                           const QStringList &commonOptions)
{
    m_runner->setProgramWithScript(programPath, inputScript, commonOptions);
    m_programPath = programPath;
    m_inputName.clear();
    retranslateUi();
}

void ExperimentsView::fillPickers()
{
    const QList<Preset> all = presets();
    for (int i = 0; i < 3; ++i) {
        const QString id = m_pickers[i]->currentData().toString();
        m_pickers[i]->clear();
        if (i == 2) m_pickers[i]->addItem(tr("(none)"), QString());
        for (const Preset &p : all) {
            m_pickers[i]->addItem(p.name, p.id);
            m_pickers[i]->setItemData(m_pickers[i]->count() - 1, p.description + QLatin1Char('\n') + p.options.join(QLatin1Char(' ')),
                                      Qt::ToolTipRole);
        }
        if (const int at = m_pickers[i]->findData(id); at >= 0) m_pickers[i]->setCurrentIndex(at);
    }
}

void ExperimentsView::setPresets(const QStringList &ids)
{
    for (int i = 0; i < 3; ++i) {
        const int at = m_pickers[i]->findData(i < ids.size() ? ids[i] : QString());
        if (at >= 0) m_pickers[i]->setCurrentIndex(at);
    }
}

QStringList ExperimentsView::selectedPresets() const
{
    QStringList ids;
    for (QComboBox *c : m_pickers)
        if (!c->currentData().toString().isEmpty()) ids << c->currentData().toString();
    return ids;
}

QList<ExperimentConfig> ExperimentsView::configurations() const
{
    const QList<Preset> all = presets();
    QList<ExperimentConfig> out;
    for (const QString &id : selectedPresets())
        for (const Preset &p : all)
            if (p.id == id) out.append(ExperimentConfig{p.name, p.options});
    return out;
}

bool ExperimentsView::start()
{
    if (!m_runner->start(configurations())) return false;
    refresh();
    return true;
}

void ExperimentsView::cancel()
{
    m_runner->cancel();
}

bool ExperimentsView::isRunning() const
{
    return m_runner->isRunning();
}

ExperimentChart *ExperimentsView::chart(ExperimentChart::Metric metric) const
{
    for (ExperimentChart *c : m_charts)
        if (c->metric() == metric) return c;
    return nullptr;
}

QString ExperimentsView::verdictLine(int i) const
{
    return i >= 0 && i < 3 ? m_verdicts[i]->text() : QString();
}

QString ExperimentsView::lineFor(const ExperimentResult &r) const
{
    const experiment::StabilityVerdict &v = r.summary.verdict;
    switch (r.state) {
    case State::Waiting: return tr("%1: waiting").arg(r.name);
    case State::Running: return tr("%1: running…").arg(r.name);
    case State::Canceled: return tr("%1: canceled").arg(r.name);
    case State::Failed: return tr("✖ %1: failed — %2").arg(r.name, r.error);
    case State::Done: break;
    }
    const int window = static_cast<int>(experiment::kStabilityWindow);
    switch (v.reason) {
    case StabilityReason::GrowingDelay:
        return tr("✖ %1: unstable — the scheduling delay grew every batch (%3 → %4 ms over the last %2)")
            .arg(r.name).arg(window).arg(v.firstDelayMs).arg(v.lastDelayMs);
    case StabilityReason::SlowProcessing:
        return tr("✖ %1: unstable — processing %2 ms on average, longer than the %3 ms interval")
            .arg(r.name).arg(qRound(v.meanProcessingMs)).arg(r.summary.intervalMs);
    case StabilityReason::Steady:
        return tr("✔ %1: stable — processing %2 ms on average, within the %3 ms interval")
            .arg(r.name).arg(qRound(v.meanProcessingMs)).arg(r.summary.intervalMs);
    case StabilityReason::TooFewBatches: break;
    }
    return tr("? %1: unknown — fewer than %2 batches with input to judge").arg(r.name).arg(window);
}

void ExperimentsView::refresh()
{
    const QList<ExperimentResult> &results = m_runner->results();
    m_model->setResults(results);
    int done = 0;
    for (int i = 0; i < 3; ++i) {
        const bool has = i < results.size();
        m_verdicts[i]->setVisible(has);
        if (!has) continue;
        const ExperimentResult &r = results[i];
        m_verdicts[i]->setText(lineFor(r));
        const bool bad = r.state == State::Failed || (r.state == State::Done && r.summary.verdict.stability == Stability::Unstable);
        const bool good = r.state == State::Done && r.summary.verdict.stability == Stability::Stable;
        const QColor c = bad ? m_theme.error : good ? m_theme.ok : m_theme.text;
        m_verdicts[i]->setStyleSheet(QStringLiteral("color: %1;").arg(c.name()));
        done += r.state == State::Done || r.state == State::Failed || r.state == State::Canceled ? 1 : 0;
    }
    m_progress->setRange(0, std::max<int>(1, static_cast<int>(results.size())));
    m_progress->setValue(done);
    m_progress->setFormat(tr("%1 of %2 runs").arg(done).arg(results.size()));
    for (ExperimentChart *c : m_charts) {
        QList<ExperimentChart::Line> lines;
        for (const ExperimentResult &r : results)
            lines.append({r.name, ExperimentChart::pointsFor(c->metric(), r.batches, m_runner->startTimeMs())});
        c->setLines(lines);
    }
    const bool running = m_runner->isRunning();
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    for (QComboBox *p : m_pickers) p->setEnabled(!running);
    m_table->resizeColumnsToContents();
}

void ExperimentsView::setTheme(const Theme &theme)
{
    m_theme = theme;
    setPalette(theme.palette());
    setAutoFillBackground(true);
    m_title->setFont(theme.font(1.5, true));
    m_subtitle->setFont(theme.font(1.0));
    m_subtitle->setStyleSheet(QStringLiteral("color: %1;").arg(theme.mutedText.name()));
    m_ruleNote->setFont(theme.font(0.95));
    m_ruleNote->setStyleSheet(QStringLiteral("color: %1;").arg(theme.mutedText.name()));
    for (int i = 0; i < 3; ++i) {
        // The number in the colour of the configuration's line in the charts.
        m_pickLabels[i]->setFont(theme.font(1.3, true));
        m_pickLabels[i]->setStyleSheet(QStringLiteral("color: %1;").arg(ExperimentChart::lineColor(theme, i).name()));
        m_pickers[i]->setFont(theme.font(1.15));
        m_verdicts[i]->setFont(theme.font(1.2, true));
    }
    for (QPushButton *b : {m_run, m_cancel}) b->setFont(theme.font(1.2, true));
    m_progress->setFont(theme.font(1.0));
    m_tabs->setFont(theme.font(1.1));
    m_table->setFont(theme.font(1.15));
    m_table->horizontalHeader()->setFont(theme.font(1.0, true));
    for (ExperimentChart *c : m_charts) c->setTheme(theme);
    m_model->setColors(theme.ok, theme.error);
    refresh();
    // Room for the header and three rows: the table is never the part that gets squeezed.
    const int tableHeight = m_table->horizontalHeader()->sizeHint().height() +
                            3 * m_table->verticalHeader()->defaultSectionSize() + 2 * m_table->frameWidth() +
                            m_table->horizontalScrollBar()->sizeHint().height() + 4;
    m_table->setMinimumHeight(tableHeight);
    m_split->setSizes({100000, tableHeight}); // the rest to the charts
}

void ExperimentsView::closeEvent(QCloseEvent *event)
{
    cancel(); // no child outlives the window it was started from
    QWidget::closeEvent(event);
}

void ExperimentsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void ExperimentsView::retranslateUi()
{
    setWindowTitle(tr("Experiments"));
    const QString program = QFileInfo(m_programPath).fileName();
    m_title->setText(program.isEmpty() ? tr("Experiments") : tr("Experiments: %1").arg(program));
    m_subtitle->setText(m_inputName.isEmpty()
                            ? tr("The same program and input under each configuration, run one after another.")
                            : tr("The same program and input (%1) under each configuration, run one after another.")
                                  .arg(m_inputName));
    for (int i = 0; i < 3; ++i) {
        m_pickLabels[i]->setText(QString::number(i + 1));
        m_pickers[i]->setAccessibleName(tr("Configuration %1").arg(i + 1));
        m_pickers[i]->setToolTip(tr("Configuration %1").arg(i + 1));
    }
    m_run->setText(tr("Run"));
    m_cancel->setText(tr("Cancel"));
    m_ruleNote->setText(tr("Unstable: over the last %1 batches with input, the scheduling delay grew every batch, "
                           "or processing took longer than the batch interval on average.")
                            .arg(experiment::kStabilityWindow));
    for (int i = 0; i < m_charts.size(); ++i) m_tabs->setTabText(i, ExperimentChart::titleFor(m_charts[i]->metric()));
    fillPickers();
    m_model->retranslate();
    refresh();
}

} // namespace dsl::ui
