// KafkaMessageModel: rows from the batches' KafkaMessageSnapshot values, chosen by the query.
#include "kafkamessagemodel.h"

#include "sessiontypes.h"
#include "timetext.h"

#include <QColor>
#include <QFont>

#include <algorithm>
#include <limits>
#include <tuple>

namespace dsl::ui {

KafkaMessageModel::KafkaMessageModel(QObject *parent) : QAbstractTableModel(parent) {}

void KafkaMessageModel::setSnapshot(RunSnapshotPtr s, std::optional<qint64> batchMs)
{
    m_snapshot = std::move(s);
    m_batch.reset();
    m_all.clear();
    m_reads.clear();
    if (m_snapshot) {
        const RunSnapshot &snap = *m_snapshot;
        const BatchSnapshot *shown = batchMs ? snap.batch(SimTime(*batchMs)) : snap.latestCompletedBatch();
        if (shown && !shown->info.isCompleted()) shown = snap.latestCompletedBatch();
        if (shown) {
            m_batch = shown->info.batchTime.ms();
            // The log as the batch shown left it: what later batches appended or read is not there yet.
            for (auto it = snap.batches.begin(); it != snap.batches.end() && it->first.ms() <= *m_batch; ++it) {
                const BatchSnapshot &b = *it->second;
                if (b.kafkaMessages)
                    for (const auto &m : *b.kafkaMessages) m_all.push_back({&m, it->first.ms()});
                if (b.kafka && b.info.isCompleted())
                    for (const auto &p : *b.kafka)
                        if (p.until > p.from) m_reads[{p.topic, p.partition}].push_back({p.from, p.until, it->first.ms()});
            }
            std::stable_sort(m_all.begin(), m_all.end(), [](const Entry &a, const Entry &b) {
                return std::tie(a.message->time, a.message->topic, a.message->partition, a.message->offset) <
                       std::tie(b.message->time, b.message->topic, b.message->partition, b.message->offset);
            });
        }
    }
    rebuild();
}

void KafkaMessageModel::setQuery(const Query &q)
{
    if (q == m_query) return;
    m_query = q;
    rebuild();
}

void KafkaMessageModel::rebuild()
{
    std::vector<Entry> rows;
    int matching = 0;
    for (const Entry &e : m_all) {
        const session::KafkaMessageSnapshot &m = *e.message;
        if (!m_query.topic.empty() && m.topic != m_query.topic) continue;
        if (m_query.partition >= 0 && m.partition != m_query.partition) continue;
        switch (m_query.mode) {
        case Mode::FromBeginning: break;
        case Mode::FromOffset:
            if (m.offset < m_query.offset) continue;
            break;
        case Mode::FromTime:
            if (m.time.ms() < m_query.timeMs) continue;
            break;
        case Mode::Newest:
            if (!m_batch || e.appendedBy != *m_batch) continue;
            break;
        }
        ++matching;
        if (rows.size() < static_cast<std::size_t>(kMaxRows)) rows.push_back(e);
    }
    m_matching = matching;
    if (rows == m_rows) {
        // Same messages (the same snapshot's values): only the marks may differ.
        if (!m_rows.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

std::optional<qint64> KafkaMessageModel::readBy(const session::KafkaMessageSnapshot &m) const
{
    const auto it = m_reads.find({m.topic, m.partition});
    if (it == m_reads.end()) return std::nullopt;
    for (const Read &r : it->second)
        if (m.offset >= r.from && m.offset < r.until) return r.batchMs;
    return std::nullopt;
}

int KafkaMessageModel::readByShown() const
{
    if (!m_batch) return 0;
    return static_cast<int>(std::count_if(m_rows.begin(), m_rows.end(), [&](const Entry &e) { return readBy(*e.message) == m_batch; }));
}

std::vector<std::pair<std::string, int>> KafkaMessageModel::partitions() const
{
    std::vector<std::pair<std::string, int>> out;
    for (const Entry &e : m_all) out.emplace_back(e.message->topic, e.message->partition);
    for (const auto &[tp, reads] : m_reads) out.push_back(tp);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

int KafkaMessageModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int KafkaMessageModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KafkaMessageModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const session::KafkaMessageSnapshot &m = *m_rows[static_cast<std::size_t>(index.row())].message;
    const std::optional<qint64> by = readBy(m);
    const bool shown = by && by == m_batch;
    if (role == ReadByShownRole) return shown;
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool sort = role == SortRole;
        switch (index.column()) {
        case Partition:
            return sort ? QVariant(QStringLiteral("%1\x1f%2").arg(QString::fromStdString(m.topic)).arg(m.partition, 6, 10, QLatin1Char('0')))
                        : QVariant(QStringLiteral("%1-%2").arg(QString::fromStdString(m.topic)).arg(m.partition));
        case Offset: return sort ? QVariant(qint64(m.offset)) : QVariant(QString::number(m.offset));
        case Time: return sort ? QVariant(qint64(m.time.ms())) : QVariant(clockText(m.time.ms(), true));
        // kafka-console-consumer's print.key=true prints a null key as "null".
        case Key: return m.key ? QString::fromStdString(*m.key) : QStringLiteral("null");
        case Value: return QString::fromStdString(m.value);
        case ReadBy:
            if (sort) return by ? QVariant(qint64(*by)) : QVariant(std::numeric_limits<qint64>::max());
            return by ? clockText(*by) : tr("not yet");
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Offset || index.column() == Time))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == Key && !m.key) return QColor(128, 128, 128);
    // Translucent, so that it reads on the light and the dark theme alike.
    if (role == Qt::BackgroundRole && shown) return QColor(86, 180, 233, 90);
    if (role == Qt::FontRole && shown) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::ToolTipRole && index.column() == ReadBy)
        return by ? (shown ? tr("The batch shown read this message") : tr("Batch %1 read this message").arg(clockText(*by)))
                  : tr("No batch up to the one shown has read this message yet");
    return {};
}

QVariant KafkaMessageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount) return {};
    switch (section) {
    case Partition: return tr("Partition");
    case Offset: return tr("Offset");
    case Time: return tr("CreateTime");
    case Key: return tr("Key");
    case Value: return tr("Value");
    case ReadBy: return tr("Read by batch");
    default: return {};
    }
}

} // namespace dsl::ui
