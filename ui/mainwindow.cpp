// MainWindow: actions, shortcuts, settings, layout and language of the dashboard.
#include "mainwindow.h"

#include "batchdelaychart.h"
#include "batchselection.h"
#include "codepanel.h"
#include "codepanelbar.h"
#include "lessonpanel.h"
#include "dropfiledialog.h"
#include "languagemanager.h"
#include "ncinputedit.h"
#include "ncinputpanel.h"
#include "notpysparkbanner.h"
#include "panelframe.h"
#include "pprintconsole.h"
#include "presenterlayout.h"
#include "databasedialog.h"
#include "batchdetailview.h"
#include "databaseview.h"
#include "eventlogview.h"
#include "lineageview.h"
#include "provenanceview.h"
#include "streamingstatisticsview.h"
#include "kafkalistenaction.h"
#include "kafkaview.h"
#include "rddrecordspanel.h"
#include "realsocketsactions.h"
#include "runicons.h"
#include "sessiontypes.h"
#include "runstatusstrip.h"
#include "simulationcontroller.h"
#include "streamtimelineview.h"
#include "wordcountpanel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSplitter>
#include <QTimer>
#include <QStyle>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>


namespace dsl::ui {

MainWindow::MainWindow(SimulationController *controller, LanguageManager *languages, bool useSettings, QWidget *parent)
    : QMainWindow(parent), m_controller(controller), m_languages(languages), m_useSettings(useSettings)
{
    setObjectName(QStringLiteral("mainWindow"));
    createActions();
    createPanels();
    createToolBar();
    m_layout = new PresenterLayout(this, {m_columns, m_center, {m_columns, m_left, m_center, m_right}, m_tabs, m_toolBar, m_settingsBar, m_codeBar});
    connect(m_layout, &PresenterLayout::scaleChanged, this, [this] { applyTheme(); });
    createMenus();
    createToolMenus();
    connectRowFaults();
    createLessonDock();
    connect(controller, &SimulationController::snapshotChanged, this, &MainWindow::onSnapshot);
    // A clicked RDD box shows its records (the timeline only selects it).
    connect(m_timeline, &StreamTimelineView::boxClicked, this, [this] { m_tabs->setCurrentWidget(m_records); });
    connect(controller, &SimulationController::runningChanged, this, [this] {
        if (m_controller->snapshot()) onSnapshot(m_controller->snapshot());
    });
    if (m_useSettings) {
        QSettings s;
        m_presenter = s.value(QStringLiteral("view/presenter"), false).toBool();
        m_dark = s.value(QStringLiteral("view/dark"), false).toBool();
    }
    m_presenterAct->setChecked(m_presenter);
    m_darkAct->setChecked(m_dark);
    applyTheme();
    retranslateUi();
    resize(1600, 960);
    if (m_useSettings) restoreLayout();
    if (m_presenter) { // the mode read from the settings, at the window's size
        m_layout->setPresenter(true);
        applyTheme();
    }
    // Space and the arrows drive the run; an editor with focus would take them as text.
    m_timeline->setFocus();
}

MainWindow::~MainWindow() = default;

// ---- construction ------------------------------------------------------------------------------

void MainWindow::createActions()
{
    QStyle *st = style();
    m_runAct = new QAction(st->standardIcon(QStyle::SP_MediaPlay), QString(), this);
    // Every run key has one a text field does not need (F5, PageDown, PageUp: what a presenter
    // clicker sends), so the run obeys whatever has focus; Space and the arrows where no text is typed.
    m_runAct->setShortcuts({QKeySequence(Qt::Key_Space), QKeySequence(Qt::Key_F5)});
    connect(m_runAct, &QAction::triggered, this, [this] {
        syncProgram();
        m_controller->togglePlay();
    });
    m_stepEventAct = new QAction(st->standardIcon(QStyle::SP_MediaSeekForward), QString(), this);
    m_stepEventAct->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_Right));
    connect(m_stepEventAct, &QAction::triggered, this, [this] {
        syncProgram();
        m_controller->stepEvent();
    });
    m_stepBatchAct = new QAction(st->standardIcon(QStyle::SP_MediaSkipForward), QString(), this);
    m_stepBatchAct->setShortcuts({QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_PageDown)});
    connect(m_stepBatchAct, &QAction::triggered, this, [this] {
        syncProgram();
        m_controller->stepBatch();
    });
    m_stepBackAct = new QAction(st->standardIcon(QStyle::SP_MediaSkipBackward), QString(), this);
    m_stepBackAct->setShortcuts({QKeySequence(Qt::Key_Left), QKeySequence(Qt::Key_PageUp)});
    connect(m_stepBackAct, &QAction::triggered, m_controller, &SimulationController::stepBack);
    m_resetAct = new QAction(st->standardIcon(QStyle::SP_BrowserReload), QString(), this);
    m_resetAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(m_resetAct, &QAction::triggered, m_controller, &SimulationController::reset);
    m_runUntilAct = new QAction(this);
    m_runUntilAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    connect(m_runUntilAct, &QAction::triggered, this, &MainWindow::runUntilBatchDialog);
    m_runUntilTimeAct = new QAction(this);
    m_runUntilTimeAct->setObjectName(QStringLiteral("runUntilTimeAction"));
    m_runUntilTimeAct->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    connect(m_runUntilTimeAct, &QAction::triggered, this, &MainWindow::runUntilTimeDialog);
    m_databaseAct = new QAction(this);
    m_databaseAct->setObjectName(QStringLiteral("databaseAction"));
    connect(m_databaseAct, &QAction::triggered, this, [this] { DatabaseDialog::choose(m_controller, m_useSettings, this); });
    m_saveLogAct = new QAction(this);
    m_saveLogAct->setObjectName(QStringLiteral("saveInputLogAction"));
    m_saveLogAct->setShortcut(QKeySequence::Save);
    connect(m_saveLogAct, &QAction::triggered, this, &MainWindow::saveInputLogDialog);
    m_openLogAct = new QAction(this);
    m_openLogAct->setObjectName(QStringLiteral("openInputLogAction"));
    connect(m_openLogAct, &QAction::triggered, this, &MainWindow::openInputLogDialog);
    m_dropAct = new QAction(this);
    m_dropAct->setObjectName(QStringLiteral("dropFileAction"));
    connect(m_dropAct, &QAction::triggered, this, [this] {
        syncProgram();
        if (const QString done = DropFileDialog::ask(m_controller, this); !done.isEmpty()) m_status->showMessage(done);
    });
    m_openAct = new QAction(st->standardIcon(QStyle::SP_DialogOpenButton), QString(), this);
    m_openAct->setShortcut(QKeySequence::Open);
    connect(m_openAct, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a PySpark Streaming program"), QString(),
                                                          tr("Python programs (*.py);;All files (*)"));
        if (!path.isEmpty()) openProgram(path);
    });
    m_quitAct = new QAction(this);
    m_quitAct->setShortcut(QKeySequence::Quit);
    connect(m_quitAct, &QAction::triggered, this, &QWidget::close);
    m_presenterAct = new QAction(this);
    m_presenterAct->setCheckable(true);
    m_presenterAct->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    connect(m_presenterAct, &QAction::toggled, this, &MainWindow::setPresenterMode);
    // F11: full screen in presenter mode; leaving it gives back the window, its panels' sizes
    // and the mode it was in.
    m_fullScreenAct = new QAction(this);
    m_fullScreenAct->setObjectName(QStringLiteral("fullScreenAction"));
    m_fullScreenAct->setCheckable(true);
    m_fullScreenAct->setShortcut(QKeySequence(Qt::Key_F11));
    connect(m_fullScreenAct, &QAction::toggled, this, [this](bool on) {
        if (on) {
            m_layout->enterFullScreen(m_presenter);
            setPresenterMode(true);
        } else {
            setPresenterMode(m_layout->leaveFullScreen());
        }
        m_layout->apply();
    });
    m_darkAct = new QAction(this);
    m_darkAct->setCheckable(true);
    m_darkAct->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    connect(m_darkAct, &QAction::toggled, this, &MainWindow::setDarkTheme);
    m_followAct = new QAction(this);
    m_followAct->setShortcuts({QKeySequence(Qt::Key_Home), QKeySequence(Qt::Key_End)});
    connect(m_followAct, &QAction::triggered, m_controller, &SimulationController::followLatest);
    connect(m_followAct, &QAction::triggered, this, [this] { m_timeline->followRun(); });

    m_languageGroup = new QActionGroup(this);
    m_langSystem = new QAction(this);
    m_langEn = new QAction(QStringLiteral("English"), this);
    m_langZh = new QAction(QStringLiteral("简体中文"), this);
    for (QAction *a : {m_langSystem, m_langEn, m_langZh}) {
        a->setCheckable(true);
        m_languageGroup->addAction(a);
    }
    const QString lang = m_languages ? m_languages->language() : QString();
    (lang == QLatin1String("en") ? m_langEn : lang == QLatin1String("zh_CN") ? m_langZh : m_langSystem)->setChecked(true);
    connect(m_languageGroup, &QActionGroup::triggered, this, [this](QAction *a) {
        if (!m_languages) return;
        m_languages->setLanguage(a == m_langEn ? QStringLiteral("en") : a == m_langZh ? QStringLiteral("zh_CN") : QString());
        if (m_useSettings) QSettings().setValue(QStringLiteral("view/language"), m_languages->language());
    });
    for (QAction *a : {m_runAct, m_stepEventAct, m_stepBatchAct, m_stepBackAct, m_resetAct, m_presenterAct, m_followAct,
                       m_fullScreenAct})
        a->setShortcutContext(Qt::WindowShortcut);
    addActions({m_runAct, m_stepEventAct, m_stepBatchAct, m_stepBackAct, m_resetAct, m_runUntilAct, m_presenterAct,
                m_fullScreenAct, m_darkAct, m_followAct, m_openAct, m_quitAct});
}

