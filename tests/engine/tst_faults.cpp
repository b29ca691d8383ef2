// Injected cluster faults (engine/faults.h): kill-receiver, kill-executor, slow-executor and
// kill-driver, each against a hand-worked timeline of the socket word count. Spark's behaviour
// they follow: ReceiverTracker.startReceiver's relaunch of a receiver job that ended
// (streaming/src/main/scala/org/apache/spark/streaming/scheduler/ReceiverTracker.scala), and
// TaskSetManager.executorLost / ExecutorLostFailure, which reruns a lost executor's running tasks
// without counting the loss against spark.task.maxFailures
// (core/src/main/scala/org/apache/spark/scheduler/TaskSetManager.scala, TaskEndReason.scala).
#ifndef Q_MOC_RUN // moc cannot parse the engine headers' C++20 (<compare>)
#include "streamingtestkit.h"

#include "engine/costmodel.h"
#include "engine/faults.h"
#include "engine/taskscheduler.h"
#endif

#include <QtTest>

using namespace testkit;

namespace {

constexpr int kPort = 9999;

/// Records every fault report.
struct FaultObserver : SimulationObserver {
    std::vector<FaultReport> reports;
    void onFault(const FaultReport &r) override { reports.push_back(r); }
};

/// The socket stream's lines per batch, collected (the word count's input, unchanged).
struct LinesProgram {
    explicit LinesProgram(Driver &d) : ssc(*d.sc, 1_s)
    {
        lines = ssc.socketTextStream("localhost", kPort);
        ops::foreachRDD(lines, [this](const RDDPtr &rdd, SimTime t) {
            for (const Value &v : rdd->context().collect(rdd)) data[t].push_back(std::string(v.asStr()));
        });
    }
    StreamingContext ssc;
    DStreamPtr lines;
    std::map<SimTime, std::vector<std::string>> data;
};

ClusterFault fault(const std::string &action, SimTime at)
{
    Fault f;
    std::string error;
    if (!parseFaultAction(action, "test", f, error)) qFatal("%s", error.c_str());
    setFaultTime(f, at);
    return std::get<ClusterFault>(f);
}

} // namespace

class TestFaults : public QObject {
    Q_OBJECT
private slots:
    void parseActions_data();
    void parseActions();
    void killReceiverLosesOnlyItsBuffer();
    void faultOnAStreamWithoutReceiverIsReported();
    void slowExecutorStretchesItsTasks_data();
    void slowExecutorStretchesItsTasks();
    void killExecutorRerunsItsTasksElsewhere();
    void killExecutorRunsARelaunchedTasksFunctionAgain();
    void killExecutorMovesItsReceiverAndIsReplaced();
    void killExecutorInLocalModeIsRefused();
    void killDriverEndsTheRun();
};

void TestFaults::parseActions_data()
{
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("error"); // empty: parses
    QTest::addColumn<QString>("described");

    QTest::newRow("kill-receiver-names-a-stream") << "kill-receiver 0" << QString() << "kill-receiver 0";
    QTest::newRow("kill-executor-names-an-executor") << "kill-executor 1" << QString() << "kill-executor 1";
    QTest::newRow("kill-driver-takes-nothing") << "kill-driver" << QString() << "kill-driver";
    QTest::newRow("slow-executor-takes-a-factor") << "slow-executor 1 2.5" << QString() << "slow-executor 1 2.5";
    QTest::newRow("kill-receiver-needs-its-stream")
        << "kill-receiver" << "t: expected kill-receiver N (N: the input stream's id, from 0)" << QString();
    QTest::newRow("slow-executor-factor-below-one-is-refused")
        << "slow-executor 0 0.5"
        << "t: expected slow-executor N FACTOR (N: the executor, from 0; FACTOR: how many times longer its tasks "
           "take, from 1 to 1000), not '0 0.5'"
        << QString();
    QTest::newRow("kill-driver-with-an-argument-is-refused")
        << "kill-driver now" << "t: expected kill-driver (no arguments), not 'now'" << QString();
    QTest::newRow("negative-executor-is-refused")
        << "kill-executor -1" << "t: expected kill-executor N (N: the executor, from 0, of a local-cluster master), not '-1'"
        << QString();
}

void TestFaults::parseActions()
{
    QFETCH(QString, action);
    QFETCH(QString, error);
    QFETCH(QString, described);
    Fault f;
    std::string err;
    const bool ok = parseFaultAction(action.toStdString(), "t", f, err);
    QCOMPARE(QString::fromStdString(err), error);
    QCOMPARE(ok, error.isEmpty());
    if (!ok) return;
    QCOMPARE(QString::fromStdString(std::get<ClusterFault>(f).action()), described);
}

