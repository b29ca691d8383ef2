// WordCountModel: the (word, count) records of the selected batch's result stream as a table.
#pragma once

#include "snapshotfwd.h"

#include <QAbstractTableModel>

#include <vector>

namespace dsl::ui {

/// Two columns, Word and Count; rows in the order the run gave them (count descending, then
/// word). Sort through a QSortFilterProxyModel: Qt::UserRole holds the raw count.
class WordCountModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { WordColumn, CountColumn, ColumnCount };
    struct Row {
        QString word;
        double count = 0;
        bool operator==(const Row &) const = default;
    };
    using QAbstractTableModel::QAbstractTableModel;

    /// ThisBatch: the batch's own (word, count) records. Totals: the running totals of a state
    /// stream, or the latest window at or before the batch (a window stream outputs only every
    /// slide).
    enum class View { ThisBatch, Totals };

    /// The counts of batch `batchTimeMs` in s (the latest completed batch when unset); an empty
    /// model when there is none.
    void setSnapshot(const RunSnapshotPtr &s, std::optional<qint64> batchTimeMs, View view = View::ThisBatch);
    void setRows(std::vector<Row> rows);
    const std::vector<Row> &rows() const { return m_rows; }
    /// The batch shown, if any.
    std::optional<qint64> batchTime() const { return m_batch; }
    /// "wordCounts" etc.: the stream the counts come from (its id), -1 if none.
    int streamId() const { return m_streamId; }
    /// The program has a totals stream (state or window) in the batch shown or before it.
    bool hasTotals() const { return m_hasTotals; }
    /// Totals view: the batch the window shown was computed at (may precede batchTime()).
    std::optional<qint64> totalsBatchTime() const { return m_totalsBatch; }
    /// When the counts shown are empty (no line arrived in the batch): the latest completed
    /// batch before it that has (word, count) records, for a "show it" link; else nullopt.
    std::optional<qint64> lastBatchWithCounts() const { return m_lastWithCounts; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Row> m_rows;
    std::optional<qint64> m_batch;
    int m_streamId = -1;
    bool m_hasTotals = false;
    std::optional<qint64> m_totalsBatch;
    std::optional<qint64> m_lastWithCounts;
};

} // namespace dsl::ui
