// Qt Test: the event log's lines, Spark's driver log texts for the engine's events
// (engine/eventlog.h). The expected texts are Spark's format strings, filled here from the
// engine's own records (BatchInfo, JobInfo, TaskInfo) or from hand-derived times:
//  - JobScheduler.scala: "Added jobs for time %s", "Starting job %s from job set of time %s",
//    "Finished job %s from job set of time %s", "Total delay: %.3f s for time %s (execution: %.3f s)"
//    (JobSet.totalDelay from the batch time, processingDelay from the first job's start);
//  - TaskSetManager.scala: "Finished task %d.%d in stage %d.0 (TID %d) in %d ms on localhost
//    (executor driver) (k/n)";
//  - DAGScheduler.scala: "Job %d finished: %s, took %f s";
//  - BlockGenerator.scala, ReceiverTracker.scala, ReceiverSupervisor.scala: a receiver's start.
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"

#include "engine/eventlog.h"
#endif

#include <QtTest>

using namespace testkit;

namespace {

std::string str(const QString &s) { return s.toStdString(); }

/// Every held line as "SOURCE: message" (a log4j line without its date and level).
std::vector<std::string> linesOf(const EventLogSnapshot &s, std::optional<LogLevel> level = std::nullopt)
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (!level || s.at(i).level == *level) out.push_back(s.at(i).source + ": " + s.at(i).message);
    return out;
}

bool contains(const std::vector<std::string> &lines, const std::string &line)
{
    return std::find(lines.begin(), lines.end(), line) != lines.end();
}

/// The word count over a function stream of three lines per batch, with pprint: one batch's
/// job set is one output operation running two Spark jobs (pprint's take).
struct WordCountRun {
    explicit WordCountRun(int batches, std::size_t maxLines = EventLog::kDefaultMaxLines) : log(maxLines)
    {
        d.sim.addObserver(&log);
        StreamingContext ssc(*d.sc, 1_s);
        auto input = ssc.functionStream([this](SimTime) -> std::optional<RDDPtr> {
            return d.sc->parallelize({Value("to be"), Value("or not"), Value("to be")}, 2);
        });
        ops::pprint(wordCount(input));
        ssc.start();
        ssc.awaitTerminationOrTimeout(Duration(1000LL * batches + 500));
        ssc.stop(true, false);
    }
    EventLog log; // declared first: it outlives the simulation that notifies it
    Driver d;
};

} // namespace

class TestEventLog : public QObject {
    Q_OBJECT
private slots:
    void batchNamedIn_data();
    void batchNamedIn();
    void jobSchedulerLinesOfTheFirstBatch();
    void everyBatchEndsWithItsTotalDelay();
    void taskAndJobLinesMatchTheirRecords();
    void linesAreInTimeOrder();
    void receiverStartLines();
    void boundedToItsLimitDroppingOldest();
    void snapshotIsImmutable();
};

void TestEventLog::batchNamedIn_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<qint64>("batch"); // -1: none

    QTest::newRow("added-jobs-names-its-batch") << "Added jobs for time 1795514401000 ms" << 1795514401000LL;
    QTest::newRow("streaming-job-id-names-its-batch")
        << "Starting job streaming job 1795514402000 ms.1 from job set of time 1795514402000 ms" << 1795514402000LL;
    QTest::newRow("total-delay-names-its-batch")
        << "Total delay: 0.052 s for time 1795514403000 ms (execution: 0.050 s)" << 1795514403000LL;
    QTest::newRow("a-number-without-ms-is-no-batch") << "Job 4 finished: take at wc.py:10, took 0.05 s" << -1LL;
    QTest::newRow("time-without-a-number-is-no-batch") << "Reporting time metrics" << -1LL;
    QTest::newRow("a-block-id-is-no-batch") << "Stream 0 received block input-0-1795514400800" << -1LL;
}

void TestEventLog::batchNamedIn()
{
    QFETCH(QString, message);
    QFETCH(qint64, batch);
    const auto got = EventLog::batchNamedIn(message.toStdString());
    if (batch < 0) {
        QVERIFY(!got);
    } else {
        QVERIFY(got);
        QCOMPARE(got->ms(), batch);
    }
}

