// KafkaView: the Kafka partitions the program's direct streams read, after the batch shown: what
// the batch read of each (its offset range), where the stream stands, the log end and the lag.
#pragma once

#include "snapshotfwd.h"

#include <QWidget>

#include <optional>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace dsl::ui {

class KafkaTableModel;
class SimulationController;

/// Reads only snapshot values (BatchSnapshot::kafka, captured by the session when the batch
/// completed) and follows the BatchSelection, so any batch of the history shows its ranges.
class KafkaView : public QWidget {
    Q_OBJECT
public:
    explicit KafkaView(SimulationController *controller, QWidget *parent = nullptr);
    KafkaTableModel *model() const { return m_model; }
    QTableView *grid() const { return m_grid; }
    std::optional<qint64> shownBatch() const { return m_batch; }
    QString summaryText() const;
    /// The program reads Kafka (a direct stream): the window shows the tab only then.
    static bool programReadsKafka(const RunSnapshot *s);

protected:
    void changeEvent(QEvent *event) override;

private:
    void refresh();
    void applyTheme();

    SimulationController *m_controller;
    QLabel *m_summary;
    QLabel *m_note;
    QTableView *m_grid;
    KafkaTableModel *m_model;
    QSortFilterProxyModel *m_sorted;
    std::optional<qint64> m_batch;
    bool m_readsKafka = false;
};

} // namespace dsl::ui
