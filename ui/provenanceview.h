// ProvenanceView: the Provenance tab. A result (a word count, a state entry, a record of any
// DStream) traced back to the typed lines it came from, with the DStreams it passed through and
// the batches a window or state reaches; a typed line traced forward to what it became and the
// results that hold it. Reads app/session/provenance.h over the snapshot; runs nothing again.
#pragma once

#include "snapshotfwd.h"

#include <QElapsedTimer>
#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QLabel;
class QTimer;
class QTableView;
class QToolButton;

namespace dsl::session {
struct ProvenanceTrace;
struct ForwardTrace;
} // namespace dsl::session

namespace dsl::ui {

class ProgramText;
class ProvenanceLinesModel;
class ProvenanceUsesModel;
class SimulationController;

class ProvenanceView : public QWidget {
    Q_OBJECT
public:
    explicit ProvenanceView(SimulationController *controller, QWidget *parent = nullptr);
    ~ProvenanceView() override;

    /// What is traced: `key` of stream `streamId`'s RDD of batch `batchMs`.
    struct Query {
        int streamId = -1;
        qint64 batchMs = 0;
        QString key;
        QString table;    ///< a database row instead: its table and rowid
        qint64 rowid = -1;
        bool operator==(const Query &) const = default;
    };
    /// Traces a result back (recorded in the back/forward history).
    void traceResult(int streamId, qint64 batchMs, const QString &key);
    /// Traces a row of the program's database back through every batch that wrote it.
    void traceDatabaseRow(const QString &table, qint64 rowid);
    /// Traces typed line `input` (its InputLog index) forward.
    void traceLine(qint64 input);
    /// The query shown: the one asked for, else the top word of the selected batch.
    std::optional<Query> shownQuery() const { return m_shown; }
    bool isDefaultQuery() const { return !m_query; }

    ProvenanceLinesModel *linesModel() const { return m_lines; }
    ProvenanceUsesModel *usesModel() const { return m_uses; }
    QTableView *linesTable() const { return m_linesTable; }
    QTableView *usesTable() const { return m_usesTable; }
    /// The texts shown (tests, screenshots).
    QString titleText() const;
    QString notesText() const;
    QString forwardText() const;
    QToolButton *backButton() const { return m_back; }
    QToolButton *forwardButton() const { return m_forward; }

public slots:
    void goBack();
    void goForward();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void refresh();
    void refreshForward();
    void retranslateUi();
    void applyTheme();
    void push(const Query &q);
    /// Shows query `q` (the one asked for from now on) and traces it.
    void showQuery(const Query &q);

    SimulationController *m_controller;
    ProvenanceLinesModel *m_lines;
    ProvenanceUsesModel *m_uses;
    QLabel *m_title, *m_path, *m_notes, *m_hint, *m_forwardTitle, *m_forwardText, *m_usesTitle;
    QTableView *m_linesTable, *m_usesTable;
    QToolButton *m_back, *m_forward;
    std::optional<Query> m_query; ///< asked for (null: follow the selected batch's top word)
    std::optional<Query> m_shown;
    std::optional<qint64> m_line;  ///< the typed line traced forward
    std::vector<Query> m_history;
    std::size_t m_historyAt = 0;
    RunSnapshotPtr m_tracedSnapshot; ///< the snapshot the shown traces were computed from
    std::unique_ptr<ProgramText> m_program; ///< names the streams by the program's variables
    QString m_programSource;
    bool m_drawn = false;            ///< the labels and tables show m_shown of m_tracedSnapshot
    static constexpr qint64 kRunningTraceMs = 250;
    QElapsedTimer m_sinceTrace;      ///< since the last trace (throttled while running)
    QTimer *m_pending;               ///< the trace put off while running
};

} // namespace dsl::ui
