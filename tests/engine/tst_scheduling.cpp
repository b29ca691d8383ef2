// Qt Test: how batches become jobs and jobs get cores — Spark's JobGenerator/JobScheduler and the
// local[n] task scheduler (docs/spark-semantics.md §3, §4.4; streaming guide "Points to remember").
//
// Expected behaviour comes from Spark's rules:
//  - a receiver holds one core for as long as it runs; with no core left, jobs never get a task
//    slot, so batches queue forever ("the system will receive data, but not be able to process it");
//  - the StreamingContext warns about "local"/"local[1]" masters (a check on the master string);
//  - each batch has one job per output operation, run one at a time (concurrentJobs = 1) in the
//    order the operations were defined;
//  - a failing job fails only its output operation; awaitTermination rethrows the error once and
//    later batches still run (PySpark test_failed_func_with_resetting_failure);
//  - "local[N,F]" lets a task fail F times before the job aborts; plain local masters allow 1;
//  - BatchInfo: schedulingDelay = start - submission, processingDelay = end - start, total = sum.
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"

#include "engine/rdds.h"
#endif

#include <QtTest>

using namespace testkit;

namespace {

const char *const kLocalWarning =
    "spark.master should be set as local[n], n > 1 in local mode if you have receivers to get data, otherwise "
    "Spark jobs will not get resources to process the received data.";

/// A queue-fed stream whose batch k (1-based) is sc.parallelize(batches[k-1], 1).
std::shared_ptr<QueueInputDStream> queueOf(StreamingContext &ssc, const std::vector<Records> &batches)
{
    auto q = std::make_shared<std::deque<RDDPtr>>();
    for (const auto &b : batches) q->push_back(ssc.sparkContext().parallelize(b, 1));
    return ssc.queueStream(q);
}

} // namespace

class TestScheduling : public QObject {
    Q_OBJECT

private slots:
    void sparkMasterWarning_data();
    void sparkMasterWarning();
    void coresAndReceivers_data();
    void coresAndReceivers();
    void outputOpsRunInDefinitionOrder_data();
    void outputOpsRunInDefinitionOrder();
    void failingUserFunction_data();
    void failingUserFunction();
    void taskRetries_data();
    void taskRetries();
    void batchDelaysConsistent_data();
    void batchDelaysConsistent();
};

void TestScheduling::sparkMasterWarning_data()
{
    QTest::addColumn<QString>("master");
    QTest::addColumn<bool>("withReceiver");
    QTest::addColumn<bool>("warns");

    QTest::newRow("local-with-receiver-warns") << QStringLiteral("local") << true << true;
    QTest::newRow("local-1-with-receiver-warns") << QStringLiteral("local[1]") << true << true;
    // StreamingContext.scala compares the master string, it does not look for receivers.
    QTest::newRow("local-1-without-receiver-still-warns") << QStringLiteral("local[1]") << false << true;
    QTest::newRow("local-2-does-not-warn") << QStringLiteral("local[2]") << true << false;
    QTest::newRow("local-star-does-not-warn") << QStringLiteral("local[*]") << true << false;
    // ... so a one-thread master spelled differently slips through, as in Spark.
    QTest::newRow("local-1-with-retries-is-not-matched") << QStringLiteral("local[1,3]") << true << false;
}

void TestScheduling::sparkMasterWarning()
{
    QFETCH(QString, master);
    QFETCH(bool, withReceiver);
    QFETCH(bool, warns);
    Driver d(master.toStdString());
    StreamingContext ssc(*d.sc, 1_s);
    // Logged when the context is created (class body of StreamingContext), once.
    QCOMPARE(d.rec.count(LogLevel::Warn, kLocalWarning), warns ? 1 : 0);
    DStreamPtr input = withReceiver ? DStreamPtr(ssc.socketTextStream("localhost", 9999))
                                    : DStreamPtr(queueOf(ssc, {{Value(1)}}));
    ops::pprint(input);
    ssc.start();
    ssc.awaitTerminationOrTimeout(2_s);
    ssc.stop(true, false);
    QCOMPARE(d.rec.count(LogLevel::Warn, kLocalWarning), warns ? 1 : 0);
    for (const auto &l : d.rec.logs)
        if (l.message == kLocalWarning) QCOMPARE(l.source, std::string("StreamingContext"));
}

