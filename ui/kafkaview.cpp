// KafkaView: the partitions of the batch shown, from its KafkaPartitionSnapshot values.
#include "kafkaview.h"

#include "batchselection.h"
#include "kafkatablemodel.h"
#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "sortedgrid.h"
#include "theme.h"
#include "timetext.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

#include <set>

namespace dsl::ui {

KafkaView::KafkaView(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_summary(new QLabel), m_note(new QLabel), m_grid(new QTableView),
      m_model(new KafkaTableModel(this)), m_sorted(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("kafkaView"));
    m_summary->setObjectName(QStringLiteral("kafkaSummary"));
    m_summary->setWordWrap(true);
    m_note->setWordWrap(true);
    // By stream, topic and partition until a header is clicked.
    setUpSortedGrid(m_grid, m_sorted, m_model, KafkaTableModel::SortRole, QStringLiteral("kafkaGrid"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addWidget(m_summary);
    layout->addWidget(m_grid, 1);
    layout->addWidget(m_note);
    connect(controller, &SimulationController::snapshotChanged, this, &KafkaView::refresh);
    connect(controller->selection(), &BatchSelection::changed, this, &KafkaView::refresh);
    connect(controller, &SimulationController::themeChanged, this, &KafkaView::applyTheme);
    applyTheme();
    refresh();
}

bool KafkaView::programReadsKafka(const RunSnapshot *s)
{
    if (!s) return false;
    for (const auto &st : s->streams)
        if (!st.kafkaTopics.empty()) return true;
    return false;
}

void KafkaView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) refresh();
    QWidget::changeEvent(event);
}

void KafkaView::applyTheme()
{
    const Theme &t = m_controller->theme();
    m_summary->setFont(t.font(1.0));
    m_note->setFont(t.font(0.9));
    QPalette muted = m_note->palette();
    muted.setColor(QPalette::WindowText, t.mutedText);
    m_note->setPalette(muted);
    m_grid->setFont(t.font(1.0));
    m_grid->verticalHeader()->setDefaultSectionSize(static_cast<int>(t.px(24)));
}

void KafkaView::refresh()
{
    const RunSnapshotPtr &s = m_controller->snapshot();
    m_batch.reset();
    m_readsKafka = programReadsKafka(s.get());
    std::shared_ptr<const std::vector<KafkaPartitionSnapshot>> partitions;
    if (s) {
        const std::optional<qint64> want = m_controller->selection()->batchTime();
        const BatchSnapshot *b = want ? s->batch(SimTime(*want)) : s->latestCompletedBatch();
        if (b && !b->info.isCompleted()) b = s->latestCompletedBatch(); // a batch under way: not yet
        if (b) {
            m_batch = b->info.batchTime.ms();
            partitions = b->kafka;
        }
    }
    m_model->setPartitions(std::move(partitions));
    m_summary->setText(summaryText());
    m_note->setText(tr("The direct stream keeps its offsets itself, in the checkpoint: PySpark 2.4's createDirectStream "
                       "commits nothing to a consumer group, so a kafka-consumer-groups tool would show \"-\" for it. "
                       "Lag: messages in the log the stream has not read yet."));
}

QString KafkaView::summaryText() const
{
    if (!m_readsKafka) return tr("The program reads no Kafka topic (KafkaUtils.createDirectStream).");
    if (!m_batch) return tr("No batch has completed yet.");
    const QString when = clockText(*m_batch);
    const auto &ps = m_model->partitions();
    if (ps.empty()) return tr("Batch %1: no Kafka offset range (the batch is kept as a summary).").arg(when);
    std::int64_t read = 0, lag = 0;
    std::set<std::string> topics;
    for (const auto &p : ps) {
        read += p.until - p.from;
        lag += p.lag();
        topics.insert(p.topic);
    }
    QStringList names;
    for (const auto &t : topics) names << QString::fromStdString(t);
    return tr("Batch %1 read %2 message(s) from %3 partition(s) of %4, one RDD partition per Kafka partition; %5 message(s) "
              "left to read after it.")
        .arg(when)
        .arg(read)
        .arg(ps.size())
        .arg(names.join(QStringLiteral(", ")))
        .arg(lag);
}

} // namespace dsl::ui
