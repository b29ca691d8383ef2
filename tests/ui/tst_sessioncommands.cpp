// Tests: the session's commands take one path — RunDriver's named forms and the controller's
// slots each send exactly one SessionCommand through execute; the hub's own part (refusals,
// the selection, the auto-typer flag) is checked against a driver that only records.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/runsnapshot.h"
#endif
#include "app/session/rundriver.h"
#include "ui/batchselection.h"
#include "ui/simulationcontroller.h"

#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <vector>

using namespace dsl;
using namespace dsl::session;
using Controller = dsl::ui::SimulationController;

namespace {

/// A RunDriver that runs nothing: it keeps every command it is given.
class RecordingDriver final : public RunDriver {
public:
    std::vector<SessionCommand> commands;
    RunOptions current;
    bool loadSucceeds = true;

    void execute(const SessionCommand &command) override { commands.push_back(command); }
    QString programFileName() const override { return QStringLiteral("program.py"); }
    QString programSource() const override { return {}; }
    RunOptions options() const override { return current; }
    std::size_t inputLogSize() const override { return 0; }
    bool saveInputLog(const QString &, QString *) override { return true; }
    bool loadInputLog(const QString &, QString *error) override
    {
        if (!loadSucceeds && error) *error = QStringLiteral("not an input log");
        return loadSucceeds;
    }