void TestScheduling::coresAndReceivers_data()
{
    QTest::addColumn<QString>("master");
    QTest::addColumn<int>("receivers");
    QTest::addColumn<bool>("processes");

    QTest::newRow("local-1-one-receiver-batches-queue-forever") << QStringLiteral("local[1]") << 1 << false;
    QTest::newRow("local-one-receiver-batches-queue-forever") << QStringLiteral("local") << 1 << false;
    QTest::newRow("local-2-two-receivers-batches-queue-forever") << QStringLiteral("local[2]") << 2 << false;
    QTest::newRow("local-2-one-receiver-every-batch-completes") << QStringLiteral("local[2]") << 1 << true;
    QTest::newRow("local-3-two-receivers-every-batch-completes") << QStringLiteral("local[3]") << 2 << true;
}

void TestScheduling::coresAndReceivers()
{
    QFETCH(QString, master);
    QFETCH(int, receivers);
    QFETCH(bool, processes);
    Driver d(master.toStdString());
    StreamingContext ssc(*d.sc, 1_s);
    std::vector<DStreamPtr> sockets;
    for (int i = 0; i < receivers; ++i) {
        sockets.push_back(ssc.socketTextStream("localhost", 9999 + i));
        d.sim.inputLog().listen(9999 + i);
    }
    auto lines = receivers == 1 ? sockets.front() : ops::unionStreams(sockets);
    ops::pprint(wordCount(lines));
    // A few lines in every batch, on every port (port 0 = all sockets).
    for (int ms = 300; ms < 7000; ms += 300) d.sim.inputLog().addLine(kT0 + Duration(ms), "to be or not to be");
    ssc.start();

    const int kBatches = 6;
    Duration previousWait{-1};
    for (int k = 1; k <= kBatches; ++k) {
        // Run to just before batch k+1 is generated: batch k (at kT0 + k s) is due.
        ssc.awaitTerminationOrTimeout(k == 1 ? Duration(1999) : 1_s);
        const SimTime now = d.sim.now();
        const auto &batches = ssc.scheduler().batches();
        QCOMPARE(static_cast<int>(batches.size()), processes ? std::min(k, 1000) : k);
        if (processes) {
            for (const auto &[t, b] : batches) {
                QVERIFY2(b.isCompleted(), qPrintable(QStringLiteral("batch %1 not completed").arg(t.ms())));
                QCOMPARE(*b.schedulingDelay(), Duration(0));
                QVERIFY(*b.processingDelay() > Duration(0));
                QVERIFY(*b.processingDelay() < 1_s);
                QVERIFY(b.numRecords() > 0);
            }
            continue;
        }
        // Starved: nothing completes. The job thread picked up batch 1's first job (its
        // processing started) but its tasks never get a core; later batches wait.
        int started = 0;
        for (const auto &[t, b] : batches) {
            QVERIFY(!b.isCompleted());
            if (b.processingStartTime) ++started;
        }
        QCOMPARE(started, 1);
        QVERIFY(batches.begin()->second.processingStartTime.has_value());
        QCOMPARE(ssc.scheduler().waitingBatches(), std::size_t(k - 1));
        QVERIFY(!ssc.scheduler().lastCompletedBatch().has_value());
        // The oldest waiting batch's delay grows by one batch interval per batch.
        if (k >= 2) {
            const BatchInfo &oldestWaiting = std::next(batches.begin())->second;
            const Duration wait = now - oldestWaiting.submissionTime;
            if (previousWait.ms() >= 0) QCOMPARE(wait - previousWait, 1_s);
            previousWait = wait;
        }
    }
    if (!processes) {
        // Data is still received (the receivers run), it just never gets processed.
        QVERIFY(!d.rec.blocks.empty());
        for (const auto &r : ssc.scheduler().receivers()) {
            QVERIFY(r.active);
            QVERIFY(r.recordsReceived > 0);
        }
        QVERIFY(d.rec.outputs.empty());
        QVERIFY(d.rec.completed.empty());
    } else {
        QCOMPARE(static_cast<int>(d.rec.completed.size()), kBatches);
        QCOMPARE(static_cast<int>(d.rec.outputs.size()), kBatches);
    }
    ssc.stop(true, false);
}

