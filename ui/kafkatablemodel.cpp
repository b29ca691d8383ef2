// KafkaTableModel: partitions from the batch's KafkaPartitionSnapshot values.
#include "kafkatablemodel.h"

#include "sessiontypes.h"

#include <QColor>

namespace dsl::ui {

namespace {
const std::vector<session::KafkaPartitionSnapshot> kNone;
}

KafkaTableModel::KafkaTableModel(QObject *parent) : QAbstractTableModel(parent) {}

const std::vector<session::KafkaPartitionSnapshot> &KafkaTableModel::partitions() const
{
    return m_partitions ? *m_partitions : kNone;
}

void KafkaTableModel::setPartitions(std::shared_ptr<const std::vector<session::KafkaPartitionSnapshot>> partitions)
{
    const auto &before = this->partitions();
    const auto &after = partitions ? *partitions : kNone;
    bool sameRows = before.size() == after.size();
    for (std::size_t i = 0; sameRows && i < after.size(); ++i)
        sameRows = before[i].streamId == after[i].streamId && before[i].topic == after[i].topic &&
                   before[i].partition == after[i].partition;
    if (!sameRows) {
        beginResetModel();
        m_partitions = std::move(partitions);
        endResetModel();
        return;
    }
    m_partitions = std::move(partitions);
    if (!after.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int KafkaTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(partitions().size());
}

int KafkaTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant KafkaTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount) return {};
    const session::KafkaPartitionSnapshot &p = partitions()[static_cast<std::size_t>(index.row())];
    const auto number = [&](std::int64_t v) -> QVariant {
        return role == SortRole ? QVariant(qint64(v)) : QVariant(QString::number(v));
    };
    const auto none = [&]() -> QVariant { return role == SortRole ? QVariant(qint64(-1)) : QVariant(QStringLiteral("-")); };
    // LAG exists only against a committed offset.
    const bool hasLag = p.committed.has_value();
    const std::int64_t lag = hasLag ? p.logEnd - *p.committed : 0;
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case Topic: return QString::fromStdString(p.topic);
        case Partition: return number(p.partition);
        // kafka-consumer-groups: "-" where the group has committed nothing.
        case CurrentOffset: return p.committed ? number(*p.committed) : none();
        case LogEndOffset: return number(p.logEnd);
        case Lag: return hasLag ? number(lag) : none();
        case BatchRange:
            // OffsetRange's [from -> until] as PySpark prints it, and the sort by where it starts.
            return role == SortRole ? QVariant(qint64(p.from)) : QVariant(QStringLiteral("%1 → %2").arg(p.from).arg(p.until));
        // A receiver's consumer keeps its place in the group, never in the checkpoint.
        case CheckpointOffset: return p.checkpointed && !p.receiver ? number(p.until) : none();
        case StreamLag: return number(p.lag());
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != Topic) return int(Qt::AlignRight | Qt::AlignVCenter);
    // Translucent, so that it reads on the light and the dark theme alike: messages left behind.
    if (role == Qt::BackgroundRole && ((index.column() == StreamLag && p.lag() > 0) || (index.column() == Lag && hasLag && lag > 0)))
        return QColor(245, 158, 11, 70);
    if (role == Qt::ToolTipRole) {
        const QString tp = QStringLiteral("%1-%2").arg(QString::fromStdString(p.topic)).arg(p.partition);
        switch (index.column()) {
        case BatchRange:
            if (p.receiver)
                return tr("The receiver's consumer took offsets %1 to %2 of %3 since the previous batch: they reach the "
                          "batches as blocks, not as an offset range")
                    .arg(p.from)
                    .arg(p.until)
                    .arg(tp);
            return tr("The batch read offsets %1 to %2 of %3 (its OffsetRange; the last one excluded): %n message(s)", nullptr,
                      static_cast<int>(p.until - p.from))
                .arg(p.from)
                .arg(p.until)
                .arg(tp);
        case CurrentOffset:
        case Lag:
            if (p.group.empty()) return tr("The stream has no group.id: no group commits offsets for it");
            return p.committed ? tr("Group '%1' committed offset %2 for %3").arg(QString::fromStdString(p.group)).arg(*p.committed).arg(tp)
                               : tr("Group '%1' has committed nothing for %2").arg(QString::fromStdString(p.group), tp);
        case CheckpointOffset:
            if (p.receiver)
                return tr("A receiver (createStream) keeps no offsets in the checkpoint: its consumer resumes where the "
                          "group committed");
            return p.checkpointed ? tr("The checkpoint holds the stream's offset %1: a restarted driver resumes there").arg(p.until)
                                  : tr("No ssc.checkpoint: the stream's offset %1 is in the driver's memory only").arg(p.until);
        default: return {};
        }
    }
    return {};
}

QVariant KafkaTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Topic: return tr("TOPIC");
        case Partition: return tr("PARTITION");
        case CurrentOffset: return tr("CURRENT-OFFSET");
        case LogEndOffset: return tr("LOG-END-OFFSET");
        case Lag: return tr("LAG");
        case BatchRange: return tr("Batch read");
        case CheckpointOffset: return tr("Checkpoint");
        case StreamLag: return tr("Stream lag");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case CurrentOffset: return tr("kafka-consumer-groups --describe: the offset the consumer group committed (\"-\": none)");
        case LogEndOffset: return tr("The offset the next message appended to the partition gets");
        case Lag: return tr("kafka-consumer-groups --describe: LOG-END-OFFSET minus CURRENT-OFFSET (\"-\": nothing committed)");
        case BatchRange: return tr("The stream's own: the offset range the batch read, [from, until)");
        case CheckpointOffset: return tr("The stream's own: the offset after the batch, as its checkpoint holds it (\"-\": no ssc.checkpoint)");
        case StreamLag: return tr("The stream's own: messages in the log it has not read (LOG-END-OFFSET minus its offset)");
        default: return {};
        }
    }
    return {};
}

} // namespace dsl::ui
