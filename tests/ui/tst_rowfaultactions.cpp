// Faults from a row of the cluster (ui/rowfaultactions.h, docs/faults.md): what a receiver row of
// the stream timeline and an executor lane of the task timeline offer in each state of the run
// (hand-written snapshots), why a disabled entry is disabled, and the action string the views'
// faultRequested signal carries, from a right-click and from the keyboard (the Menu key).
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/runsnapshot.h"
#include "ui/batchselection.h"
#include "ui/rowfaultactions.h"
#include "ui/simulationcontroller.h"
#include "ui/streamtimelineview.h"
#include "ui/tasktimelineview.h"
#include "ui/theme.h"
#endif
#include "snapshotdriver.h"

#include <QAction>
#include <QApplication>
#include <QContextMenuEvent>
#include <QDir>
#include <QImage>
#include <QMenu>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

using namespace dsl;
using namespace dsl::ui;
using namespace dsl::session;
using namespace Qt::StringLiterals;

namespace {

constexpr std::int64_t kStart = 1'795'514'400'000; // 2026-11-24 10:00:00 UTC
constexpr std::int64_t kBatch = kStart + 3000;      // the batch of 10:00:03

/// The states of a run a row's entries depend on.
enum class RunState { NotStarted, Paused, Running, Browsing, Replaying, Finished };

/// A run of the network word count: socket stream 0 with its receiver, flatMap 1, output 2;
/// `executors` alive on `master`.
std::shared_ptr<RunSnapshot> runOf(RunState state, std::vector<std::string> executors = {"driver"},
                                   const std::string &master = "local[2]", int cores = 2)
{
    auto s = std::make_shared<RunSnapshot>();
    s->phase = state == RunState::NotStarted ? RunPhase::NotStarted
               : state == RunState::Running  ? RunPhase::Running
               : state == RunState::Replaying ? RunPhase::Replaying
               : state == RunState::Finished ? RunPhase::Finished
                                             : RunPhase::Paused;
    s->hasContext = state != RunState::NotStarted;
    if (state == RunState::Browsing) s->cursor = SimTime(kBatch);
    s->startTime = SimTime(kStart);
    s->now = s->clock = SimTime(kStart + 3500);
    s->master = master;
    s->cores = cores;
    s->executors = std::move(executors);
    StreamSnapshot in;
    in.id = 0;
    in.className = "SocketInputDStream";
    in.opName = "socketTextStream";
    in.isInput = in.hasReceiver = true;
    StreamSnapshot words;
    words.id = 1;
    words.className = "FlatMappedDStream";
    words.opName = "flatMap";
    words.parents = {0};
    StreamSnapshot out;
    out.id = 2;
    out.className = "ForEachDStream";
    out.opName = "pprint";
    out.parents = {1};
    out.isOutput = true;
    out.outputOpId = 0;
    s->streams = {in, words, out};
    if (state != RunState::NotStarted) {
        ReceiverInfo r;
        r.streamId = 0;
        r.name = "SocketReceiver";
        r.location = "localhost:9999";
        r.active = true;
        r.core = 0;
        r.startTime = SimTime(kStart + 100);
        s->receivers.push_back(r);
    }
    return s;
}

QString actionsText(const std::vector<RowFaultAction> &actions)
{
    QStringList out;
    for (const RowFaultAction &a : actions) out << a.action + (a.enabled ? QString() : u" [disabled]"_s);
    return out.join(u", "_s);
}

/// A batch of 10:00:03 whose tasks ran on `taskExecutors` (task k on core k + 1), processed from
/// +10 ms to +90 ms.
std::shared_ptr<BatchSnapshot> batchOf(const std::vector<std::string> &taskExecutors)
{
    auto b = std::make_shared<BatchSnapshot>();
    b->info.batchTime = SimTime(kBatch);
    b->info.submissionTime = SimTime(kBatch);
    b->info.processingStartTime = SimTime(kBatch + 10);
    b->info.processingEndTime = SimTime(kBatch + 90);
    auto jobs = std::make_shared<std::vector<JobInfo>>();
    JobInfo j;
    j.jobId = 1;
    j.batchTime = SimTime(kBatch);
    StageInfo st;
    st.stageId = 1;
    st.name = "flatMap at wordcount.py:24";
    st.numTasks = static_cast<int>(taskExecutors.size());
    j.stages.push_back(st);
    for (std::size_t k = 0; k < taskExecutors.size(); ++k) {
        TaskInfo t;
        t.taskId = static_cast<int>(k);
        t.stageId = 1;
        t.partition = static_cast<int>(k);
        t.core = static_cast<int>(k) + 1;
        t.executor = taskExecutors[k];
        t.launchTime = SimTime(kBatch + 10);
        t.finishTime = SimTime(kBatch + 80);
        j.tasks.push_back(t);
    }
    jobs->push_back(j);
    b->jobs = jobs;
    return b;
}

/// The menu the view popped up (non-blocking), if any.
QMenu *openMenu(QWidget *view)
{
    return view->findChild<QMenu *>(u"rowFaultsMenu"_s);
}

QAction *menuEntry(QMenu *menu, const QString &action)
{
    for (QAction *a : menu->actions())
        if (a->objectName() == action) return a;
    return nullptr;
}

} // namespace

