// Qt Test: exact text the engine prints — PySpark's pprint, Scala's print, and RDD.toDebugString —
// against layouts written by hand from Spark's code (docs/spark-semantics.md §10.1, §10.2).
//
// PySpark DStream.pprint(num) (python/pyspark/streaming/dstream.py):
//     taken = rdd.take(num + 1)
//     print("-------------------------------------------")      # 43 dashes
//     print("Time: %s" % time)                                   # str(datetime), local time
//     print("-------------------------------------------")
//     for record in taken[:num]: print(record)                   # str(record)
//     if len(taken) > num: print("...")
//     print("")
// Scala DStream.print(num) is the same with "Time: " + time, and Time.toString = "<ms> ms".
// Goldens live in tests/data (see tests/data/README.md for how they were made and regenerated).
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"

#include "engine/rddops.h"
#endif

#include <QtTest>

#include <QFile>

#include <cstdlib>
#include <ctime>
#include <functional>

using namespace testkit;

using LineageBuilder = std::function<std::string()>;
Q_DECLARE_METATYPE(dsl::Records)
Q_DECLARE_METATYPE(LineageBuilder)

namespace {

const char *const kDashes = "-------------------------------------------";

/// One pprint block as the rules above print it.
std::string block(const std::string &time, const std::vector<std::string> &records, bool ellipsis)
{
    std::string s = std::string(kDashes) + "\nTime: " + time + "\n" + kDashes + "\n";
    for (const auto &r : records) s += r + "\n";
    if (ellipsis) s += "...\n";
    return s + "\n";
}

QString goldenPath(const QString &name)
{
    return QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/data/") + name;
}

/// Compares `actual` with a golden file; DSTREAMLAB_UPDATE_GOLDEN=1 rewrites it (and fails).
void compareGolden(const QString &name, const std::string &actual, bool trailingNewline)
{
    const QString path = goldenPath(name);
    if (qEnvironmentVariableIntValue("DSTREAMLAB_UPDATE_GOLDEN") == 1) {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(QByteArray::fromStdString(actual + (trailingNewline ? "\n" : "")));
        QFAIL(qPrintable(QStringLiteral("golden rewritten: ") + path + QStringLiteral(" (review the diff)")));
    }
    QFile in(path);
    QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(path));
    QByteArray expected = in.readAll();
    if (trailingNewline && expected.endsWith('\n')) expected.chop(1);
    QCOMPARE(QString::fromStdString(actual), QString::fromUtf8(expected));
}

/// Runs one batch of `records` (in `partitions` slices) through pprint(num), started so that the
/// first batch is 2026-11-24 10:00:03 UTC; returns everything printed.
std::string pprintOneBatch(const Records &records, int partitions, int num)
{
    Driver d("local[2]", kT0 + 2_s);
    StreamingContext ssc(*d.sc, 1_s);
    auto q = std::make_shared<std::deque<RDDPtr>>();
    q->push_back(d.sc->parallelize(records, partitions));
    ops::pprint(ssc.queueStream(q), num);
    ssc.start();
    ssc.awaitTerminationOrTimeout(1500_ms);
    ssc.stop(true, false);
    return d.rec.allOutput();
}

} // namespace

class TestPprint : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void pprintLayout_data();
    void pprintLayout();
    void fractionalBatchTimes_data();
    void fractionalBatchTimes();
    void scalaPrintLayout_data();
    void scalaPrintLayout();
    void wordCountRun();
    void lineage_data();
    void lineage();
};

void TestPprint::initTestCase()
{
    // Batch times print in local time (datetime.fromtimestamp); pin the zone.
    setenv("TZ", "UTC", 1);
    tzset();
    QCOMPARE(int(std::strlen(kDashes)), 43);
}

