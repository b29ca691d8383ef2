// ExperimentTableModel: the configurations' summaries as rows, numbers right-aligned.
#include "experimenttablemodel.h"

#include <QLocale>

namespace dsl::ui {

using experiment::Stability;
using State = ExperimentResult::State;

ExperimentTableModel::ExperimentTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void ExperimentTableModel::setResults(const QList<ExperimentResult> &results)
{
    bool sameRows = results.size() == m_results.size();
    for (qsizetype i = 0; sameRows && i < results.size(); ++i) sameRows = results[i].name == m_results[i].name;
    if (!sameRows) {
        beginResetModel();
        m_results = results;
        endResetModel();
        return;
    }
    m_results = results;
    if (!m_results.isEmpty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void ExperimentTableModel::setColors(const QColor &ok, const QColor &bad)
{
    m_ok = ok;
    m_bad = bad;
    if (!m_results.isEmpty()) emit dataChanged(index(0, Verdict), index(rowCount() - 1, Verdict), {Qt::ForegroundRole});
}

void ExperimentTableModel::retranslate()
{
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_results.isEmpty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int ExperimentTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_results.size());
}

int ExperimentTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ExperimentTableModel::verdictText(const ExperimentResult &r)
{
    switch (r.state) {
    case State::Waiting: return tr("waiting");
    case State::Running: return tr("running…");
    case State::Canceled: return tr("canceled");
    case State::Failed: return tr("failed: %1").arg(r.error);
    case State::Done: break;
    }
    switch (r.summary.verdict.stability) {
    case Stability::Stable: return tr("stable");
    case Stability::Unstable: return tr("unstable");
    case Stability::Unknown: break;
    }
    return tr("unknown (too few batches)");
}

QVariant ExperimentTableModel::display(const ExperimentResult &r, int column) const
{
    if (column == Configuration) return r.name;
    if (column == Verdict) return verdictText(r);
    if (column == Fingerprint) return r.fingerprint;
    if (r.state != State::Done) return {};
    const experiment::RunSummary &s = r.summary;
    const QLocale l;
    const auto ms = [&](double v) { return l.toString(v, 'f', 1); };
    switch (column) {
    case Batches: return l.toString(static_cast<qulonglong>(s.batches));
    case Records: return l.toString(static_cast<qlonglong>(s.records));
    case Throughput: return l.toString(s.throughput, 'f', 0);
    case ProcessingMean: return ms(s.meanProcessingMs);
    case ProcessingMax: return l.toString(static_cast<qlonglong>(s.maxProcessingMs));
    case SchedulingMean: return ms(s.meanSchedulingMs);
    case SchedulingMax: return l.toString(static_cast<qlonglong>(s.maxSchedulingMs));
    case SchedulingLast: return l.toString(static_cast<qlonglong>(s.lastSchedulingMs));
    case TotalMean: return ms(s.meanTotalMs);
    default: return {};
    }
}

QVariant ExperimentTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const ExperimentResult &r = m_results[index.row()];
    const int c = index.column();
    switch (role) {
    case Qt::DisplayRole: return display(r, c);
    case Qt::ToolTipRole: return c == Verdict && r.state == State::Failed ? QVariant(r.error) : QVariant();
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(c >= Batches && c <= TotalMean ? Qt::AlignRight | Qt::AlignVCenter
                                                                  : Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::ForegroundRole: {
        if (c != Verdict) return {};
        const bool bad = r.state == State::Failed ||
                         (r.state == State::Done && r.summary.verdict.stability == Stability::Unstable);
        const bool good = r.state == State::Done && r.summary.verdict.stability == Stability::Stable;
        const QColor color = bad ? m_bad : good ? m_ok : QColor();
        return color.isValid() ? QVariant(color) : QVariant();
    }
    default: return {};
    }
}

QVariant ExperimentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Configuration: return tr("Configuration");
    case Verdict: return tr("Verdict");
    case Batches: return tr("Batches");
    case Records: return tr("Records");
    case Throughput: return tr("Records/s");
    case ProcessingMean: return tr("Processing\nmean (ms)");
    case ProcessingMax: return tr("Processing\nmax (ms)");
    case SchedulingMean: return tr("Scheduling delay\nmean (ms)");
    case SchedulingMax: return tr("Scheduling delay\nmax (ms)");
    case SchedulingLast: return tr("Scheduling delay\nlast (ms)");
    case TotalMean: return tr("Total delay\nmean (ms)");
    case Fingerprint: return tr("Fingerprint");
    default: return {};
    }
}

} // namespace dsl::ui
