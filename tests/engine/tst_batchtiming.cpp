// Qt Test: batch and block timing of receiver input, as Spark's RecurringTimer, BlockGenerator,
// ReceivedBlockTracker and SocketReceiver define it (docs/spark-semantics.md §1, §2).
//
// Every expected time below is derived from Spark's rules, not read from the engine:
//  - RecurringTimer.getStartTime = (floor(now / period) + 1) * period: the first batch is the next
//    multiple of the interval strictly after start(); zeroTime = first batch - interval.
//  - batch t covers (t - interval, t]; block timer ticks at multiples of the block interval (same
//    RecurringTimer), a record arriving exactly on a tick is in the block cut at that tick.
//  - blocks are cut only from non-empty buffers; the batch RDD is a BlockRDD, one partition per block.
//  - the receiver starts cost::receiverLaunchMs after start(); lines sent earlier reach it when it
//    connects; SocketReceiver restarts with ReceiverSupervisor's default 2000 ms delay.
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"

#include "engine/costmodel.h"
#endif

#include <QtTest>

using namespace testkit;

namespace {

constexpr int kPort = 9999;

/// A socket text stream whose every batch RDD is recorded (partitions and collected lines).
struct SocketProgram {
    explicit SocketProgram(Driver &d, Duration batch) : ssc(*d.sc, batch)
    {
        lines = ssc.socketTextStream("localhost", kPort);
        ops::foreachRDD(lines, [this](const RDDPtr &rdd, SimTime t) {
            partitions[t] = rdd->numPartitions();
            data[t] = rdd->context().collect(rdd);
        });
    }
    StreamingContext ssc;
    DStreamPtr lines;
    std::map<SimTime, int> partitions;
    std::map<SimTime, Records> data;
};

/// The batch whose collected data contains `line`, if any.
std::optional<SimTime> batchOf(const SocketProgram &p, const std::string &line)
{
    for (const auto &[t, recs] : p.data)
        for (const Value &v : recs)
            if (v.asStr() == line) return t;
    return std::nullopt;
}

std::optional<SimTime> connectTime(const RecordingObserver &rec)
{
    for (const auto &l : rec.logs)
        if (l.message == "Connected to localhost:9999") return l.time;
    return std::nullopt;
}

} // namespace

class TestBatchTiming : public QObject {
    Q_OBJECT

private slots:
    void firstBatchAndZeroTime_data();
    void firstBatchAndZeroTime();
    void recordOnEdge_data();
    void recordOnEdge();
    void blocksOnlyFromNonEmptyBuffers_data();
    void blocksOnlyFromNonEmptyBuffers();
    void linesBeforeStartArriveOnConnect_data();
    void linesBeforeStartArriveOnConnect();
    void receiverMaxRate_data();
    void receiverMaxRate();
    void socketWithoutListener_data();
    void socketWithoutListener();
    void textFileStreamFromInputLog_data();
    void textFileStreamFromInputLog();
    void textFileStreamRealDirectory();
};

void TestBatchTiming::firstBatchAndZeroTime_data()
{
    QTest::addColumn<qint64>("startOffset"); // start() at kT0 + offset
    QTest::addColumn<qint64>("batchMs");
    QTest::addColumn<qint64>("firstOffset"); // expected first batch at kT0 + offset

    QTest::newRow("start-mid-interval-first-batch-is-next-multiple") << 1500LL << 1000LL << 2000LL;
    QTest::newRow("start-exactly-on-a-multiple-waits-a-whole-interval") << 1000LL << 1000LL << 2000LL;
    QTest::newRow("start-1ms-before-a-multiple") << 1999LL << 1000LL << 2000LL;
    QTest::newRow("start-1ms-after-a-multiple") << 2001LL << 1000LL << 3000LL;
    QTest::newRow("half-second-batches") << 250LL << 500LL << 500LL;
    QTest::newRow("two-second-batches-align-to-epoch-multiples") << 1000LL << 2000LL << 2000LL;
    // kT0 = 1795514400000 is not a multiple of 7000: floor(kT0 / 7000) * 7000 = kT0 - 1000.
    QTest::newRow("seven-second-batches-align-to-the-epoch-not-to-start") << 0LL << 7000LL << 6000LL;
}