void TestScheduling::outputOpsRunInDefinitionOrder_data()
{
    QTest::addColumn<int>("ops");
    QTest::addColumn<bool>("withAction"); // the output function runs rdd.count()

    QTest::newRow("one-output-op-one-job") << 1 << true;
    QTest::newRow("two-output-ops-run-in-definition-order") << 2 << true;
    QTest::newRow("three-output-ops-run-in-definition-order") << 3 << true;
    QTest::newRow("foreachRDD-without-action-is-still-an-output-op-with-no-spark-job") << 2 << false;
}

void TestScheduling::outputOpsRunInDefinitionOrder()
{
    QFETCH(int, ops);
    QFETCH(bool, withAction);
    Driver d;
    StreamingContext ssc(*d.sc, 1_s);
    auto input = queueOf(ssc, {{Value(1), Value(2)}, {Value(3)}, {Value(4), Value(5), Value(6)}});
    std::vector<std::pair<SimTime, int>> ran;
    for (int i = 0; i < ops; ++i)
        ops::foreachRDD(input, [&ran, i, withAction](const RDDPtr &rdd, SimTime t) {
            ran.emplace_back(t, i);
            if (withAction) rdd->context().count(rdd);
        });
    ssc.start();
    ssc.awaitTerminationOrTimeout(Duration(3500));

    std::vector<std::pair<SimTime, int>> expected;
    for (int b = 1; b <= 3; ++b)
        for (int i = 0; i < ops; ++i) expected.emplace_back(kT0 + Duration(1000 * b), i);
    QCOMPARE(ran, expected);
    QCOMPARE(ssc.graph().outputStreams().size(), std::size_t(ops));
    for (const auto &[t, b] : ssc.scheduler().batches()) {
        QVERIFY(b.isCompleted());
        QCOMPARE(static_cast<int>(b.outputOperationInfos.size()), ops);
        std::optional<SimTime> previousEnd;
        int id = 0;
        for (const auto &[opId, op] : b.outputOperationInfos) {
            QCOMPARE(opId, id++);
            QCOMPARE(op.batchTime, t);
            QCOMPARE(op.jobIds.size(), std::size_t(withAction ? 1 : 0));
            QVERIFY(!op.failureReason.has_value());
            QVERIFY(op.startTime && op.endTime);
            // concurrentJobs = 1: each op starts after the previous one ended.
            if (previousEnd) QVERIFY(*op.startTime >= *previousEnd);
            previousEnd = op.endTime;
        }
        QCOMPARE(*b.processingStartTime, *b.outputOperationInfos.begin()->second.startTime);
        QCOMPARE(*b.processingEndTime, *b.outputOperationInfos.rbegin()->second.endTime);
    }
    ssc.stop(true, false);
}

void TestScheduling::failingUserFunction_data()
{
    QTest::addColumn<int>("failingBatch"); // 1-based batch whose input holds "boom"

    QTest::newRow("first-batch-fails-later-batches-still-run") << 1;
    QTest::newRow("middle-batch-fails-later-batches-still-run") << 2;
}

