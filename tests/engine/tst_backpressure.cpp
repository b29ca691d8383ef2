// Qt Test: backpressure in the engine (engine/ratecontroller.h): a direct Kafka stream reads what
// its RateController allows, a socket receiver accepts what the published rate allows, and
// nothing changes without spark.streaming.backpressure.enabled.
// moc cannot parse the C++20 headers the engine pulls in (<concepts>); it needs none of it.
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"

#include "engine/dstreamops.h"
#include "engine/ratecontroller.h"
#endif

#include <QtTest>

using namespace testkit;

namespace {

/// A narrow map that charges `nsPerRecord` of simulated work per record (engine/costmodel.h
/// charges a native map 50 ns; this stands for a costly user function).
DStreamPtr costly(const DStreamPtr &s, std::int64_t nsPerRecord)
{
    return ops::mapPartitionsWithIndex(s, "map", "MappedDStream", [nsPerRecord](int, Records &&in, TaskContext &ctx) {
        ctx.costNs += nsPerRecord * static_cast<std::int64_t>(in.size());
        return std::move(in);
    });
}

void countEachBatch(const DStreamPtr &s)
{
    ops::foreachRDD(s, [](const RDDPtr &rdd, SimTime) { rdd->context().count(rdd); });
}

const StreamInputInfo &inputOf(const BatchInfo &b, int streamId)
{
    return b.streamIdToInputInfo.at(streamId);
}

/// (time, rate) of every "Received a new rate limit: N." line, in order.
std::vector<std::pair<SimTime, std::int64_t>> rateUpdates(const RecordingObserver &rec)
{
    std::vector<std::pair<SimTime, std::int64_t>> out;
    const std::string prefix = "Received a new rate limit: ";
    for (const auto &l : rec.logs) {
        if (l.source != "ReceiverSupervisorImpl" || l.message.rfind(prefix, 0) != 0) continue;
        out.emplace_back(l.time, std::stoll(l.message.substr(prefix.size())));
        if (l.message.back() != '.') out.back().second = -1; // Spark's text ends with a period
    }
    return out;
}

} // namespace

class TestBackpressure : public QObject {
    Q_OBJECT
private slots:
    void directKafkaReadsFewerAfterTheFirstEstimate();
    void directKafkaWithoutBackpressureIgnoresInitialRate();
    void socketReceiverIsLimitedByThePublishedRate();
    void receiverStartsAtInitialRateEvenWithoutBackpressure();
    void noControllerAndNoRateWithoutBackpressure();
    void unknownEstimatorFailsWhenTheStreamIsMade_data();
    void unknownEstimatorFailsWhenTheStreamIsMade();
};

