// ModelCompareView: the comparison's settings, its two bar charts, its table and assumptions.
// This file is the only one of the view to include Qt Charts (docs/conventions.md §13).
#include "modelcompareview.h"

#include "app/session/modelcomparison.h"

#include <QAbstractTableModel>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLocale>
#include <QLogValueAxis>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace dsl::ui {

namespace {

using models::ModelComparison;
using models::ModelComparisonRow;

bool isRecordModel(const ModelComparisonRow &r)
{
    return !r.batchInterval.has_value();
}

QString secondsText(Duration d)
{
    return QLocale().toString(static_cast<double>(d.ms()) / 1000.0, 'g', 4);
}

/// 2.08 ms, 38.5 ms, 1,270 ms: three figures at most, read at a glance.
QString msText(double ms)
{
    const int decimals = ms < 10 ? 2 : ms < 100 ? 1 : 0;
    return ModelCompareView::tr("%1 ms").arg(QLocale().toString(ms, 'f', decimals));
}

QString rateText(double linesPerSecond)
{
    return ModelCompareView::tr("%1 lines/s").arg(QLocale().toString(static_cast<qint64>(std::llround(linesPerSecond))));
}

/// A chart's category: the model, and the interval of a micro-batch row.
QString categoryText(const ModelComparisonRow &r)
{
    // Two short lines: a chart's category gets a quarter of its width, on a projector too.
    return isRecordModel(r) ? ModelCompareView::tr("Record-<br>at-a-time")
                            : ModelCompareView::tr("%1 s<br>batches").arg(secondsText(*r.batchInterval));
}

/// The smallest 1-2-5 x 10^k at or above v.
double niceCeil(double v)
{
    if (!(v > 0)) return 1;
    const double mag = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * mag >= v * (1 - 1e-12)) return m * mag;
    return 10 * mag;
}

} // namespace

// ---- the table --------------------------------------------------------------------------------

class ModelCompareTableModel : public QAbstractTableModel {
public:
    enum Column { Model, Interval, MeanLatency, P99Latency, MaxThroughput, AtRate, ColumnCount };
    using QAbstractTableModel::QAbstractTableModel;

    void setComparison(const ModelComparison &c)
    {
        beginResetModel();
        m_rows = c.rows;
        m_rate = c.settings.lineRate;
        endResetModel();
    }
    void retranslate()
    {
        emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
        if (!m_rows.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    }
    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }
    int columnCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : ColumnCount; }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
        const ModelComparisonRow &r = m_rows[static_cast<std::size_t>(index.row())];
        if (role == Qt::TextAlignmentRole)
            return QVariant::fromValue(index.column() >= MeanLatency && index.column() <= MaxThroughput
                                           ? Qt::AlignRight | Qt::AlignVCenter
                                           : Qt::AlignLeft | Qt::AlignVCenter);
        if (role == Qt::UserRole) { // the raw figure, for sorting and tests
            switch (index.column()) {
            case Interval: return r.batchInterval ? QVariant(static_cast<qlonglong>(r.batchInterval->ms())) : QVariant();
            case MeanLatency: return r.meanLatencyMs;
            case P99Latency: return r.p99LatencyMs;
            case MaxThroughput: return r.maxThroughput;
            case AtRate: return r.stable;
            default: return QString::fromStdString(r.model);
            }
        }
        if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
        switch (index.column()) {
        case Model:
            return isRecordModel(r) ? ModelCompareView::tr("Record-at-a-time (Storm)")
                                    : ModelCompareView::tr("Micro-batch (Spark Streaming)");
        case Interval: return r.batchInterval ? ModelCompareView::tr("%1 s").arg(secondsText(*r.batchInterval)) : QStringLiteral("—");
        case MeanLatency: return msText(r.meanLatencyMs);
        case P99Latency: return msText(r.p99LatencyMs);
        case MaxThroughput: return rateText(r.maxThroughput);
        case AtRate: return r.stable ? ModelCompareView::tr("stable") : ModelCompareView::tr("unstable: falls behind");
        default: return {};
        }
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
        switch (section) {
        case Model: return ModelCompareView::tr("Model");
        case Interval: return ModelCompareView::tr("Batch interval");
        case MeanLatency: return ModelCompareView::tr("Mean latency");
        case P99Latency: return ModelCompareView::tr("p99 latency");
        case MaxThroughput: return ModelCompareView::tr("Max throughput");
        case AtRate: return ModelCompareView::tr("At %1").arg(rateText(m_rate));
        default: return {};
        }
    }