void TestBatchTiming::firstBatchAndZeroTime()
{
    QFETCH(qint64, startOffset);
    QFETCH(qint64, batchMs);
    QFETCH(qint64, firstOffset);
    Driver d("local[2]", kT0 + Duration(startOffset));
    const Duration batch(batchMs);
    StreamingContext ssc(*d.sc, batch);
    auto queue = std::make_shared<std::deque<RDDPtr>>();
    auto input = ssc.queueStream(queue);
    auto mapped = ops::map(input, [](const Value &v) { return v; });
    std::vector<SimTime> jobTimes;
    ops::foreachRDD(mapped, [&](const RDDPtr &, SimTime t) { jobTimes.push_back(t); });
    ssc.start();

    const SimTime first = kT0 + Duration(firstOffset);
    const SimTime zero = first - batch;
    QCOMPARE(ssc.scheduler().firstBatchTime(), first);
    QVERIFY(ssc.graph().zeroTime().has_value());
    QCOMPARE(*ssc.graph().zeroTime(), zero);
    QCOMPARE(*input->zeroTime(), zero);
    QCOMPARE(*mapped->zeroTime(), zero);
    // isTimeValid: time > zeroTime and a multiple of the slide from it.
    QVERIFY(!mapped->isTimeValid(zero));
    QVERIFY(mapped->isTimeValid(first));
    QVERIFY(!mapped->isTimeValid(first + Duration(1)));

    ssc.awaitTerminationOrTimeout((first - d.sim.now()) + batch * 2 + Duration(batchMs / 2));
    const std::vector<SimTime> expected{first, first + batch, first + batch * 2};
    QCOMPARE(jobTimes, expected);
    std::vector<SimTime> batchTimes;
    for (const auto &[t, info] : ssc.scheduler().batches()) batchTimes.push_back(info.batchTime);
    QCOMPARE(batchTimes, expected);
    ssc.stop(true, false);
}

void TestBatchTiming::recordOnEdge_data()
{
    QTest::addColumn<qint64>("batchMs");
    QTest::addColumn<qint64>("blockMs");
    QTest::addColumn<qint64>("lineOffset");  // the line arrives at kT0 + offset (start() at kT0)
    QTest::addColumn<qint64>("blockCut");    // expected: the block holding it is cut at kT0 + this
    QTest::addColumn<qint64>("batchOffset"); // expected: the batch holding it is kT0 + this

    QTest::newRow("line-exactly-on-block-edge-goes-to-block-ending-there") << 1000LL << 200LL << 1400LL << 1400LL << 2000LL;
    QTest::newRow("line-1ms-before-block-edge-goes-to-block-ending-there") << 1000LL << 200LL << 1399LL << 1400LL << 2000LL;
    QTest::newRow("line-1ms-after-block-edge-goes-to-next-block") << 1000LL << 200LL << 1401LL << 1600LL << 2000LL;
    QTest::newRow("line-exactly-on-batch-edge-goes-to-batch-ending-there") << 1000LL << 200LL << 2000LL << 2000LL << 2000LL;
    QTest::newRow("line-1ms-before-batch-edge-goes-to-batch-ending-there") << 1000LL << 200LL << 1999LL << 2000LL << 2000LL;
    QTest::newRow("line-1ms-after-batch-edge-goes-to-next-batch") << 1000LL << 200LL << 2001LL << 2200LL << 3000LL;
    QTest::newRow("line-on-first-batch-edge-goes-to-first-batch") << 1000LL << 200LL << 1000LL << 1000LL << 1000LL;
    QTest::newRow("half-second-batch-line-on-batch-edge") << 500LL << 100LL << 1500LL << 1500LL << 1500LL;
    QTest::newRow("half-second-batch-line-1ms-after-batch-edge") << 500LL << 100LL << 1501LL << 1600LL << 2000LL;
    QTest::newRow("block-interval-equal-to-batch-line-on-edge") << 1000LL << 1000LL << 2000LL << 2000LL << 2000LL;
    QTest::newRow("block-interval-equal-to-batch-line-after-edge") << 1000LL << 1000LL << 2001LL << 3000LL << 3000LL;
}

