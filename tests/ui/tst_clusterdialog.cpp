// Faults > Cluster… (ui/clusterdialog.h): the --master string its spin boxes make and read back
// (MasterSpec), Apply reaching the run as the Master combo's setting does, the run's executors
// as rows of a hand-written snapshot (ClusterExecutorModel, under QAbstractItemModelTester), and
// each row's kill and slow-down buttons asking for the right fault.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/runsnapshot.h"
#include "ui/clusterdialog.h"
#include "ui/clusterexecutormodel.h"
#include "ui/languagemanager.h"
#include "ui/mainwindow.h"
#include "ui/masterspec.h"
#include "ui/simulationcontroller.h"
#include "ui/theme.h"
#endif
#include "snapshotdriver.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QToolBar>

#include <ctime>

using namespace dsl;
using namespace dsl::ui;
using namespace dsl::session;
using namespace Qt::StringLiterals;

namespace {

constexpr std::int64_t kStart = 1'795'514'400'000; // 2026-11-24 10:00:00 UTC

/// A RunDriver that keeps the options it was given (SetOptions), as the session would.
class OptionsDriver : public uitest::SnapshotDriver {
public:
    OptionsDriver() : uitest::SnapshotDriver(u"wordcount.py"_s) {}
    void execute(const SessionCommand &c) override
    {
        if (const auto *o = std::get_if<command::SetOptions>(&c)) {
            m_options = o->options;
            ++setOptions;
        }
    }
    RunOptions options() const override { return m_options; }
    int setOptions = 0;

private:
    RunOptions m_options;
};

/// One executor as a test row spells it: "id alive cores tasks slow lostAtSecond".
using Rows = QStringList;

/// A paused run on `master` with `executors` alive; `faults` its reports (action, second after
/// 10:00:00); the latest completed batch (10:00:04) ran a task on each of `taskExecutors`.
std::shared_ptr<RunSnapshot> runOf(const std::string &master, int cores, std::vector<std::string> executors,
                                   std::vector<std::pair<std::string, int>> faults = {},
                                   const std::vector<std::string> &taskExecutors = {}, bool started = true)
{
    auto s = std::make_shared<RunSnapshot>();
    s->phase = started ? RunPhase::Paused : RunPhase::NotStarted;
    s->hasContext = started;
    s->startTime = SimTime(kStart);
    s->now = s->clock = SimTime(kStart + 4500);
    s->master = master;
    s->cores = cores;
    s->executors = std::move(executors);
    for (const auto &[action, second] : faults) {
        FaultReport f;
        f.action = action;
        f.time = SimTime(kStart + second * 1000);
        s->faults.push_back(f);
    }
    auto b = std::make_shared<BatchSnapshot>();
    b->info.batchTime = SimTime(kStart + 4000);
    b->info.processingStartTime = SimTime(kStart + 4000);
    b->info.processingEndTime = SimTime(kStart + 4100);
    auto jobs = std::make_shared<std::vector<JobInfo>>(1);
    for (std::size_t k = 0; k < taskExecutors.size(); ++k) {
        TaskInfo t;
        t.taskId = static_cast<int>(k);
        t.executor = taskExecutors[k];
        t.core = static_cast<int>(k);
        (*jobs)[0].tasks.push_back(t);
    }
    b->jobs = jobs;
    s->batches.emplace(b->info.batchTime, b);
    s->completedBatches = 1;
    return s;
}

Rows rowsText(const std::vector<ClusterExecutorModel::Row> &rows)
{
    Rows out;
    for (const auto &r : rows)
        out << u"%1 %2 %3 %4 %5 %6"_s.arg(r.id, r.alive ? u"alive"_s : u"lost"_s)
                   .arg(r.cores)
                   .arg(r.tasks)
                   .arg(r.slowFactor)
                   .arg(r.lostAtMs ? QString::number((*r.lostAtMs - kStart) / 1000) : u"-"_s);
    return out;
}

} // namespace