Q_DECLARE_METATYPE(RunState)

class TestRowFaultActions : public QObject {
    Q_OBJECT
private slots:
    void aReceiverRowOffersToKillItsReceiver_data();
    void aReceiverRowOffersToKillItsReceiver();
    void anExecutorLaneOffersToKillAndSlowItsExecutor_data();
    void anExecutorLaneOffersToKillAndSlowItsExecutor();
    void theStreamTimelineOffersReceiversOnTheirRows_data();
    void theStreamTimelineOffersReceiversOnTheirRows();
    void aRightClickOnTheReceiverLaneAsksForTheFault();
    void theMenuKeyOpensTheSelectedRowsFaults();
    void theTaskTimelineLanesOfferTheirExecutor_data();
    void theTaskTimelineLanesOfferTheirExecutor();
    void theTaskTimelinesKeyboardLaneAsksForTheFault();
    void theTaskTimelineReadsTheLatestRunNotTheBatchs();
    void theMenusRenderForTheClassroom();
    void cleanup();
};

void TestRowFaultActions::cleanup()
{
    // Menus popped up by a test are closed (they delete themselves).
    for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *m = qobject_cast<QMenu *>(w)) m->close();
}

void TestRowFaultActions::aReceiverRowOffersToKillItsReceiver_data()
{
    QTest::addColumn<RunState>("state");
    QTest::addColumn<bool>("receiverActive");
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<QString>("whyNot");
    QTest::newRow("before-the-run-starts-it-is-disabled-start-first")
        << RunState::NotStarted << true << false << u"Start the run first: faults hit a running cluster"_s;
    QTest::newRow("a-paused-run-kills-it-when-it-goes-on") << RunState::Paused << true << true << QString();
    QTest::newRow("a-running-run-kills-it-now") << RunState::Running << true << true << QString();
    QTest::newRow("browsing-the-history-disables-it")
        << RunState::Browsing << true << false
        << u"Browsing the history: follow the latest batch again (Home) to break the running cluster"_s;
    QTest::newRow("replaying-disables-it") << RunState::Replaying << true << false
                                           << u"Replaying the run: wait until it is back at its latest batch"_s;
    QTest::newRow("an-ended-run-disables-it") << RunState::Finished << true << false
                                              << u"The run has ended: reset it (Ctrl+R) to break a running cluster"_s;
    QTest::newRow("a-receiver-being-launched-again-is-not-killed")
        << RunState::Paused << false << false << u"Receiver 0 is not running now: it is being launched again"_s;
}

