// The Provenance tab's tables (provenancemodels.h).
#include "provenancemodels.h"

#include "app/session/provenance.h"
#include "app/session/runsnapshot.h"
#include "programtext.h"
#include "timetext.h"

#include <algorithm>

namespace dsl::ui {

QString streamLabel(const RunSnapshot &s, int streamId, const ProgramText *program)
{
    const StreamSnapshot *st = s.stream(streamId);
    if (!st) return QObject::tr("stream %1").arg(streamId);
    QString op = QString::fromStdString(st->opName);
    // The variable names the last stream its line makes (`pairs = lines.flatMap(...).map(...)`
    // holds the map): an earlier one on the line goes by its operator alone.
    const bool lastOnLine = std::none_of(s.streams.begin(), s.streams.end(), [&](const StreamSnapshot &o) {
        return o.id > st->id && !o.isOutput && o.line() == st->line();
    });
    if (program && lastOnLine)
        if (const QString name = program->variableName(*st); !name.isEmpty() && name != op) op = name + QStringLiteral(": ") + op;
    const int line = st->line();
    return line > 0 ? QObject::tr("%1 (line %2)").arg(op).arg(line) : op;
}

ProvenanceLinesModel::ProvenanceLinesModel(QObject *parent) : QAbstractTableModel(parent) {}

void ProvenanceLinesModel::setTrace(RunSnapshotPtr s, std::shared_ptr<const session::ProvenanceTrace> trace)
{
    beginResetModel();
    m_snapshot = std::move(s);
    m_trace = std::move(trace);
    endResetModel();
}

int ProvenanceLinesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_trace ? 0 : static_cast<int>(m_trace->lines.size());
}

int ProvenanceLinesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProvenanceLinesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_trace) return {};
    const session::ProvenanceLine &l = m_trace->lines[static_cast<std::size_t>(index.row())];
    if (role == InputRole) return QVariant::fromValue<qint64>(l.input);
    if (role == KeyRole) return QString::fromStdString(m_trace->key);
    if (role == Qt::TextAlignmentRole)
        return index.column() == Occurrences ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    const bool held = m_snapshot && m_snapshot->input && static_cast<std::size_t>(l.input) < m_snapshot->input->size &&
                      static_cast<std::size_t>(l.input) >= m_snapshot->input->first();
    switch (index.column()) {
    case Arrived:
        return held ? clockText(m_snapshot->input->at(static_cast<std::size_t>(l.input)).time.ms(), true) : QString();
    case Line:
        return held ? QString::fromStdString(m_snapshot->input->at(static_cast<std::size_t>(l.input)).text)
                    : tr("(line %1, no longer held)").arg(l.input + 1);
    case Occurrences: return QVariant::fromValue<qint64>(l.occurrences);
    case Block: return QString::fromStdString(l.blockId);
    case Batch: return clockText(l.batch.ms());
    default: return {};
    }
}

QVariant ProvenanceLinesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Arrived: return tr("Typed at");
    case Line: return tr("Line");
    case Occurrences: return tr("Records");
    case Block: return tr("Block");
    case Batch: return tr("Batch");
    default: return {};
    }
}

ProvenanceUsesModel::ProvenanceUsesModel(QObject *parent) : QAbstractTableModel(parent) {}

void ProvenanceUsesModel::setTrace(RunSnapshotPtr s, std::shared_ptr<const session::ForwardTrace> trace,
                                   const ProgramText *program)
{
    beginResetModel();
    m_program = program;
    m_snapshot = std::move(s);
    m_trace = std::move(trace);
    endResetModel();
}

int ProvenanceUsesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_trace ? 0 : static_cast<int>(m_trace->uses.size());
}

int ProvenanceUsesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProvenanceUsesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_trace) return {};
    const session::ProvenanceUse &u = m_trace->uses[static_cast<std::size_t>(index.row())];
    switch (role) {
    case StreamRole: return u.streamId;
    case BatchRole: return QVariant::fromValue<qint64>(u.batch.ms());
    case KeyRole: return QString::fromStdString(u.key);
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Batch: return clockText(u.batch.ms());
        case Stream: return m_snapshot ? streamLabel(*m_snapshot, u.streamId, m_program) : QString();
        case Record: return u.record.empty() ? QString::fromStdString(u.key) : QString::fromStdString(u.record);
        default: return {};
        }
    default: return {};
    }
}

QVariant ProvenanceUsesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Batch: return tr("Batch");
    case Stream: return tr("DStream");
    case Record: return tr("Result");
    default: return {};
    }
}

} // namespace dsl::ui