private:
    std::vector<ModelComparisonRow> m_rows;
    double m_rate = 0;
};

// ---- the charts -------------------------------------------------------------------------------

/// The two bar charts side by side: latency (mean and p99, log scale: milliseconds next to
/// seconds) and maximum sustainable throughput. Values change with one replace per bar set.
class ModelCompareCharts : public QWidget {
public:
    explicit ModelCompareCharts(QWidget *parent)
        : QWidget(parent), m_latency(new QChart), m_throughput(new QChart), m_latencySeries(new QBarSeries),
          m_throughputSeries(new QBarSeries), m_latencyX(new QBarCategoryAxis), m_throughputX(new QBarCategoryAxis),
          m_latencyY(new QLogValueAxis), m_throughputY(new QValueAxis)
    {
        setUp(m_latency, m_latencySeries, m_latencyX, m_latencyY);
        setUp(m_throughput, m_throughputSeries, m_throughputX, m_throughputY);
        m_latencyY->setBase(10);
        m_latencyY->setLabelFormat(QStringLiteral("%g ms"));
        m_latencyY->setRange(1, 10000);
        m_throughputY->setLabelFormat(QStringLiteral("%.0f"));
        m_throughputY->setRange(0, 100000);
        // Labels on the bars: the figures can be read from the back of the room. The values are
        // rounded for them (barValue), so that no precision gives "1.13e+03".
        for (QBarSeries *s : {m_latencySeries, m_throughputSeries}) {
            s->setLabelsPrecision(9);
            s->setBarWidth(0.85);
            s->setLabelsVisible(true);
            s->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
            s->setLabelsFormat(QStringLiteral("@value"));
        }
        m_throughput->legend()->setVisible(false);
        auto *layout = new QHBoxLayout(this);
        layout->setContentsMargins(0, 0, 0, 0);
        for (QChart *c : {m_latency, m_throughput}) {
            auto *view = new QChartView(c, this);
            view->setRenderHint(QPainter::Antialiasing);
            layout->addWidget(view, 1);
        }
    }

    void setRows(const ModelComparison &c)
    {
        QStringList categories;
        QList<qreal> mean, p99, max;
        for (const ModelComparisonRow &r : c.rows) {
            categories << categoryText(r);
            mean << ModelCompareView::barValue(r.meanLatencyMs);
            p99 << ModelCompareView::barValue(r.p99LatencyMs);
            max << ModelCompareView::barValue(r.maxThroughput);
        }
        // New sets replace the old ones whole: refilling one set after the other would leave the
        // second short for a moment, its missing bars 0, which a log axis cannot place.
        m_latencySeries->clear();
        m_throughputSeries->clear();
        m_mean = new QBarSet(QString());
        m_p99 = new QBarSet(QString());
        m_max = new QBarSet(QString());
        m_mean->append(mean);
        m_p99->append(p99);
        m_max->append(max);
        m_latencyX->setCategories(categories);
        m_throughputX->setCategories(categories);
        // Decades from below the smallest latency to above the largest; the throughput axis a
        // round value above the largest bar, room left for its label.
        double lo = 1e9, hi = 0, top = 0;
        for (qreal v : mean + p99) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        for (qreal v : max) top = std::max(top, v);
        if (hi > 0) m_latencyY->setRange(std::pow(10.0, std::floor(std::log10(std::max(lo, 1e-3)))),
                                         std::pow(10.0, std::ceil(std::log10(hi * 1.5))));
        m_throughputY->setRange(0, niceCeil(std::max(1.0, top * 1.2)));
        m_latencySeries->append(QList<QBarSet *>{m_mean, m_p99});
        m_throughputSeries->append(m_max);
        m_rate = c.settings.lineRate;
        styleSets();
        retranslate();
    }

