// ClusterDialog: Faults > Cluster…: the simulated cluster the run gets (local[N], or
// local-cluster[executors, cores per executor, memory] with executors to kill), and while a run
// goes on its executors, each with buttons to kill it or slow it down (docs/faults.md).
#pragma once

#include "masterspec.h"
#include "snapshotfwd.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableView;

namespace dsl::ui {

class ClusterExecutorModel;
class SimulationController;

/// Non-modal: it follows the run's snapshots. It does not command the run itself: the window
/// applies masterChosen as the Master setting (restarting the run from its input log) and injects
/// faultRequested as the Faults menu does.
class ClusterDialog : public QDialog {
    Q_OBJECT
public:
    explicit ClusterDialog(SimulationController *controller, QWidget *parent = nullptr);

    /// The master the spin boxes make.
    MasterSpec spec() const;
    /// Shows a master in the spin boxes (one it cannot read leaves them as they are).
    void setMaster(const QString &master);
    /// The `--master` value shown: spec().toString().
    QString masterText() const;
    ClusterExecutorModel *executorModel() const { return m_model; }
    QTableView *executorTable() const { return m_table; }
    /// A row's kill or slow-down button (null beyond the rows).
    QPushButton *killButton(int row) const;
    QPushButton *slowButton(int row) const;
    /// The line above the table: why faults cannot be injected now, or what the rows are.
    QString executorsNote() const;

    static constexpr int kMaxExecutors = 8, kMaxCores = 8, kMinMemoryMb = 512, kMaxMemoryMb = 8192;

signals:
    /// Apply: the master the run should get ("local-cluster[3,2,2048]").
    void masterChosen(const QString &master);
    /// A row's button: the faults file's action ("kill-executor 1") and the status strip's words.
    void faultRequested(const QString &action, const QString &what);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateMaster();
    void onSnapshot(const RunSnapshotPtr &s);
    /// The per-row buttons, enabled or not (with the reason as tooltip) for the snapshot.
    void updateButtons();

    SimulationController *m_controller;
    QLabel *m_intro, *m_coresLabel, *m_executorsLabel, *m_perExecutorLabel, *m_memoryLabel, *m_masterLabel, *m_master;
    QLabel *m_runNote, *m_executorsTitle, *m_note;
    QRadioButton *m_local, *m_cluster;
    QSpinBox *m_cores, *m_executors, *m_coresPerExecutor, *m_memory;
    QPushButton *m_apply, *m_close;
    QTableView *m_table;
    ClusterExecutorModel *m_model;
};

} // namespace dsl::ui