void TestPprint::pprintLayout_data()
{
    QTest::addColumn<Records>("records");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<int>("num");
    QTest::addColumn<QString>("expected");

    QTest::newRow("fewer-records-than-num-no-ellipsis")
        << Records{Value("hello"), Value("world")} << 1 << 10
        << QStringLiteral("-------------------------------------------\n"
                          "Time: 2026-11-24 10:00:03\n"
                          "-------------------------------------------\n"
                          "hello\n"
                          "world\n"
                          "\n");
    QTest::newRow("empty-batch-prints-header-and-blank-line")
        << Records{} << 1 << 10
        << QStringLiteral("-------------------------------------------\n"
                          "Time: 2026-11-24 10:00:03\n"
                          "-------------------------------------------\n"
                          "\n");
    Records ten, eleven;
    std::vector<std::string> tenText;
    for (int i = 1; i <= 11; ++i) {
        if (i <= 10) {
            ten.emplace_back(i);
            tenText.push_back(std::to_string(i));
        }
        eleven.emplace_back(i);
    }
    QTest::newRow("exactly-num-records-no-ellipsis")
        << ten << 2 << 10 << QString::fromStdString(block("2026-11-24 10:00:03", tenText, false));
    QTest::newRow("one-more-than-num-prints-ellipsis")
        << eleven << 2 << 10 << QString::fromStdString(block("2026-11-24 10:00:03", tenText, true));
    // take(4) scans partition 0 ([1]), then partitions 1-2 ([2, 3], [4, 5]): order is kept.
    QTest::newRow("num-3-of-5-across-3-partitions")
        << Records{Value(1), Value(2), Value(3), Value(4), Value(5)} << 3 << 3
        << QString::fromStdString(block("2026-11-24 10:00:03", {"1", "2", "3"}, true));
    QTest::newRow("num-0-prints-only-the-ellipsis")
        << Records{Value(1)} << 1 << 0
        << QStringLiteral("-------------------------------------------\n"
                          "Time: 2026-11-24 10:00:03\n"
                          "-------------------------------------------\n"
                          "...\n"
                          "\n");
    // print(record) is str(record): strings bare, containers with the repr of their items.
    QTest::newRow("records-print-as-python-str")
        << Records{Value("hello"),
                   Value(42),
                   Value(-7),
                   Value(3.5),
                   Value(1.0),
                   Value(1e16),
                   Value(0.1),
                   Value(),
                   Value(true),
                   Value::pair(Value("hello"), Value(2)),
                   Value::tuple({Value("a")}),
                   Value::tuple(std::vector<Value>{}),
                   Value::list({Value(1), Value("x")}),
                   Value::dict({{Value("k"), Value(1)}}),
                   Value::bytes("raw"),
                   Value::pair(Value("it's"), Value(1)),
                   Value::pair(Value("na\xc3\xafve"), Value(1)),
                   Value("")}
        << 1 << 20
        << QString::fromStdString(block("2026-11-24 10:00:03",
                                        {"hello", "42", "-7", "3.5", "1.0", "1e+16", "0.1", "None", "True",
                                         "('hello', 2)", "('a',)", "()", "[1, 'x']", "{'k': 1}", "b'raw'",
                                         "(\"it's\", 1)", "('na\xc3\xafve', 1)", ""},
                                        false));
}

void TestPprint::pprintLayout()
{
    QFETCH(Records, records);
    QFETCH(int, partitions);
    QFETCH(int, num);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(pprintOneBatch(records, partitions, num)), expected);
}

void TestPprint::fractionalBatchTimes_data()
{
    // str(datetime) adds ".%06d" microseconds only when they are non-zero.
    QTest::addColumn<qint64>("batchMs");
    QTest::addColumn<QStringList>("times"); // first three batches after start() at 10:00:02

    QTest::newRow("half-second-batches") << 500LL
                                         << QStringList{QStringLiteral("2026-11-24 10:00:02.500000"),
                                                        QStringLiteral("2026-11-24 10:00:03"),
                                                        QStringLiteral("2026-11-24 10:00:03.500000")};
    QTest::newRow("quarter-second-batches") << 250LL
                                            << QStringList{QStringLiteral("2026-11-24 10:00:02.250000"),
                                                           QStringLiteral("2026-11-24 10:00:02.500000"),
                                                           QStringLiteral("2026-11-24 10:00:02.750000")};
    // kT0 is a multiple of 1500 ms, so batches fall at 10:00:03, 10:00:04.5, 10:00:06.
    QTest::newRow("one-and-a-half-second-batches") << 1500LL
                                                   << QStringList{QStringLiteral("2026-11-24 10:00:03"),
                                                                  QStringLiteral("2026-11-24 10:00:04.500000"),
                                                                  QStringLiteral("2026-11-24 10:00:06")};
}

void TestPprint::fractionalBatchTimes()
{
    QFETCH(qint64, batchMs);
    QFETCH(QStringList, times);
    Driver d("local[2]", kT0 + 2_s);
    StreamingContext ssc(*d.sc, Duration(batchMs));
    auto q = std::make_shared<std::deque<RDDPtr>>();
    for (int i = 0; i < 3; ++i) q->push_back(d.sc->parallelize({Value(i)}, 1));
    ops::pprint(ssc.queueStream(q));
    ssc.start();
    ssc.awaitTerminationOrTimeout(Duration(3 * batchMs + 1000));
    ssc.stop(true, false);
    std::string expected;
    for (int i = 0; i < 3; ++i) expected += block(times[i].toStdString(), {std::to_string(i)}, false);
    QVERIFY(d.rec.outputs.size() >= 3);
    std::string actual;
    for (int i = 0; i < 3; ++i) actual += d.rec.outputs[static_cast<std::size_t>(i)].second;
    QCOMPARE(QString::fromStdString(actual), QString::fromStdString(expected));
}