void TestFaults::killReceiverLosesOnlyItsBuffer()
{
    // Receiver launched at 0.1 s, blocks every 200 ms. Lines a (1.05 s) and b (1.12 s) are cut
    // into the block of 1.2 s; c (1.25 s) is in the buffer when the receiver dies at 1.3 s, and is
    // lost. d (1.31 s) was typed while nobody was connected: nc -lk hands it to the relaunched
    // receiver, which connects at 1.3 + 0.1 = 1.4 s; it is in the block of 1.6 s, batch 2 s.
    Driver d;
    FaultObserver faults;
    d.sim.addObserver(&faults);
    LinesProgram p(d);
    d.sim.inputLog().listen(kPort);
    for (auto [ms, line] : std::vector<std::pair<int, const char *>>{{1050, "a"}, {1120, "b"}, {1250, "c"}, {1310, "d"}, {2500, "e"}})
        d.sim.inputLog().addLine(kT0 + Duration(ms), line);
    const std::uint64_t before = d.sim.fingerprint();
    d.sim.addFault(fault("kill-receiver 0", kT0 + 1300_ms));
    QVERIFY(d.sim.fingerprint() != before); // a fault is input: it enters the fingerprint
    p.ssc.start();
    p.ssc.awaitTerminationOrTimeout(4_s);

    QCOMPARE(p.data[kT0 + 2_s], (std::vector<std::string>{"a", "b", "d"}));
    QCOMPARE(p.data[kT0 + 3_s], std::vector<std::string>{"e"});
    QCOMPARE(faults.reports.size(), std::size_t(2));
    const FaultReport &kill = faults.reports[0];
    QCOMPARE(kill.time, kT0 + 1300_ms);
    QVERIFY(kill.applied);
    QCOMPARE(kill.lostRecords, 1);
    QCOMPARE(kill.lostInputs, std::vector<std::int64_t>{2}); // the input log's third line, c
    QCOMPARE(faults.reports[1].recoveredAt, std::optional<SimTime>(kT0 + 1300_ms + Duration(cost::receiverLaunchMs)));
    QCOMPARE(d.rec.count(LogLevel::Error, "Receiver has been stopped. Try to restart it."), 1);
    QCOMPARE(d.rec.count(LogLevel::Info, "Restarting Receiver 0"), 1);
    QCOMPARE(d.rec.count(LogLevel::Info, "Connected to localhost:9999"), 2);
    p.ssc.stop(false, false);
}

void TestFaults::faultOnAStreamWithoutReceiverIsReported()
{
    Driver d;
    FaultObserver faults;
    d.sim.addObserver(&faults);
    LinesProgram p(d);
    d.sim.inputLog().listen(kPort);
    d.sim.addFault(fault("kill-receiver 5", kT0 + 500_ms));
    p.ssc.start();
    p.ssc.awaitTerminationOrTimeout(1_s);
    QCOMPARE(faults.reports.size(), std::size_t(1));
    QVERIFY(!faults.reports[0].applied);
    QCOMPARE(faults.reports[0].effects, std::vector<std::string>{"stream 5 has no receiver (receivers: 0)"});
    QCOMPARE(d.rec.count(LogLevel::Warn, "Fault kill-receiver 5 at 0.5 s (test) not applied: stream 5 has no "
                                         "receiver (receivers: 0)"),
             1);
    p.ssc.stop(false, false);
}

void TestFaults::slowExecutorStretchesItsTasks_data()
{
    QTest::addColumn<double>("factor");
    QTest::newRow("twice-as-slow") << 2.0;
    QTest::newRow("ten-times-as-slow") << 10.0;
}