    void retranslate()
    {
        m_latency->setTitle(ModelCompareView::tr("End-to-end latency (log scale)"));
        m_throughput->setTitle(ModelCompareView::tr("Max sustainable throughput, lines/s (given: %1)")
                                   .arg(QLocale().toString(static_cast<qint64>(std::llround(m_rate)))));
        if (!m_mean) return;
        m_mean->setLabel(ModelCompareView::tr("mean"));
        m_p99->setLabel(ModelCompareView::tr("99th percentile"));
        m_max->setLabel(ModelCompareView::tr("max throughput"));
    }

    void setTheme(const Theme &t)
    {
        for (QChart *c : {m_latency, m_throughput}) {
            c->setBackgroundBrush(t.surface);
            c->setPlotAreaBackgroundVisible(false);
            c->setTitleFont(t.font(1.25, true));
            c->setTitleBrush(t.text);
            c->legend()->setLabelColor(t.text);
            c->legend()->setFont(t.font(1.1));
            c->legend()->setAlignment(Qt::AlignBottom);
        }
        for (QAbstractAxis *a : std::initializer_list<QAbstractAxis *>{m_latencyX, m_throughputX, m_latencyY, m_throughputY}) {
            a->setLabelsColor(t.text);
            a->setLabelsFont(t.font(a == m_latencyX || a == m_throughputX ? 1.05 : 1.0));
            a->setGridLineColor(t.grid);
            a->setLinePenColor(t.border);
        }
        m_latencyY->setMinorGridLineVisible(false);
        m_theme = t;
        styleSets();
        setMinimumHeight(static_cast<int>(t.px(320)));
    }

    ModelCompareView::ChartValues values(bool latency) const
    {
        ModelCompareView::ChartValues v;
        v.categories = (latency ? m_latencyX : m_throughputX)->categories();
        const QList<QBarSet *> sets = (latency ? m_latencySeries : m_throughputSeries)->barSets();
        for (const QBarSet *s : sets) {
            v.setNames << s->label();
            QList<double> values;
            for (int i = 0; i < s->count(); ++i) values << s->at(i);
            v.values << values;
        }
        return v;
    }

private:
    void styleSets()
    {
        if (!m_mean) return;
        // Okabe-Ito: the mean in the processing-time blue, p99 in orange, throughput in green,
        // each with a darker edge; the legend names them (never hue alone).
        const Theme &t = m_theme;
        auto style = [&](QBarSet *s, const QColor &c) {
            s->setColor(c);
            s->setBorderColor(t.isDark() ? c.lighter(130) : c.darker(140));
            s->setLabelColor(t.text);
            s->setLabelFont(t.font(1.05, true));
        };
        style(m_mean, t.processingTime);
        style(m_p99, t.schedulingDelay);
        style(m_max, t.ok);
    }

    void setUp(QChart *chart, QBarSeries *series, QBarCategoryAxis *x, QAbstractAxis *y)
    {
        chart->addSeries(series);
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        series->attachAxis(x);
        series->attachAxis(y);
        chart->setMargins(QMargins(4, 4, 4, 4));
    }

    QChart *m_latency, *m_throughput;
    QBarSeries *m_latencySeries, *m_throughputSeries;
    QBarSet *m_mean = nullptr, *m_p99 = nullptr, *m_max = nullptr; ///< owned by the series, once there
    Theme m_theme;
    QBarCategoryAxis *m_latencyX, *m_throughputX;
    QLogValueAxis *m_latencyY;
    QValueAxis *m_throughputY;
    double m_rate = 0;
};

// ---- the view ---------------------------------------------------------------------------------