class TestClusterDialog : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theSpinBoxesMakeTheMasterString_data();
    void theSpinBoxesMakeTheMasterString();
    void aMasterReadsBackIntoTheSpinBoxes_data();
    void aMasterReadsBackIntoTheSpinBoxes();
    void applyingSetsTheRunsMasterAsTheComboDoes();
    void theRunsExecutorsAreRows_data();
    void theRunsExecutorsAreRows();
    void theRowsButtonsAskForTheFault_data();
    void theRowsButtonsAskForTheFault();
    void theStateColumnSaysWhatHappened_data();
    void theStateColumnSaysWhatHappened();
    void rendersForTheClassroom_data();
    void rendersForTheClassroom();
};

void TestClusterDialog::initTestCase()
{
    qputenv("TZ", "UTC");
    tzset();
}

void TestClusterDialog::theSpinBoxesMakeTheMasterString_data()
{
    QTest::addColumn<bool>("cluster");
    QTest::addColumn<int>("cores");
    QTest::addColumn<int>("executors");
    QTest::addColumn<int>("perExecutor");
    QTest::addColumn<int>("memory");
    QTest::addColumn<QString>("master");
    QTest::addColumn<int>("totalCores");
    QTest::newRow("local-with-one-core") << false << 1 << 2 << 2 << 1024 << u"local[1]"_s << 1;
    QTest::newRow("local-with-four-cores") << false << 4 << 2 << 2 << 1024 << u"local[4]"_s << 4;
    QTest::newRow("the-toolbars-cluster-two-by-two") << true << 2 << 2 << 2 << 1024 << u"local-cluster[2,2,1024]"_s << 4;
    QTest::newRow("three-executors-of-one-core-and-2-gb") << true << 2 << 3 << 1 << 2048 << u"local-cluster[3,1,2048]"_s << 3;
    QTest::newRow("executors-and-cores-stop-at-8") << true << 2 << 20 << 9 << 1024 << u"local-cluster[8,8,1024]"_s << 64;
    QTest::newRow("memory-stays-within-512-and-8192-mb") << true << 2 << 1 << 1 << 100 << u"local-cluster[1,1,512]"_s << 1;
    QTest::newRow("memory-above-8192-mb-is-8192") << true << 2 << 1 << 1 << 100000 << u"local-cluster[1,1,8192]"_s << 1;
    QTest::newRow("local-cores-stop-at-8") << false << 12 << 2 << 2 << 1024 << u"local[8]"_s << 8;
}

void TestClusterDialog::theSpinBoxesMakeTheMasterString()
{
    QFETCH(bool, cluster);
    QFETCH(int, cores);
    QFETCH(int, executors);
    QFETCH(int, perExecutor);
    QFETCH(int, memory);
    QFETCH(QString, master);
    QFETCH(int, totalCores);
    uitest::SnapshotDriver driver(u"wordcount.py"_s);
    SimulationController controller(&driver);
    ClusterDialog dialog(&controller);
    dialog.findChild<QRadioButton *>(cluster ? u"clusterMode"_s : u"localMode"_s)->setChecked(true);
    dialog.findChild<QSpinBox *>(u"localCores"_s)->setValue(cores);
    dialog.findChild<QSpinBox *>(u"clusterExecutors"_s)->setValue(executors);
    dialog.findChild<QSpinBox *>(u"clusterCores"_s)->setValue(perExecutor);
    dialog.findChild<QSpinBox *>(u"clusterMemory"_s)->setValue(memory);
    QCOMPARE(dialog.masterText(), master);
    QCOMPARE(dialog.spec().totalCores(), totalCores);
    QCOMPARE(dialog.findChild<QLabel *>(u"masterText"_s)->text(), u"--master "_s + master);
    // Only the chosen mode's boxes can be changed.
    QCOMPARE(dialog.findChild<QSpinBox *>(u"localCores"_s)->isEnabled(), !cluster);
    QCOMPARE(dialog.findChild<QSpinBox *>(u"clusterExecutors"_s)->isEnabled(), cluster);
    // What it writes, it reads back.
    QCOMPARE(MasterSpec::parse(master).value().toString(), master);
}

