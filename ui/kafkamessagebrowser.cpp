// KafkaMessageBrowser: the query bar over a KafkaMessageModel grid.
#include "kafkamessagebrowser.h"

#include "batchselection.h"
#include "sessiontypes.h"
#include "simulationcontroller.h"
#include "sortedgrid.h"
#include "theme.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTimeEdit>
#include <QVBoxLayout>

#include <limits>

namespace dsl::ui {

using Mode = KafkaMessageModel::Mode;

KafkaMessageBrowser::KafkaMessageBrowser(SimulationController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_readLabel(new QLabel), m_mode(new QComboBox), m_offset(new QSpinBox),
      m_time(new QTimeEdit), m_partitions(new QComboBox), m_count(new QLabel), m_command(new QLabel), m_grid(new QTableView),
      m_model(new KafkaMessageModel(this)), m_sorted(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("kafkaMessages"));
    m_mode->setObjectName(QStringLiteral("kafkaMessageMode"));
    m_partitions->setObjectName(QStringLiteral("kafkaMessagePartition"));
    m_offset->setRange(0, std::numeric_limits<int>::max());
    m_time->setDisplayFormat(QStringLiteral("HH:mm:ss.zzz"));
    m_command->setTextInteractionFlags(Qt::TextSelectableByMouse);
    for (QLabel *l : {m_count, m_command}) l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    setUpSortedGrid(m_grid, m_sorted, m_model, KafkaMessageModel::SortRole, QStringLiteral("kafkaMessageGrid"));
    m_grid->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_grid->horizontalHeader()->setSectionResizeMode(KafkaMessageModel::Value, QHeaderView::Stretch);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->setSpacing(4);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_readLabel);
    bar->addWidget(m_mode);
    bar->addWidget(m_offset);
    bar->addWidget(m_time);
    bar->addWidget(m_partitions);
    bar->addWidget(m_count, 1);
    layout->addLayout(bar);
    layout->addWidget(m_command);
    layout->addWidget(m_grid, 1);

    connect(m_mode, &QComboBox::activated, this, &KafkaMessageBrowser::applyQuery);
    connect(m_partitions, &QComboBox::activated, this, &KafkaMessageBrowser::applyQuery);
    connect(m_offset, &QSpinBox::valueChanged, this, &KafkaMessageBrowser::applyQuery);
    connect(m_time, &QTimeEdit::timeChanged, this, &KafkaMessageBrowser::applyQuery);
    connect(controller, &SimulationController::snapshotChanged, this, &KafkaMessageBrowser::refresh);
    connect(controller->selection(), &BatchSelection::changed, this, &KafkaMessageBrowser::refresh);
    connect(controller, &SimulationController::themeChanged, this, &KafkaMessageBrowser::applyTheme);
    retranslateUi();
    applyTheme();
}

void KafkaMessageBrowser::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QWidget::changeEvent(event);
}

void KafkaMessageBrowser::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale) refresh();
}

void KafkaMessageBrowser::retranslateUi()
{
    m_readLabel->setText(tr("Read"));
    const int at = m_mode->currentIndex();
    m_mode->clear();
    m_mode->addItem(tr("from the beginning"), int(Mode::FromBeginning));
    m_mode->addItem(tr("from an offset"), int(Mode::FromOffset));
    m_mode->addItem(tr("from a time"), int(Mode::FromTime));
    m_mode->addItem(tr("newest only"), int(Mode::Newest));
    m_mode->setCurrentIndex(std::max(0, at));
    m_offset->setPrefix(tr("offset "));
    if (m_partitions->count() > 0) m_partitions->setItemText(0, tr("all partitions"));
    applyQuery();
}

void KafkaMessageBrowser::applyTheme()
{
    const Theme &t = m_controller->theme();
    for (QWidget *w : std::initializer_list<QWidget *>{m_readLabel, m_mode, m_offset, m_time, m_partitions, m_count})
        w->setFont(t.font(0.95));
    m_command->setFont(t.monoFont(0.85));
    QPalette muted = m_command->palette();
    muted.setColor(QPalette::WindowText, t.mutedText);
    m_command->setPalette(muted);
    m_grid->setFont(t.font(0.95));
    m_grid->horizontalHeader()->setFont(t.font(0.95, true));
    m_grid->verticalHeader()->setDefaultSectionSize(static_cast<int>(t.px(22)));
}