ModelCompareView::ModelCompareView(QWidget *parent)
    : QWidget(parent), m_result(std::make_shared<models::ModelComparison>()), m_title(new QLabel(this)),
      m_coresLabel(new QLabel(this)), m_rateLabel(new QLabel(this)), m_wordsLabel(new QLabel(this)),
      m_cores(new QSpinBox(this)), m_rate(new QSpinBox(this)), m_words(new QSpinBox(this)),
      m_compare(new QPushButton(this)), m_progress(new QProgressBar(this)), m_status(new QLabel(this)),
      m_summary(new QLabel(this)), m_charts(new ModelCompareCharts(this)), m_model(new ModelCompareTableModel(this)),
      m_table(new QTableView(this)), m_assumptionsTitle(new QLabel(this)), m_assumptions(new QLabel(this))
{
    m_cores->setRange(2, 64);
    m_rate->setRange(1, 10'000'000);
    m_rate->setSingleStep(1000);
    m_rate->setGroupSeparatorShown(true);
    m_words->setRange(1, 200);
    for (QLabel *l : {m_coresLabel, m_rateLabel, m_wordsLabel}) l->setBuddy(l == m_coresLabel ? m_cores : l == m_rateLabel ? m_rate : m_words);
    m_progress->setTextVisible(false);
    m_progress->setVisible(false);
    for (QLabel *l : {m_summary, m_assumptions, m_status}) l->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_assumptions->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setModel(m_model);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *controls = new QHBoxLayout;
    for (QWidget *w : std::initializer_list<QWidget *>{m_coresLabel, m_cores, m_rateLabel, m_rate, m_wordsLabel, m_words})
        controls->addWidget(w);
    controls->addSpacing(12);
    controls->addWidget(m_compare);
    controls->addWidget(m_progress, 1);
    controls->addWidget(m_status, 2);
    // Everything in one scrolling column: on a small screen the charts keep their height and
    // the table all its rows, and the assumptions are scrolled to rather than squeezed.
    auto *content = new QWidget;
    content->setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(content);
    layout->addWidget(m_title);
    layout->addLayout(controls);
    layout->addWidget(m_summary);
    layout->addWidget(m_charts, 1);
    layout->addWidget(m_table);
    layout->addWidget(m_assumptionsTitle);
    layout->addWidget(m_assumptions);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    connect(m_compare, &QPushButton::clicked, this, &ModelCompareView::runComparison);
    setSettings(m_settings);
    setTheme(m_theme);
    retranslateUi();
}

ModelCompareView::~ModelCompareView()
{
    // The worker reads only its own copy of the settings and writes its own result; it posts
    // progress to this view, which must outlive it.
    if (m_thread) m_thread->wait();
}

void ModelCompareView::setSettings(const models::ModelComparisonSettings &settings)
{
    m_settings = settings;
    m_cores->setValue(settings.cores);
    m_rate->setValue(static_cast<int>(std::llround(settings.lineRate)));
    m_words->setValue(settings.wordsPerLine);
}

models::ModelComparisonSettings ModelCompareView::settings() const
{
    models::ModelComparisonSettings s = m_settings;
    s.cores = m_cores->value();
    s.lineRate = m_rate->value();
    s.wordsPerLine = m_words->value();
    return s;
}

bool ModelCompareView::isRunning() const
{
    return m_thread != nullptr;
}

QAbstractItemModel *ModelCompareView::tableModel() const
{
    return m_model;
}

bool ModelCompareView::runComparison()
{
    if (isRunning()) return false;
    const models::ModelComparisonSettings s = settings();
    // The engine runs a second or more of simulations: off the GUI thread, the view stays live.
    struct Outcome {
        models::ModelComparison result;
        QString error;
    };
    auto out = std::make_shared<Outcome>();
    m_thread = QThread::create([this, s, out] {
        try {
            out->result = session::compareModels(s, [this](int done, int total) {
                QMetaObject::invokeMethod(this, [this, done, total] { onProgress(done, total); }, Qt::QueuedConnection);
            });
        } catch (const std::exception &e) {
            out->error = QString::fromUtf8(e.what());
        }
    });
    m_thread->setParent(this);
    connect(m_thread, &QThread::finished, this, [this, out] {
        m_thread->deleteLater();
        m_thread = nullptr;
        m_error = out->error;
        if (m_error.isEmpty()) *m_result = std::move(out->result);
        onFinished();
    });
    m_compare->setEnabled(false);
    m_progress->setRange(0, 0); // busy until the first step reports
    m_progress->setVisible(true);
    m_status->setText(tr("Running both models…"));
    emit comparisonStarted();
    m_thread->start();
    return true;
}

void ModelCompareView::onProgress(int done, int total)
{
    m_progress->setRange(0, total);
    m_progress->setValue(done);
}

void ModelCompareView::onFinished()
{
    m_compare->setEnabled(true);
    m_progress->setVisible(false);
    if (m_error.isEmpty()) {
        m_status->clear();
        showResult();
    } else {
        m_status->setText(tr("The comparison failed: %1").arg(m_error));
    }
    emit comparisonFinished();
}