void TestScheduling::failingUserFunction()
{
    QFETCH(int, failingBatch);
    Driver d;
    StreamingContext ssc(*d.sc, 1_s);
    std::vector<Records> in{{Value("a")}, {Value("b")}, {Value("c")}, {Value("d")}};
    in[static_cast<std::size_t>(failingBatch - 1)] = {Value("boom")};
    auto input = queueOf(ssc, in);
    auto upper = ops::map(input, [](const Value &v) {
        if (v.asStr() == "boom") throw UserCodeError("ValueError", "cannot handle boom");
        return Value(std::string(v.asStr()) + "!");
    });
    ops::pprint(upper);                                // output op 0: fails in the failing batch
    std::map<SimTime, std::int64_t> counts;            // output op 1: never touches the map
    ops::foreachRDD(input, [&counts](const RDDPtr &rdd, SimTime t) { counts[t] = rdd->context().count(rdd); });
    ssc.start();

    const SimTime bad = kT0 + Duration(1000 * failingBatch);
    std::string error;
    bool threw = false;
    try {
        ssc.awaitTerminationOrTimeout(5_s);
    } catch (const SparkError &e) {
        threw = true;
        error = e.message();
        QCOMPARE(e.className(), std::string("org.apache.spark.SparkException"));
    }
    QVERIFY2(threw, "awaitTerminationOrTimeout must rethrow the job's error");
    QVERIFY2(error.find("Job aborted due to stage failure") != std::string::npos, error.c_str());
    QVERIFY2(error.find("cannot handle boom") != std::string::npos, error.c_str());
    // The error is reported once; waiting again continues the run.
    QCOMPARE(ssc.awaitTerminationOrTimeout(Duration(4000 - 1000 * failingBatch + 500)), false);
    QVERIFY(!ssc.hasError());

    const auto &batches = ssc.scheduler().batches();
    QCOMPARE(batches.size(), std::size_t(4));
    for (const auto &[t, b] : batches) {
        QVERIFY(b.isCompleted());
        const auto &op0 = b.outputOperationInfos.at(0);
        const auto &op1 = b.outputOperationInfos.at(1);
        QVERIFY(!op1.failureReason.has_value()); // the other output op of the batch still ran
        QCOMPARE(counts.at(t), std::int64_t(1));
        if (t == bad) {
            QVERIFY(op0.failureReason.has_value());
            QVERIFY2(op0.failureReason->find("Job aborted due to stage failure") != std::string::npos,
                     op0.failureReason->c_str());
            QVERIFY(b.hasFailure());
        } else {
            QVERIFY(!op0.failureReason.has_value());
        }
    }
    // pprint printed every batch but the failing one.
    std::string out = d.rec.allOutput();
    const char *const printed[] = {"a!", "b!", "c!", "d!"};
    for (int i = 0; i < 4; ++i)
        QCOMPARE(out.find(std::string("\n") + printed[i] + "\n") != std::string::npos, i != failingBatch - 1);
    QCOMPARE(static_cast<int>(d.rec.outputs.size()), 3);
    QVERIFY(out.find("boom") == std::string::npos);
    ssc.stop(true, false);
}

void TestScheduling::taskRetries_data()
{
    QTest::addColumn<QString>("master");
    QTest::addColumn<int>("failuresBeforeSuccess"); // -1: the task always fails
    QTest::addColumn<int>("attempts");
    QTest::addColumn<bool>("jobFails");

    QTest::newRow("local-2-gives-a-task-one-attempt") << QStringLiteral("local[2]") << -1 << 1 << true;
    QTest::newRow("local-2-3-retries-a-failing-task-3-times") << QStringLiteral("local[2,3]") << -1 << 3 << true;
    QTest::newRow("local-2-1-gives-one-attempt") << QStringLiteral("local[2,1]") << -1 << 1 << true;
    QTest::newRow("local-star-4-retries-4-times") << QStringLiteral("local[*,4]") << -1 << 4 << true;
    QTest::newRow("flaky-task-recovers-within-max-failures") << QStringLiteral("local[2,3]") << 2 << 3 << false;
    QTest::newRow("flaky-task-exhausting-max-failures-aborts") << QStringLiteral("local[2,2]") << 2 << 2 << true;
}

void TestScheduling::taskRetries()
{
    QFETCH(QString, master);
    QFETCH(int, failuresBeforeSuccess);
    QFETCH(int, attempts);
    QFETCH(bool, jobFails);
    Driver d(master.toStdString());
    StreamingContext ssc(*d.sc, 1_s);
    auto input = queueOf(ssc, {{Value("boom")}});
    int calls = 0;
    auto mapped = ops::map(input, [&calls, failuresBeforeSuccess](const Value &v) {
        ++calls;
        if (failuresBeforeSuccess < 0 || calls <= failuresBeforeSuccess)
            throw UserCodeError("ValueError", "attempt " + std::to_string(calls) + " failed");
        return v;
    });
    ops::pprint(mapped);
    ssc.start();
    std::string error;
    try {
        ssc.awaitTerminationOrTimeout(Duration(1500));
    } catch (const SparkError &e) {
        error = e.message();
    }
    QCOMPARE(calls, attempts);
    const BatchInfo &b = ssc.scheduler().batches().at(kT0 + 1_s);
    QVERIFY(b.isCompleted());
    const auto &failure = b.outputOperationInfos.at(0).failureReason;
    QCOMPARE(failure.has_value(), jobFails);
    QCOMPARE(!error.empty(), jobFails);
    const int lost = static_cast<int>(std::count_if(d.rec.logs.begin(), d.rec.logs.end(), [](const auto &l) {
        return l.level == LogLevel::Warn && l.source == "TaskSetManager" && l.message.rfind("Lost task 0.", 0) == 0;
    }));
    QCOMPARE(lost, jobFails ? attempts : attempts - 1);
    if (jobFails) {
        // TaskSetManager.abort: "Task 0 in stage S.0 failed F times, most recent failure: Lost task 0.(F-1) ..."
        const std::string times = "failed " + std::to_string(attempts) + " times, most recent failure: Lost task 0." +
                                  std::to_string(attempts - 1) + " in stage ";
        QVERIFY2(error.find("Job aborted due to stage failure: Task 0 in stage ") == 0, error.c_str());
        QVERIFY2(error.find(times) != std::string::npos, error.c_str());
        QVERIFY2(error.find("attempt " + std::to_string(attempts) + " failed") != std::string::npos, error.c_str());
        // OutputOperationInfo.failureReason is Utils.exceptionString(e): it starts with the
        // Throwable's toString, "<class>: <message>".
        QCOMPARE(*failure, "org.apache.spark.SparkException: " + error);
    } else {
        QVERIFY(d.rec.allOutput().find("\nboom\n") != std::string::npos);
    }
    ssc.stop(true, false);
}

