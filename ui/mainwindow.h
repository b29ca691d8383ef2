// MainWindow: the dashboard — toolbar and keys for run control, settings, and the views.
#pragma once

#include "snapshotfwd.h"

#include <QMainWindow>

#include <optional>

class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QPlainTextEdit;
class QSplitter;
class QTabWidget;
class QToolBar;

namespace dsl::ui {

class BatchDelayChart;
class BatchDetailView;
class ClusterDialog;
class CodePanel;
class CodePanelBar;
class LessonPanel;
class LineageView;
class ProvenanceView;
class LessonProgress;
class LanguageManager;
class NcInputPanel;
class NotPySparkBanner;
class PanelFrame;
class PprintConsole;
class PresenterLayout;
class RddRecordsPanel;
class DatabaseView;
class EventLogView;
class KafkaClientListener;
class KafkaListenAction;
class KafkaView;
class RealSocketsActions;
class SocketClientListener;
struct Theme;
class RunStatusStrip;
class SimulationController;
class StreamTimelineView;
class StreamingStatisticsView;
class WordCountPanel;

/// Views connect to the controller only (docs/conventions.md §14); the window wires commands to it,
/// keeps the layout, theme, language and recent files in QSettings (unless told not to, as
/// for screenshots).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(SimulationController *controller, LanguageManager *languages, bool useSettings = true,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Loads a program file; false (with a message box unless quiet) if it cannot be read.
    bool openProgram(const QString &path, bool quiet = false);
    /// Shows and loads program text (e.g. the bundled network word count).
    void setProgram(const QString &fileName, const QString &source);

    void setPresenterMode(bool on);
    bool isPresenterMode() const;
    /// F11: full screen presenter mode (View menu).
    QAction *fullScreenAction() const { return m_fullScreenAct; }
    void setDarkTheme(bool on);

    NcInputPanel *ncPanel() const { return m_nc; }
    StreamTimelineView *timeline() const { return m_timeline; }
    WordCountPanel *wordCounts() const { return m_wordCounts; }
    PprintConsole *console() const { return m_console; }
    BatchDelayChart *delayChart() const { return m_delays; }
    CodePanel *codePanel() const { return m_code; }
    RddRecordsPanel *recordsPanel() const { return m_records; }
    DatabaseView *databaseView() const { return m_database; }
    KafkaView *kafkaView() const { return m_kafka; }
    EventLogView *logView() const { return m_log; }
    BatchDetailView *batchDetailView() const { return m_batchDetail; }
    StreamingStatisticsView *statisticsView() const { return m_statistics; }
    LineageView *lineageView() const { return m_lineage; }
    ProvenanceView *provenanceView() const { return m_provenance; }
    /// Traces a result back in the Provenance tab and shows it (a double-clicked word count or record).
    void showProvenance(int streamId, qint64 batchMs, const QString &key);
    /// The names --view, --tab and lessons give the views in the bottom tabs (statistics, delays,
    /// batch, tasks, lineage, provenance, records, log, database, kafka).
    static QStringList viewNames();
    /// Shows the view named (showBottomTab); false for a name viewNames() lacks.
    bool showView(const QString &name);
    NotPySparkBanner *notPySparkBanner() const { return m_notPySpark; }
    QAction *dropFileAction() const { return m_dropAct; }
    RunStatusStrip *statusStrip() const { return m_status; }
    QTabWidget *bottomTabs() const { return m_tabs; }
    CodePanelBar *codeBar() const { return m_codeBar; }
    LessonPanel *lessonPanel() const { return m_lessons; }
    QDockWidget *lessonDock() const { return m_lessonDock; }
    /// Shows bottom tab `index` (its order: viewNames' pages) and unfolds the
    /// tabs where presenter mode folds them (720 px), as a click on the tab does (--tab, lessons).
    void showBottomTab(int index);
    /// Shows or hides the lesson panel (Lessons menu, Ctrl+L).
    QAction *lessonsAction() const { return m_lessonsAct; }
    /// Run > Listen for Kafka clients (the app's librdkafka listener; not owned): without one the
    /// menu has no such item. kafkaListen() is null until then.
    void setKafkaClientListener(KafkaClientListener *listener);
    KafkaListenAction *kafkaListen() const { return m_kafkaListen; }
    /// Run > Open the class port… and Run > Connect sockets to real servers (the app's sockets;
    /// not owned): without a listener the menu has neither. The nc panel lists its sources.
    /// realSockets() is null until then.
    void setSocketClientListener(SocketClientListener *listener);
    RealSocketsActions *realSockets() const { return m_realSockets; }
    /// Loads the lessons of a folder into the panel and the Lessons menu (mainwindowlessons.cpp).
    void setLessonsFolder(const QString &folder);
    /// Opens a lesson at a step (nullopt: where the student left off) and shows the panel.
    bool openLesson(const QString &idOrNumber, std::optional<int> step = std::nullopt);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createToolBar();
    void createMenus();
    void createPanels();
    void retranslateUi();
    void applyTheme();
    void onSnapshot(const RunSnapshotPtr &s);
    void syncProgram();
    void applyOptions();
    void addRecentFile(const QString &path);
    void rebuildRecentMenu();
    void restoreLayout();
    void saveLayout();
    void runUntilBatchDialog();
    void runUntilTimeDialog();
    void saveInputLogDialog();
    // File > Export (mainwindowfiles.cpp).
    void createExportActions();
    void retranslateExport();
    void exportViewDialog();
    void exportBatchesDialog();
    void exportLogDialog();
    void openInputLogDialog();
    // The lesson dock and menu, the editor's bar (mainwindowlessons.cpp).
    void createLessonDock();
    void rebuildLessonMenu();
    void retranslateLessons();
    void showLessonView(const QString &view);
    /// The toolbar's settings combos show the run's options (after a lesson set them).
    void showRunOptions();
    // The Faults and Experiments menus (mainwindowtools.cpp).
    void createToolMenus();
    void retranslateTools();
    void rebuildFaultsMenu();
    void injectFault(const QString &action, const QString &what);
    /// Says in the status strip what the newest fault of the run did.
    void noteFaults(const RunSnapshot &s);
    void openExperiments();
    void openModelComparison();
    /// Faults > Cluster… (and the button beside Master): one non-modal dialog, raised if open.
    void openClusterDialog();
    /// The master the cluster dialog chose, applied as the Master combo applies its choice (an
    /// item is added for a master the combo lacks).
    void applyMaster(const QString &master);
    /// The row context menus of the timelines inject through injectFault.
    void connectRowFaults();
    Theme currentTheme() const;