void TestClusterDialog::aMasterReadsBackIntoTheSpinBoxes_data()
{
    QTest::addColumn<QString>("master");
    QTest::addColumn<QString>("shown"); // "" when it cannot be read
    QTest::newRow("plain-local-is-one-core") << u"local"_s << u"local[1]"_s;
    QTest::newRow("local-n") << u"local[3]"_s << u"local[3]"_s;
    QTest::newRow("local-with-retries-keeps-the-cores") << u"local[2,3]"_s << u"local[2]"_s;
    QTest::newRow("local-cluster-with-spaces") << u"local-cluster[ 3 , 2 , 2048 ]"_s << u"local-cluster[3,2,2048]"_s;
    QTest::newRow("local-star-is-the-machines-cores-not-read") << u"local[*]"_s << QString();
    QTest::newRow("a-cluster-manager-is-not-read") << u"yarn"_s << QString();
    QTest::newRow("zero-executors-is-not-read") << u"local-cluster[0,2,1024]"_s << QString();
}

void TestClusterDialog::aMasterReadsBackIntoTheSpinBoxes()
{
    QFETCH(QString, master);
    QFETCH(QString, shown);
    const auto spec = MasterSpec::parse(master);
    QCOMPARE(spec.has_value(), !shown.isEmpty());
    uitest::SnapshotDriver driver(u"wordcount.py"_s);
    SimulationController controller(&driver);
    ClusterDialog dialog(&controller);
    dialog.setMaster(u"local-cluster[2,2,1024]"_s);
    dialog.setMaster(master);
    QCOMPARE(dialog.masterText(), shown.isEmpty() ? u"local-cluster[2,2,1024]"_s : shown);
}

void TestClusterDialog::applyingSetsTheRunsMasterAsTheComboDoes()
{
    OptionsDriver driver;
    SimulationController controller(&driver);
    LanguageManager languages;
    languages.setLanguage(u"en"_s);
    MainWindow window(&controller, &languages, false);
    window.resize(1280, 720);
    // Beside the Master combo, and in the Faults menu.
    QAction *open = window.findChild<QAction *>(u"clusterAction"_s);
    QVERIFY(open);
    QCOMPARE(open->text(), u"Cluster…"_s);
    QVERIFY(window.findChild<QToolBar *>(u"settingsToolBar"_s)->actions().contains(open));
    open->trigger();
    auto *dialog = window.findChild<ClusterDialog *>();
    QVERIFY(dialog && dialog->isVisible());
    QCOMPARE(dialog->masterText(), u"local[2]"_s); // the program's master: the boxes' default
    QSignalSpy chosen(dialog, &ClusterDialog::masterChosen);
    dialog->findChild<QRadioButton *>(u"clusterMode"_s)->setChecked(true);
    dialog->findChild<QSpinBox *>(u"clusterExecutors"_s)->setValue(3);
    dialog->findChild<QSpinBox *>(u"clusterMemory"_s)->setValue(2048);
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"applyMaster"_s), Qt::LeftButton);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen[0][0].toString(), u"local-cluster[3,2,2048]"_s);
    // The run's options, as the combo sets them; the combo shows the new master.
    QCOMPARE(driver.setOptions, 1);
    QCOMPARE(driver.options().master, u"local-cluster[3,2,2048]"_s);
    QComboBox *combo = nullptr;
    for (QComboBox *c : window.findChildren<QComboBox *>())
        if (c->findData(u"local-cluster[2,2,1024]"_s) >= 0) combo = c;
    QVERIFY(combo);
    QCOMPARE(combo->currentData().toString(), u"local-cluster[3,2,2048]"_s);
    // The toolbar's own choice goes the same way back into the dialog when it opens again.
    dialog->close();
    combo->setCurrentIndex(combo->findData(u"local[4]"_s));
    emit combo->activated(combo->currentIndex());
    QCOMPARE(driver.options().master, u"local[4]"_s);
    open->trigger();
    QCOMPARE(dialog->masterText(), u"local[4]"_s);
}