void TestBatchTiming::recordOnEdge()
{
    QFETCH(qint64, batchMs);
    QFETCH(qint64, blockMs);
    QFETCH(qint64, lineOffset);
    QFETCH(qint64, blockCut);
    QFETCH(qint64, batchOffset);
    Driver d("local[2]", kT0, 42, {{"spark.streaming.blockInterval", std::to_string(blockMs) + "ms"}});
    SocketProgram p(d, Duration(batchMs));
    d.sim.inputLog().listen(kPort);
    d.sim.inputLog().addLine(kT0 + Duration(lineOffset), "edge");
    p.ssc.start();
    p.ssc.awaitTerminationOrTimeout(Duration(batchOffset + 2 * batchMs));

    QCOMPARE(d.rec.blocks.size(), std::size_t(1));
    const BlockInfo &b = d.rec.blocks.front();
    QCOMPARE(b.time, kT0 + Duration(blockCut));
    // StreamBlockId(receiverId, time - blockIntervalMs); the socket stream is stream 0.
    QCOMPARE(QString::fromStdString(b.blockId),
             QStringLiteral("input-0-%1").arg((kT0 + Duration(blockCut - blockMs)).ms()));
    QCOMPARE(b.numRecords, std::int64_t(1));
    const auto &recent = p.ssc.scheduler().recentBlocks();
    QCOMPARE(recent.size(), std::size_t(1));
    QVERIFY(recent.front().allocatedToBatch.has_value());
    QCOMPARE(*recent.front().allocatedToBatch, kT0 + Duration(batchOffset));
    const auto batch = batchOf(p, "edge");
    QVERIFY(batch.has_value());
    QCOMPARE(*batch, kT0 + Duration(batchOffset));
    QCOMPARE(p.partitions.at(kT0 + Duration(batchOffset)), 1);
    p.ssc.stop(true, false);
}

void TestBatchTiming::blocksOnlyFromNonEmptyBuffers_data()
{
    // One 1 s batch at kT0+2000 covering (kT0+1000, kT0+2000], block interval 200 ms.
    QTest::addColumn<QList<qint64>>("lineOffsets");
    QTest::addColumn<QList<qint64>>("blockRecords"); // expected records per block, in order

    QTest::newRow("no-lines-no-blocks-empty-batch-rdd") << QList<qint64>{} << QList<qint64>{};
    QTest::newRow("two-lines-in-one-block-interval-one-partition") << QList<qint64>{1210, 1390} << QList<qint64>{2};
    QTest::newRow("lines-in-three-block-intervals-three-partitions")
        << QList<qint64>{1050, 1300, 1900} << QList<qint64>{1, 1, 1};
    QTest::newRow("every-block-interval-five-partitions")
        << QList<qint64>{1100, 1300, 1500, 1700, 1900} << QList<qint64>{1, 1, 1, 1, 1};
    QTest::newRow("idle-intervals-make-no-empty-blocks") << QList<qint64>{1010, 1020, 1990} << QList<qint64>{2, 1};
    QTest::newRow("line-on-previous-batch-edge-is-not-in-this-batch") << QList<qint64>{1000} << QList<qint64>{};
}

void TestBatchTiming::blocksOnlyFromNonEmptyBuffers()
{
    QFETCH(QList<qint64>, lineOffsets);
    QFETCH(QList<qint64>, blockRecords);
    Driver d;
    SocketProgram p(d, 1_s);
    d.sim.inputLog().listen(kPort);
    Records expectedData;
    for (qint64 off : lineOffsets) {
        const std::string line = "line@" + std::to_string(off);
        d.sim.inputLog().addLine(kT0 + Duration(off), line);
        if (off > 1000) expectedData.emplace_back(line);
    }
    p.ssc.start();
    p.ssc.awaitTerminationOrTimeout(3_s);

    const SimTime batch = kT0 + 2_s;
    for (const BlockInfo &b : d.rec.blocks) QVERIFY2(b.numRecords > 0, "a block was cut from an empty buffer");
    // The observer sees blocks when cut; recentBlocks carries their allocation to a batch.
    QList<qint64> blocks;
    for (const BlockInfo &b : p.ssc.scheduler().recentBlocks())
        if (b.allocatedToBatch == batch) blocks.push_back(b.numRecords);
    QCOMPARE(blocks, blockRecords);
    QCOMPARE(p.partitions.at(batch), static_cast<int>(blockRecords.size()));
    QCOMPARE(p.data.at(batch), expectedData);
    // The batch's input info counts the records of its blocks.
    std::int64_t total = 0;
    for (qint64 n : blockRecords) total += n;
    QCOMPARE(p.ssc.scheduler().batches().at(batch).numRecords(), total);
    p.ssc.stop(true, false);
}