void TestEventLog::jobSchedulerLinesOfTheFirstBatch()
{
    WordCountRun run(2);
    const auto snap = run.log.snapshot();
    const auto info = linesOf(*snap, LogLevel::Info);
    // start() at kT0 (a whole second): the first batch is kT0 + 1 s (RecurringTimer.getStartTime).
    QVERIFY(contains(info, "JobScheduler: Added jobs for time 1795514401000 ms"));
    QVERIFY(contains(info, "JobScheduler: Starting job streaming job 1795514401000 ms.0 from job set of time 1795514401000 ms"));
    QVERIFY(contains(info, "JobScheduler: Finished job streaming job 1795514401000 ms.0 from job set of time 1795514401000 ms"));
    // Order within the batch: added, started, finished, total delay.
    auto at = [&](const std::string &l) { return std::find(info.begin(), info.end(), l) - info.begin(); };
    QVERIFY(at("JobScheduler: Added jobs for time 1795514401000 ms") <
            at("JobScheduler: Starting job streaming job 1795514401000 ms.0 from job set of time 1795514401000 ms"));
    // Every line about the first batch links to it.
    int linked = 0;
    for (std::size_t i = 0; i < snap->size(); ++i)
        if (snap->at(i).message.find("1795514401000 ms") != std::string::npos) {
            QVERIFY(snap->at(i).batch);
            QCOMPARE(snap->at(i).batch->ms(), 1795514401000LL);
            ++linked;
        }
    QCOMPARE(linked, 4);
}

void TestEventLog::everyBatchEndsWithItsTotalDelay()
{
    WordCountRun run(3);
    const auto info = linesOf(*run.log.snapshot(), LogLevel::Info);
    QCOMPARE(run.d.rec.completed.size(), std::size_t(3));
    for (const BatchInfo &b : run.d.rec.completed) {
        const double total = static_cast<double>((*b.processingEndTime - b.batchTime).ms()) / 1000.0;
        const double exec = static_cast<double>(b.processingDelay()->ms()) / 1000.0;
        const std::string expected =
            str(QString::asprintf("JobScheduler: Total delay: %.3f s for time %lld ms (execution: %.3f s)", total,
                                  static_cast<long long>(b.batchTime.ms()), exec));
        QVERIFY2(contains(info, expected), expected.c_str());
        // Total delay counts from the batch time, so it is never below the execution time.
        QVERIFY(total >= exec);
    }
}

void TestEventLog::taskAndJobLinesMatchTheirRecords()
{
    WordCountRun run(2);
    const auto snap = run.log.snapshot();
    const auto info = linesOf(*snap, LogLevel::Info);
    QVERIFY(!run.d.rec.jobs.empty());
    for (const JobInfo &j : run.d.rec.jobs) {
        const double took = static_cast<double>((*j.completionTime - *j.submissionTime).ms()) / 1000.0;
        const std::string line = str(QString::asprintf("DAGScheduler: Job %d finished: %s, took %f s", j.jobId,
                                                       j.description.c_str(), took));
        QVERIFY2(contains(info, line), line.c_str());
    }
    // Each successful attempt once, "(k/n)" counting its stage's finished tasks in finishing order.
    std::map<int, int> done;
    int taskLines = 0;
    for (const TaskInfo &t : run.d.rec.tasks) {
        if (t.failed) continue;
        QVERIFY(t.stageNumTasks > 0);
        const std::string line = str(QString::asprintf(
            "TaskSetManager: Finished task %d.%d in stage %d.0 (TID %d) in %lld ms on localhost (executor driver) (%d/%d)",
            t.partition, t.attempt, t.stageId, t.taskId, static_cast<long long>((t.finishTime - t.launchTime).ms()),
            ++done[t.stageId], t.stageNumTasks));
        QVERIFY2(contains(info, line), line.c_str());
        ++taskLines;
    }
    int logged = 0;
    for (std::size_t i = 0; i < snap->size(); ++i)
        if (snap->at(i).source == "TaskSetManager") {
            ++logged;
            QVERIFY(snap->at(i).batch); // a batch's task links to the batch
        }
    QCOMPARE(logged, taskLines);
}

