// The Faults and Experiments menus (mainwindow.h): break a part of the running cluster now
// (docs/faults.md), run the open program under two or three configurations side by side
// (docs/experiments.md), and compare micro-batches with record-at-a-time processing
// (docs/throughput-latency.md). The two comparisons open in windows of their own, so the
// dashboard stays as it was.
#include "mainwindow.h"

#include "batchdetailview.h"
#include "clusterdialog.h"
#include "experimentsview.h"
#include "modelcompareview.h"
#include "presenterlayout.h"
#include "rowfaultactions.h"
#include "app/session/runsnapshot.h"
#include "runstatusstrip.h"
#include "sessioncommands.h"
#include "simulationcontroller.h"
#include "streamtimelineview.h"
#include "tasktimelineview.h"
#include "theme.h"

#include <QApplication>
#include <QComboBox>
#include <QCoreApplication>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMenu>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QVBoxLayout>

namespace dsl::ui {

namespace {

/// A window holding one comparison view; it deletes itself (and its temporary files) on close.
QDialog *toolWindow(QWidget *parent, QWidget *view, const QString &title)
{
    auto *dialog = new QDialog(parent, Qt::Window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(title);
    auto *layout = new QVBoxLayout(dialog);
    layout->setContentsMargins(0, 0, 0, 0);
    view->setParent(dialog);
    layout->addWidget(view);
    dialog->resize(parent->size() * 0.9);
    return dialog;
}

} // namespace

Theme MainWindow::currentTheme() const
{
    return Theme::make(m_dark ? Theme::Kind::Dark : Theme::Kind::Light, m_presenter, PresenterLayout::scaleFor(size()));
}

void MainWindow::createToolMenus()
{
    m_faultsMenu = menuBar()->addMenu(QString());
    m_faultsMenu->setObjectName(QStringLiteral("faultsMenu"));
    // Built when opened: the receivers and executors the run has now.
    connect(m_faultsMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildFaultsMenu);
    m_experimentsMenu = menuBar()->addMenu(QString());
    m_experimentsAct = m_experimentsMenu->addAction(QString(), this, &MainWindow::openExperiments);
    m_experimentsAct->setObjectName(QStringLiteral("experimentsAction"));
    m_modelCompareAct = m_experimentsMenu->addAction(QString(), this, &MainWindow::openModelComparison);
    m_modelCompareAct->setObjectName(QStringLiteral("modelCompareAction"));
}

void MainWindow::retranslateTools()
{
    m_faultsMenu->setTitle(tr("F&aults"));
    m_experimentsMenu->setTitle(tr("E&xperiments"));
    m_experimentsAct->setText(tr("Compare configurations side by side…"));
    m_modelCompareAct->setText(tr("Micro-batch vs record-at-a-time…"));
    m_clusterAct->setText(tr("Cluster…"));
    m_clusterAct->setToolTip(tr("Choose local[N] or local-cluster[executors, cores, memory], and kill or slow down the run's executors"));
}

void MainWindow::connectRowFaults()
{
    connect(m_timeline, &StreamTimelineView::faultRequested, this, &MainWindow::injectFault);
    // The batch tab's task timeline: its lanes are the executors' cores.
    if (auto *tasks = m_batchDetail->findChild<TaskTimelineView *>()) {
        connect(tasks, &TaskTimelineView::faultRequested, this, &MainWindow::injectFault);
        connect(m_controller, &SimulationController::snapshotChanged, tasks, &TaskTimelineView::setRun);
    }
}

void MainWindow::openClusterDialog()
{
    if (!m_clusterDialog) {
        m_clusterDialog = new ClusterDialog(m_controller, this);
        connect(m_clusterDialog, &ClusterDialog::masterChosen, this, &MainWindow::applyMaster);
        connect(m_clusterDialog, &ClusterDialog::faultRequested, this, &MainWindow::injectFault);
    }
    const QString master = m_controller->driver()->options().master;
    if (!master.isEmpty()) m_clusterDialog->setMaster(master);
    m_clusterDialog->show();
    m_clusterDialog->raise();
    m_clusterDialog->activateWindow();
}

void MainWindow::applyMaster(const QString &master)
{
    if (m_master->findData(master) < 0) m_master->addItem(master, master);
    m_master->setCurrentIndex(m_master->findData(master));
    applyOptions();
    m_status->showMessage(tr("Master %1: the run starts again from its input log.").arg(master));
}

void MainWindow::injectFault(const QString &action, const QString &what)
{
    m_controller->execute(command::InjectFault{action});
    m_status->showMessage(tr("Fault injected: %1").arg(what));
}

void MainWindow::noteFaults(const RunSnapshot &s)
{
    // Each fault that fires is said once in the status strip, in words: the newest report of a
    // run (a reset or a replay starts counting again, and a replay repeats the same reports).
    if (s.runId != m_faultsRunId || s.faults.size() < m_faultsSeen) {
        m_faultsRunId = s.runId;
        m_faultsSeen = 0;
        m_recoveryNoted = false;
    }
    // A driver started again after a kill-driver: once it has caught up, what it cost.
    if (s.recovery && s.recovery->settled() && !m_recoveryNoted) {
        m_recoveryNoted = true;
        const RecoveryReport &r = *s.recovery;
        m_status->showMessage(tr("The driver started again through StreamingContext.getOrCreate and recovered in %1 s: "
                                 "%2 record(s) lost, %3 processed twice; see the Batch tab.")
                                  .arg(QString::number(r.recoveryTime()->ms() / 1000.0, 'f', 1))
                                  .arg(r.lostRecords())
                                  .arg(r.twiceRecords()));
    }
    if (s.faults.size() == m_faultsSeen) return;
    m_faultsSeen = s.faults.size();
    const FaultReport &f = s.faults.back();
    const QString what = QString::fromStdString(f.action);
    if (f.recoveredAt) {
        m_status->showMessage(tr("Fault %1: the part is back.").arg(what));
    } else if (!f.applied) {
        m_status->showMessage(tr("Fault %1 not applied: %2").arg(what, QString::fromStdString(f.effects.empty() ? std::string() : f.effects.front())));
    } else if (f.action == "kill-driver") {
        m_status->showMessage(tr("The driver was killed. A program with a checkpoint starts again 5 s later through "
                                 "StreamingContext.getOrCreate; one without ends here."));
    } else if (f.lostRecords > 0) {
        m_status->showMessage(tr("Fault %1: %n record(s) lost; see the Batch tab.", nullptr, static_cast<int>(f.lostRecords)).arg(what));
    } else {
        m_status->showMessage(tr("Fault %1: see the Batch tab and the log.").arg(what));
    }
}

void MainWindow::rebuildFaultsMenu()
{
    m_faultsMenu->clear();
    const RunSnapshotPtr &s = m_controller->snapshot();
    const bool live = s && s->hasContext;
    for (const ReceiverInfo &r : s ? s->receivers : std::vector<ReceiverInfo>{}) {
        const QString what = tr("kill receiver %1 (%2)").arg(r.streamId).arg(QString::fromStdString(r.location));
        QAction *a = m_faultsMenu->addAction(what, this, [this, id = r.streamId, what] {
            injectFault(QStringLiteral("kill-receiver %1").arg(id), what);
        });
        a->setEnabled(r.active);
    }
    if (live && s->receivers.empty()) m_faultsMenu->addAction(tr("No receivers to kill: the program has none"))->setEnabled(false);
    m_faultsMenu->addSeparator();
    const std::vector<std::string> executors = s ? s->executors : std::vector<std::string>{};
    const bool local = executors.size() == 1 && executors.front() == "driver";
    for (const std::string &id : executors) {
        if (local) continue; // local mode: its one executor is the driver
        const QString what = tr("kill executor %1").arg(QString::fromStdString(id));
        m_faultsMenu->addAction(what, this, [this, id, what] {
            injectFault(QStringLiteral("kill-executor %1").arg(QString::fromStdString(id)), what);
        });
    }
    if (local)
        m_faultsMenu->addAction(tr("Executors can be killed on a local-cluster[E,C,M] master"))->setEnabled(false);
    for (const std::string &id : executors) {
        const QString name = local ? QStringLiteral("0") : QString::fromStdString(id);
        // The same factor as the timelines' row menus and the cluster dialog.
        const int factor = RowFaultActions::kSlowFactor;
        const QString what =
            tr("slow down executor %1: its tasks take %2 times as long").arg(QString::fromStdString(id)).arg(factor);
        m_faultsMenu->addAction(what, this, [this, name, what, factor] {
            injectFault(QStringLiteral("slow-executor %1 %2").arg(name).arg(factor), what);
        });
    }
    m_faultsMenu->addSeparator();
    m_faultsMenu->addAction(tr("fail the next task (after its function ran)"), this, [this] {
        injectFault(QStringLiteral("fail-task"), tr("fail the next task"));
    });
    m_faultsMenu->addAction(tr("kill the driver"), this, [this] { injectFault(QStringLiteral("kill-driver"), tr("kill the driver")); });
    for (QAction *a : m_faultsMenu->actions())
        if (!a->isSeparator() && !live) a->setEnabled(false);
    m_faultsMenu->addSeparator();
    m_faultsMenu->addAction(m_clusterAct); // open before a run too: it chooses the master
    if (!live) {
        m_faultsMenu->insertAction(m_faultsMenu->actions().value(0),
                                   new QAction(tr("Start the run first: faults hit a running cluster"), m_faultsMenu));
        m_faultsMenu->actions().value(0)->setEnabled(false);
    }
}

void MainWindow::openExperiments()
{
    auto *view = new ExperimentsView;
    // The program as the editor holds it and the input typed so far, in files the child runs read.
    auto *files = new QTemporaryDir;
    const QString name = QFileInfo(m_controller->driver()->programFileName()).fileName();
    const QString program = files->filePath(name.isEmpty() ? QStringLiteral("program.py") : name);
    const QString input = files->filePath(QStringLiteral("input.log"));
    QFile f(program);
    if (f.open(QIODevice::WriteOnly)) f.write(m_controller->driver()->programSource().toUtf8());
    f.close();
    QString error;
    const bool haveInput = m_controller->driver()->saveInputLog(input, &error);
    const RunOptions o = m_controller->driver()->options();
    QStringList common;
    if (!o.master.isEmpty()) common << QStringLiteral("--master") << o.master;
    if (o.blockIntervalMs)
        common << QStringLiteral("--conf") << QStringLiteral("spark.streaming.blockInterval=%1ms").arg(*o.blockIntervalMs);
    view->setDstreamlabBinary(QCoreApplication::applicationFilePath());
    view->setProgram(program, haveInput ? input : QString(), common);
    view->setTheme(currentTheme());
    QDialog *dialog = toolWindow(this, view, tr("Experiments — %1").arg(name));
    connect(dialog, &QObject::destroyed, [files] { delete files; });
    dialog->show();
}

void MainWindow::openModelComparison()
{
    auto *view = new ModelCompareView;
    view->setTheme(currentTheme());
    QDialog *dialog = toolWindow(this, view, tr("Micro-batch vs record-at-a-time"));
    dialog->show();
    view->runComparison();
}

} // namespace dsl::ui
