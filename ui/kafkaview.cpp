// KafkaView: the partitions of the batch shown, from its KafkaPartitionSnapshot values.
#include "kafkaview.h"

#include "batchselection.h"
#include "kafkalagchart.h"
#include "kafkalogstrip.h"
#include "kafkamessagebrowser.h"
#include "kafkatablemodel.h"
#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "sortedgrid.h"
#include "theme.h"
#include "timetext.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QResizeEvent>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <set>

namespace dsl::ui {

KafkaView::KafkaView(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_summary(new QLabel), m_group(new QLabel), m_input(new QLabel),
      m_note(new QLabel), m_pages(new QTabWidget), m_split(new QSplitter(Qt::Vertical)), m_stripScroll(new QScrollArea),
      m_strip(new KafkaLogStrip), m_grid(new QTableView), m_model(new KafkaTableModel(this)),
      m_sorted(new QSortFilterProxyModel(this)), m_chart(new KafkaLagChart(controller)),
      m_browser(new KafkaMessageBrowser(controller))
{
    setObjectName(QStringLiteral("kafkaView"));
    m_summary->setObjectName(QStringLiteral("kafkaSummary"));
    m_group->setObjectName(QStringLiteral("kafkaGroup"));
    m_input->setObjectName(QStringLiteral("kafkaInputMetadata"));
    m_pages->setObjectName(QStringLiteral("kafkaPages"));
    m_summary->setWordWrap(true);
    // One line each, whatever the width (presenter mode leaves the tab little room): what does
    // not fit is cut, and the tooltip holds the whole text.
    // The group's line whole, the input metadata in the rest of the row.
    for (QLabel *l : {m_input, m_note}) l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_input->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // By stream, topic and partition until a header is clicked.
    setUpSortedGrid(m_grid, m_sorted, m_model, KafkaTableModel::SortRole, QStringLiteral("kafkaGrid"));
    // kafka-consumer-groups' long header names: each column sized to its name and values (a
    // narrow tab scrolls sideways) rather than cut to "RRENT-OFFS".
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_grid->horizontalHeader()->setStretchLastSection(true);
    m_stripScroll->setWidget(m_strip);
    m_stripScroll->setWidgetResizable(true);
    m_stripScroll->setFrameShape(QFrame::NoFrame);
    m_split->addWidget(m_stripScroll);
    m_split->addWidget(m_grid);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 1);
    // The logs keep their first partition whole; the table gives way first.
    m_split->setCollapsible(0, false);
    m_pages->addTab(m_split, QString());
    m_pages->addTab(m_chart, QString());
    m_pages->addTab(m_browser, QString());
    m_pages->setDocumentMode(true);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(3);
    layout->addWidget(m_summary);
    auto *row = new QHBoxLayout;
    row->addWidget(m_group);
    row->addSpacing(12);
    row->addWidget(m_input, 1);
    layout->addLayout(row);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_note);
    connect(controller, &SimulationController::snapshotChanged, this, &KafkaView::refresh);
    connect(controller->selection(), &BatchSelection::changed, this, &KafkaView::refresh);
    connect(controller, &SimulationController::themeChanged, this, &KafkaView::applyTheme);
    applyTheme();
    retranslateUi();
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
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void KafkaView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    applyCompact();
}

void KafkaView::applyCompact(bool force)
{
    const bool compact = height() < m_controller->theme().px(300);
    if (compact == m_compact && !force) return;
    m_compact = compact;
    m_summary->setWordWrap(!compact);
    m_summary->setSizePolicy(compact ? QSizePolicy::Ignored : QSizePolicy::Preferred,
                             compact ? QSizePolicy::Fixed : QSizePolicy::Preferred);
    m_note->setVisible(!compact);
    // The group and the input metadata move into the summary's tooltip.
    m_group->setVisible(!compact);
    m_input->setVisible(!compact);
    updateTooltips();
    m_strip->setLegendVisible(!compact);
    m_stripScroll->setMinimumHeight(m_strip->minimumSizeHint().height());
}

void KafkaView::retranslateUi()
{
    m_pages->setTabText(LogPage, tr("Log and offsets"));
    m_pages->setTabText(LagPage, tr("Lag over time"));
    m_pages->setTabText(MessagePage, tr("Messages"));
    refresh();
}

void KafkaView::applyTheme()
{
    const Theme &t = m_controller->theme();
    m_strip->setTheme(t);
    m_summary->setFont(t.font(1.0));
    m_group->setFont(t.font(0.95, true));
    m_input->setFont(t.monoFont(0.85));
    m_note->setFont(t.font(0.9));
    m_pages->setFont(t.font(0.95));
    for (QLabel *l : {m_note, m_input}) {
        QPalette muted = l->palette();
        muted.setColor(QPalette::WindowText, t.mutedText);
        l->setPalette(muted);
    }
    m_grid->setFont(t.font(1.0));
    m_grid->horizontalHeader()->setFont(t.font(0.9, true));
    m_grid->verticalHeader()->setDefaultSectionSize(static_cast<int>(t.px(24)));
    applyCompact(/*force=*/true); // the sizes depend on the theme
}