void TestEventLog::linesAreInTimeOrder()
{
    // Lines are logged as their events happen (a task's line when it ends, not with its job), so
    // the log reads chronologically like Spark's driver log.
    WordCountRun run(4);
    const auto snap = run.log.snapshot();
    QVERIFY(snap->size() > 20);
    for (std::size_t i = 1; i < snap->size(); ++i)
        QVERIFY2(snap->at(i - 1).time <= snap->at(i).time,
                 (snap->at(i - 1).message + " / " + snap->at(i).message).c_str());
}

void TestEventLog::receiverStartLines()
{
    EventLog log;
    Driver d;
    d.sim.addObserver(&log);
    StreamingContext ssc(*d.sc, 1_s);
    d.sim.inputLog().listen(9999);
    d.sim.inputLog().addLine(kT0 + 300_ms, "to be or not to be");
    ops::pprint(wordCount(ssc.socketTextStream("localhost", 9999)));
    ssc.start();
    ssc.awaitTerminationOrTimeout(2500_ms);
    ssc.stop(true, false);
    const auto snap = log.snapshot();
    const auto info = linesOf(*snap, LogLevel::Info);
    const std::vector<std::string> start = {
        "BlockGenerator: Started BlockGenerator", "BlockGenerator: Started block pushing thread",
        "ReceiverTracker: Registered receiver for stream 0 from localhost",
        "ReceiverSupervisorImpl: Starting receiver 0", "ReceiverSupervisorImpl: Called receiver 0 onStart"};
    auto first = std::search(info.begin(), info.end(), start.begin(), start.end());
    QVERIFY2(first != info.end(), "the five start lines, in Spark's order");
    // The line's block: ReceivedBlockTracker's DEBUG line names it.
    QVERIFY(!d.rec.blocks.empty());
    const auto debug = linesOf(*snap, LogLevel::Debug);
    QVERIFY(contains(debug, "ReceivedBlockTracker: Stream 0 received block " + d.rec.blocks.front().blockId));
}

void TestEventLog::boundedToItsLimitDroppingOldest()
{
    // A small limit (one chunk's worth is the least): the oldest whole chunks go first.
    WordCountRun run(200, EventLog::kChunkLines);
    const auto snap = run.log.snapshot();
    QVERIFY(run.log.total() > 2 * EventLog::kChunkLines);
    QVERIFY(snap->size() <= 2 * EventLog::kChunkLines);
    QVERIFY(snap->size() >= EventLog::kChunkLines);
    QCOMPARE(snap->dropped + snap->size(), run.log.total());
    // The newest lines are held: the last batch's total delay is among them.
    const SimTime last = run.d.rec.completed.back().batchTime;
    bool found = false;
    for (std::size_t i = 0; i < snap->size(); ++i)
        found = found || (snap->at(i).message.rfind("Total delay: ", 0) == 0 && snap->at(i).batch == last);
    QVERIFY(found);
    // ... and the first batch's lines are gone.
    for (std::size_t i = 0; i < snap->size(); ++i) QVERIFY(snap->at(i).batch != std::optional<SimTime>(kT0 + 1_s));
}

void TestEventLog::snapshotIsImmutable()
{
    EventLog log;
    log.add({kT0, LogLevel::Info, "A", "one", std::nullopt});
    const auto before = log.snapshot();
    log.add({kT0, LogLevel::Warn, "B", "two", std::nullopt});
    QCOMPARE(before->size(), std::size_t(1));
    QCOMPARE(log.snapshot()->size(), std::size_t(2));
    QCOMPARE(before->at(0).message, std::string("one"));
    log.clear();
    QCOMPARE(log.snapshot()->size(), std::size_t(0));
    QCOMPARE(log.total(), std::size_t(0));
}

QTEST_APPLESS_MAIN(TestEventLog)
#include "tst_eventlog.moc"