void TestBatchTiming::linesBeforeStartArriveOnConnect_data()
{
    QTest::addColumn<qint64>("startOffset");   // start() at kT0 + offset
    QTest::addColumn<qint64>("connectOffset"); // expected: start + receiverLaunchMs
    QTest::addColumn<qint64>("blockCut");      // expected: next 200 ms tick after connecting
    QTest::addColumn<qint64>("batchOffset");   // expected batch holding the early lines

    const qint64 launch = cost::receiverLaunchMs;
    QTest::newRow("start-on-a-second-lines-land-in-first-batch") << 0LL << launch << 200LL << 1000LL;
    QTest::newRow("start-mid-block-lines-land-in-first-batch") << 150LL << 150 + launch << 400LL << 1000LL;
    QTest::newRow("receiver-connecting-after-first-batch-puts-lines-in-second-batch")
        << 950LL << 950 + launch << 1200LL << 2000LL;
}

void TestBatchTiming::linesBeforeStartArriveOnConnect()
{
    QFETCH(qint64, startOffset);
    QFETCH(qint64, connectOffset);
    QFETCH(qint64, blockCut);
    QFETCH(qint64, batchOffset);
    const SimTime start = kT0 + Duration(startOffset);
    Driver d("local[2]", start);
    SocketProgram p(d, 1_s);
    d.sim.inputLog().listen(kPort);
    // Typed into `nc -lk` before the streaming program started, and while the receiver launches.
    d.sim.inputLog().addLine(start - 5_s, "early");
    d.sim.inputLog().addLine(start - 1_ms, "just before start");
    d.sim.inputLog().addLine(start + 50_ms, "while launching");
    p.ssc.start();
    p.ssc.awaitTerminationOrTimeout(Duration(batchOffset - startOffset + 1000));

    QCOMPARE(d.rec.receiverStarts.size(), std::size_t(1));
    QCOMPARE(d.rec.receiverStarts.front().first, kT0 + Duration(connectOffset));
    QCOMPARE(connectTime(d.rec), std::optional<SimTime>(kT0 + Duration(connectOffset)));
    QCOMPARE(d.rec.blocks.size(), std::size_t(1));
    QCOMPARE(d.rec.blocks.front().time, kT0 + Duration(blockCut));
    QCOMPARE(d.rec.blocks.front().numRecords, std::int64_t(3));
    const SimTime batch = kT0 + Duration(batchOffset);
    const Records expected{Value("early"), Value("just before start"), Value("while launching")};
    QCOMPARE(p.data.at(batch), expected);
    // Earlier batches (if any) were empty: no block, a BlockRDD with no partitions.
    for (const auto &[t, n] : p.partitions)
        if (t < batch) QCOMPARE(n, 0);
    p.ssc.stop(true, false);
}

void TestBatchTiming::receiverMaxRate_data()
{
    // Ten lines sent at once at kT0+500 (receiver connected at kT0+100). RateLimiter wraps Guava's
    // RateLimiter, created lazily at the first record: the first permit is immediate, each next
    // one 1/maxRate s later (no stored permits yet). Records accepted by a block tick go into that
    // block; batch t takes the blocks cut in (t - 1 s, t].
    QTest::addColumn<QString>("maxRate"); // empty: not set
    QTest::addColumn<QList<qint64>>("perBatch");

    QTest::newRow("no-limit-all-ten-in-first-batch") << QString() << QList<qint64>{10};
    QTest::newRow("max-rate-0-means-no-limit") << QStringLiteral("0") << QList<qint64>{10};
    QTest::newRow("max-rate-negative-means-no-limit") << QStringLiteral("-1") << QList<qint64>{10};
    // permits at 500, 1000, 1500, ... 5000 ms
    QTest::newRow("max-rate-2-two-records-per-second") << QStringLiteral("2") << QList<qint64>{2, 2, 2, 2, 2};
    // permits at 500, 700, 900 | 1100 ... 1900 | 2100, 2300
    QTest::newRow("max-rate-5-one-record-every-200ms") << QStringLiteral("5") << QList<qint64>{3, 5, 2};
}