    SimulationController *m_controller;
    LanguageManager *m_languages;
    bool m_useSettings;
    QString m_fileName;

    QAction *m_runAct, *m_stepEventAct, *m_stepBatchAct, *m_stepBackAct, *m_resetAct, *m_runUntilAct;
    QAction *m_runUntilTimeAct, *m_saveLogAct, *m_openLogAct, *m_dropAct, *m_databaseAct;
    QAction *m_openAct, *m_quitAct, *m_presenterAct, *m_darkAct, *m_followAct, *m_fullScreenAct;
    QActionGroup *m_languageGroup;
    QAction *m_langSystem, *m_langEn, *m_langZh;
    QMenu *m_fileMenu, *m_runMenu, *m_viewMenu, *m_languageMenu, *m_recentMenu;
    QToolBar *m_toolBar, *m_settingsBar;
    PresenterLayout *m_layout = nullptr;
    QComboBox *m_speed, *m_master, *m_batchInterval, *m_blockInterval;
    QLabel *m_speedLabel, *m_masterLabel, *m_batchLabel, *m_blockLabel;

    RunStatusStrip *m_status;
    CodePanel *m_code;
    NotPySparkBanner *m_notPySpark;
    NcInputPanel *m_nc;
    StreamTimelineView *m_timeline;
    WordCountPanel *m_wordCounts;
    PprintConsole *m_console;
    BatchDelayChart *m_delays;
    RddRecordsPanel *m_records;
    DatabaseView *m_database;
    KafkaView *m_kafka;
    EventLogView *m_log;
    BatchDetailView *m_batchDetail;
    StreamingStatisticsView *m_statistics;
    LineageView *m_lineage;
    ProvenanceView *m_provenance;
    QTabWidget *m_tabs;
    PanelFrame *m_codeFrame, *m_ncFrame, *m_timelineFrame, *m_countsFrame, *m_consoleFrame;
    QSplitter *m_columns, *m_left, *m_center, *m_right;
    CodePanelBar *m_codeBar = nullptr;
    LessonProgress *m_lessonProgress = nullptr;
    LessonPanel *m_lessons = nullptr;
    QDockWidget *m_lessonDock = nullptr;
    QMenu *m_lessonMenu = nullptr;
    QAction *m_lessonsAct = nullptr, *m_resetLessonsAct = nullptr;
    KafkaListenAction *m_kafkaListen = nullptr;
    RealSocketsActions *m_realSockets = nullptr;
    QAction *m_exportViewAct = nullptr, *m_exportBatchesAct = nullptr, *m_exportLogAct = nullptr;
    QMenu *m_faultsMenu = nullptr, *m_experimentsMenu = nullptr;
    QAction *m_experimentsAct = nullptr, *m_modelCompareAct = nullptr;
    QAction *m_clusterAct = nullptr;
    ClusterDialog *m_clusterDialog = nullptr;
    std::size_t m_faultsSeen = 0; ///< fault reports of run m_faultsRunId already said
    bool m_recoveryNoted = false; ///< the restarted driver's recovery was said (run m_faultsRunId)
    std::uint64_t m_faultsRunId = 0;
    bool m_presenter = false;
    bool m_dark = false;
    std::optional<bool> m_runIconRunning; ///< the state m_runAct's icon shows (Pause while running)
};

} // namespace dsl::ui