// A direct Kafka stream, one partition holding 10,000 messages from the start (smallest offset),
// batch 1 s, initialRate 1000/s, default PID gains (1.0, 0.2, 0.0, min 100), and a map that costs
// 1.2 ms per record. The derivation, by hand from PIDRateEstimator.compute and costmodel.h:
//
//  * Job of a batch of n records: jobOverhead 3 ms + stageOverhead 1 ms + one task of
//    ceil(jitter x (taskLaunch 1.5 ms + n x (1.2 ms + blockRead 20 ns + a few ns more))),
//    jitter in [0.9, 1.1]. For n = 1000 the task is 1201.6 ms x jitter, so
//    processing = [4 + 1082, 4 + 1322] = [1086, 1326] ms (1327 for rounding slack).
//  * Batch B1 (T1 = start + 1 s): the controller has no rate (-1), so initialRate: 1000 records.
//    Submitted at T1 + 1 (job generation: 3 DStreams x 0.1 ms, rounded up), runs at once,
//    ends E1 in [T1 + 1087, T1 + 1328]; the estimator's first call only records 1000/proc1.
//  * B2 (T1 + 1 s) is generated before E1: 1000 records again. It waits for B1:
//    scheduling delay sched2 = E1 - (T1 + 1001) in [86, 327] ms; it ends E2 = E1 + proc2 in
//    [T1 + 2173, T1 + 2655].
//  * B3 (T1 + 2 s) is generated before E2: still no rate, 1000 records.
//  * At E2 the estimator returns, with kp = 1, kd = 0:
//    latestRate - (latestRate - pr2) - 0.2 x sched2 x pr2 / 1000 = pr2 x (1 - 0.0002 x sched2),
//    pr2 = 1000 / proc2 x 1000 in [753.6, 920.8], factor in [0.9346, 0.9828]: [704.3, 905.0].
//  * B4 (T1 + 3 s > E2) reads max((1 s x rate).toLong, minRatePerPartition 1) = the rate: its
//    lag (7000) is the whole topic's, so the partition gets all of it. 704..905 < 1000.
void TestBackpressure::directKafkaReadsFewerAfterTheFirstEstimate()
{
    Driver d("local[2]", kT0, 42,
             {{"spark.streaming.backpressure.enabled", "true"}, {"spark.streaming.backpressure.initialRate", "1000"}});
    for (int i = 0; i < 10000; ++i) d.sim.inputLog().addKafkaMessage(kT0, "t", std::nullopt, "m" + std::to_string(i));
    StreamingContext ssc(*d.sc, 1_s);
    auto kafka = ssc.directKafkaStream({"t"}, {{"auto.offset.reset", "smallest"}});
    QVERIFY(kafka->rateController());
    countEachBatch(costly(kafka, 1'200'000));
    ssc.start();
    ssc.awaitTerminationOrTimeout(Duration(4500));
    ssc.stop(true, false);

    const int id = kafka->id();
    QVERIFY(d.rec.submitted.size() >= 4);
    QVERIFY(d.rec.completed.size() >= 2);
    const SimTime t1 = kT0 + 1_s;
    for (int k = 0; k < 3; ++k) {
        const BatchInfo &b = d.rec.submitted[static_cast<std::size_t>(k)];
        QCOMPARE(b.batchTime, t1 + Duration(1000 * k));
        QCOMPARE(inputOf(b, id).numRecords, std::int64_t(1000));
        QVERIFY(!inputOf(b, id).estimatedRate);
    }
    const BatchInfo &b1 = d.rec.completed[0], &b2 = d.rec.completed[1];
    QVERIFY(*b1.processingDelay() >= Duration(1086) && *b1.processingDelay() <= Duration(1327));
    QVERIFY(*b2.schedulingDelay() >= Duration(86) && *b2.schedulingDelay() <= Duration(327));
    QVERIFY(*b2.processingEndTime >= t1 + Duration(1173) && *b2.processingEndTime < t1 + 2_s + Duration(700));

    const BatchInfo &b4 = d.rec.submitted[3];
    QCOMPARE(b4.batchTime, t1 + 3_s);
    const std::int64_t read = inputOf(b4, id).numRecords;
    QVERIFY2(read >= 704 && read <= 905, qPrintable(QStringLiteral("batch 4 read %1").arg(read)));
    // The same formula on this run's own delays (not the engine's estimator): equal up to the
    // rounding of toLong.
    const double pr1 = 1000.0 / static_cast<double>(b1.processingDelay()->ms()) * 1000;
    const double pr2 = 1000.0 / static_cast<double>(b2.processingDelay()->ms()) * 1000;
    const double expected = pr1 - 1.0 * (pr1 - pr2) - 0.2 * static_cast<double>(b2.schedulingDelay()->ms()) * pr2 / 1000;
    QVERIFY2(std::abs(static_cast<double>(read) - expected) <= 1.0,
             qPrintable(QStringLiteral("read %1, formula %2").arg(read).arg(expected)));
    // The rate in force is recorded on the batch for the dashboard, and the controller keeps it.
    QVERIFY(inputOf(b4, id).estimatedRate == std::optional<std::int64_t>(read));
    QCOMPARE(kafka->rateController()->latestRate() > 0, true);
    // DirectKafkaRateController.publish does nothing: no receiver log line.
    QVERIFY(rateUpdates(d.rec).empty());
    QCOMPARE(d.rec.count(LogLevel::Info,
                         "Created PIDRateEstimator with proportional = 1.0, integral = 0.2, derivative = 0.0, min rate = 100.0"),
             1);
}

void TestBackpressure::directKafkaWithoutBackpressureIgnoresInitialRate()
{
    // maxMessagesPerPartition without a rate controller: only maxRatePerPartition (unset: none).
    Driver d("local[2]", kT0, 42, {{"spark.streaming.backpressure.initialRate", "1000"}});
    for (int i = 0; i < 3000; ++i) d.sim.inputLog().addKafkaMessage(kT0, "t", std::nullopt, "m" + std::to_string(i));
    StreamingContext ssc(*d.sc, 1_s);
    auto kafka = ssc.directKafkaStream({"t"}, {{"auto.offset.reset", "smallest"}});
    QVERIFY(!kafka->rateController());
    countEachBatch(kafka);
    ssc.start();
    ssc.awaitTerminationOrTimeout(Duration(1500));
    ssc.stop(true, false);
    QVERIFY(!d.rec.submitted.empty());
    QCOMPARE(inputOf(d.rec.submitted[0], kafka->id()).numRecords, std::int64_t(3000));
    QVERIFY(!inputOf(d.rec.submitted[0], kafka->id()).estimatedRate);
}