void TestClusterDialog::theRunsExecutorsAreRows_data()
{
    QTest::addColumn<QString>("master");
    QTest::addColumn<int>("cores");
    QTest::addColumn<QStringList>("alive");
    QTest::addColumn<QStringList>("faults"); // "ACTION@SECOND"
    QTest::addColumn<QStringList>("taskExecutors");
    QTest::addColumn<Rows>("rows");
    QTest::newRow("local-mode-is-the-drivers-one-executor-with-every-core")
        << u"local[3]"_s << 3 << QStringList{u"driver"_s} << QStringList{} << QStringList{u"driver"_s, u"driver"_s}
        << Rows{u"driver alive 3 2 1 -"_s};
    QTest::newRow("local-mode-slowed-as-executor-0")
        << u"local[2]"_s << 2 << QStringList{u"driver"_s} << QStringList{u"slow-executor 0 4@2"_s} << QStringList{}
        << Rows{u"driver alive 2 0 4 -"_s};
    QTest::newRow("a-cluster-of-two-counts-each-ones-tasks")
        << u"local-cluster[2,2,1024]"_s << 4 << QStringList{u"0"_s, u"1"_s} << QStringList{}
        << QStringList{u"0"_s, u"1"_s, u"1"_s} << Rows{u"0 alive 2 1 1 -"_s, u"1 alive 2 2 1 -"_s};
    QTest::newRow("a-killed-executor-stays-as-lost-after-its-replacement")
        << u"local-cluster[2,2,1024]"_s << 4 << QStringList{u"0"_s, u"2"_s}
        << QStringList{u"kill-executor 1@3"_s, u"slow-executor 0 2.5@1"_s} << QStringList{u"0"_s, u"2"_s, u"2"_s}
        << Rows{u"0 alive 2 1 2.5 -"_s, u"2 alive 2 2 1 -"_s, u"1 lost 2 0 1 3"_s};
    QTest::newRow("the-latest-slow-down-counts")
        << u"local-cluster[3,1,512]"_s << 3 << QStringList{u"0"_s, u"1"_s, u"2"_s}
        << QStringList{u"slow-executor 1 4@1"_s, u"slow-executor 1 2@2"_s} << QStringList{}
        << Rows{u"0 alive 1 0 1 -"_s, u"1 alive 1 0 2 -"_s, u"2 alive 1 0 1 -"_s};
    QTest::newRow("a-kill-that-was-not-applied-loses-nothing")
        << u"local-cluster[1,2,1024]"_s << 2 << QStringList{u"0"_s} << QStringList{u"!kill-executor 0@2"_s} << QStringList{}
        << Rows{u"0 alive 2 0 1 -"_s};
}