void TestFaults::slowExecutorStretchesItsTasks()
{
    // The same seed plans the same task durations; the straggler only changes their placement:
    // each task launched after the fault runs ceil(planned x factor) ms.
    QFETCH(double, factor);
    auto run = [](std::optional<double> slow) {
        Driver d;
        LinesProgram p(d);
        d.sim.inputLog().listen(kPort);
        for (int i = 0; i < 20; ++i) d.sim.inputLog().addLine(kT0 + Duration(1000 + 40 * i), "w" + std::to_string(i));
        if (slow) {
            std::ostringstream a;
            a << "slow-executor 0 " << *slow;
            d.sim.addFault(fault(a.str(), kT0));
        }
        p.ssc.start();
        p.ssc.awaitTerminationOrTimeout(4_s);
        p.ssc.stop(false, false);
        return std::make_pair(d.rec.tasks, p.data);
    };
    const auto [plain, plainData] = run(std::nullopt);
    const auto [slow, slowData] = run(factor);
    QCOMPARE(slowData, plainData); // a slow machine changes when, never what
    QVERIFY(!plain.empty());
    QCOMPARE(slow.size(), plain.size());
    for (std::size_t i = 0; i < plain.size(); ++i) {
        const auto planned = (plain[i].finishTime - plain[i].launchTime).ms();
        const auto ran = (slow[i].finishTime - slow[i].launchTime).ms();
        QCOMPARE(ran, static_cast<std::int64_t>(std::ceil(static_cast<double>(planned) * factor)));
        QCOMPARE(slow[i].executor, std::string("driver"));
    }
}

namespace {
/// 30 lines "spark storm spark" from 1 s, 25 ms apart, with kill-executor 1 at `killAt` if given;
/// the program runs 4 s and stops.
void runThirtyLines(Driver &d, LinesProgram &p, std::optional<SimTime> killAt)
{
    d.sim.inputLog().listen(kPort);
    for (int i = 0; i < 30; ++i) d.sim.inputLog().addLine(kT0 + Duration(1000 + 25 * i), "spark storm spark");
    if (killAt) d.sim.addFault(fault("kill-executor 1", *killAt));
    p.ssc.start();
    p.ssc.awaitTerminationOrTimeout(4_s);
    p.ssc.stop(false, false);
}
} // namespace

void TestFaults::killExecutorRerunsItsTasksElsewhere()
{
    // local-cluster[2,2,1024]: the receiver takes a core of executor 0; tasks go to the executor
    // with the fewest busy cores. With spark.task.maxFailures=1 a task failure would abort the
    // job: the loss of an executor must not count as one.
    const std::map<std::string, std::string> conf{{"spark.task.maxFailures", "1"}};
    auto run = [&](std::optional<SimTime> killAt, FaultObserver *faults) {
        Driver d("local-cluster[2,2,1024]", kT0, 42, conf);
        if (faults) d.sim.addObserver(faults);
        LinesProgram p(d);
        auto counts = wordCount(p.lines);
        std::map<SimTime, Records> out;
        ops::foreachRDD(counts, [&out](const RDDPtr &rdd, SimTime t) { out[t] = rdd->context().collect(rdd); });
        runThirtyLines(d, p, killAt);
        return std::make_tuple(d.rec.tasks, out, d.rec.logs);
    };
    const auto [plainTasks, plainOut, plainLogs] = run(std::nullopt, nullptr);
    // A moment when executor 1 runs a task of batch 2 s: the middle of its first such task.
    std::optional<TaskInfo> victim;
    for (const TaskInfo &t : plainTasks)
        if (t.executor == "1" && t.batchTime == kT0 + 2_s && (t.finishTime - t.launchTime).ms() >= 2) {
            victim = t;
            break;
        }
    QVERIFY2(victim, "no task of batch 2 s ran on executor 1 for at least 2 ms");
    const SimTime killAt = victim->launchTime + Duration((victim->finishTime - victim->launchTime).ms() / 2);
    FaultObserver faults;
    const auto [tasks, out, logs] = run(killAt, &faults);

    QCOMPARE(out, plainOut); // lineage recomputes the same counts
    QCOMPARE(out.at(kT0 + 2_s).size(), std::size_t(2));
    const auto lost = std::find_if(tasks.begin(), tasks.end(), [](const TaskInfo &t) { return t.executorLost; });
    QVERIFY(lost != tasks.end());
    QCOMPARE(lost->taskId, victim->taskId);
    QCOMPARE(lost->finishTime, killAt);
    QVERIFY(lost->failed);
    const auto again = std::find_if(tasks.begin(), tasks.end(), [&](const TaskInfo &t) {
        return t.stageId == lost->stageId && t.partition == lost->partition && t.attempt == lost->attempt + 1;
    });
    QVERIFY(again != tasks.end());
    QVERIFY(!again->failed);
    QCOMPARE(again->executor, std::string("0")); // executor 1 is gone for 3 s
    QVERIFY(again->launchTime >= killAt);
    // Every task executor 1 was running at that moment is lost and runs again.
    std::vector<int> running;
    for (const TaskInfo &t : plainTasks)
        if (t.executor == "1" && t.launchTime <= killAt && killAt < t.finishTime) running.push_back(t.taskId);
    QCOMPARE(faults.reports.front().rerunTaskIds, running);
    const std::string lostExecutor = "Lost executor 1 on localhost: Executor killed (" + faults.reports.front().description + ")";
    QVERIFY(std::any_of(logs.begin(), logs.end(), [&](const auto &l) { return l.message == lostExecutor; }));
}