QString KafkaView::inputMetadataText(const RunSnapshot &s, const BatchSnapshot &b)
{
    QStringList lines;
    for (const auto &[id, info] : b.info.streamIdToInputInfo) {
        const StreamSnapshot *st = s.stream(id);
        if (!st || st->kafkaTopics.empty()) continue;
        // DirectKafkaInputDStream.name, as the Input column of Spark's batch page names it.
        QString head = tr("Kafka 0.8 direct stream [%1]").arg(id);
        if (info.estimatedRate) head += QLatin1Char(' ') + tr("(backpressure rate %1 records/s)").arg(*info.estimatedRate);
        const QStringList parts = QString::fromStdString(info.description).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (parts.isEmpty()) lines << head + QStringLiteral(": ") + tr("no offset range");
        for (const QString &d : parts) lines << head + QStringLiteral(": ") + QString(d).replace(QLatin1Char('\t'), QStringLiteral("  "));
    }
    return lines.join(QLatin1Char('\n'));
}

void KafkaView::refresh()
{
    const RunSnapshotPtr &s = m_controller->snapshot();
    m_batch.reset();
    m_readsKafka = programReadsKafka(s.get());
    m_metadata.clear();
    std::shared_ptr<const std::vector<KafkaPartitionSnapshot>> partitions;
    std::vector<KafkaLogStrip::Row> rows;
    if (s) {
        const std::optional<qint64> want = m_controller->selection()->batchTime();
        const BatchSnapshot *b = want ? s->batch(SimTime(*want)) : s->latestCompletedBatch();
        if (b && !b->info.isCompleted()) b = s->latestCompletedBatch(); // a batch under way: not yet
        if (b) {
            m_batch = b->info.batchTime.ms();
            partitions = b->kafka;
            rows = KafkaLogStrip::rowsFor(*s, *b);
            m_metadata = inputMetadataText(*s, *b);
        }
    }
    m_model->setPartitions(std::move(partitions));
    m_strip->setRows(std::move(rows));
    m_summary->setText(summaryText());
    m_group->setText(groupText());
    const QStringList meta = m_metadata.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    m_input->setText(meta.isEmpty() ? QString() : tr("Input metadata: %1").arg(meta.join(QStringLiteral(" · "))));
    updateTooltips();
    bool committed = false;
    for (const auto &p : m_model->partitions()) committed = committed || p.committed.has_value();
    m_note->setText(committed ? tr("CURRENT-OFFSET and LAG are the consumer group's committed offsets, as kafka-consumer-groups "
                                   "shows them. A driver recovered from its checkpoint resumes from the checkpoint's offsets; a "
                                   "new stream of the group starts at the committed ones.")
                              : tr("Nothing is committed to a consumer group, so kafka-consumer-groups shows \"-\": "
                                   "createDirectStream never commits by itself (a program can, with commitAsync after its "
                                   "output); the stream keeps its own offsets, in the checkpoint when it has one. "
                                   "Stream lag: messages in the log the stream has not read yet."));
    m_note->setToolTip(m_note->text());
}

void KafkaView::updateTooltips()
{
    const QString metadata = m_metadata.isEmpty() ? QString() : tr("Input metadata (Spark's batch page):\n%1").arg(m_metadata);
    m_group->setToolTip(m_group->text());
    m_input->setToolTip(metadata);
    QStringList summary{m_summary->text()};
    if (m_compact) summary << m_group->text() << metadata;
    summary.removeAll(QString());
    m_summary->setToolTip(summary.join(QStringLiteral("\n\n")));
}

QString KafkaView::groupText() const
{
    const auto &ps = m_model->partitions();
    if (ps.empty()) return {};
    std::set<std::pair<std::string, std::string>> groups;
    for (const auto &p : ps) groups.emplace(p.group, p.groupState);
    QStringList out;
    for (const auto &[group, state] : groups) {
        const QString g = QString::fromStdString(group);
        if (group.empty()) out << tr("No consumer group (no group.id).");
        // kafka-consumer-groups --describe's own words for an Empty and a Dead group.
        else if (state == "Empty") out << tr("Consumer group '%1' has no active members.").arg(g);
        else if (state == "Dead") out << tr("Consumer group '%1' does not exist.").arg(g);
        else if (state == "Stable") out << tr("Consumer group '%1' is Stable: it has active members.").arg(g);
        else if (state.empty()) out << tr("Consumer group '%1'.").arg(g);
        else out << tr("Consumer group '%1' is %2.").arg(g, QString::fromStdString(state));
    }
    return out.join(QLatin1Char(' '));
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