void TestRowFaultActions::aReceiverRowOffersToKillItsReceiver()
{
    QFETCH(RunState, state);
    QFETCH(bool, receiverActive);
    QFETCH(bool, enabled);
    QFETCH(QString, whyNot);
    auto s = runOf(state);
    for (auto &r : s->receivers) r.active = receiverActive;
    const auto actions = RowFaultActions::forReceiver(s.get(), 0);
    QCOMPARE(actions.size(), std::size_t(1));
    QCOMPARE(actions[0].action, u"kill-receiver 0"_s);
    QCOMPARE(actions[0].text, u"Kill receiver 0"_s);
    QCOMPARE(actions[0].what, u"kill receiver 0"_s);
    QCOMPARE(actions[0].enabled, enabled);
    QCOMPARE(actions[0].whyNot, whyNot);
}

void TestRowFaultActions::anExecutorLaneOffersToKillAndSlowItsExecutor_data()
{
    QTest::addColumn<RunState>("state");
    QTest::addColumn<QStringList>("alive");
    QTest::addColumn<QString>("executor");
    QTest::addColumn<QString>("entries");     // action [disabled], ...
    QTest::addColumn<QString>("texts");       // the menu's words
    QTest::addColumn<QString>("killWhyNot");
    const QString local = u"In local mode the one executor runs inside the driver: choose a local-cluster master "
                          u"(Faults > Cluster…) to kill executors"_s;
    QTest::newRow("local-mode-slows-the-drivers-executor-as-0-and-never-kills-it")
        << RunState::Paused << QStringList{u"driver"_s} << u"driver"_s << u"kill-executor 0 [disabled], slow-executor 0 4"_s
        << u"Kill the driver's executor | Make the driver's executor slow (×4)"_s << local;
    QTest::newRow("local-cluster-kills-and-slows-executor-1-by-its-id")
        << RunState::Running << QStringList{u"0"_s, u"1"_s} << u"1"_s << u"kill-executor 1, slow-executor 1 4"_s
        << u"Kill executor 1 | Make executor 1 slow (×4)"_s << QString();
    QTest::newRow("the-last-executor-alive-is-not-killed")
        << RunState::Paused << QStringList{u"2"_s} << u"2"_s << u"kill-executor 2 [disabled], slow-executor 2 4"_s
        << u"Kill executor 2 | Make executor 2 slow (×4)"_s
        << u"Executor 2 is the last one alive: DStream Lab keeps one, so that received blocks survive"_s;
    QTest::newRow("an-executor-lost-earlier-offers-nothing-enabled")
        << RunState::Paused << QStringList{u"0"_s, u"2"_s} << u"1"_s << u"kill-executor 1 [disabled], slow-executor 1 4 [disabled]"_s
        << u"Kill executor 1 | Make executor 1 slow (×4)"_s
        << u"Executor 1 is no longer alive: a new executor with the next id replaces it"_s;
    QTest::newRow("browsing-the-history-disables-both")
        << RunState::Browsing << QStringList{u"0"_s, u"1"_s} << u"0"_s << u"kill-executor 0 [disabled], slow-executor 0 4 [disabled]"_s
        << u"Kill executor 0 | Make executor 0 slow (×4)"_s
        << u"Browsing the history: follow the latest batch again (Home) to break the running cluster"_s;
    QTest::newRow("before-the-run-starts-both-are-disabled")
        << RunState::NotStarted << QStringList{} << u"0"_s << u"kill-executor 0 [disabled], slow-executor 0 4 [disabled]"_s
        << u"Kill executor 0 | Make executor 0 slow (×4)"_s << u"Start the run first: faults hit a running cluster"_s;
}

void TestRowFaultActions::anExecutorLaneOffersToKillAndSlowItsExecutor()
{
    QFETCH(RunState, state);
    QFETCH(QStringList, alive);
    QFETCH(QString, executor);
    QFETCH(QString, entries);
    QFETCH(QString, texts);
    QFETCH(QString, killWhyNot);
    std::vector<std::string> ids;
    for (const QString &a : alive) ids.push_back(a.toStdString());
    const auto s = runOf(state, ids, executor == u"driver"_s ? "local[2]" : "local-cluster[2,2,1024]");
    const auto actions = RowFaultActions::forExecutor(s.get(), executor);
    QCOMPARE(actionsText(actions), entries);
    QCOMPARE(actions[0].text + u" | "_s + actions[1].text, texts);
    QCOMPARE(actions[0].whyNot, killWhyNot);
    QCOMPARE(actions[0].what, u"kill executor %1"_s.arg(executor));
}