void TestClusterDialog::theRunsExecutorsAreRows()
{
    QFETCH(QString, master);
    QFETCH(int, cores);
    QFETCH(QStringList, alive);
    QFETCH(QStringList, faults);
    QFETCH(QStringList, taskExecutors);
    QFETCH(Rows, rows);
    std::vector<std::string> ids, tasks;
    for (const QString &a : alive) ids.push_back(a.toStdString());
    for (const QString &a : taskExecutors) tasks.push_back(a.toStdString());
    std::vector<std::pair<std::string, int>> reports;
    for (const QString &f : faults) reports.emplace_back(f.section(u'@', 0, 0).remove(u'!').toStdString(), f.section(u'@', 1).toInt());
    auto s = runOf(master.toStdString(), cores, ids, reports, tasks);
    for (int i = 0; i < faults.size(); ++i) s->faults[static_cast<std::size_t>(i)].applied = !faults[i].startsWith(u'!');
    QCOMPARE(rowsText(ClusterExecutorModel::rowsOf(*s)), rows);
    // The model through the tester: from none, to the rows, to a new run's, back to none.
    ClusterExecutorModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(s.get());
    QCOMPARE(model.rowCount(), rows.size());
    QCOMPARE(model.columnCount(), int(ClusterExecutorModel::ColumnCount));
    model.setSnapshot(s.get()); // the same rows: nothing to report
    auto other = runOf("local-cluster[2,2,1024]", 4, {"5", "6"});
    model.setSnapshot(other.get());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, ClusterExecutorModel::Executor).data().toString(), u"5"_s);
    model.setSnapshot(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestClusterDialog::theRowsButtonsAskForTheFault_data()
{
    QTest::addColumn<QString>("master");
    QTest::addColumn<QStringList>("alive");
    QTest::addColumn<int>("row");
    QTest::addColumn<bool>("kill");
    QTest::addColumn<QString>("action"); // "" when the button is disabled
    QTest::addColumn<QString>("tooltip");
    QTest::newRow("kill-executor-1-of-two") << u"local-cluster[2,2,1024]"_s << QStringList{u"0"_s, u"1"_s} << 1 << true
                                            << u"kill-executor 1"_s << u"Kill executor 1"_s;
    QTest::newRow("slow-executor-0-four-times") << u"local-cluster[2,2,1024]"_s << QStringList{u"0"_s, u"1"_s} << 0 << false
                                                << u"slow-executor 0 4"_s << u"Make executor 0 slow (×4)"_s;
    QTest::newRow("the-last-one-alive-is-not-killed")
        << u"local-cluster[2,2,1024]"_s << QStringList{u"2"_s} << 0 << true << QString()
        << u"Executor 2 is the last one alive: DStream Lab keeps one, so that received blocks survive"_s;
    QTest::newRow("local-modes-driver-is-not-killed")
        << u"local[2]"_s << QStringList{u"driver"_s} << 0 << true << QString()
        << u"In local mode the one executor runs inside the driver: choose a local-cluster master (Faults > Cluster…) to kill executors"_s;
    QTest::newRow("local-modes-driver-is-slowed-as-executor-0")
        << u"local[2]"_s << QStringList{u"driver"_s} << 0 << false << u"slow-executor 0 4"_s << u"Make the driver's executor slow (×4)"_s;
}

void TestClusterDialog::theRowsButtonsAskForTheFault()
{
    QFETCH(QString, master);
    QFETCH(QStringList, alive);
    QFETCH(int, row);
    QFETCH(bool, kill);
    QFETCH(QString, action);
    QFETCH(QString, tooltip);
    std::vector<std::string> ids;
    for (const QString &a : alive) ids.push_back(a.toStdString());
    uitest::SnapshotDriver driver(u"wordcount.py"_s);
    SimulationController controller(&driver);
    ClusterDialog dialog(&controller);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.executorModel()->rowCount(), 0);
    QCOMPARE(dialog.executorsNote(), u"No run yet: its executors show here once it starts."_s);
    driver.show(runOf(master.toStdString(), 4, ids));
    QCOMPARE(dialog.executorModel()->rowCount(), alive.size());
    QSignalSpy asked(&dialog, &ClusterDialog::faultRequested);
    QPushButton *b = kill ? dialog.killButton(row) : dialog.slowButton(row);
    QVERIFY(b);
    QCOMPARE(b->text(), kill ? u"Kill"_s : u"Slow ×4"_s);
    QCOMPARE(b->isEnabled(), !action.isEmpty());
    QCOMPARE(b->toolTip(), tooltip);
    QTest::mouseClick(b, Qt::LeftButton);
    QCOMPARE(asked.size(), action.isEmpty() ? 0 : 1);
    if (!action.isEmpty()) QCOMPARE(asked[0][0].toString(), action);
    // Browsing the history: every button is disabled and the note says why.
    auto browsing = runOf(master.toStdString(), 4, ids);
    browsing->cursor = SimTime(kStart + 4000);
    driver.show(browsing);
    QVERIFY(!dialog.killButton(row)->isEnabled());
    QVERIFY(!dialog.slowButton(row)->isEnabled());
    QCOMPARE(dialog.executorsNote(), u"Browsing the history: follow the latest batch again (Home) to break the running cluster"_s);
}