void KafkaMessageBrowser::refresh()
{
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_stale = false;
    m_model->setSnapshot(m_controller->snapshot(), m_controller->selection()->batchTime());
    // The filter: every topic and partition that has a message, the choice kept while it exists.
    const QVariant chosen = m_partitions->currentData();
    QList<QPair<QString, QVariant>> items{{tr("all partitions"), QVariant()}};
    std::string lastTopic;
    for (const auto &[topic, partition] : m_model->partitions()) {
        const QString t = QString::fromStdString(topic);
        if (topic != lastTopic) items.append({tr("topic %1").arg(t), QVariantList{t, -1}});
        items.append({QStringLiteral("%1-%2").arg(t).arg(partition), QVariantList{t, partition}});
        lastTopic = topic;
    }
    bool same = items.size() == m_partitions->count();
    for (int i = 0; same && i < items.size(); ++i) same = m_partitions->itemData(i) == items[i].second;
    if (!same) {
        m_partitions->clear();
        for (const auto &[text, data] : items) m_partitions->addItem(text, data);
        m_partitions->setCurrentIndex(std::max(0, m_partitions->findData(chosen)));
    }
    // A time to start from: the batch shown's, until one is chosen.
    if (m_model->shownBatch() && m_time->time() == QTime(0, 0))
        m_time->setTime(QDateTime::fromMSecsSinceEpoch(*m_model->shownBatch() - m_controller->snapshot()->batchInterval.ms()).time());
    applyQuery();
}

void KafkaMessageBrowser::applyQuery()
{
    KafkaMessageModel::Query q;
    q.mode = static_cast<Mode>(m_mode->currentData().toInt());
    q.offset = m_offset->value();
    if (m_model->shownBatch()) {
        QDateTime day = QDateTime::fromMSecsSinceEpoch(*m_model->shownBatch());
        day.setTime(m_time->time());
        q.timeMs = day.toMSecsSinceEpoch();
    }
    const QVariantList tp = m_partitions->currentData().toList();
    if (tp.size() == 2) {
        q.topic = tp[0].toString().toStdString();
        q.partition = tp[1].toInt();
    }
    m_offset->setVisible(q.mode == Mode::FromOffset);
    m_time->setVisible(q.mode == Mode::FromTime);
    m_model->setQuery(q);
    m_count->setText(countText());
    m_count->setToolTip(m_count->text());
    // The command names the topic when the program reads one, whatever the filter.
    KafkaMessageModel::Query named = q;
    if (const auto tps = m_model->partitions(); named.topic.empty() && !tps.empty() && tps.front().first == tps.back().first)
        named.topic = tps.front().first;
    const QString command = consoleCommand(named);
    m_command->setText(command.isEmpty() ? tr("(kafka-console-consumer has no option to start at a time; a consumer seeks with "
                                              "offsetsForTimes)")
                                         : QStringLiteral("$ ") + command);
    m_command->setToolTip(m_command->text());
}

QString KafkaMessageBrowser::countText() const
{
    const int shown = m_model->rowCount(), matching = m_model->matching();
    QString text = tr("%n message(s)", nullptr, matching);
    if (shown < matching) text += QLatin1Char(' ') + tr("(the first %1 shown)").arg(shown);
    if (const int read = m_model->readByShown(); read > 0)
        text += QStringLiteral(" · ") + tr("%n read by the batch shown (marked)", nullptr, read);
    return text;
}

QString KafkaMessageBrowser::consoleCommand(const KafkaMessageModel::Query &q)
{
    if (q.mode == Mode::FromTime) return {};
    QString c = QStringLiteral("kafka-console-consumer --bootstrap-server localhost:9092");
    c += QStringLiteral(" --topic ") + (q.topic.empty() ? QStringLiteral("TOPIC") : QString::fromStdString(q.topic));
    // --offset needs one partition.
    if (q.partition >= 0 || q.mode == Mode::FromOffset)
        c += QStringLiteral(" --partition ") + (q.partition >= 0 ? QString::number(q.partition) : QStringLiteral("N"));
    if (q.mode == Mode::FromBeginning) c += QStringLiteral(" --from-beginning");
    if (q.mode == Mode::FromOffset) c += QStringLiteral(" --offset %1").arg(q.offset);
    c += QStringLiteral(" --property print.key=true");
    return c;
}

} // namespace dsl::ui