void TestRowFaultActions::theStreamTimelineOffersReceiversOnTheirRows_data()
{
    QTest::addColumn<QString>("where");
    QTest::addColumn<bool>("twoReceivers");
    QTest::addColumn<QString>("entries");
    QTest::newRow("the-receiver-lane-kills-its-receiver") << u"receiver lane"_s << false << u"kill-receiver 0"_s;
    QTest::newRow("the-block-lane-kills-the-receiver-that-cut-them") << u"block lane"_s << false << u"kill-receiver 0"_s;
    QTest::newRow("the-input-streams-row-kills-its-receiver") << u"row 0"_s << false << u"kill-receiver 0"_s;
    QTest::newRow("a-derived-streams-row-offers-nothing") << u"row 1"_s << false << QString();
    QTest::newRow("the-output-row-offers-nothing") << u"row 2"_s << false << QString();
    QTest::newRow("the-time-axis-offers-nothing") << u"axis"_s << false << QString();
    QTest::newRow("the-receiver-lane-of-two-receivers-offers-both")
        << u"receiver lane"_s << true << u"kill-receiver 0, kill-receiver 3"_s;
    QTest::newRow("the-second-input-streams-row-kills-only-its-own") << u"row 1"_s << true << u"kill-receiver 3"_s;
}

void TestRowFaultActions::theStreamTimelineOffersReceiversOnTheirRows()
{
    QFETCH(QString, where);
    QFETCH(bool, twoReceivers);
    QFETCH(QString, entries);
    uitest::SnapshotDriver driver(u"wordcount.py"_s);
    SimulationController controller(&driver);
    StreamTimelineView view(&controller);
    view.resize(900, 500);
    auto s = runOf(RunState::Paused);
    if (twoReceivers) {
        // A second socket stream, 3 (its rows: input 0, input 3, flatMap 1, output 2).
        StreamSnapshot in2 = s->streams[0];
        in2.id = 3;
        s->streams.insert(s->streams.begin() + 1, in2);
        ReceiverInfo r = s->receivers[0];
        r.streamId = 3;
        r.core = 1;
        s->receivers.push_back(r);
    }
    driver.show(s);
    const TimelineMapping &m = view.mapping();
    QPointF at(m.left / 2, 0);
    if (where == u"receiver lane"_s) at.setY(m.receiverTop() + m.laneHeight / 2);
    else if (where == u"block lane"_s) at.setY(m.blockTop() + m.blockHeight / 2);
    else if (where == u"axis"_s) at.setY(m.axisHeight / 2);
    else at.setY(m.rowTop(where.mid(4).toInt()) + m.rowHeight / 2);
    QCOMPARE(actionsText(view.faultActionsAt(at)), entries);
    // The time area of a row offers what its label does.
    QCOMPARE(actionsText(view.faultActionsAt(QPointF(m.left + 100, at.y()))), entries);
}

void TestRowFaultActions::aRightClickOnTheReceiverLaneAsksForTheFault()
{
    uitest::SnapshotDriver driver(u"wordcount.py"_s);
    SimulationController controller(&driver);
    StreamTimelineView view(&controller);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QSignalSpy asked(&view, &StreamTimelineView::faultRequested);
    // Before the run: the entry is there, disabled, and says why.
    ReceiverInfo r;
    r.streamId = 0;
    auto notStarted = runOf(RunState::NotStarted);
    notStarted->receivers.push_back(r);
    driver.show(notStarted);
    const QPoint lane(20, static_cast<int>(view.mapping().receiverTop() + view.mapping().laneHeight / 2));
    QContextMenuEvent before(QContextMenuEvent::Mouse, lane, view.mapToGlobal(lane));
    QCoreApplication::sendEvent(&view, &before);
    QMenu *menu = openMenu(&view);
    QVERIFY(menu);
    QAction *kill = menuEntry(menu, u"kill-receiver 0"_s);
    QVERIFY(kill);
    QVERIFY(!kill->isEnabled());
    QCOMPARE(kill->toolTip(), u"Start the run first: faults hit a running cluster"_s);
    QVERIFY(menu->toolTipsVisible());
    menu->close();
    QTRY_VERIFY(!openMenu(&view));
    // Running: the entry asks for kill-receiver 0; the view never commands the run itself.
    driver.show(runOf(RunState::Running));
    QContextMenuEvent running(QContextMenuEvent::Mouse, lane, view.mapToGlobal(lane));
    QCoreApplication::sendEvent(&view, &running);
    menu = openMenu(&view);
    QVERIFY(menu);
    QCOMPARE(menu->actions().size(), 1);
    kill = menuEntry(menu, u"kill-receiver 0"_s);
    QVERIFY(kill && kill->isEnabled());
    QCOMPARE(kill->text(), u"Kill receiver 0"_s);
    kill->trigger();
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked[0][0].toString(), u"kill-receiver 0"_s);
    QCOMPARE(asked[0][1].toString(), u"kill receiver 0"_s);
}

