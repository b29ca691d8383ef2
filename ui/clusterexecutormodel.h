// ClusterExecutorModel: the executors of the run for the cluster dialog, one row each: the live
// ones (RunSnapshot::executors) and those lost to a kill-executor fault the run still reports,
// with their state, cores and the tasks they ran in the latest completed batch.
#pragma once

#include "snapshotfwd.h"

#include <QAbstractTableModel>
#include <QString>

#include <optional>
#include <vector>

namespace dsl::ui {

class ClusterExecutorModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Executor, State, Cores, Tasks, Actions, ColumnCount };

    /// One executor as a row shows it.
    struct Row {
        QString id;                       ///< "driver" in local mode, "0", "1", ...
        bool alive = true;
        int cores = 0;
        int tasks = 0;                    ///< task attempts it ran in the latest completed batch
        double slowFactor = 1;            ///< a slow-executor fault's factor (1: not slowed)
        std::optional<qint64> lostAtMs;   ///< when a kill-executor fault killed it
        bool operator==(const Row &) const = default;
    };

    explicit ClusterExecutorModel(QObject *parent = nullptr);

    /// The rows of a snapshot: live executors in the scheduler's order, then the lost ones in
    /// the order they were killed. Cores from the master (local[N]: N on the driver's executor;
    /// local-cluster[E,C,M]: C each), else the run's cores shared evenly.
    static std::vector<Row> rowsOf(const RunSnapshot &s);
    /// Takes a snapshot's rows (null: none); the same executors keep their rows (changed cells
    /// are reported), others reset the model.
    void setSnapshot(const RunSnapshot *s);
    const std::vector<Row> &rows() const { return m_rows; }
    /// The language changed: headers and cells are worded again.
    void retranslate();

    /// The state cell's words: "alive", "slow: tasks take 4× as long", "lost at 10:00:03".
    static QString stateText(const Row &r);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Row> m_rows;
};

} // namespace dsl::ui