void MainWindow::createToolBar()
{
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("runToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_toolBar->addAction(m_runAct);
    m_toolBar->addAction(m_stepBatchAct);
    m_toolBar->addAction(m_stepEventAct);
    m_toolBar->addAction(m_stepBackAct);
    m_toolBar->addAction(m_resetAct);
    m_toolBar->addSeparator();
    auto combo = [this](QLabel *&label) {
        label = new QLabel(this);
        label->setContentsMargins(8, 0, 4, 0);
        m_toolBar->addWidget(label);
        auto *c = new QComboBox(this);
        c->setFocusPolicy(Qt::NoFocus);
        m_toolBar->addWidget(c);
        return c;
    };
    m_speed = combo(m_speedLabel);
    for (double s : SimulationController::speeds()) m_speed->addItem(QString(), s);
    m_speed->setCurrentIndex(static_cast<int>(SimulationController::speeds().indexOf(1.0)));
    connect(m_speed, &QComboBox::activated, this, [this](int i) { m_controller->setSpeed(m_speed->itemData(i).toDouble()); });
    // The run's settings in a toolbar of their own: on a narrow screen (1280 px in presenter
    // mode) it goes to a second row instead of hiding behind the first one's » (PresenterLayout).
    m_settingsBar = addToolBar(QString());
    m_settingsBar->setObjectName(QStringLiteral("settingsToolBar"));
    m_settingsBar->setMovable(false);
    QToolBar *const runBar = m_toolBar;
    m_toolBar = m_settingsBar; // combo() adds to m_toolBar
    m_master = combo(m_masterLabel);
    m_master->addItem(QString(), QString());
    for (const char *m : {"local[1]", "local[2]", "local[4]", "local-cluster[2,2,1024]"}) m_master->addItem(QString::fromLatin1(m), QString::fromLatin1(m));
    // Beside it: any local[N] or local-cluster[E,C,M], and the run's executors (Faults > Cluster…).
    m_clusterAct = m_toolBar->addAction(QString(), this, &MainWindow::openClusterDialog);
    m_clusterAct->setObjectName(QStringLiteral("clusterAction"));
    m_batchInterval = combo(m_batchLabel);
    m_batchInterval->addItem(QString(), qint64(0));
    for (qint64 ms : {500, 1000, 2000, 5000}) m_batchInterval->addItem(QString(), ms);
    m_blockInterval = combo(m_blockLabel);
    for (qint64 ms : {100, 200, 500, 1000}) m_blockInterval->addItem(QString(), ms);
    m_blockInterval->setCurrentIndex(1);
    m_toolBar = runBar;
    for (QComboBox *c : {m_master, m_batchInterval, m_blockInterval})
        connect(c, &QComboBox::activated, this, &MainWindow::applyOptions);
    showRunOptions(); // settings given before the window existed (dstreamlab --master local[1])
}

void MainWindow::showRunOptions()
{
    const RunOptions o = m_controller->driver()->options();
    if (!o.master.isEmpty() && m_master->findData(o.master) < 0) m_master->addItem(o.master, o.master); // a lesson's, the dialog's
    if (const int i = m_master->findData(o.master); i >= 0) m_master->setCurrentIndex(i);
    if (const int i = m_batchInterval->findData(o.batchIntervalMs.value_or(0)); i >= 0) m_batchInterval->setCurrentIndex(i);
    if (const int i = m_blockInterval->findData(o.blockIntervalMs.value_or(200)); i >= 0) m_blockInterval->setCurrentIndex(i);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_openAct);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_openLogAct);
    m_fileMenu->addAction(m_saveLogAct);
    m_fileMenu->addAction(m_dropAct);
    m_fileMenu->addSeparator();
    createExportActions();
    m_fileMenu->addActions({m_exportViewAct, m_exportBatchesAct, m_exportLogAct});
    m_tabs->tabBar()->addAction(m_exportViewAct); // right-click a tab: export its view
    m_tabs->tabBar()->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAct);
    m_runMenu = menuBar()->addMenu(QString());
    for (QAction *a : {m_runAct, m_stepBatchAct, m_stepEventAct, m_stepBackAct, m_runUntilAct, m_runUntilTimeAct, m_resetAct})
        m_runMenu->addAction(a);
    m_runMenu->addSeparator();
    m_runMenu->addAction(m_databaseAct);
    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_presenterAct);
    m_viewMenu->addAction(m_fullScreenAct);
    m_viewMenu->addAction(m_darkAct);
    m_viewMenu->addAction(m_followAct);
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addActions({m_langSystem, m_langEn, m_langZh});
    rebuildRecentMenu();
}