void TestRowFaultActions::theMenuKeyOpensTheSelectedRowsFaults()
{
    uitest::SnapshotDriver driver(u"wordcount.py"_s);
    SimulationController controller(&driver);
    StreamTimelineView view(&controller);
    view.resize(900, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setFocus();
    driver.show(runOf(RunState::Paused));
    QSignalSpy asked(&view, &StreamTimelineView::faultRequested);
    // Nothing selected: the receiver lane's entries.
    QPointF at;
    QCOMPARE(actionsText(view.keyboardFaultActions(&at)), u"kill-receiver 0"_s);
    QCOMPARE(at.y(), view.mapping().receiverTop() + view.mapping().laneHeight / 2);
    // The input stream's box selected: its row's entries, at its row.
    controller.selection()->selectBox(kBatch, 0);
    QCOMPARE(actionsText(view.keyboardFaultActions(&at)), u"kill-receiver 0"_s);
    QCOMPARE(at.y(), view.mapping().rowTop(0) + view.mapping().rowHeight / 2);
    // A derived stream's box: no receiver there, so the receiver lane's.
    controller.selection()->selectBox(kBatch, 1);
    QCOMPARE(actionsText(view.keyboardFaultActions(&at)), u"kill-receiver 0"_s);
    QCOMPARE(at.y(), view.mapping().receiverTop() + view.mapping().laneHeight / 2);
    // Shift+F10 opens it (the Menu key comes as a keyboard context-menu event: the same menu).
    QTest::keyClick(&view, Qt::Key_F10, Qt::ShiftModifier);
    QMenu *menu = openMenu(&view);
    QVERIFY(menu);
    menuEntry(menu, u"kill-receiver 0"_s)->trigger();
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked[0][0].toString(), u"kill-receiver 0"_s);
}

void TestRowFaultActions::theTaskTimelineLanesOfferTheirExecutor_data()
{
    QTest::addColumn<QString>("master");
    QTest::addColumn<QStringList>("alive");
    QTest::addColumn<QStringList>("taskExecutors"); // tasks on cores 1, 2, ...
    QTest::addColumn<QStringList>("lanes");         // each lane's entries
    // local[3]: the receiver holds core 0; every lane is the driver's one executor.
    QTest::newRow("local-mode-lanes-slow-the-driver-and-the-receivers-lane-kills-it-too")
        << u"local[3]"_s << QStringList{u"driver"_s} << QStringList{u"driver"_s, u"driver"_s}
        << QStringList{u"kill-executor 0 [disabled], slow-executor 0 4, kill-receiver 0"_s,
                       u"kill-executor 0 [disabled], slow-executor 0 4"_s, u"kill-executor 0 [disabled], slow-executor 0 4"_s};
    // local-cluster[2,2,1024]: cores 0-1 on executor 0, 2-3 on executor 1. Core 0 runs no task
    // (the receiver's): its executor comes from the master while both are alive.
    QTest::newRow("local-cluster-lanes-name-their-executor-by-the-tasks-or-the-cores-per-executor")
        << u"local-cluster[2,2,1024]"_s << QStringList{u"0"_s, u"1"_s} << QStringList{u"0"_s, u"1"_s, u"1"_s}
        << QStringList{u"kill-executor 0, slow-executor 0 4, kill-receiver 0"_s, u"kill-executor 0, slow-executor 0 4"_s,
                       u"kill-executor 1, slow-executor 1 4"_s, u"kill-executor 1, slow-executor 1 4"_s};
    // Executor 1 lost and replaced by 2: lanes its tasks ran on in this batch offer it, disabled;
    // the receiver's core ran no task and the slots no longer map to ids, so it offers the receiver only.
    QTest::newRow("a-lost-executors-lanes-are-disabled-and-an-unknown-lane-offers-its-receiver")
        << u"local-cluster[2,2,1024]"_s << QStringList{u"0"_s} << QStringList{u"0"_s, u"1"_s, u"1"_s}
        << QStringList{u"kill-receiver 0"_s, u"kill-executor 0 [disabled], slow-executor 0 4"_s,
                       u"kill-executor 1 [disabled], slow-executor 1 4 [disabled]"_s,
                       u"kill-executor 1 [disabled], slow-executor 1 4 [disabled]"_s};
}