void ModelCompareView::showResult()
{
    m_model->setComparison(*m_result);
    m_charts->setRows(*m_result);
    fitTable();
    QStringList lines;
    for (const std::string &a : m_result->assumptions) lines << QStringLiteral("• ") + QString::fromStdString(a);
    m_assumptions->setText(lines.join(u'\n'));
    updateSummary();
}

QString ModelCompareView::summaryText() const
{
    const auto &rows = m_result->rows;
    const auto record = std::find_if(rows.begin(), rows.end(), isRecordModel);
    if (record == rows.end() || rows.size() < 2) return {};
    double latLo = 1e300, latHi = 0, best = 0;
    for (const ModelComparisonRow &r : rows) {
        if (isRecordModel(r)) continue;
        latLo = std::min(latLo, r.meanLatencyMs);
        latHi = std::max(latHi, r.meanLatencyMs);
        best = std::max(best, r.maxThroughput);
    }
    const double ratio = record->maxThroughput > 0 ? best / record->maxThroughput : 0;
    return tr("Record-at-a-time answers in %1 on average but sustains at most %2. Micro-batches answer in %3 to %4 "
              "and sustain up to %5: %6 times as much.")
        .arg(msText(record->meanLatencyMs), rateText(record->maxThroughput), msText(latLo), msText(latHi),
             rateText(best), QLocale().toString(ratio, 'f', 1));
}

void ModelCompareView::updateSummary()
{
    m_summary->setText(summaryText());
    m_summary->setVisible(!m_summary->text().isEmpty());
}

void ModelCompareView::setTheme(const Theme &theme)
{
    m_theme = theme;
    setPalette(theme.palette());
    setAutoFillBackground(true);
    setFont(theme.font(1.1));
    m_title->setFont(theme.font(1.5, true));
    m_summary->setFont(theme.font(1.2, true));
    m_compare->setFont(theme.font(1.2, true));
    m_table->setFont(theme.font(1.1));
    m_table->horizontalHeader()->setFont(theme.font(1.05, true));
    m_assumptionsTitle->setFont(theme.font(1.1, true));
    m_assumptions->setFont(theme.font(0.95));
    const QString muted = QStringLiteral("color: %1;").arg(theme.mutedText.name());
    m_assumptions->setStyleSheet(muted);
    m_status->setStyleSheet(muted);
    m_charts->setTheme(theme);
    fitTable();
}

void ModelCompareView::fitTable()
{
    // Every row shown, never a scroll bar of its own: the table is short (one row per model).
    m_table->resizeColumnsToContents();
    m_table->resizeRowsToContents();
    int h = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth();
    for (int r = 0; r < m_model->rowCount(); ++r) h += m_table->rowHeight(r);
    if (m_model->rowCount() == 0) h += m_table->verticalHeader()->defaultSectionSize();
    m_table->setFixedHeight(h);
}

double ModelCompareView::barValue(double v)
{
    // Whole numbers from 100 on (1,131 ms, 78,647 lines/s); three significant digits below.
    if (!(v > 0) || v >= 100) return std::round(v);
    const double scale = std::pow(10.0, 2 - std::floor(std::log10(v)));
    return std::round(v * scale) / scale;
}

ModelCompareView::ChartValues ModelCompareView::latencyChart() const
{
    return m_charts->values(true);
}

ModelCompareView::ChartValues ModelCompareView::throughputChart() const
{
    return m_charts->values(false);
}

void ModelCompareView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void ModelCompareView::retranslateUi()
{
    m_title->setText(tr("Micro-batch vs record-at-a-time: the word count"));
    m_coresLabel->setText(tr("&Cores:"));
    m_rateLabel->setText(tr("&Rate (lines/s):"));
    m_wordsLabel->setText(tr("&Words per line:"));
    m_compare->setText(tr("Compare"));
    m_compare->setToolTip(tr("Run the word count as Spark Streaming micro-batches and as a Storm-style topology, "
                             "on simulated time"));
    m_assumptionsTitle->setText(tr("Assumptions"));
    m_model->retranslate();
    m_charts->retranslate();
    updateSummary();
}

} // namespace dsl::ui
