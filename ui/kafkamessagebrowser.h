// KafkaMessageBrowser: the messages of the retained batches, read as kafka-console-consumer
// would (from the beginning, from an offset, from a time, the newest), one topic or partition or
// all; the rows the batch shown read are marked.
#pragma once

#include "kafkamessagemodel.h"
#include "snapshotfwd.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;
class QTimeEdit;

namespace dsl::ui {

class SimulationController;

/// Reads only snapshot values (BatchSnapshot::kafkaMessages) and follows the BatchSelection.
/// Gathering the messages costs a pass over the history, so a hidden browser waits until it is
/// shown.
class KafkaMessageBrowser : public QWidget {
    Q_OBJECT
public:
    explicit KafkaMessageBrowser(SimulationController *controller, QWidget *parent = nullptr);
    KafkaMessageModel *model() const { return m_model; }
    QTableView *grid() const { return m_grid; }
    QComboBox *modeBox() const { return m_mode; }
    QComboBox *partitionBox() const { return m_partitions; }
    QSpinBox *offsetBox() const { return m_offset; }
    QTimeEdit *timeBox() const { return m_time; }
    /// The kafka-console-consumer command that reads what the query shows (empty for a time:
    /// the console consumer has no option for it).
    static QString consoleCommand(const KafkaMessageModel::Query &q);
    QString countText() const;

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void refresh();
    void applyQuery();
    void retranslateUi();
    void applyTheme();

    SimulationController *m_controller;
    QLabel *m_readLabel;
    QComboBox *m_mode;
    QSpinBox *m_offset;
    QTimeEdit *m_time;
    QComboBox *m_partitions;
    QLabel *m_count;
    QLabel *m_command;
    QTableView *m_grid;
    KafkaMessageModel *m_model;
    QSortFilterProxyModel *m_sorted;
    bool m_stale = true; ///< a snapshot came while hidden
};

} // namespace dsl::ui