void TestRowFaultActions::theTaskTimelineLanesOfferTheirExecutor()
{
    QFETCH(QString, master);
    QFETCH(QStringList, alive);
    QFETCH(QStringList, taskExecutors);
    QFETCH(QStringList, lanes);
    std::vector<std::string> ids, tasks;
    for (const QString &a : alive) ids.push_back(a.toStdString());
    for (const QString &a : taskExecutors) tasks.push_back(a.toStdString());
    const int cores = master == u"local[3]"_s ? 3 : 4;
    auto s = runOf(RunState::Paused, ids, master.toStdString(), cores);
    const auto batch = batchOf(tasks);
    s->batches.emplace(SimTime(kBatch), batch);
    TaskTimelineView view;
    view.resize(700, 240);
    view.setBatch(s, batch.get());
    QCOMPARE(static_cast<int>(view.layout().lanes().size()), static_cast<int>(lanes.size()));
    for (int i = 0; i < lanes.size(); ++i) {
        QCOMPARE(actionsText(view.faultActionsForLane(i)), lanes[i]);
        // A right-click anywhere on the lane, its label included.
        const QRectF r = view.layout().lanes()[static_cast<std::size_t>(i)].rect;
        QCOMPARE(view.laneAt(QPointF(4, r.center().y())), i);
        QCOMPARE(view.laneAt(r.center()), i);
    }
    QCOMPARE(view.laneAt(QPointF(4, view.height() - 2)), -1); // the time axis
}

void TestRowFaultActions::theTaskTimelinesKeyboardLaneAsksForTheFault()
{
    auto s = runOf(RunState::Running, {"0", "1"}, "local-cluster[2,2,1024]", 4);
    const auto batch = batchOf({"0", "1", "1"});
    s->batches.emplace(SimTime(kBatch), batch);
    TaskTimelineView view;
    view.resize(700, 240);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setBatch(s, batch.get());
    view.setFocus();
    QSignalSpy asked(&view, &TaskTimelineView::faultRequested);
    QCOMPARE(view.currentLane(), 0);
    QTest::keyClick(&view, Qt::Key_Down);
    QTest::keyClick(&view, Qt::Key_Down);
    QCOMPARE(view.currentLane(), 2);
    QTest::keyClick(&view, Qt::Key_Down);
    QTest::keyClick(&view, Qt::Key_Down); // stays on the last lane
    QCOMPARE(view.currentLane(), 3);
    QTest::keyClick(&view, Qt::Key_Up);
    // The Menu key: a keyboard context-menu event, for the lane the keyboard is on.
    QContextMenuEvent key(QContextMenuEvent::Keyboard, QPoint(0, 0), QPoint(0, 0));
    QCoreApplication::sendEvent(&view, &key);
    QMenu *menu = openMenu(&view);
    QVERIFY(menu);
    QStringList texts;
    for (QAction *a : menu->actions()) texts << a->text();
    QCOMPARE(texts, (QStringList{u"Kill executor 1"_s, u"Make executor 1 slow (×4)"_s}));
    menuEntry(menu, u"slow-executor 1 4"_s)->trigger();
    QCOMPARE(asked.size(), 1);
    QCOMPARE(asked[0][0].toString(), u"slow-executor 1 4"_s);
    QCOMPARE(asked[0][1].toString(), u"slow down executor 1: its tasks take 4 times as long"_s);
}