void MainWindow::setKafkaClientListener(KafkaClientListener *listener)
{
    if (m_kafkaListen || !listener) return;
    m_kafkaListen = new KafkaListenAction(listener, m_status, this, m_useSettings);
    m_runMenu->addAction(m_kafkaListen->action()); // after Database…: the other outside connection
}

void MainWindow::setSocketClientListener(SocketClientListener *listener)
{
    if (m_realSockets || !listener) return;
    m_realSockets = new RealSocketsActions(listener, m_controller, m_status, this, m_useSettings);
    // After Database… and Kafka clients: the other outside connections.
    m_runMenu->addAction(m_realSockets->classPortAction());
    m_runMenu->addAction(m_realSockets->realServersAction());
    m_nc->setSocketSources(listener);
}

void MainWindow::createPanels()
{
    m_status = new RunStatusStrip(m_controller, this);
    m_code = new CodePanel(m_controller);
    m_nc = new NcInputPanel(m_controller);
    m_nc->setDropFileAction(m_dropAct);
    // Escape leaves the input: the run keys (Space, arrows) act again.
    connect(m_nc->input(), &NcInputEdit::leaveRequested, this, [this] { m_timeline->setFocus(Qt::ShortcutFocusReason); });
    m_notPySpark = new NotPySparkBanner(m_controller);
    m_timeline = new StreamTimelineView(m_controller);
    m_wordCounts = new WordCountPanel(m_controller);
    m_console = new PprintConsole(m_controller);
    m_delays = new BatchDelayChart(m_controller);
    m_records = new RddRecordsPanel(m_controller);
    m_database = new DatabaseView(m_controller);
    m_kafka = new KafkaView(m_controller);
    m_log = new EventLogView(m_controller);
    m_batchDetail = new BatchDetailView(m_controller);
    m_statistics = new StreamingStatisticsView(m_controller);
    m_lineage = new LineageView(m_controller);
    m_provenance = new ProvenanceView(m_controller);
    connect(m_wordCounts, &WordCountPanel::traceRequested, this, &MainWindow::showProvenance);
    connect(m_records, &RddRecordsPanel::traceRequested, this, &MainWindow::showProvenance);
    connect(m_database, &DatabaseView::rowTraceRequested, this, [this](const QString &table, qint64 rowid) {
        showView(QStringLiteral("provenance"));
        m_provenance->traceDatabaseRow(table, rowid);
    });

    auto *codeArea = new QWidget; // the note on what is not PySpark sits above the program
    auto *codeLayout = new QVBoxLayout(codeArea);
    codeLayout->setContentsMargins(0, 0, 0, 0);
    codeLayout->setSpacing(0);
    codeLayout->addWidget(m_notPySpark);
    m_codeBar = new CodePanelBar(m_code);
    codeLayout->addWidget(m_codeBar);
    codeLayout->addWidget(m_code, 1);
    m_codeFrame = new PanelFrame(codeArea);
    m_ncFrame = new PanelFrame(m_nc);
    m_timelineFrame = new PanelFrame(m_timeline);
    m_countsFrame = new PanelFrame(m_wordCounts);
    m_consoleFrame = new PanelFrame(m_console);
    m_tabs = new QTabWidget;
    // Spark's web UI order first (the Streaming tab, then one batch), then DStream Lab's own.
    for (QWidget *page : std::initializer_list<QWidget *>{m_statistics, m_batchDetail, m_lineage, m_provenance, m_records, m_log, m_delays, m_database, m_kafka})
        m_tabs->addTab(page, QString());
    m_tabs->setTabVisible(m_tabs->indexOf(m_kafka), false); // shown while the program reads Kafka (onSnapshot)
    // A tab chosen in any way opens the bottom tabs where presenter mode folds them (720 px).
    // (m_layout comes later: the first addTab already changed the current tab.)
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { if (m_layout) m_layout->revealTabs(); });
    connect(m_tabs, &QTabWidget::tabBarClicked, this, [this] { if (m_layout) m_layout->revealTabs(); });
    m_tabs->setObjectName(QStringLiteral("bottomTabs"));

    m_left = new QSplitter(Qt::Vertical);
    m_left->addWidget(m_codeFrame);
    m_left->addWidget(m_ncFrame);
    m_left->setStretchFactor(0, 5);
    m_left->setStretchFactor(1, 4);
    m_center = new QSplitter(Qt::Vertical);
    m_center->addWidget(m_timelineFrame);
    m_center->addWidget(m_tabs);
    m_center->setStretchFactor(0, 3);
    m_center->setStretchFactor(1, 2);
    m_right = new QSplitter(Qt::Vertical);
    m_right->addWidget(m_countsFrame);
    m_right->addWidget(m_consoleFrame);
    m_right->setStretchFactor(0, 1);
    m_right->setStretchFactor(1, 1);
    m_columns = new QSplitter(Qt::Horizontal);
    m_columns->addWidget(m_left);
    m_columns->addWidget(m_center);
    m_columns->addWidget(m_right);
    m_columns->setStretchFactor(0, 3);
    m_columns->setStretchFactor(1, 6);
    m_columns->setStretchFactor(2, 3);
    m_columns->setSizes({460, 980, 420});
    m_left->setSizes({520, 420});
    m_center->setSizes({560, 380});
    m_right->setSizes({470, 470});
    m_columns->setObjectName(QStringLiteral("columns"));
    m_left->setObjectName(QStringLiteral("leftColumn"));
    m_center->setObjectName(QStringLiteral("centerColumn"));
    m_right->setObjectName(QStringLiteral("rightColumn"));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 0, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_status);
    layout->addWidget(m_columns, 1);
    setCentralWidget(central);
}