void TestPprint::scalaPrintLayout_data()
{
    QTest::addColumn<int>("num");
    QTest::addColumn<QString>("expected");

    // Batches at 1000, 2000 and 3000 ms (clock starting at 0, as Spark's ManualClock in tests).
    QTest::newRow("print-10-time-in-ms")
        << 10
        << QStringLiteral("-------------------------------------------\n"
                          "Time: 1000 ms\n"
                          "-------------------------------------------\n"
                          "1\n"
                          "2\n"
                          "3\n"
                          "\n"
                          "-------------------------------------------\n"
                          "Time: 2000 ms\n"
                          "-------------------------------------------\n"
                          "a\n"
                          "b\n"
                          "\n"
                          "-------------------------------------------\n"
                          "Time: 3000 ms\n"
                          "-------------------------------------------\n"
                          "\n");
    QTest::newRow("print-2-ellipsis-only-when-more")
        << 2
        << QStringLiteral("-------------------------------------------\n"
                          "Time: 1000 ms\n"
                          "-------------------------------------------\n"
                          "1\n"
                          "2\n"
                          "...\n"
                          "\n"
                          "-------------------------------------------\n"
                          "Time: 2000 ms\n"
                          "-------------------------------------------\n"
                          "a\n"
                          "b\n"
                          "\n"
                          "-------------------------------------------\n"
                          "Time: 3000 ms\n"
                          "-------------------------------------------\n"
                          "\n");
}

void TestPprint::scalaPrintLayout()
{
    QFETCH(int, num);
    QFETCH(QString, expected);
    Driver d("local[2]", SimTime(0));
    StreamingContext ssc(*d.sc, 1_s);
    auto q = std::make_shared<std::deque<RDDPtr>>();
    q->push_back(d.sc->parallelize({Value(1), Value(2), Value(3)}, 2));
    q->push_back(d.sc->parallelize({Value("a"), Value("b")}, 2));
    ops::print(ssc.queueStream(q), num);
    ssc.start();
    ssc.awaitTerminationOrTimeout(3500_ms);
    ssc.stop(true, false);
    QCOMPARE(QString::fromStdString(d.rec.allOutput()), expected);
}

void TestPprint::wordCountRun()
{
    // lines.flatMap(split).map((w, 1)).reduceByKey(add, 1).pprint(), started at 10:00:02 (UTC):
    //  - batch 10:00:03: "to be or not to be" (block cut at :02.4) and "that is the question"
    //    (block at :02.8): one reduce partition merges the two map outputs in block order, keys
    //    in first-seen order, so the records come out in reading order with their counts;
    //  - batch 10:00:04: twelve distinct words, so ten records and "...";
    //  - batch 10:00:05: no input, header and blank line only.
    Driver d("local[2]", kT0 + 2_s);
    StreamingContext ssc(*d.sc, 1_s);
    auto words = ops::flatMap(ssc.socketTextStream("localhost", 9999), splitWords);
    auto pairs = ops::map(words, [](const Value &w) { return Value::pair(w, Value(1)); });
    auto counts = ops::reduceByKey(pairs, [](const Value &a, const Value &b) { return Value(a.asInt() + b.asInt()); }, 1);
    ops::pprint(counts);
    d.sim.inputLog().listen(9999);
    d.sim.inputLog().addLine(kT0 + 2300_ms, "to be or not to be");
    d.sim.inputLog().addLine(kT0 + 2700_ms, "that is the question");
    d.sim.inputLog().addLine(kT0 + 3500_ms, "a b c d e f g h i j k l");
    ssc.start();
    ssc.awaitTerminationOrTimeout(3500_ms);
    ssc.stop(true, false);
    compareGolden(QStringLiteral("pprint/wordcount-utc.txt"), d.rec.allOutput(), false);
}

