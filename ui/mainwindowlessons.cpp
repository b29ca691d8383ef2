// MainWindow: the lesson dock and the Lessons menu, and the editor's bar wiring (kept apart from
// mainwindow.cpp, which holds the run controls).
#include "mainwindow.h"

#include "provenanceview.h"

#include "codepanel.h"
#include "codepanelbar.h"
#include "lessonpanel.h"
#include "presenterlayout.h"
#include "lessonprogress.h"
#include "simulationcontroller.h"
#include "streamtimelineview.h"
#include "rddrecordspanel.h"
#include "batchdelaychart.h"
#include "batchdetailview.h"
#include "eventlogview.h"
#include "lineageview.h"
#include "streamingstatisticsview.h"
#include "databaseview.h"
#include "kafkaview.h"

#include <QAction>
#include <QCoreApplication>
#include <QDockWidget>
#include <QFileInfo>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QTabBar>
#include <QTabWidget>

namespace dsl::ui {

void MainWindow::createLessonDock()
{
    // Progress is the student's own (per user); screenshots keep it in memory only.
    m_lessonProgress = new LessonProgress(m_useSettings ? LessonProgress::defaultFilePath() : QString(), this);
    m_lessons = new LessonPanel(m_controller, m_lessonProgress);
    m_lessons->setExerciseProgram(QCoreApplication::applicationFilePath());
    m_lessons->setProgramSource([this] { return m_code->toPlainText(); },
                                [this] { return QFileInfo(m_controller->driver()->programFileName()).fileName(); });
    m_lessonDock = new QDockWidget(this);
    m_lessonDock->setObjectName(QStringLiteral("lessonDock"));
    m_lessonDock->setWidget(m_lessons);
    m_lessonDock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                              QDockWidget::DockWidgetFloatable);
    addDockWidget(Qt::RightDockWidgetArea, m_lessonDock);
    m_lessonDock->hide(); // until a lesson is opened, or the saved layout shows it
    connect(m_lessonDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && m_lessonDock->width() < 380 && !m_lessonDock->isFloating())
            resizeDocks({m_lessonDock}, {std::max(360, width() * 27 / 100)}, Qt::Horizontal);
    });
    m_lessonsAct = m_lessonDock->toggleViewAction();
    m_lessonsAct->setObjectName(QStringLiteral("lessonsAction"));
    m_lessonsAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_lessonsAct->setShortcutContext(Qt::WindowShortcut);
    addAction(m_lessonsAct);
    m_resetLessonsAct = new QAction(this);
    connect(m_resetLessonsAct, &QAction::triggered, this, [this] {
        if (QMessageBox::question(this, tr("Reset lesson progress"),
                                  tr("Forget the progress of every lesson (steps done, answers, exercises)?")) ==
            QMessageBox::Yes)
            m_lessonProgress->reset();
    });
    m_lessonMenu = menuBar()->addMenu(QString());
    rebuildLessonMenu();

    connect(m_lessons, &LessonPanel::programRequested, this, &MainWindow::setProgram);
    connect(m_lessons, &LessonPanel::optionsChanged, this, &MainWindow::showRunOptions);
    connect(m_lessons, &LessonPanel::viewRequested, this, &MainWindow::showLessonView);
    connect(m_code, &CodePanel::programRun, this, [this](const QString &fileName, const QString &source) {
        // The run restarted with the edited text: its DStream rows and the title follow it.
        m_fileName = fileName;
        m_timeline->setProgramSource(source);
        retranslateUi();
    });
}

void MainWindow::setLessonsFolder(const QString &folder)
{
    m_lessons->setLessonsFolder(folder);
    rebuildLessonMenu();
}

bool MainWindow::openLesson(const QString &idOrNumber, std::optional<int> step)
{
    if (!m_lessonDock->isVisible()) {
        m_lessonDock->show();
        // Room for a sentence per line at the back of a classroom, the dashboard keeping the rest.
        resizeDocks({m_lessonDock}, {std::max(360, width() * 27 / 100)}, Qt::Horizontal);
    }
    return m_lessons->openLesson(idOrNumber, step);
}