// A socket receiver under backpressure, no maxRate, no initialRate (no limit at first), a map
// costing 1 ms per record, batch 1 s, blocks of 200 ms, local[2] (one core for tasks).
// Input: a line every 2 ms for 4 s (500/s), then 3 lines every ms (3000/s) until 12 s.
//
//  * Batches 1-4 hold 500 records (5 blocks of 100; lines sent before the receiver connects at
//    +100 ms arrive when it does). A batch's job: 3 + 1 ms, then its 5 tasks one after the other
//    on the one free core, each ceil(jitter x (1.5 + 100 x 1.00007)) ms in [92, 112]:
//    processing in [464, 564] ms, no scheduling delay (each batch ends before the next).
//  * The estimator's first call (batch 1) records a rate; from batch 2 on, with a zero scheduling
//    delay, it returns pr = 500 / proc x 1000 in [886.5, 1077.6]: the first "Received a new rate
//    limit: N." comes when batch 2 completes, N in [886, 1077], and, as 886 > 500, batches 1-4
//    are not limited.
//  * From 4 s the lines arrive faster than any rate the estimator can give: with kp = 1, kd = 0
//    every estimate is pr x (1 - 0.0002 x schedulingDelay) <= pr, and pr <= 1 / (0.9 x 1 ms) =
//    1111/s, floored at minRate 100. So each later batch holds what the limiter let in during
//    its interval: the rate in force, second by second, not the 3000 lines that arrived.
void TestBackpressure::socketReceiverIsLimitedByThePublishedRate()
{
    Driver d("local[2]", kT0, 42, {{"spark.streaming.backpressure.enabled", "true"}});
    StreamingContext ssc(*d.sc, 1_s);
    auto lines = ssc.socketTextStream("localhost", 9999);
    d.sim.inputLog().listen(9999);
    QVERIFY(lines->rateController());
    countEachBatch(costly(lines, 1'000'000));
    int n = 0;
    for (int ms = 2; ms <= 4000; ms += 2) d.sim.inputLog().addLine(kT0 + Duration(ms), "a" + std::to_string(n++));
    for (int ms = 4001; ms <= 12000; ++ms)
        for (int k = 0; k < 3; ++k) d.sim.inputLog().addLine(kT0 + Duration(ms), "b" + std::to_string(n++));
    ssc.start();
    ssc.awaitTerminationOrTimeout(Duration(12000));
    ssc.stop(true, false);

    const int id = lines->id();
    const auto updates = rateUpdates(d.rec);
    QVERIFY(updates.size() >= 4);
    QVERIFY(d.rec.completed.size() >= 2);
    // The first published rate: when batch 2 completed.
    QCOMPARE(updates.front().first, *d.rec.completed[1].processingEndTime);
    QVERIFY2(updates.front().second >= 886 && updates.front().second <= 1077,
             qPrintable(QStringLiteral("first rate %1").arg(updates.front().second)));
    for (const auto &[t, rate] : updates) QVERIFY2(rate >= 100 && rate <= 1112, qPrintable(QString::number(rate)));

    QVERIFY(d.rec.submitted.size() >= 11);
    for (const BatchInfo &b : d.rec.submitted) {
        const SimTime t = b.batchTime;
        const StreamInputInfo &in = inputOf(b, id);
        // The rate recorded on the batch: the last one published before it was generated (the
        // batch timer runs before a task's end at the same millisecond).
        std::optional<std::int64_t> inForce;
        for (const auto &[when, rate] : updates)
            if (when < t) inForce = rate;
        QVERIFY2(in.estimatedRate == inForce, qPrintable(QStringLiteral("batch %1").arg(t.ms())));
        if (t <= kT0 + 4_s) {
            QCOMPARE(in.numRecords, std::int64_t(500));
            continue;
        }
        // What the limiter allowed in (t - 1 s, t]: each stretch at its rate, plus one record
        // per stretch for where the spacing starts.
        double allowed = 0;
        int stretches = 0;
        SimTime from = t - 1_s;
        std::int64_t rate = -1;
        for (const auto &[when, r] : updates)
            if (when <= from) rate = r;
        for (const auto &[when, r] : updates) {
            if (when <= from || when > t) continue;
            allowed += static_cast<double>((when - from).ms()) * static_cast<double>(rate) / 1000;
            ++stretches;
            from = when;
            rate = r;
        }
        allowed += static_cast<double>((t - from).ms()) * static_cast<double>(rate) / 1000;
        ++stretches;
        const auto got = static_cast<double>(in.numRecords);
        QVERIFY2(got <= allowed + stretches + 1 && got >= allowed - stretches - 1,
                 qPrintable(QStringLiteral("batch %1: %2 records, the rates allowed %3").arg(t.ms()).arg(got).arg(allowed)));
        QVERIFY(in.numRecords < 1200); // 3000 lines arrived in the interval
    }
}

