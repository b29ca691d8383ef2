// RddRecordsPanel: the records and lineage (toDebugString) of the RDD box clicked in the timeline.
#pragma once

#include <QWidget>

#include <string>
#include <vector>

class QLabel;
class QPlainTextEdit;

namespace dsl::ui {

class SimulationController;

class RddRecordsPanel : public QWidget {
    Q_OBJECT
public:
    explicit RddRecordsPanel(SimulationController *controller, QWidget *parent = nullptr);
    QString recordsText() const;

signals:
    /// A record was double-clicked or "Where did this come from?" chosen: trace its key (a
    /// pair's key, else the record) in stream `streamId`'s RDD of batch `batchMs`.
    void traceRequested(int streamId, qint64 batchMs, const QString &key);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refresh();
    /// The record at `line` of the records text: emits traceRequested (false: no traceable record there).
    bool requestTrace(int line);

    SimulationController *m_controller;
    QLabel *m_title;
    QPlainTextEdit *m_records;
    QLabel *m_lineageTitle;
    QPlainTextEdit *m_lineage;
    /// What the records text shows: its stream, batch, and each record line's key.
    int m_shownStream = -1;
    qint64 m_shownBatch = 0;
    std::vector<std::string> m_shownKeys;
};

} // namespace dsl::ui