void MainWindow::rebuildLessonMenu()
{
    m_lessonMenu->clear();
    m_lessonMenu->addAction(m_lessonsAct);
    m_lessonMenu->addSeparator();
    const QString lang = LessonPanel::uiLanguage();
    for (const lesson::Lesson &l : m_lessons->library().lessons()) {
        QAction *a = m_lessonMenu->addAction(QStringLiteral("%1  %2").arg(l.number).arg(l.title.in(lang)));
        connect(a, &QAction::triggered, this, [this, id = l.id] { openLesson(id); });
    }
    if (!m_lessons->library().problems().isEmpty()) {
        QAction *a = m_lessonMenu->addAction(tr("%n lesson file(s) with problems: see the panel", nullptr,
                                                static_cast<int>(m_lessons->library().problems().size())));
        connect(a, &QAction::triggered, m_lessonDock, &QDockWidget::show);
    }
    m_lessonMenu->addSeparator();
    m_lessonMenu->addAction(m_resetLessonsAct);
}

void MainWindow::retranslateLessons()
{
    m_lessonDock->setWindowTitle(tr("Lessons"));
    m_lessonsAct->setText(tr("Show lessons"));
    m_lessonsAct->setToolTip(tr("Show or hide the lesson panel (Ctrl+L)"));
    m_resetLessonsAct->setText(tr("Reset lesson progress…"));
    m_lessonMenu->setTitle(tr("&Lessons"));
    rebuildLessonMenu(); // lesson titles in the new language
}

void MainWindow::showLessonView(const QString &view)
{
    // The views always on screen need nothing; the bottom tabs show the one named.
    if (view == QLatin1String("code")) m_code->showStreamingCode();
    else if (view == QLatin1String("batchDetail")) showView(QStringLiteral("batch"));
    else showView(view);
}

QStringList MainWindow::viewNames()
{
    return {QStringLiteral("statistics"), QStringLiteral("delays"), QStringLiteral("batch"), QStringLiteral("tasks"),
            QStringLiteral("lineage"), QStringLiteral("provenance"), QStringLiteral("records"), QStringLiteral("log"), QStringLiteral("database"),
            QStringLiteral("kafka")};
}

bool MainWindow::showView(const QString &name)
{
    QWidget *page = nullptr;
    if (name == QLatin1String("statistics")) page = m_statistics;
    else if (name == QLatin1String("delays")) page = m_delays;
    else if (name == QLatin1String("batch") || name == QLatin1String("tasks")) page = m_batchDetail;
    else if (name == QLatin1String("lineage")) page = m_lineage;
    else if (name == QLatin1String("provenance")) page = m_provenance;
    else if (name == QLatin1String("records")) page = m_records;
    else if (name == QLatin1String("log")) page = m_log;
    else if (name == QLatin1String("database")) page = m_database;
    else if (name == QLatin1String("kafka")) page = m_kafka;
    if (!page) return false;
    showBottomTab(m_tabs->indexOf(page));
    return true;
}

void MainWindow::showProvenance(int streamId, qint64 batchMs, const QString &key)
{
    showView(QStringLiteral("provenance"));
    m_provenance->traceResult(streamId, batchMs, key);
}

void MainWindow::showBottomTab(int index)
{
    if (index < 0 || index >= m_tabs->count()) return;
    QTabBar *bar = m_tabs->tabBar();
    if (m_tabs->currentIndex() == index && m_tabs->isTabVisible(index)) {
        // Current already (chosen when the window was wider): the bar scrolls a tab into view
        // only when it becomes current, so it leaves and comes back with the page unchanged (the
        // bar's signals blocked, the tab widget never hears of it).
        const QSignalBlocker block(bar);
        for (int other = 0; other < bar->count(); ++other)
            if (other != index && bar->isTabVisible(other)) {
                bar->setCurrentIndex(other);
                break;
            }
        bar->setCurrentIndex(index);
    }
    m_tabs->setCurrentIndex(index);
    // Unfolded even when it was current already (no currentChanged then): presenter mode at 720 px
    // folds the tabs to their bar, and a tab asked for is a tab to be seen.
    m_layout->revealTabs();
}

} // namespace dsl::ui