void TestBackpressure::receiverStartsAtInitialRateEvenWithoutBackpressure()
{
    // RateLimiter.getInitialRateLimit reads spark.streaming.backpressure.initialRate whether or
    // not backpressure is enabled: 200/s here, so a 1 s batch holds 200 of the 1000 lines sent.
    Driver d("local[2]", kT0, 42, {{"spark.streaming.backpressure.initialRate", "200"}});
    StreamingContext ssc(*d.sc, 1_s);
    auto lines = ssc.socketTextStream("localhost", 9999);
    d.sim.inputLog().listen(9999);
    QVERIFY(!lines->rateController());
    countEachBatch(lines);
    for (int ms = 1001; ms <= 2000; ++ms) d.sim.inputLog().addLine(kT0 + Duration(ms), "x");
    ssc.start();
    ssc.awaitTerminationOrTimeout(Duration(2000));
    ssc.stop(true, false);
    QVERIFY(d.rec.submitted.size() >= 2);
    // Accepted at 1001, 1006, ..., 1996 ms: 200 records in (1 s, 2 s].
    QCOMPARE(inputOf(d.rec.submitted[1], lines->id()).numRecords, std::int64_t(200));
    QVERIFY(rateUpdates(d.rec).empty());
}

void TestBackpressure::noControllerAndNoRateWithoutBackpressure()
{
    Driver d;
    StreamingContext ssc(*d.sc, 1_s);
    auto lines = ssc.socketTextStream("localhost", 9999);
    auto kafka = ssc.directKafkaStream({"t"}, {});
    d.sim.inputLog().listen(9999);
    QVERIFY(!lines->rateController());
    QVERIFY(!kafka->rateController());
    countEachBatch(lines);
    countEachBatch(kafka);
    for (int ms = 100; ms <= 3000; ms += 100) d.sim.inputLog().addLine(kT0 + Duration(ms), "x");
    ssc.start();
    ssc.awaitTerminationOrTimeout(3_s);
    ssc.stop(true, false);
    for (const BatchInfo &b : d.rec.submitted)
        for (const auto &[sid, in] : b.streamIdToInputInfo) QVERIFY(!in.estimatedRate);
    for (const auto &tr : d.sim.recentTrace()) QVERIFY(tr.kind != "rate");
    QCOMPARE(d.rec.count(LogLevel::Info,
                         "Created PIDRateEstimator with proportional = 1.0, integral = 0.2, derivative = 0.0, min rate = 100.0"),
             0);
}

void TestBackpressure::unknownEstimatorFailsWhenTheStreamIsMade_data()
{
    QTest::addColumn<bool>("enabled");
    QTest::addColumn<bool>("kafka");
    QTest::newRow("socket-stream-under-backpressure-fails") << true << false;
    QTest::newRow("direct-kafka-stream-under-backpressure-fails") << true << true;
    // The estimator is only created for a rate controller.
    QTest::newRow("without-backpressure-the-name-is-never-read") << false << false;
}

void TestBackpressure::unknownEstimatorFailsWhenTheStreamIsMade()
{
    QFETCH(bool, enabled);
    QFETCH(bool, kafka);
    Driver d("local[2]", kT0, 42,
             {{"spark.streaming.backpressure.enabled", enabled ? "true" : "false"},
              {"spark.streaming.backpressure.rateEstimator", "fixed"}});
    StreamingContext ssc(*d.sc, 1_s);
    try {
        if (kafka)
            ssc.directKafkaStream({"t"}, {});
        else
            ssc.socketTextStream("localhost", 9999);
        QVERIFY(!enabled);
    } catch (const IllegalArgumentException &e) {
        QVERIFY(enabled);
        QCOMPARE(e.message(), std::string("Unknown rate estimator: fixed"));
    }
}

QTEST_APPLESS_MAIN(TestBackpressure)
#include "tst_backpressure.moc"
