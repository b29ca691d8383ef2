// KafkaMessageModel: the messages of the retained batches, as kafka-console-consumer would print
// them from the beginning, from an offset, from a time or only the newest; the rows the batch
// shown read are marked.
#pragma once

#include "snapshotfwd.h"

#include <QAbstractTableModel>

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace dsl::session {
struct KafkaMessageSnapshot;
}

namespace dsl::ui {

class KafkaMessageModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Partition, Offset, Time, Key, Value, ReadBy, ColumnCount };
    /// Where reading starts, as kafka-console-consumer's options say it.
    enum class Mode {
        FromBeginning, ///< --from-beginning: every message still retained
        FromOffset,    ///< --offset N: offsets from N on, in each partition shown
        FromTime,      ///< CreateTime at or after a time (the offsets for a time, offsetsForTimes)
        Newest,        ///< the default, latest: only what was appended since the previous batch
    };
    struct Query {
        Mode mode = Mode::FromBeginning;
        qint64 offset = 0; ///< FromOffset
        qint64 timeMs = 0; ///< FromTime, ms since the epoch
        std::string topic; ///< empty: every topic
        int partition = -1;///< -1: every partition (of the topic)
        bool operator==(const Query &) const = default;
    };
    static constexpr int SortRole = Qt::UserRole + 1;
    /// true on the rows the batch shown read (its offset ranges).
    static constexpr int ReadByShownRole = Qt::UserRole + 2;
    /// A long run holds many messages: at most this many rows (the first that match).
    static constexpr int kMaxRows = 2000;

    explicit KafkaMessageModel(QObject *parent = nullptr);
    /// The messages appended up to the batch shown (batchMs; nullopt: the latest completed
    /// batch), gathered from each batch's kafkaMessages. Keeps `s` alive while shown.
    void setSnapshot(RunSnapshotPtr s, std::optional<qint64> batchMs);
    void setQuery(const Query &q);
    const Query &query() const { return m_query; }
    /// Messages that match the query (rows shown: at most kMaxRows of them).
    int matching() const { return m_matching; }
    /// Rows the batch shown read.
    int readByShown() const;
    /// Every (topic, partition) with a message, in order.
    std::vector<std::pair<std::string, int>> partitions() const;
    std::optional<qint64> shownBatch() const { return m_batch; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Entry {
        const session::KafkaMessageSnapshot *message;
        qint64 appendedBy; ///< the batch whose capture first held it, ms
        bool operator==(const Entry &) const = default;
    };
    struct Read {
        qint64 from, until, batchMs;
    };
    void rebuild();
    std::optional<qint64> readBy(const session::KafkaMessageSnapshot &m) const;

    RunSnapshotPtr m_snapshot;
    std::optional<qint64> m_batch;
    Query m_query;
    std::vector<Entry> m_all;            ///< by CreateTime, topic, partition, offset
    std::map<std::pair<std::string, int>, std::vector<Read>> m_reads; ///< each partition's ranges, oldest first
    std::vector<Entry> m_rows;        ///< the snapshot's messages stay put: a refresh compares them
    int m_matching = 0;
};

} // namespace dsl::ui