void TestPprint::lineage_data()
{
    QTest::addColumn<LineageBuilder>("build");
    QTest::addColumn<QString>("golden");

    // Socket word count (Scala NetworkWordCount's shape) on local[2]: reduceByKey gets
    // defaultParallelism = 2 partitions; the BlockRDD has one partition per block. RDD ids count
    // from 0 in creation order, parents first (DStream.getOrCompute recurses before creating).
    // Batch 1 (10:00:01) has lines in three block intervals, batch 2 in one.
    auto wordCountLineage = [](int batch) {
        return LineageBuilder([batch] {
            Driver d;
            SparkContext &sc = *d.sc;
            StreamingContext ssc(sc, 1_s);
            sc.setCallSite("socketTextStream at NetworkWordCount.scala:47");
            auto lines = ssc.socketTextStream("localhost", 9999);
            sc.setCallSite("flatMap at NetworkWordCount.scala:48");
            auto words = ops::flatMap(lines, splitWords);
            sc.setCallSite("map at NetworkWordCount.scala:49");
            auto pairs = ops::map(words, [](const Value &w) { return Value::pair(w, Value(1)); });
            sc.setCallSite("reduceByKey at NetworkWordCount.scala:49");
            auto counts =
                ops::reduceByKey(pairs, [](const Value &a, const Value &b) { return Value(a.asInt() + b.asInt()); });
            sc.setCallSite("print at NetworkWordCount.scala:50");
            ops::pprint(counts);
            std::map<SimTime, std::string> debug;
            ops::foreachRDD(counts, [&debug](const RDDPtr &rdd, SimTime t) { debug[t] = rdd->toDebugString(); });
            d.sim.inputLog().listen(9999);
            for (int ms : {300, 500, 900, 1500}) d.sim.inputLog().addLine(kT0 + Duration(ms), "hello world");
            ssc.start();
            ssc.awaitTerminationOrTimeout(2500_ms);
            ssc.stop(true, false);
            return debug.at(kT0 + Duration(1000 * batch));
        });
    };
    QTest::newRow("socket-word-count-batch-with-three-blocks") << wordCountLineage(1)
                                                               << QStringLiteral("lineage/wordcount-batch1.txt");
    QTest::newRow("socket-word-count-batch-with-one-block") << wordCountLineage(2)
                                                            << QStringLiteral("lineage/wordcount-batch2.txt");

    // Plain RDDs, printed before any action (so no CachedPartitions lines).
    auto sumCounts = [](const Value &a, const Value &b) { return Value(a.asInt() + b.asInt()); };
    auto toPair = [](const Value &w) { return Value::pair(w, Value(1)); };
    auto cached = [sumCounts, toPair](bool cacheRoot) {
        return LineageBuilder([=] {
            Driver d;
            SparkContext &sc = *d.sc;
            sc.setCallSite("parallelize at WordCount.scala:10");
            auto base = sc.parallelize({Value("a"), Value("b"), Value("a")}, 3);
            sc.setCallSite("map at WordCount.scala:11");
            auto pairs = ops::map(base, toPair);
            pairs->cache();
            sc.setCallSite("reduceByKey at WordCount.scala:12");
            auto counts = ops::reduceByKey(pairs, sumCounts, 2);
            if (cacheRoot) counts->cache();
            return counts->toDebugString();
        });
    };
    // debugSelf prints this.storageLevel: a cached parent under an uncached root shows "[]" ...
    QTest::newRow("cached-parent-under-uncached-root-prints-empty-brackets")
        << cached(false) << QStringLiteral("lineage/cached-parent-root-not-cached.txt");
    // ... and a cached root puts its level on every line.
    QTest::newRow("cached-root-prints-its-level-on-every-line") << cached(true)
                                                                 << QStringLiteral("lineage/cached-root.txt");
    QTest::newRow("union-then-shuffle-lists-both-parents") << LineageBuilder([=] {
        Driver d;
        SparkContext &sc = *d.sc;
        sc.setCallSite("parallelize at Union.scala:10");
        auto a = sc.parallelize({toPair(Value("x")), toPair(Value("y"))}, 2);
        sc.setCallSite("parallelize at Union.scala:11");
        auto b = sc.parallelize({toPair(Value("x"))}, 1);
        sc.setCallSite("union at Union.scala:12");
        auto u = sc.unionRDDs({a, b});
        sc.setCallSite("reduceByKey at Union.scala:13");
        return ops::reduceByKey(u, sumCounts, 2)->toDebugString();
    }) << QStringLiteral("lineage/union-then-shuffle.txt");
    QTest::newRow("two-digit-partition-counts-widen-the-gutter") << LineageBuilder([=] {
        Driver d;
        SparkContext &sc = *d.sc;
        Records words;
        for (int i = 0; i < 24; ++i) words.emplace_back("w" + std::to_string(i % 5));
        sc.setCallSite("parallelize at Wide.scala:10");
        auto base = sc.parallelize(words, 12);
        sc.setCallSite("map at Wide.scala:11");
        auto pairs = ops::map(base, toPair);
        sc.setCallSite("reduceByKey at Wide.scala:12");
        return ops::reduceByKey(pairs, sumCounts, 10)->toDebugString();
    }) << QStringLiteral("lineage/two-digit-partition-counts.txt");
}

void TestPprint::lineage()
{
    QFETCH(LineageBuilder, build);
    QFETCH(QString, golden);
    compareGolden(golden, build(), true);
}

QTEST_APPLESS_MAIN(TestPprint)
#include "tst_pprint.moc"