void TestFaults::killExecutorRunsARelaunchedTasksFunctionAgain()
{
    // TaskSetManager.executorLost resubmits the lost attempt, which computes its partition from
    // lineage again: a function with a side effect (a foreachPartition writing rows) runs once
    // more for each result task lost with the executor, on its next attempt.
    struct Call {
        int stageId, partition, attempt;
        SimTime at;
        bool operator==(const Call &) const = default;
    };
    auto run = [&](std::optional<SimTime> killAt, FaultObserver *faults) {
        Driver d("local-cluster[2,2,1024]", kT0, 42);
        if (faults) d.sim.addObserver(faults);
        LinesProgram p(d);
        auto counts = wordCount(p.lines);
        auto calls = std::make_shared<std::vector<Call>>();
        ops::foreachRDD(counts, [calls, &d](const RDDPtr &rdd, SimTime) {
            auto written = ops::mapPartitionsWithIndex(rdd, "writes", [calls, &d](int i, Records &&in, TaskContext &ctx) {
                calls->push_back(Call{ctx.stageId, i, ctx.attemptNumber, d.sim.now()});
                return std::move(in);
            });
            rdd->context().collect(written);
        });
        runThirtyLines(d, p, killAt);
        return std::make_pair(d.rec.tasks, *calls);
    };
    const auto [plainTasks, plainCalls] = run(std::nullopt, nullptr);
    std::set<int> resultStages;
    for (const Call &c : plainCalls) resultStages.insert(c.stageId);
    // The middle of the first result task of batch 2 s on executor 1 that runs for 2 ms or more.
    std::optional<TaskInfo> victim;
    for (const TaskInfo &t : plainTasks)
        if (t.executor == "1" && t.batchTime == kT0 + 2_s && resultStages.count(t.stageId) &&
            (t.finishTime - t.launchTime).ms() >= 2) {
            victim = t;
            break;
        }
    QVERIFY2(victim, "no result task of batch 2 s ran on executor 1 for at least 2 ms");
    const SimTime killAt = victim->launchTime + Duration((victim->finishTime - victim->launchTime).ms() / 2);
    FaultObserver faults;
    const auto [tasks, calls] = run(killAt, &faults);

    // Every call of the plain run happens again, at the same place; and one more for each result
    // task lost with the executor, as its next attempt, when that attempt is launched.
    std::vector<Call> extra;
    for (const int tid : faults.reports.front().rerunTaskIds) {
        const auto lost = std::find_if(tasks.begin(), tasks.end(), [&](const TaskInfo &t) { return t.taskId == tid; });
        QVERIFY(lost != tasks.end());
        // The fault's report names each lost attempt that runs again (the dashboard lists them).
        const std::string head = "task " + std::to_string(lost->partition) + "." + std::to_string(lost->attempt) +
                                 " in stage " + std::to_string(lost->stageId) + ".0 (";
        const auto &effects = faults.reports.front().effects;
        QVERIFY2(std::any_of(effects.begin(), effects.end(),
                             [&](const std::string &e) {
                                 return e.rfind(head, 0) == 0 && e.find("batch " + std::to_string((kT0 + 2_s).ms()) + " ms) runs again from lineage") != std::string::npos;
                             }),
                 head.c_str());
        if (!resultStages.count(lost->stageId)) continue;
        const auto again = std::find_if(tasks.begin(), tasks.end(), [&](const TaskInfo &t) {
            return t.stageId == lost->stageId && t.partition == lost->partition && t.attempt == lost->attempt + 1;
        });
        QVERIFY(again != tasks.end());
        extra.push_back(Call{again->stageId, again->partition, again->attempt, again->launchTime});
    }
    QVERIFY(!extra.empty()); // the victim at least
    QCOMPARE(calls.size(), plainCalls.size() + extra.size());
    for (const Call &c : extra) QVERIFY(std::find(calls.begin(), calls.end(), c) != calls.end());
    std::vector<Call> firstAttempts;
    for (const Call &c : calls)
        if (std::find(extra.begin(), extra.end(), c) == extra.end()) firstAttempts.push_back(c);
    QCOMPARE(firstAttempts.size(), plainCalls.size());
    for (std::size_t i = 0; i < plainCalls.size(); ++i) {
        QCOMPARE(firstAttempts[i].stageId, plainCalls[i].stageId);
        QCOMPARE(firstAttempts[i].partition, plainCalls[i].partition);
        QCOMPARE(firstAttempts[i].attempt, plainCalls[i].attempt);
    }
}