void TestClusterDialog::theStateColumnSaysWhatHappened_data()
{
    QTest::addColumn<bool>("alive");
    QTest::addColumn<double>("slow");
    QTest::addColumn<QString>("text");
    QTest::newRow("a-live-executor-is-alive") << true << 1.0 << u"alive"_s;
    QTest::newRow("a-slowed-one-says-how-slow") << true << 4.0 << u"slow: tasks take 4× as long"_s;
    QTest::newRow("a-killed-one-says-when") << false << 1.0 << u"lost at 10:00:03.000"_s;
}

void TestClusterDialog::theStateColumnSaysWhatHappened()
{
    QFETCH(bool, alive);
    QFETCH(double, slow);
    QFETCH(QString, text);
    ClusterExecutorModel::Row r{u"1"_s, alive, 2, 0, slow, alive ? std::nullopt : std::optional<qint64>(kStart + 3000)};
    QCOMPARE(ClusterExecutorModel::stateText(r), text);
}

void TestClusterDialog::rendersForTheClassroom_data()
{
    QTest::addColumn<bool>("dark");
    QTest::addColumn<bool>("presenter");
    QTest::addColumn<QString>("language");
    QTest::newRow("dark-presenter-en") << true << true << u"en"_s;
    QTest::newRow("dark-presenter-zh_CN") << true << true << u"zh_CN"_s;
    QTest::newRow("light-en") << false << false << u"en"_s;
}

void TestClusterDialog::rendersForTheClassroom()
{
    // local-cluster[3,2,1024] after executor 1 was killed (2 replaces it) and 0 slowed down;
    // PNGs to $DSTREAMLAB_SCREENSHOT_DIR (or the working directory).
    QFETCH(bool, dark);
    QFETCH(bool, presenter);
    QFETCH(QString, language);
    LanguageManager languages;
    QVERIFY(languages.setLanguage(language));
    const Theme t = Theme::make(dark ? Theme::Kind::Dark : Theme::Kind::Light, presenter, 1.0);
    const QPalette palette = QApplication::palette();
    const QFont font = QApplication::font();
    QApplication::setPalette(t.palette());
    QApplication::setFont(t.font(1.0));
    OptionsDriver driver;
    SimulationController controller(&driver);
    ClusterDialog dialog(&controller);
    dialog.setMaster(u"local-cluster[3,2,1024]"_s);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto s = runOf("local-cluster[3,2,1024]", 6, {"0", "3", "2"}, {{"slow-executor 0 4", 2}, {"kill-executor 1", 3}},
                   {"0", "2", "2", "3"});
    driver.show(s);
    QCoreApplication::processEvents();
    QCOMPARE(dialog.executorModel()->rowCount(), 4);
    const QString dir = qEnvironmentVariableIsSet("DSTREAMLAB_SCREENSHOT_DIR") ? qEnvironmentVariable("DSTREAMLAB_SCREENSHOT_DIR")
                                                                               : QDir::currentPath();
    QVERIFY(dialog.grab().toImage().save(dir + u"/clusterdialog-%1.png"_s.arg(QString::fromLatin1(QTest::currentDataTag()))));
    QApplication::setPalette(palette);
    QApplication::setFont(font);
}

QTEST_MAIN(TestClusterDialog)
#include "tst_clusterdialog.moc"