void TestScheduling::batchDelaysConsistent_data()
{
    QTest::addColumn<QString>("master");
    QTest::addColumn<qint64>("batchMs");
    QTest::addColumn<QString>("concurrentJobs");
    QTest::addColumn<bool>("overloaded"); // processing takes longer than the batch interval

    QTest::newRow("light-load-delays-add-up") << QStringLiteral("local[2]") << 1000LL << QStringLiteral("1") << false;
    QTest::newRow("overloaded-5ms-batches-scheduling-delay-grows")
        << QStringLiteral("local[2]") << 5LL << QStringLiteral("1") << true;
    QTest::newRow("two-concurrent-jobs-delays-add-up") << QStringLiteral("local[4]") << 1000LL << QStringLiteral("2")
                                                        << false;
}

void TestScheduling::batchDelaysConsistent()
{
    QFETCH(QString, master);
    QFETCH(qint64, batchMs);
    QFETCH(QString, concurrentJobs);
    QFETCH(bool, overloaded);
    Driver d(master.toStdString(), kT0, 42, {{"spark.streaming.concurrentJobs", concurrentJobs.toStdString()}});
    StreamingContext ssc(*d.sc, Duration(batchMs));
    auto input = ssc.functionStream([&d](SimTime) -> std::optional<RDDPtr> {
        return d.sc->parallelize({Value("to be"), Value("or not"), Value("to be")}, 2);
    });
    auto words = ops::flatMap(input, splitWords);
    ops::pprint(ops::countByValue(words));
    ops::foreachRDD(words, [](const RDDPtr &rdd, SimTime) { rdd->context().count(rdd); });
    ssc.start();
    ssc.awaitTerminationOrTimeout(Duration(batchMs * 40));

    QVERIFY(d.rec.completed.size() >= 5);
    std::vector<Duration> scheduling;
    for (const BatchInfo &b : d.rec.completed) {
        QVERIFY(b.submissionTime >= b.batchTime);
        QVERIFY(*b.processingStartTime >= b.submissionTime);
        QVERIFY(*b.processingEndTime >= *b.processingStartTime);
        QCOMPARE(*b.schedulingDelay(), *b.processingStartTime - b.submissionTime);
        QCOMPARE(*b.processingDelay(), *b.processingEndTime - *b.processingStartTime);
        QCOMPARE(*b.totalDelay(), *b.schedulingDelay() + *b.processingDelay());
        QCOMPARE(b.numRecords(), std::int64_t(3));
        scheduling.push_back(*b.schedulingDelay());
    }
    if (overloaded) {
        // Each batch needs more than its interval: the queue, and so the delay, grows.
        QCOMPARE(scheduling.front(), Duration(0));
        for (std::size_t i = 1; i < scheduling.size(); ++i) QVERIFY(scheduling[i] > scheduling[i - 1]);
    } else {
        for (const Duration &s : scheduling) QCOMPARE(s, Duration(0));
    }
    ssc.stop(true, false);
}

QTEST_APPLESS_MAIN(TestScheduling)
#include "tst_scheduling.moc"