// ---- language, theme ---------------------------------------------------------------------------

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslateUi()
{
    retranslateExport();
    setWindowTitle(m_fileName.isEmpty() ? tr("DStream Lab") : tr("%1 — DStream Lab").arg(QFileInfo(m_fileName).fileName()));
    m_runAct->setText(m_controller->isRunning() ? tr("Pause") : tr("Run"));
    m_runAct->setToolTip(tr("Run or pause simulated time (Space, F5)"));
    m_stepBatchAct->setText(tr("Step batch"));
    m_stepBatchAct->setToolTip(tr("Run until the next batch completes (→, PageDown)"));
    m_stepEventAct->setText(tr("Step event"));
    m_stepEventAct->setToolTip(tr("Run the next simulated event only (Shift+→)"));
    m_stepBackAct->setText(tr("Step back"));
    m_stepBackAct->setToolTip(tr("Back one batch: browse the batches already run; nothing runs again (←, PageUp; Home returns)"));
    m_resetAct->setText(tr("Reset"));
    m_resetAct->setToolTip(tr("Start over; everything typed is kept (Ctrl+R)"));
    m_runUntilAct->setText(tr("Run until batch…"));
    m_runUntilTimeAct->setText(tr("Run until time…"));
    m_databaseAct->setText(tr("Database…"));
    m_databaseAct->setToolTip(tr("Where the program's pymysql.connect(...) goes: its SQLite file, a MariaDB server, or a server of yours"));
    m_saveLogAct->setText(tr("Save input log…"));
    m_saveLogAct->setToolTip(tr("Every line typed, loaded or auto-typed, as SECONDS<TAB>TEXT (dstreamlab run --input)"));
    m_openLogAct->setText(tr("Open input log…"));
    m_openLogAct->setToolTip(tr("Replaces the input log; the run starts over from it when you press Run"));
    m_dropAct->setText(tr("Drop a file into the watched directory…"));
    m_dropAct->setToolTip(tr("A file for textFileStream: it appears whole now, and the next batch reads it"));
    m_openAct->setText(tr("Open program…"));
    m_quitAct->setText(tr("Quit"));
    m_presenterAct->setText(tr("Presenter mode"));
    m_presenterAct->setToolTip(tr("Large type and thick lines for a projector (Ctrl+P)"));
    m_fullScreenAct->setText(tr("Full screen presenter mode"));
    m_fullScreenAct->setToolTip(tr("The whole screen in presenter mode; F11 again gives back the window (F11)"));
    m_darkAct->setText(tr("Dark theme"));
    m_followAct->setText(tr("Follow the latest batch"));
    m_followAct->setToolTip(tr("Back to the run's latest batch; the timeline follows it again (Home)"));
    m_langSystem->setText(tr("System language"));
    m_fileMenu->setTitle(tr("&File"));
    m_recentMenu->setTitle(tr("Recent programs"));
    m_runMenu->setTitle(tr("&Run"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("Language"));
    m_toolBar->setWindowTitle(tr("Run control"));
    m_settingsBar->setWindowTitle(tr("Run settings"));
    m_speedLabel->setText(tr("Speed"));
    m_masterLabel->setText(tr("Master"));
    m_batchLabel->setText(tr("Batch interval"));
    m_blockLabel->setText(tr("Block interval"));
    const auto &speeds = SimulationController::speeds();
    for (int i = 0; i < speeds.size(); ++i)
        m_speed->setItemText(i, speeds[i] > 0 ? QStringLiteral("%1×").arg(speeds[i]) : tr("as fast as possible"));
    m_master->setItemText(0, tr("program's"));
    m_batchInterval->setItemText(0, tr("program's"));
    for (int i = 1; i < m_batchInterval->count(); ++i)
        m_batchInterval->setItemText(i, tr("%1 s").arg(m_batchInterval->itemData(i).toLongLong() / 1000.0));
    for (int i = 0; i < m_blockInterval->count(); ++i)
        m_blockInterval->setItemText(i, tr("%1 ms").arg(m_blockInterval->itemData(i).toLongLong()));
    m_master->setToolTip(tr("Cores of the simulated Spark (local[1] with a receiver never processes). Changing it restarts the run from its input log."));
    m_batchInterval->setToolTip(tr("How often a batch is cut. Changing it restarts the run from its input log."));
    m_blockInterval->setToolTip(tr("spark.streaming.blockInterval: how often the receiver cuts a block (one partition each)."));
    m_codeFrame->setTitle(tr("Program"));
    m_ncFrame->setTitle(tr("Terminal: nc -lk 9999"));
    m_timelineFrame->setTitle(tr("Stream timeline: lines → blocks → batches → one RDD per DStream"));
    m_countsFrame->setTitle(tr("Word counts"));
    m_consoleFrame->setTitle(tr("Output (pprint)"));
    m_tabs->setTabText(m_tabs->indexOf(m_statistics), tr("Streaming"));
    m_tabs->setTabText(m_tabs->indexOf(m_batchDetail), tr("Batch"));
    m_tabs->setTabText(m_tabs->indexOf(m_lineage), tr("Lineage"));
    m_tabs->setTabText(m_tabs->indexOf(m_provenance), tr("Provenance"));
    m_tabs->setTabText(m_tabs->indexOf(m_records), tr("RDD records"));
    m_tabs->setTabText(m_tabs->indexOf(m_log), tr("Log"));
    m_tabs->setTabText(m_tabs->indexOf(m_delays), tr("Batch delays"));
    m_tabs->setTabText(m_tabs->indexOf(m_database), tr("Database"));
    m_tabs->setTabText(m_tabs->indexOf(m_kafka), tr("Kafka"));
    if (m_kafkaListen) m_kafkaListen->retranslate();
    if (m_realSockets) m_realSockets->retranslate();
    retranslateTools();
    retranslateLessons();
}

void MainWindow::applyTheme()
{
    const Theme t = Theme::make(m_dark ? Theme::Kind::Dark : Theme::Kind::Light, m_presenter, PresenterLayout::scaleFor(size()));
    QApplication::setPalette(t.palette());
    QApplication::setFont(t.font(1.0));
    m_controller->setTheme(t);
    for (PanelFrame *f : {m_codeFrame, m_ncFrame, m_timelineFrame, m_countsFrame, m_consoleFrame}) f->applyTheme(t);
    m_toolBar->setIconSize(QSize(static_cast<int>(t.px(22)), static_cast<int>(t.px(22))));
    m_toolBar->setFont(t.font(1.0));
    m_settingsBar->setFont(t.font(1.0));
    m_tabs->setFont(t.font(1.0));
    const QString combo = QStringLiteral("QComboBox { padding: %1px 8px; }").arg(static_cast<int>(t.px(2)));
    for (QComboBox *c : {m_speed, m_master, m_batchInterval, m_blockInterval}) {
        c->setFont(t.font(1.0));
        c->setStyleSheet(combo);
    }
    for (QLabel *l : {m_speedLabel, m_masterLabel, m_batchLabel, m_blockLabel}) l->setFont(t.font(1.0));
    menuBar()->setFont(t.font(1.0));
    m_runAct->setIcon(runIcon(m_controller->isRunning() ? RunIcon::Pause : RunIcon::Play, t.text));
    m_runIconRunning = m_controller->isRunning();
    m_stepBatchAct->setIcon(runIcon(RunIcon::StepBatch, t.text));
    m_stepEventAct->setIcon(runIcon(RunIcon::StepEvent, t.text));
    m_stepBackAct->setIcon(runIcon(RunIcon::StepBack, t.text));
    m_resetAct->setIcon(runIcon(RunIcon::Reset, t.text));
    m_openAct->setIcon(runIcon(RunIcon::Open, t.text));
    m_codeBar->applyTheme(t);
    m_lessons->applyTheme(t);
}

void MainWindow::setPresenterMode(bool on)
{
    if (m_presenterAct->isChecked() != on) m_presenterAct->setChecked(on);
    if (m_presenter == on) return;
    m_presenter = on;
    if (m_useSettings) QSettings().setValue(QStringLiteral("view/presenter"), on);
    applyTheme();
    // Larger type needs room: the timeline most of all (PresenterLayout, DashboardShares).
    m_layout->setPresenter(on);
}

bool MainWindow::isPresenterMode() const
{
    return m_presenter;
}

void MainWindow::setDarkTheme(bool on)
{
    if (m_darkAct->isChecked() != on) m_darkAct->setChecked(on);
    if (m_dark == on) return;
    m_dark = on;
    if (m_useSettings) QSettings().setValue(QStringLiteral("view/dark"), on);
    applyTheme();
}

// ---- program, options ----------------------------------------------------------------------------

void MainWindow::setProgram(const QString &fileName, const QString &source)
{
    m_fileName = fileName;
    m_code->setProgram(source);
    m_timeline->setProgramSource(source);
    m_controller->loadProgram(fileName, source);
    retranslateUi();
}

void MainWindow::syncProgram()
{
    // Edits made before the start run as edited.
    const RunSnapshotPtr &s = m_controller->snapshot();
    if (!m_code->isModified() || (s && s->phase != RunPhase::NotStarted)) return;
    const QString source = m_code->toPlainText();
    m_timeline->setProgramSource(source);
    m_controller->loadProgram(m_fileName.isEmpty() ? QStringLiteral("program.py") : m_fileName, source);
    m_code->markLoaded();
}

void MainWindow::applyOptions()
{
    RunOptions o = m_controller->driver()->options(); // the database and a lesson's faults stay
    o.master = m_master->currentData().toString();
    o.batchIntervalMs.reset();
    o.blockIntervalMs.reset();
    if (const qint64 b = m_batchInterval->currentData().toLongLong(); b > 0) o.batchIntervalMs = b;
    if (const qint64 b = m_blockInterval->currentData().toLongLong(); b != 200) o.blockIntervalMs = b;
    m_controller->setOptions(o);
}

void MainWindow::onSnapshot(const RunSnapshotPtr &s)
{
    m_tabs->setTabVisible(m_tabs->indexOf(m_kafka), KafkaView::programReadsKafka(s.get()));
    const bool running = m_controller->isRunning();
    m_runAct->setText(running ? tr("Pause") : tr("Run"));
    // A new icon only when it changes: a QIcon made per snapshot (60 a second) grew the GUI
    // thread's heap by about 1.3 MB per 1,000 batches in the soak (docs/dashboard-memory.md).
    if (m_runIconRunning != running) {
        m_runAct->setIcon(runIcon(running ? RunIcon::Pause : RunIcon::Play, m_controller->theme().text));
        m_runIconRunning = running;
    }
    const bool ended = s->phase == RunPhase::Finished || s->phase == RunPhase::Failed;
    m_runAct->setEnabled(!ended);
    m_stepBatchAct->setEnabled(!ended && s->phase != RunPhase::Replaying);
    m_stepEventAct->setEnabled(!ended && s->phase != RunPhase::Replaying);
    m_stepBackAct->setEnabled(s->phase != RunPhase::NotStarted && s->phase != RunPhase::Replaying);
    const QString failed = tr("The program raised an error: see the marked line and the log.");
    if (s->phase == RunPhase::Failed && !s->errorText.empty()) {
        m_tabs->setCurrentWidget(m_log);
        m_status->showMessage(failed);
    } else if (m_status->messageText() == failed) {
        m_status->showMessage(QString()); // a reset, or another program: the error is past
    }
    noteFaults(*s);
}

// ---- settings -------------------------------------------------------------------------------------

} // namespace dsl::ui