    QStringList names() const
    {
        QStringList out;
        for (const SessionCommand &c : commands) out << QString::fromLatin1(commandName(c));
        return out;
    }
    /// Delivers a snapshot in `phase`, as ProgramSession does on the GUI thread.
    void show(RunPhase phase)
    {
        auto s = std::make_shared<RunSnapshot>();
        s->phase = phase;
        emit snapshotReady(s);
    }
};

/// One way of sending a command and what it must send.
struct Sender {
    const char *row;
    std::function<void(RunDriver &, Controller &)> send;
    const char *expected;
};

AutoTyperSpec validSpec()
{
    return AutoTyperSpec{AutoTyperSpec::Sample::Zipf, 50.0, 7};
}

/// Every named form of RunDriver: one command each, its arguments carried unchanged.
const std::vector<Sender> &driverForms()
{
    static const std::vector<Sender> forms{
        {"loadProgram", [](RunDriver &d, Controller &) { d.loadProgram(QStringLiteral("a.py"), QStringLiteral("x")); }, "LoadProgram"},
        {"setOptions", [](RunDriver &d, Controller &) { d.setOptions(RunOptions{QStringLiteral("local[3]"), {}, {}}); }, "SetOptions"},
        {"run", [](RunDriver &d, Controller &) { d.run(2.0); }, "Run"},
        {"setSpeed", [](RunDriver &d, Controller &) { d.setSpeed(4.0); }, "SetSpeed"},
        {"pause", [](RunDriver &d, Controller &) { d.pause(); }, "Pause"},
        {"stepEvent", [](RunDriver &d, Controller &) { d.stepEvent(); }, "StepEvent"},
        {"stepBatch", [](RunDriver &d, Controller &) { d.stepBatch(); }, "StepBatch"},
        {"stepBack", [](RunDriver &d, Controller &) { d.stepBack(); }, "StepBack"},
        {"followLatest", [](RunDriver &d, Controller &) { d.followLatest(); }, "FollowLatest"},
        {"cancelReplay", [](RunDriver &d, Controller &) { d.cancelReplay(); }, "CancelReplay"},
        {"runUntilBatch", [](RunDriver &d, Controller &) { d.runUntilBatch(5); }, "RunUntilBatch"},
        {"runUntilTime", [](RunDriver &d, Controller &) { d.runUntilTime(12'000); }, "RunUntilTime"},
        {"reset", [](RunDriver &d, Controller &) { d.reset(); }, "Reset"},
        {"sendLine", [](RunDriver &d, Controller &) { d.sendLine(QStringLiteral("to be")); }, "SendLine"},
        {"startAutoTyper", [](RunDriver &d, Controller &) { d.startAutoTyper(validSpec()); }, "StartAutoTyper"},
        {"stopAutoTyper", [](RunDriver &d, Controller &) { d.stopAutoTyper(); }, "StopAutoTyper"},
        {"setPinnedBatch", [](RunDriver &d, Controller &) { d.setPinnedBatch(3000); }, "SetPinnedBatch"},
    };
    return forms;
}

/// Every slot of the controller that names a command, on a paused run.
const std::vector<Sender> &controllerSlots()
{
    static const std::vector<Sender> sends{
        {"play", [](RunDriver &, Controller &c) { c.play(); }, "Run"},
        {"togglePlay-while-paused-plays", [](RunDriver &, Controller &c) { c.togglePlay(); }, "Run"},
        {"pause", [](RunDriver &, Controller &c) { c.pause(); }, "Pause"},
        {"stepEvent", [](RunDriver &, Controller &c) { c.stepEvent(); }, "StepEvent"},
        {"stepBatch", [](RunDriver &, Controller &c) { c.stepBatch(); }, "StepBatch"},
        {"stepBack", [](RunDriver &, Controller &c) { c.stepBack(); }, "StepBack"},
        {"followLatest", [](RunDriver &, Controller &c) { c.followLatest(); }, "FollowLatest"},
        {"cancelReplay", [](RunDriver &, Controller &c) { c.cancelReplay(); }, "CancelReplay"},
        {"reset", [](RunDriver &, Controller &c) { c.reset(); }, "Reset"},
        {"runUntilBatch", [](RunDriver &, Controller &c) { c.runUntilBatch(5); }, "RunUntilBatch"},
        {"runUntilTime", [](RunDriver &, Controller &c) { c.runUntilTime(12'000); }, "RunUntilTime"},
        {"startAutoTyper", [](RunDriver &, Controller &c) { c.startAutoTyper(validSpec()); }, "StartAutoTyper"},
        {"stopAutoTyper", [](RunDriver &, Controller &c) { c.stopAutoTyper(); }, "StopAutoTyper"},
        {"setSpeed", [](RunDriver &, Controller &c) { c.setSpeed(4.0); }, "SetSpeed"},
        {"sendLine", [](RunDriver &, Controller &c) { c.sendLine(QStringLiteral("to be")); }, "SendLine"},
        {"setOptions", [](RunDriver &, Controller &c) { c.setOptions(RunOptions{QStringLiteral("local[3]"), {}, {}}); }, "SetOptions"},
        {"loadProgram", [](RunDriver &, Controller &c) { c.loadProgram(QStringLiteral("a.py"), QStringLiteral("x")); }, "LoadProgram"},
        {"selecting-a-batch-pins-it", [](RunDriver &, Controller &c) { c.selection()->selectBatch(3000); }, "SetPinnedBatch"},
    };
    return sends;
}

void addRows(const std::vector<Sender> &senders)
{
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < senders.size(); ++i) QTest::newRow(senders[i].row) << static_cast<int>(i);
}

} // namespace

class TestSessionCommands : public QObject {
    Q_OBJECT
private slots:
    void namedFormsSendOneCommand_data();
    void namedFormsSendOneCommand();
    void argumentsArriveUnchanged();
    void controllerSlotsSendOneCommand_data();
    void controllerSlotsSendOneCommand();
    void controllerRefuses_data();
    void controllerRefuses();
    void restartsStopTheAutoTyperAndFollowTheLatestBatch_data();
    void restartsStopTheAutoTyperAndFollowTheLatestBatch();
    void loadingAnInputLogDoesNotRunIt();
    void changedSettingsSayTheRunRestartsOnlyAfterItRan_data();
    void changedSettingsSayTheRunRestartsOnlyAfterItRan();
};

void TestSessionCommands::namedFormsSendOneCommand_data()
{
    addRows(driverForms());
}

void TestSessionCommands::namedFormsSendOneCommand()
{
    QFETCH(int, index);
    const Sender &s = driverForms()[static_cast<std::size_t>(index)];
    RecordingDriver driver;
    Controller controller(&driver);
    s.send(driver, controller);
    QCOMPARE(driver.names(), QStringList{QString::fromLatin1(s.expected)});
}

void TestSessionCommands::argumentsArriveUnchanged()
{
    RecordingDriver driver;
    driver.run(2.5);
    driver.runUntilTime(12'345);
    driver.sendLine(QStringLiteral("to be or not"));
    driver.startAutoTyper(validSpec());
    driver.setPinnedBatch(std::nullopt);
    QCOMPARE(driver.commands.size(), std::size_t(5));
    QCOMPARE(std::get<command::Run>(driver.commands[0]).speed, 2.5);
    QCOMPARE(std::get<command::RunUntilTime>(driver.commands[1]).simTimeMs, qint64(12'345));
    QCOMPARE(std::get<command::SendLine>(driver.commands[2]).line, QStringLiteral("to be or not"));
    QVERIFY(std::get<command::StartAutoTyper>(driver.commands[3]).spec == validSpec());
    QVERIFY(!std::get<command::SetPinnedBatch>(driver.commands[4]).batchTimeMs);
}

void TestSessionCommands::controllerSlotsSendOneCommand_data()
{
    addRows(controllerSlots());
}

void TestSessionCommands::controllerSlotsSendOneCommand()
{
    QFETCH(int, index);
    const Sender &s = controllerSlots()[static_cast<std::size_t>(index)];
    RecordingDriver driver;
    Controller controller(&driver);
    driver.show(RunPhase::Paused);
    s.send(driver, controller);
    QCOMPARE(driver.names(), QStringList{QString::fromLatin1(s.expected)});
}

void TestSessionCommands::controllerRefuses_data()
{
    QTest::addColumn<int>("phase");
    QTest::addColumn<int>("action");
    QTest::addColumn<bool>("says");
    // action: 0 step back, 1 play, 2 the current speed again, 3 an auto-typer rate out of
    // range, 4 the current options again, 5 an input log that does not load
    QTest::newRow("step-back-before-the-run-starts-does-nothing") << int(RunPhase::NotStarted) << 0 << false;
    QTest::newRow("play-after-the-program-finished-says-why") << int(RunPhase::Finished) << 1 << true;
    QTest::newRow("play-after-the-program-failed-says-why") << int(RunPhase::Failed) << 1 << true;
    QTest::newRow("the-current-speed-is-not-sent-again") << int(RunPhase::Paused) << 2 << false;
    QTest::newRow("an-auto-typer-rate-out-of-range-says-why") << int(RunPhase::Paused) << 3 << true;
    QTest::newRow("unchanged-options-do-not-restart-the-run") << int(RunPhase::Paused) << 4 << false;
    QTest::newRow("an-input-log-that-does-not-load-says-why") << int(RunPhase::Paused) << 5 << true;
}

void TestSessionCommands::controllerRefuses()
{
    QFETCH(int, phase);
    QFETCH(int, action);
    QFETCH(bool, says);
    RecordingDriver driver;
    driver.loadSucceeds = false;
    Controller controller(&driver);
    driver.show(static_cast<RunPhase>(phase));
    QSignalSpy messages(&controller, &Controller::message);
    switch (action) {
    case 0: controller.stepBack(); break;
    case 1: controller.play(); break;
    case 2: controller.setSpeed(controller.speed()); break;
    case 3: controller.startAutoTyper(AutoTyperSpec{AutoTyperSpec::Sample::English, AutoTyperSpec::kMaxRate * 2, 1}); break;
    case 4: controller.setOptions(driver.current); break;
    case 5: QVERIFY(!controller.loadInputLog(QStringLiteral("in.txt"))); break;
    }
    QCOMPARE(driver.names(), QStringList{});
    QCOMPARE(messages.count(), says ? 1 : 0);
    QVERIFY(!controller.isAutoTyping());
}

void TestSessionCommands::restartsStopTheAutoTyperAndFollowTheLatestBatch_data()
{
    QTest::addColumn<int>("restart");
    QTest::addColumn<QString>("expected");
    QTest::newRow("reset") << 0 << QStringLiteral("Reset");
    QTest::newRow("changed-options") << 1 << QStringLiteral("SetOptions");
    QTest::newRow("another-program") << 2 << QStringLiteral("LoadProgram");
}

void TestSessionCommands::restartsStopTheAutoTyperAndFollowTheLatestBatch()
{
    QFETCH(int, restart);
    QFETCH(QString, expected);
    RecordingDriver driver;
    Controller controller(&driver);
    driver.show(RunPhase::Paused);
    controller.startAutoTyper(validSpec());
    controller.selection()->selectBatch(3000);
    QVERIFY(controller.isAutoTyping());
    driver.commands.clear();
    QSignalSpy typing(&controller, &Controller::autoTyperChanged);
    switch (restart) {
    case 0: controller.reset(); break;
    case 1: controller.setOptions(RunOptions{QStringLiteral("local[3]"), {}, {}}); break;
    case 2: controller.loadProgram(QStringLiteral("a.py"), QStringLiteral("x")); break;
    }
    // The selection returns to the latest batch first: the pin is released, then the command.
    QCOMPARE(driver.names(), (QStringList{QStringLiteral("SetPinnedBatch"), expected}));
    QVERIFY(controller.selection()->isFollowingLatest());
    QVERIFY(!controller.isAutoTyping());
    QCOMPARE(typing.count(), 1);
}

void TestSessionCommands::loadingAnInputLogDoesNotRunIt()
{
    // The log replaces the input and the run waits at its start (the driver reset it): no Run
    // is sent, even when the old run was running or had finished; Run replays it later.
    for (const RunPhase before : {RunPhase::Finished, RunPhase::Running}) {
        RecordingDriver driver;
        Controller controller(&driver);
        driver.show(before);
        QSignalSpy messages(&controller, &Controller::message);
        QVERIFY(controller.loadInputLog(QStringLiteral("in.txt")));
        QCOMPARE(driver.names(), QStringList{});
        QCOMPARE(messages.count(), 1); // "Run or Step batch replays the program from it"
    }
}

using namespace Qt::StringLiterals;

void TestSessionCommands::changedSettingsSayTheRunRestartsOnlyAfterItRan_data()
{
    QTest::addColumn<QStringList>("before"); // what the user did before changing the settings
    QTest::addColumn<bool>("says");
    QTest::newRow("fresh-app") << QStringList{} << false;
    QTest::newRow("loaded-not-run (a lesson's set-up)") << QStringList{u"load"_s} << false;
    QTest::newRow("ran") << QStringList{u"load"_s, u"run"_s} << true;
    QTest::newRow("stepped-a-batch") << QStringList{u"load"_s, u"step"_s} << true;
    QTest::newRow("ran-then-another-program") << QStringList{u"run"_s, u"load"_s} << false;
    QTest::newRow("ran-then-reset") << QStringList{u"run"_s, u"reset"_s} << false;
}

void TestSessionCommands::changedSettingsSayTheRunRestartsOnlyAfterItRan()
{
    QFETCH(QStringList, before);
    QFETCH(bool, says);
    RecordingDriver driver;
    Controller controller(&driver);
    driver.show(RunPhase::Paused);
    for (const QString &b : before) {
        if (b == u"load"_s) controller.loadProgram(u"a.py"_s, u"x"_s);
        else if (b == u"run"_s) controller.play();
        else if (b == u"step"_s) controller.stepBatch();
        else if (b == u"reset"_s) controller.reset();
    }
    QSignalSpy messages(&controller, &Controller::message);
    controller.setOptions(RunOptions{u"local[3]"_s, {}, {}});
    QCOMPARE(driver.names().back(), u"SetOptions"_s);
    QCOMPARE(messages.count(), says ? 1 : 0);
}

QTEST_MAIN(TestSessionCommands)
#include "tst_sessioncommands.moc"
