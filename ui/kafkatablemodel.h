// KafkaTableModel: the Kafka partitions a batch read, one row each: the columns of
// `kafka-consumer-groups --describe` (the group's committed offset), then the stream's own (the
// batch's offset range, the offset its checkpoint holds, its lag).
#pragma once

#include "snapshotfwd.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace dsl::ui {

class KafkaTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    /// CurrentOffset and Lag are kafka-consumer-groups': the group's committed offset, "-" with
    /// none (and so no lag). The stream's columns come after them.
    enum Column { Topic, Partition, CurrentOffset, LogEndOffset, Lag, BatchRange, CheckpointOffset, StreamLag, ColumnCount };
    /// Numbers as numbers (the grid sorts on this role).
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit KafkaTableModel(QObject *parent = nullptr);
    /// The partitions of the batch shown (null: none); rows keep their place when the same
    /// partitions come again, so a refresh only changes cells.
    void setPartitions(std::shared_ptr<const std::vector<session::KafkaPartitionSnapshot>> partitions);
    const std::vector<session::KafkaPartitionSnapshot> &partitions() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const std::vector<session::KafkaPartitionSnapshot>> m_partitions;
};

} // namespace dsl::ui
