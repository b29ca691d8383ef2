// The executors of the run, one row each (clusterexecutormodel.h).
#include "clusterexecutormodel.h"

#include "masterspec.h"
#include "sessiontypes.h"
#include "timetext.h"

#include <QStringList>

#include <algorithm>

namespace dsl::ui {

namespace {
/// "kill-executor 1" -> ("kill-executor", "1", ""); "slow-executor 0 4" -> (..., "0", "4").
QStringList words(const std::string &action)
{
    return QString::fromStdString(action).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}
} // namespace

ClusterExecutorModel::ClusterExecutorModel(QObject *parent) : QAbstractTableModel(parent) {}

std::vector<ClusterExecutorModel::Row> ClusterExecutorModel::rowsOf(const RunSnapshot &s)
{
    std::vector<Row> rows;
    const auto master = MasterSpec::parse(QString::fromStdString(s.master));
    const bool local = s.executors.size() == 1 && s.executors.front() == "driver";
    int cores = 0;
    if (master && master->mode == MasterSpec::Mode::LocalCluster) cores = master->coresPerExecutor;
    else if (local) cores = s.cores;
    else if (!s.executors.empty()) cores = s.cores / static_cast<int>(s.executors.size());
    for (const std::string &id : s.executors) rows.push_back(Row{QString::fromStdString(id), true, cores, 0, 1, std::nullopt});
    auto find = [&](const QString &id) {
        return std::find_if(rows.begin(), rows.end(), [&](const Row &r) { return r.id == id; });
    };
    // What the run's faults did to them (oldest first, so the latest slow-down wins).
    for (const FaultReport &f : s.faults) {
        if (!f.applied) continue;
        const QStringList w = words(f.action);
        if (w.size() < 2) continue;
        const QString id = local && w[1] == QLatin1String("0") ? QStringLiteral("driver") : w[1];
        if (w[0] == QLatin1String("slow-executor") && w.size() >= 3) {
            if (auto r = find(id); r != rows.end()) r->slowFactor = w[2].toDouble();
        } else if (w[0] == QLatin1String("kill-executor") && find(id) == rows.end()) {
            rows.push_back(Row{id, false, cores, 0, 1, f.time.ms()});
        }
    }
    // The tasks of the latest completed batch, by the executor that ran them.
    if (const BatchSnapshot *b = s.latestCompletedBatch(); b && b->jobs)
        for (const JobInfo &j : *b->jobs)
            for (const TaskInfo &t : j.tasks)
                if (auto r = find(QString::fromStdString(t.executor)); r != rows.end()) ++r->tasks;
    return rows;
}

void ClusterExecutorModel::setSnapshot(const RunSnapshot *s)
{
    std::vector<Row> rows = s ? rowsOf(*s) : std::vector<Row>{};
    if (rows == m_rows) return;
    const bool sameExecutors = rows.size() == m_rows.size() &&
                               std::equal(rows.begin(), rows.end(), m_rows.begin(), [](const Row &a, const Row &b) { return a.id == b.id; });
    if (!sameExecutors) {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
        return;
    }
    m_rows = std::move(rows);
    emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void ClusterExecutorModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_rows.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QString ClusterExecutorModel::stateText(const Row &r)
{
    if (!r.alive) return tr("lost at %1").arg(r.lostAtMs ? clockText(*r.lostAtMs, true) : QStringLiteral("?"));
    if (r.slowFactor != 1) return tr("slow: tasks take %1× as long").arg(r.slowFactor);
    return tr("alive");
}

int ClusterExecutorModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int ClusterExecutorModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ClusterExecutorModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Executor: return r.id == QLatin1String("driver") ? tr("driver (local mode)") : r.id;
        case State: return stateText(r);
        case Cores: return r.cores;
        case Tasks: return r.alive ? QVariant(r.tasks) : QVariant();
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Cores || index.column() == Tasks))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::UserRole) return r.id;
    return {};
}

QVariant ClusterExecutorModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Executor: return tr("Executor");
        case State: return tr("State");
        case Cores: return tr("Cores");
        case Tasks: return tr("Tasks (latest batch)");
        case Actions: return tr("Break it");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole && section == Tasks)
        return tr("Task attempts the executor ran in the latest completed batch");
    return {};
}

} // namespace dsl::ui
