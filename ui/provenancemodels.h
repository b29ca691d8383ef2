// The tables of the Provenance tab: the typed lines behind a result (ProvenanceLinesModel) and
// the results a typed line touched (ProvenanceUsesModel). Both read values of app/session's
// provenance queries and keep the snapshot they came from alive.
#pragma once

#include "snapshotfwd.h"

#include <QAbstractTableModel>

#include <memory>

namespace dsl::session {
struct ProvenanceTrace;
struct ForwardTrace;
} // namespace dsl::session

namespace dsl::ui {

class ProgramText;

class ProvenanceLinesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Arrived, Line, Occurrences, Batch, Block, ColumnCount };
    static constexpr int InputRole = Qt::UserRole + 1; ///< the line's InputLog index (qint64)
    static constexpr int KeyRole = Qt::UserRole + 2;   ///< the key traced (to highlight in Line)

    explicit ProvenanceLinesModel(QObject *parent = nullptr);
    void setTrace(RunSnapshotPtr s, std::shared_ptr<const session::ProvenanceTrace> trace);
    const session::ProvenanceTrace *trace() const { return m_trace.get(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    RunSnapshotPtr m_snapshot;
    std::shared_ptr<const session::ProvenanceTrace> m_trace;
};

class ProvenanceUsesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Batch, Stream, Record, ColumnCount };
    static constexpr int StreamRole = Qt::UserRole + 1; ///< the stream id (int)
    static constexpr int BatchRole = Qt::UserRole + 2;  ///< the batch time (qint64 ms)
    static constexpr int KeyRole = Qt::UserRole + 3;    ///< the key (QString)

    explicit ProvenanceUsesModel(QObject *parent = nullptr);
    /// `program`: names streams by their variables (may be null; must outlive the trace shown).
    void setTrace(RunSnapshotPtr s, std::shared_ptr<const session::ForwardTrace> trace, const ProgramText *program = nullptr);
    const session::ForwardTrace *trace() const { return m_trace.get(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    RunSnapshotPtr m_snapshot;
    std::shared_ptr<const session::ForwardTrace> m_trace;
    const ProgramText *m_program = nullptr;
};

/// "words: flatMap (line 22)": a stream as the Provenance tab names it, by the program's variable
/// when `program` is given and the line assigns one, else "flatMap (line 22)".
QString streamLabel(const RunSnapshot &s, int streamId, const ProgramText *program = nullptr);

} // namespace dsl::ui