void TestBatchTiming::receiverMaxRate()
{
    QFETCH(QString, maxRate);
    QFETCH(QList<qint64>, perBatch);
    std::map<std::string, std::string> conf;
    if (!maxRate.isEmpty()) conf["spark.streaming.receiver.maxRate"] = maxRate.toStdString();
    Driver d("local[2]", kT0, 42, conf);
    SocketProgram p(d, 1_s);
    d.sim.inputLog().listen(kPort);
    for (int i = 0; i < 10; ++i) d.sim.inputLog().addLine(kT0 + 500_ms, "r" + std::to_string(i));
    p.ssc.start();
    p.ssc.awaitTerminationOrTimeout(8_s);

    QList<qint64> counts;
    Records all;
    for (const auto &[t, recs] : p.data) {
        if (recs.empty()) continue;
        counts.push_back(static_cast<qint64>(recs.size()));
        all.insert(all.end(), recs.begin(), recs.end());
    }
    QCOMPARE(counts, perBatch);
    // Nothing is dropped or reordered by throttling.
    QCOMPARE(all.size(), std::size_t(10));
    for (int i = 0; i < 10; ++i) QCOMPARE(all[static_cast<std::size_t>(i)], Value("r" + std::to_string(i)));
    // The first non-empty batch is the first one.
    QCOMPARE(p.data.begin()->first, kT0 + 1_s);
    p.ssc.stop(true, false);
}

void TestBatchTiming::socketWithoutListener_data()
{
    QTest::addColumn<qint64>("listenAt");      // -1: nobody ever listens on the port
    QTest::addColumn<int>("restarts");         // expected restart warnings within 8 s
    QTest::addColumn<qint64>("connectOffset"); // -1: never connects
    QTest::addColumn<qint64>("lineBatch");     // batch of the line typed at kT0+3500, -1: none

    // Attempts at launch (kT0+100) and every 2000 ms after a failure: 100, 2100, 4100, 6100.
    QTest::newRow("no-listener-restarts-every-2-seconds") << -1LL << 4 << -1LL << -1LL;
    QTest::newRow("listener-started-later-connects-on-next-retry") << 3000LL << 2 << 4100LL << 5000LL;
    QTest::newRow("listener-present-from-start-connects-at-launch") << 0LL << 0 << 100LL << 4000LL;
}

void TestBatchTiming::socketWithoutListener()
{
    QFETCH(qint64, listenAt);
    QFETCH(int, restarts);
    QFETCH(qint64, connectOffset);
    QFETCH(qint64, lineBatch);
    Driver d;
    SocketProgram p(d, 1_s);
    if (listenAt == 0) d.sim.inputLog().listen(kPort);
    d.sim.inputLog().addLine(kT0 + 3500_ms, "hello");
    p.ssc.start();
    if (listenAt > 0) {
        p.ssc.awaitTerminationOrTimeout(Duration(listenAt));
        d.sim.inputLog().listen(kPort);
        p.ssc.awaitTerminationOrTimeout(Duration(8000 - listenAt));
    } else {
        p.ssc.awaitTerminationOrTimeout(8_s);
    }

    const std::string msg = "Restarting receiver with delay 2000 ms: Error connecting to localhost:9999";
    QCOMPARE(d.rec.count(LogLevel::Warn, msg), restarts);
    int k = 0;
    for (const auto &l : d.rec.logs) {
        if (l.message != msg) continue;
        QCOMPARE(l.source, std::string("ReceiverSupervisorImpl"));
        QCOMPARE(l.time, kT0 + Duration(100 + 2000 * k++));
    }
    const auto connected = connectTime(d.rec);
    if (connectOffset < 0) {
        QVERIFY(!connected.has_value());
        QCOMPARE(p.ssc.scheduler().receivers().front().lastError, std::string("Error connecting to localhost:9999"));
        QVERIFY(d.rec.blocks.empty());
        // Batches still run, with empty BlockRDDs: kT0+1 s .. kT0+7 s (the job of the 8 s batch
        // starts after generating it, just past the deadline).
        QCOMPARE(p.partitions.size(), std::size_t(7));
        for (const auto &[t, n] : p.partitions) QCOMPARE(n, 0);
    } else {
        QCOMPARE(connected, std::optional<SimTime>(kT0 + Duration(connectOffset)));
        QVERIFY(p.ssc.scheduler().receivers().front().lastError.empty());
    }
    const auto batch = batchOf(p, "hello");
    if (lineBatch < 0)
        QVERIFY(!batch.has_value());
    else
        QCOMPARE(batch, std::optional<SimTime>(kT0 + Duration(lineBatch)));
    p.ssc.stop(true, false);
}

