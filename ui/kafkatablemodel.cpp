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
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case Topic: return QString::fromStdString(p.topic);
        case Partition: return number(p.partition);
        case BatchRange:
            // OffsetRange's [from -> until] as PySpark prints it, and the sort by where it starts.
            return role == SortRole ? QVariant(qint64(p.from)) : QVariant(QStringLiteral("%1 → %2").arg(p.from).arg(p.until));
        case Messages: return number(p.until - p.from);
        case CurrentOffset: return number(p.until);
        case LogEndOffset: return number(p.logEnd);
        case Lag: return number(p.lag());
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() != Topic) return int(Qt::AlignRight | Qt::AlignVCenter);
    // Translucent, so that it reads on the light and the dark theme alike: messages left behind.
    if (role == Qt::BackgroundRole && index.column() == Lag && p.lag() > 0) return QColor(245, 158, 11, 70);
    if (role == Qt::ToolTipRole && index.column() == BatchRange)
        return tr("The batch read offsets %1 to %2 of %3-%4 (its OffsetRange; the last one excluded)")
            .arg(p.from)
            .arg(p.until)
            .arg(QString::fromStdString(p.topic))
            .arg(p.partition);
    return {};
}

QVariant KafkaTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= ColumnCount) return {};
    switch (section) {
    case Topic: return tr("Topic");
    case Partition: return tr("Partition");
    case BatchRange: return tr("This batch read");
    case Messages: return tr("Messages");
    case CurrentOffset: return tr("Current offset");
    case LogEndOffset: return tr("Log end offset");
    case Lag: return tr("Lag");
    default: return {};
    }
}

} // namespace dsl::ui