void TestFaults::killExecutorMovesItsReceiverAndIsReplaced()
{
    // The receiver runs on executor 0 (the first core offered). Killing executor 0 at 1.3 s kills
    // the receiver with it (its buffer, line c, is lost); the receiver is launched again at 1.4 s
    // on executor 1, and a new executor, "2", takes executor 0's place 3 s after the loss.
    Driver d("local-cluster[2,2,1024]");
    FaultObserver faults;
    d.sim.addObserver(&faults);
    LinesProgram p(d);
    d.sim.inputLog().listen(kPort);
    for (auto [ms, line] : std::vector<std::pair<int, const char *>>{{1050, "a"}, {1250, "c"}, {1500, "d"}})
        d.sim.inputLog().addLine(kT0 + Duration(ms), line);
    d.sim.addFault(fault("kill-executor 0", kT0 + 1300_ms));
    p.ssc.start();
    p.ssc.awaitTerminationOrTimeout(2500_ms);
    QCOMPARE(p.data[kT0 + 2_s], (std::vector<std::string>{"a", "d"}));
    const auto receivers = p.ssc.scheduler().receivers();
    QCOMPARE(receivers.size(), std::size_t(1));
    QVERIFY(receivers[0].active);
    const auto &cores = d.sc->taskScheduler().cores();
    QCOMPARE(cores[static_cast<std::size_t>(receivers[0].core)].executor, 1);
    QCOMPARE(d.sc->taskScheduler().executors()[0].alive, false);
    p.ssc.awaitTerminationOrTimeout(Duration(cost::executorRelaunchMs));
    QCOMPARE(d.sc->taskScheduler().executors()[0].id, std::string("2"));
    QVERIFY(d.sc->taskScheduler().executors()[0].alive);
    // The executor's loss, the receiver dying with it, the receiver back, the executor back.
    QCOMPARE(faults.reports.size(), std::size_t(4));
    QCOMPARE(faults.reports[0].lostRecords, 1); // the receiver's report: line c
    QCOMPARE(faults.reports[1].action, std::string("kill-executor 0"));
    QCOMPARE(faults.reports[3].recoveredAt, std::optional<SimTime>(kT0 + 1300_ms + Duration(cost::executorRelaunchMs)));
    p.ssc.stop(false, false);
}

void TestFaults::killExecutorInLocalModeIsRefused()
{
    Driver d("local[2]");
    FaultObserver faults;
    d.sim.addObserver(&faults);
    LinesProgram p(d);
    d.sim.addFault(fault("kill-executor 0", kT0 + 500_ms));
    p.ssc.start();
    p.ssc.awaitTerminationOrTimeout(1_s);
    QCOMPARE(faults.reports.size(), std::size_t(1));
    QVERIFY(!faults.reports[0].applied);
    QVERIFY(faults.reports[0].effects[0].find("kill-driver") != std::string::npos);
    p.ssc.stop(false, false);
}

void TestFaults::killDriverEndsTheRun()
{
    // Batches of 1 s and 2 s complete; the driver dies at 2.5 s: the batch of 3 s never comes,
    // no event is left, and the wait returns there.
    Driver d;
    LinesProgram p(d);
    d.sim.inputLog().listen(kPort);
    d.sim.inputLog().addLine(kT0 + 1500_ms, "x");
    d.sim.inputLog().addLine(kT0 + 2800_ms, "y");
    d.sim.addFault(fault("kill-driver", kT0 + 2500_ms));
    p.ssc.start();
    QVERIFY(!p.ssc.awaitTerminationOrTimeout(10_s));
    QVERIFY(d.sim.driverKilled());
    QCOMPARE(d.sim.now(), kT0 + 2500_ms);
    QVERIFY(!d.sim.hasPendingEvents());
    QCOMPARE(p.data[kT0 + 2_s], std::vector<std::string>{"x"});
    QVERIFY(!p.data.count(kT0 + 3_s));
}

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