// FileInputDStream.scala: a batch at t reads the files that appeared in its directory by t and
// were not read before (isNewFile: modTime <= currentTime, not in recentlySelectedFiles), one
// partition per file (a file of this size is one split); other directories are not watched.
void TestBatchTiming::textFileStreamFromInputLog_data()
{
    QTest::addColumn<QStringList>("files");   // "ms|path|content" (ms after start; \n-separated lines)
    QTest::addColumn<QStringList>("batches"); // per batch 1..3: "partitions:lines" (lines ,-joined, sorted)

    QTest::newRow("file-mid-interval-is-read-by-the-next-batch")
        << QStringList{u"1500|/data/in/a.txt|x\ny"_qs} << QStringList{u"0:"_qs, u"1:x,y"_qs, u"0:"_qs};
    QTest::newRow("file-exactly-on-batch-edge-is-read-by-the-batch-ending-there")
        << QStringList{u"2000|/data/in/a.txt|x"_qs} << QStringList{u"0:"_qs, u"1:x"_qs, u"0:"_qs};
    QTest::newRow("file-1ms-after-batch-edge-waits-for-the-next-batch")
        << QStringList{u"2001|/data/in/a.txt|x"_qs} << QStringList{u"0:"_qs, u"0:"_qs, u"1:x"_qs};
    QTest::newRow("two-files-in-one-batch-are-two-partitions")
        << QStringList{u"1100|/data/in/a.txt|x"_qs, u"1200|/data/in/b.txt|y\nz"_qs}
        << QStringList{u"0:"_qs, u"2:x,y,z"_qs, u"0:"_qs};
    QTest::newRow("file-in-another-directory-is-not-read")
        << QStringList{u"500|/data/other/a.txt|x"_qs, u"600|/data/in/sub/b.txt|y"_qs}
        << QStringList{u"0:"_qs, u"0:"_qs, u"0:"_qs};
    QTest::newRow("same-file-name-again-is-not-read-twice")
        << QStringList{u"500|/data/in/a.txt|x"_qs, u"1500|/data/in/a.txt|again"_qs}
        << QStringList{u"1:x"_qs, u"0:"_qs, u"0:"_qs};
}

void TestBatchTiming::textFileStreamFromInputLog()
{
    QFETCH(QStringList, files);
    QFETCH(QStringList, batches);
    Driver d;
    StreamingContext ssc(*d.sc, 1_s);
    auto stream = ssc.textFileStream("/data/in/");
    std::map<SimTime, QString> seen;
    ops::foreachRDD(stream, [&](const RDDPtr &rdd, SimTime t) {
        QStringList lines;
        for (const Value &v : d.sc->collect(rdd)) lines << QString::fromStdString(std::string(v.asStr()));
        lines.sort();
        seen[t] = QString::number(rdd->numPartitions()) + u':' + lines.join(u',');
    });
    for (const QString &f : files) {
        const QStringList parts = f.split(u'|');
        d.sim.inputLog().append(InputRecord{InputRecord::Kind::File, kT0 + Duration(parts[0].toLongLong()), 0,
                                            parts[1].toStdString(), parts[2].toStdString()});
    }
    ssc.start();
    ssc.awaitTerminationOrTimeout(3500_ms);
    for (int k = 1; k <= 3; ++k) QCOMPARE(seen[kT0 + Duration(1000LL * k)], batches[k - 1]);
}

void TestBatchTiming::textFileStreamRealDirectory()
{
    // newFilesOnly (the textFileStream default): files already there at start are not read;
    // FileInputDStream.defaultFilter skips hidden files (names starting with '.').
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto write = [&](const QString &name, const QByteArray &content) {
        QFile f(dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    };
    write(u"old.txt"_qs, "before start\n");
    Driver d;
    StreamingContext ssc(*d.sc, 1_s);
    std::map<SimTime, QStringList> seen;
    ops::foreachRDD(ssc.textFileStream(dir.path().toStdString()), [&](const RDDPtr &rdd, SimTime t) {
        for (const Value &v : d.sc->collect(rdd)) seen[t] << QString::fromStdString(std::string(v.asStr()));
    });
    ssc.start();
    ssc.awaitTerminationOrTimeout(1500_ms);
    write(u"new.txt"_qs, "one\ntwo\r\n");
    write(u".hidden.txt"_qs, "secret\n");
    ssc.awaitTerminationOrTimeout(2_s);
    QCOMPARE(seen[kT0 + 1_s], QStringList());
    QCOMPARE(seen[kT0 + 2_s], (QStringList{u"one"_qs, u"two"_qs}));
    QCOMPARE(seen[kT0 + 3_s], QStringList());
}

QTEST_APPLESS_MAIN(TestBatchTiming)
#include "tst_batchtiming.moc"