void TestRowFaultActions::theTaskTimelineReadsTheLatestRunNotTheBatchs()
{
    // The batch detail keeps the batch's snapshot while the batch is unchanged; the window gives
    // the view every newer one (setRun): browsing back disables the entries the batch had enabled.
    auto s = runOf(RunState::Paused, {"0", "1"}, "local-cluster[2,2,1024]", 4);
    const auto batch = batchOf({"0", "1", "1"});
    s->batches.emplace(SimTime(kBatch), batch);
    TaskTimelineView view;
    view.resize(700, 240);
    view.setBatch(s, batch.get());
    QCOMPARE(actionsText(view.faultActionsForLane(2)), u"kill-executor 1, slow-executor 1 4"_s);
    auto browsing = std::make_shared<RunSnapshot>(*s);
    browsing->cursor = SimTime(kBatch);
    view.setRun(browsing);
    QCOMPARE(actionsText(view.faultActionsForLane(2)), u"kill-executor 1 [disabled], slow-executor 1 4 [disabled]"_s);
    auto lost = std::make_shared<RunSnapshot>(*s);
    lost->executors = {"0", "2"};
    view.setRun(lost);
    QCOMPARE(actionsText(view.faultActionsForLane(2)), u"kill-executor 1 [disabled], slow-executor 1 4 [disabled]"_s);
    QCOMPARE(view.faultActionsForLane(2)[0].whyNot, u"Executor 1 is no longer alive: a new executor with the next id replaces it"_s);
}

void TestRowFaultActions::theMenusRenderForTheClassroom()
{
    // The task timeline of a local-cluster[2,2,1024] batch in presenter type, dark, with the
    // menu of executor 1's lane open below it; PNG to $DSTREAMLAB_SCREENSHOT_DIR (or here).
    const Theme t = Theme::make(Theme::Kind::Dark, true, 1.0);
    const QPalette palette = QApplication::palette();
    const QFont font = QApplication::font();
    QApplication::setPalette(t.palette());
    QApplication::setFont(t.font(1.0));
    auto s = runOf(RunState::Running, {"0", "1"}, "local-cluster[2,2,1024]", 4);
    const auto batch = batchOf({"0", "1", "1"});
    s->batches.emplace(SimTime(kBatch), batch);
    TaskTimelineView view;
    view.setTheme(t);
    view.resize(900, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setBatch(s, batch.get());
    view.setFocus();
    view.setCurrentLane(2);
    const QRectF lane = view.layout().lanes()[2].rect;
    QContextMenuEvent click(QContextMenuEvent::Mouse, lane.center().toPoint(), view.mapToGlobal(lane.center().toPoint()));
    QCoreApplication::sendEvent(&view, &click);
    QMenu *menu = openMenu(&view);
    QVERIFY(menu);
    const QImage timeline = view.grab().toImage(), popup = menu->grab().toImage();
    QImage shot(timeline.width(), timeline.height() + popup.height() + 8, QImage::Format_ARGB32);
    shot.fill(t.window);
    QPainter p(&shot);
    p.drawImage(0, 0, timeline);
    p.drawImage(static_cast<int>(lane.center().x()), timeline.height() + 8, popup);
    p.end();
    const QString dir = qEnvironmentVariableIsSet("DSTREAMLAB_SCREENSHOT_DIR") ? qEnvironmentVariable("DSTREAMLAB_SCREENSHOT_DIR")
                                                                               : QDir::currentPath();
    QVERIFY(shot.save(dir + u"/rowfaults-tasks-dark-presenter.png"_s));
    QApplication::setPalette(palette);
    QApplication::setFont(font);
}

QTEST_MAIN(TestRowFaultActions)
#include "tst_rowfaultactions.moc"
