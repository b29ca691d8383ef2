// BatchTableModel: one of the Streaming tab's batch tables (waiting, running or completed), with
// the columns of Spark's AllBatchesTable (streaming/ui/AllBatchesTable.scala), newest first.
#pragma once

#include "snapshotfwd.h"

#include <QAbstractTableModel>
#include <QColor>

#include <memory>
#include <optional>
#include <vector>

namespace dsl::ui {

class BatchTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    /// Waiting: submitted, not started; Running: started, not completed; Completed.
    enum class Kind { Waiting, Running, Completed };
    enum Column { BatchTime, Records, SchedulingDelay, ProcessingTime, TotalDelay, OutputOps, Status, Error };
    static constexpr int BatchTimeRole = Qt::UserRole + 1; ///< the row's batch time, ms (qint64)
    static constexpr int SelectedRole = Qt::UserRole + 2;  ///< the row is the selected batch (bool)
    static constexpr int FailedRole = Qt::UserRole + 3;    ///< an output operation failed (bool)

    explicit BatchTableModel(Kind kind, QObject *parent = nullptr);
    Kind kind() const { return m_kind; }
    /// The columns of this kind's table, as Spark orders them: the completed table has Total
    /// Delay and no Status; the waiting and running tables a Status and no Total Delay.
    const std::vector<Column> &columns() const { return m_columns; }
    int columnOf(Column c) const;

    /// Takes this kind's batches of the snapshot's history. Rows that stay keep their place
    /// (inserted and removed in runs, changed cells reported per row); a new run resets.
    void setSnapshot(const RunSnapshot &s);
    void setSelectedBatch(std::optional<qint64> batchMs);
    /// The selected row's ground and the error text's colour (from the theme).
    void setColors(const QColor &highlight, const QColor &error);
    /// The language changed: headers and cells are worded again.
    void retranslate();
    std::optional<int> rowOf(qint64 batchMs) const;
    qint64 batchTimeAt(int row) const { return m_rows[static_cast<std::size_t>(row)].ms; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Whether a batch belongs in a table of this kind.
    static bool belongs(Kind kind, const BatchSnapshot &b);

private:
    struct Row {
        qint64 ms = 0;
        std::shared_ptr<const BatchSnapshot> batch;
    };
    QVariant display(const Row &r, Column c) const;

    Kind m_kind;
    std::vector<Column> m_columns;
    std::vector<Row> m_rows; ///< newest first
    std::uint64_t m_runId = 0;
    bool m_hasRun = false;
    qint64 m_intervalMs = 1000;
    std::optional<qint64> m_selected;
    QColor m_highlight = QColor(0xBF, 0xDB, 0xFE), m_error = QColor(0xD5, 0x5E, 0x00);
};

} // namespace dsl::ui
