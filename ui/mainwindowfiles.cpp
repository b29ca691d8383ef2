// MainWindow, files and places: opening a program, the recent files, the input log and run-until
// dialogs, and the window's layout kept in the settings.
#include "mainwindow.h"

#include "app/session/runsnapshot.h"
#include "eventlogmodel.h"
#include "runstatusstrip.h"
#include "simulationcontroller.h"
#include "sessiontypes.h"
#include "viewexporter.h"

#include <QAction>
#include <QCloseEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>

#include <cmath>

namespace dsl::ui {

namespace {
constexpr int kMaxRecent = 8; ///< File > Recent files
}

bool MainWindow::openProgram(const QString &path, bool quiet)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (!quiet) QMessageBox::warning(this, tr("DStream Lab"), tr("Cannot read %1: %2").arg(path, f.errorString()));
        return false;
    }
    setProgram(QFileInfo(path).absoluteFilePath(), QString::fromUtf8(f.readAll()));
    addRecentFile(QFileInfo(path).absoluteFilePath());
    return true;
}

void MainWindow::runUntilBatchDialog()
{
    const RunSnapshotPtr &s = m_controller->snapshot();
    const int current = s ? s->completedBatches : 0;
    bool ok = false;
    const int n = QInputDialog::getInt(this, tr("Run until batch"), tr("Run until this many batches have completed:"),
                                       current + 5, current + 1, 1000000, 1, &ok);
    if (!ok) return;
    syncProgram();
    m_controller->runUntilBatch(n);
}

void MainWindow::runUntilTimeDialog()
{
    const RunSnapshotPtr &s = m_controller->snapshot();
    const qint64 start = s ? s->startTime.ms() : m_controller->clockMs();
    const double now = (m_controller->clockMs() - start) / 1000.0;
    bool ok = false;
    const double secs = QInputDialog::getDouble(this, tr("Run until time"),
                                                tr("Run until this simulated time (seconds after the start):"),
                                                now + 10.0, 0.0, 1e7, 3, &ok);
    if (!ok) return;
    syncProgram();
    m_controller->runUntilTime(start + static_cast<qint64>(std::llround(secs * 1000.0)));
}

void MainWindow::saveInputLogDialog()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save input log"), QStringLiteral("input.txt"),
                                                      tr("Input logs (*.txt *.input);;All files (*)"));
    if (!path.isEmpty()) m_controller->saveInputLog(path);
}

void MainWindow::openInputLogDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open input log"), QString(),
                                                      tr("Input logs (*.txt *.input);;All files (*)"));
    if (path.isEmpty()) return;
    syncProgram();
    m_controller->loadInputLog(path);
}

void MainWindow::createExportActions()
{
    m_exportViewAct = new QAction(this);
    m_exportViewAct->setObjectName(QStringLiteral("exportViewAction"));
    m_exportViewAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(m_exportViewAct, &QAction::triggered, this, &MainWindow::exportViewDialog);
    m_exportBatchesAct = new QAction(this);
    m_exportBatchesAct->setObjectName(QStringLiteral("exportBatchesAction"));
    m_exportBatchesAct->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    connect(m_exportBatchesAct, &QAction::triggered, this, &MainWindow::exportBatchesDialog);
    m_exportLogAct = new QAction(this);
    m_exportLogAct->setObjectName(QStringLiteral("exportLogAction"));
    connect(m_exportLogAct, &QAction::triggered, this, &MainWindow::exportLogDialog);
}

void MainWindow::retranslateExport()
{
    m_exportViewAct->setText(tr("Export view as PNG or SVG…"));
    m_exportViewAct->setToolTip(tr("The view in front in the bottom tabs, as a picture for slides (Ctrl+E)"));
    m_exportBatchesAct->setText(tr("Export batches as CSV…"));
    m_exportBatchesAct->setToolTip(tr("Every batch kept: its time, records, delays and output operations"));
    m_exportLogAct->setText(tr("Export event log…"));
    m_exportLogAct->setToolTip(tr("Spark's driver log lines of the run, as log4j prints them"));
}

void MainWindow::exportViewDialog()
{
    QWidget *view = m_tabs->currentWidget();
    if (!view) return;
    const QString name = m_tabs->tabText(m_tabs->currentIndex());
    QString selected;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export %1").arg(name), name.toLower().replace(QLatin1Char(' '), QLatin1Char('-')) + QStringLiteral(".png"),
                                                      tr("PNG image (*.png);;SVG drawing (*.svg)"), &selected);
    if (path.isEmpty()) return;
    QString file = path;
    if (QFileInfo(file).suffix().isEmpty()) file += selected.contains(QLatin1String("svg")) ? QStringLiteral(".svg") : QStringLiteral(".png");
    QString error;
    if (ViewExporter::saveImage(view, file, name, &error)) m_status->showMessage(tr("Saved %1").arg(QFileInfo(file).fileName()));
    else QMessageBox::warning(this, tr("Export"), error);
}

void MainWindow::exportBatchesDialog()
{
    const RunSnapshotPtr &s = m_controller->snapshot();
    if (!s || s->batches.empty()) {
        m_status->showMessage(tr("No batches yet: run the program first."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export batches"), QStringLiteral("batches.csv"),
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty()) return;
    QString error;
    if (ViewExporter::saveText(ViewExporter::batchesCsv(*s), path, &error))
        m_status->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()));
    else QMessageBox::warning(this, tr("Export"), error);
}

void MainWindow::exportLogDialog()
{
    const RunSnapshotPtr &s = m_controller->snapshot();
    if (!s || !s->events || s->events->size() == 0) {
        m_status->showMessage(tr("The event log is empty: run the program first."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export event log"), QStringLiteral("driver.log"),
                                                      tr("Log files (*.log *.txt);;All files (*)"));
    if (path.isEmpty()) return;
    QString text;
    for (std::size_t i = 0; i < s->events->size(); ++i) text += EventLogModel::log4jText(s->events->at(i)) + QLatin1Char('\n');
    QString error;
    if (ViewExporter::saveText(text, path, &error)) m_status->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()));
    else QMessageBox::warning(this, tr("Export"), error);
}

void MainWindow::addRecentFile(const QString &path)
{
    if (!m_useSettings) return;
    QSettings s;
    QStringList files = s.value(QStringLiteral("recentFiles")).toStringList();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > kMaxRecent) files.removeLast();
    s.setValue(QStringLiteral("recentFiles"), files);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_useSettings ? QSettings().value(QStringLiteral("recentFiles")).toStringList() : QStringList();
    for (const QString &f : files) {
        QAction *a = m_recentMenu->addAction(QFileInfo(f).fileName());
        a->setToolTip(f);
        connect(a, &QAction::triggered, this, [this, f] { openProgram(f); });
    }
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::restoreLayout()
{
    QSettings s;
    restoreGeometry(s.value(QStringLiteral("layout/geometry")).toByteArray());
    restoreState(s.value(QStringLiteral("layout/state")).toByteArray());
    for (QSplitter *sp : {m_columns, m_left, m_center, m_right})
        sp->restoreState(s.value(QStringLiteral("layout/") + sp->objectName()).toByteArray());
}

void MainWindow::saveLayout()
{
    QSettings s;
    s.setValue(QStringLiteral("layout/geometry"), saveGeometry());
    s.setValue(QStringLiteral("layout/state"), saveState());
    for (QSplitter *sp : {m_columns, m_left, m_center, m_right})
        s.setValue(QStringLiteral("layout/") + sp->objectName(), sp->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_useSettings) saveLayout();
    event->accept();
}

} // namespace dsl::ui
