// Qt Test: StreamingContext lifecycle rules and every error a program can provoke, with Spark's
// exception classes and exact messages (docs/spark-semantics.md §3-§5, §11), and bad input that
// must end in a clear error, never a crash or a hang.
//
// Message sources: DStream.validateAtInit, StreamingContext.start/stop/assertNoOtherContextIsActive,
// DStreamGraph.validate/remember, DStream.persist/checkpoint, SparkContext.createTaskScheduler,
// JavaUtils.timeStringAs, BlockGenerator, ConfigBuilder's typed entries (StreamingConf.scala).
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"
#endif

#include <QtTest>

#include <functional>

using namespace testkit;

/// A scenario builds whatever it needs and ends with the call that must throw.
using Scenario = std::function<void()>;
Q_DECLARE_METATYPE(Scenario)

namespace {

const char *const kAfterStart =
    "Adding new inputs, transformations, and output operations after starting a context is not supported";
const char *const kAfterStop =
    "Adding new inputs, transformations, and output operations after stopping a context is not supported";
const char *const kTimeFormat = "Time must be specified as seconds (s), milliseconds (ms), microseconds (us), minutes "
                                "(m or min), hour (h), or day (d). E.g. 50s, 100ms, or 250us.\n";

/// A started context over a queue stream with one output operation, on a fresh "JVM".
struct Running {
    explicit Running(std::map<std::string, std::string> conf = {}) : d("local[2]", kT0, 42, std::move(conf))
    {
        ssc = std::make_unique<StreamingContext>(*d.sc, 1_s);
        input = ssc->queueStream(std::make_shared<std::deque<RDDPtr>>());
        ops::pprint(input);
    }
    Driver d;
    std::unique_ptr<StreamingContext> ssc;
    DStreamPtr input;
};

Value identity(const Value &v)
{
    return v;
}

/// A SparkContext on `master` in its own simulation (the constructor is what throws).
void makeSparkContext(const std::string &master, bool setMaster = true, bool setAppName = true)
{
    Simulation sim(SimulationConfig{kT0, 42, 4});
    SparkConf conf;
    if (setMaster) conf.setMaster(master);
    if (setAppName) conf.setAppName("NetworkWordCount");
    SparkContext sc(sim, conf);
}

/// A socket word count started with one setting changed (start() reads the receiver settings).
void startWithConf(const std::string &key, const std::string &value)
{
    Driver d("local[2]", kT0, 42, {{key, value}});
    StreamingContext ssc(*d.sc, 1_s);
    ops::pprint(wordCount(ssc.socketTextStream("localhost", 9999)));
    try {
        ssc.start();
    } catch (...) {
        // StreamingContext.start: "Error starting the context, marking it as stopped".
        QCOMPARE(int(ssc.state()), int(StreamingState::STOPPED));
        QCOMPARE(d.rec.count(LogLevel::Error, "Error starting the context, marking it as stopped"), 1);
        throw;
    }
}

} // namespace

class TestLifecycle : public QObject {
    Q_OBJECT

private slots:
    void errors_data();
    void errors();
    void timeStrings_data();
    void timeStrings();
    void warnings_data();
    void warnings();
    void activeContext();
    void sparkContextReusableAfterStopWithoutStoppingIt();
};

void TestLifecycle::errors_data()
{
    QTest::addColumn<Scenario>("scenario");
    QTest::addColumn<QString>("exception"); // Java class name
    QTest::addColumn<QString>("message");
    QTest::addColumn<bool>("exact");        // false: the message starts with this text

    const QString ise = QStringLiteral("java.lang.IllegalStateException");
    const QString iae = QStringLiteral("java.lang.IllegalArgumentException");
    const QString uoe = QStringLiteral("java.lang.UnsupportedOperationException");
    const QString nfe = QStringLiteral("java.lang.NumberFormatException");
    const QString spark = QStringLiteral("org.apache.spark.SparkException");
    auto q = [](const std::string &s) { return QString::fromStdString(s); };

    // §4.1 DStream.validateAtInit
    QTest::newRow("map-after-start-is-rejected") << Scenario([] {
        Running r;
        r.ssc->start();
        ops::map(r.input, identity);
    }) << ise << QString::fromLatin1(kAfterStart) << true;
    QTest::newRow("socket-stream-after-start-is-rejected") << Scenario([] {
        Running r;
        r.ssc->start();
        r.ssc->socketTextStream("localhost", 9999);
    }) << ise << QString::fromLatin1(kAfterStart) << true;
    QTest::newRow("output-operation-after-start-is-rejected") << Scenario([] {
        Running r;
        r.ssc->start();
        ops::pprint(r.input);
    }) << ise << QString::fromLatin1(kAfterStart) << true;
    QTest::newRow("map-after-stop-is-rejected") << Scenario([] {
        Running r;
        r.ssc->start();
        r.ssc->stop(false, false);
        ops::map(r.input, identity);
    }) << ise << QString::fromLatin1(kAfterStop) << true;
    QTest::newRow("queue-stream-after-stop-is-rejected") << Scenario([] {
        Running r;
        r.ssc->start();
        r.ssc->stop();
        r.ssc->queueStream(std::make_shared<std::deque<RDDPtr>>());
    }) << ise << QString::fromLatin1(kAfterStop) << true;
    QTest::newRow("foreachRDD-after-stop-before-start-is-rejected") << Scenario([] {
        Running r;
        r.ssc->stop(false, false); // INITIALIZED -> STOPPED
        ops::foreachRDD(r.input, [](const RDDPtr &, SimTime) {});
    }) << ise << QString::fromLatin1(kAfterStop) << true;

    // §4.2 start() / stop()
    QTest::newRow("start-after-stop-is-rejected") << Scenario([] {
        Running r;
        r.ssc->start();
        r.ssc->stop(false, false);
        r.ssc->start();
    }) << ise << QStringLiteral("StreamingContext has already been stopped") << true;
    QTest::newRow("start-after-stop-before-start-is-rejected") << Scenario([] {
        Running r;
        r.ssc->stop(false, false);
        r.ssc->start();
    }) << ise << QStringLiteral("StreamingContext has already been stopped") << true;

    // §4.3 one active context per JVM (here: per Simulation)
    QTest::newRow("second-context-cannot-start-while-one-is-active") << Scenario([] {
        Running r;
        r.d.sc->setCallSite("start at wordcount.py:30");
        r.ssc->start();
        StreamingContext second(*r.d.sc, 1_s); // creating it is fine
        ops::pprint(second.queueStream(std::make_shared<std::deque<RDDPtr>>()));
        second.start();
    }) << ise
       << QStringLiteral("Only one StreamingContext may be started in this JVM. Currently running StreamingContext "
                         "was started atstart at wordcount.py:30")
       << true;

    // §5.1
    QTest::newRow("no-output-operations") << Scenario([] {
        Driver d;
        StreamingContext ssc(*d.sc, 1_s);
        ssc.socketTextStream("localhost", 9999);
        ssc.start();
    }) << iae << QStringLiteral("requirement failed: No output operations registered, so nothing to execute") << true;
    QTest::newRow("remember-twice") << Scenario([] {
        Running r;
        r.ssc->remember(1_s);
        r.ssc->remember(2_s);
    }) << iae << QStringLiteral("requirement failed: Remember duration already set as 1000 ms. Cannot set it again.")
       << true;
    QTest::newRow("persist-after-start") << Scenario([] {
        Running r;
        r.ssc->start();
        r.input->persist(StorageLevel::MEMORY_ONLY());
    }) << uoe << QStringLiteral("Cannot change storage level of an DStream after streaming context has started")
       << true;
    QTest::newRow("cache-after-start") << Scenario([] {
        Running r;
        r.ssc->start();
        r.input->cache();
    }) << uoe << QStringLiteral("Cannot change storage level of an DStream after streaming context has started")
       << true;
    // DStream.persist tests isInitialized (zeroTime set), which stays true after stop().
    QTest::newRow("persist-after-stop") << Scenario([] {
        Running r;
        r.ssc->start();
        r.ssc->stop(false, false);
        r.input->persist(StorageLevel::MEMORY_ONLY());
    }) << uoe << QStringLiteral("Cannot change storage level of an DStream after streaming context has started")
       << true;
    QTest::newRow("checkpoint-after-start") << Scenario([] {
        Running r;
        r.ssc->checkpoint("/tmp/dstreamlab-test-checkpoint");
        r.ssc->start();
        r.input->checkpoint(10_s);
    }) << uoe << QStringLiteral("Cannot change checkpoint interval of an DStream after streaming context has started")
       << true;

    // Bad input: batch durations. Spark only requires a non-null Duration; DStream Lab refuses
    // non-positive ones up front (a zero period would divide by zero in RecurringTimer).
    QTest::newRow("batch-duration-zero") << Scenario([] {
        Driver d;
        StreamingContext ssc(*d.sc, Duration(0));
    }) << iae << QStringLiteral("requirement failed: Batch duration for StreamingContext must be positive, but was 0 ms")
       << true;
    QTest::newRow("batch-duration-negative") << Scenario([] {
        Driver d;
        StreamingContext ssc(*d.sc, Duration(-1000));
    }) << iae
       << QStringLiteral("requirement failed: Batch duration for StreamingContext must be positive, but was -1000 ms")
       << true;

    // Bad input: partition counts. HashPartitioner (core/.../Partitioner.scala) requires >= 0 when the
    // DStream is defined; 0 is legal (empty RDDs have no partitions) until a record is placed.
    QTest::newRow("reduceByKey-negative-partitions-rejected-at-definition") << Scenario([] {
        Running r;
        ops::reduceByKey(ops::map(r.input, [](const Value &v) { return Value::pair(v, Value(1)); }),
                         [](const Value &a, const Value &) { return a; }, -2);
    }) << iae << QStringLiteral("requirement failed: Number of partitions (-2) cannot be negative.") << true;
    QTest::newRow("record-placed-in-zero-partitions-divides-by-zero-without-crashing")
        << Scenario([] { Partitioner(0).getPartition(Value(QStringLiteral("w").toStdString())); })
        << QStringLiteral("java.lang.ArithmeticException") << QStringLiteral("/ by zero") << true;

    // Bad input: master URLs (SparkContext.createTaskScheduler).
    for (const char *m : {"local[x]", "yarn-foo", "local[-1]", "local[2", "LOCAL[2]", "", "local[2,x]"}) {
        const std::string master = m;
        QTest::newRow(qPrintable(QStringLiteral("unknown-master-'%1'").arg(QString::fromStdString(master))))
            << Scenario([master] { makeSparkContext(master); }) << spark
            << q("Could not parse Master URL: '" + master + "'") << true;
    }
    // The regex matches; threads.toInt overflows (Integer.parseInt).
    QTest::newRow("local-thread-count-too-big-for-an-int") << Scenario([] { makeSparkContext("local[99999999999]"); })
                                                          << nfe << QStringLiteral("For input string: \"99999999999\"")
                                                          << true;
    QTest::newRow("local-0-threads") << Scenario([] { makeSparkContext("local[0]"); }) << spark
                                     << QStringLiteral("Asked to run locally with 0 threads") << true;
    // Spark has no thread check for local[N,F] (a 0-thread backend would never run a task);
    // DStream Lab gives the local[N] message instead of hanging.
    QTest::newRow("local-0-threads-with-retries-does-not-hang") << Scenario([] { makeSparkContext("local[0,2]"); })
                                                                << spark
                                                                << QStringLiteral("Asked to run locally with 0 threads")
                                                                << true;
    QTest::newRow("missing-master") << Scenario([] { makeSparkContext("", false); }) << spark
                                    << QStringLiteral("A master URL must be set in your configuration") << true;
    QTest::newRow("missing-app-name") << Scenario([] { makeSparkContext("local[2]", true, false); }) << spark
                                      << QStringLiteral("An application name must be set in your configuration")
                                      << true;

    // Bad input: spark.streaming.blockInterval (BlockGenerator: conf time string, then require > 0).
    const std::string bi = "spark.streaming.blockInterval";
    const QString positive = QStringLiteral("requirement failed: 'spark.streaming.blockInterval' should be a positive value");
    QTest::newRow("block-interval-zero") << Scenario([bi] { startWithConf(bi, "0"); }) << iae << positive << true;
    QTest::newRow("block-interval-0ms") << Scenario([bi] { startWithConf(bi, "0ms"); }) << iae << positive << true;
    QTest::newRow("block-interval-negative") << Scenario([bi] { startWithConf(bi, "-100ms"); }) << iae << positive
                                             << true;
    QTest::newRow("block-interval-500us-truncates-to-0ms") << Scenario([bi] { startWithConf(bi, "500us"); }) << iae
                                                           << positive << true;
    QTest::newRow("block-interval-not-a-time") << Scenario([bi] { startWithConf(bi, "abc"); }) << nfe
                                               << q(std::string(kTimeFormat) + "Failed to parse time string: abc")
                                               << true;
    QTest::newRow("block-interval-space-before-unit") << Scenario([bi] { startWithConf(bi, "200 ms"); }) << nfe
                                                      << q(std::string(kTimeFormat) + "Failed to parse time string: 200 ms")
                                                      << true;
    QTest::newRow("block-interval-fraction") << Scenario([bi] { startWithConf(bi, "1.5s"); }) << nfe
                                             << q(std::string(kTimeFormat) + "Failed to parse time string: 1.5s")
                                             << true;
    QTest::newRow("block-interval-empty") << Scenario([bi] { startWithConf(bi, ""); }) << nfe
                                          << q(std::string(kTimeFormat) + "Failed to parse time string: ") << true;
    QTest::newRow("block-interval-unknown-unit") << Scenario([bi] { startWithConf(bi, "200parsecs"); }) << nfe
                                                 << q(std::string(kTimeFormat) + "Invalid suffix: \"parsecs\"") << true;
    QTest::newRow("block-interval-number-too-big-for-a-long")
        << Scenario([bi] { startWithConf(bi, "99999999999999999999ms"); }) << nfe
        << q(std::string(kTimeFormat) + "For input string: \"99999999999999999999\"") << true;

    // Bad input: typed streaming settings (StreamingConf ConfigEntries: "<key> should be <type>, but was <v>").
    QTest::newRow("receiver-max-rate-not-a-number")
        << Scenario([] { startWithConf("spark.streaming.receiver.maxRate", "fast"); }) << iae
        << QStringLiteral("spark.streaming.receiver.maxRate should be long, but was fast") << true;
    // JobScheduler reads it when the StreamingContext is constructed.
    QTest::newRow("concurrent-jobs-not-a-number") << Scenario([] {
        Driver d("local[2]", kT0, 42, {{"spark.streaming.concurrentJobs", "two"}});
        StreamingContext ssc(*d.sc, 1_s);
    }) << iae << QStringLiteral("spark.streaming.concurrentJobs should be int, but was two") << true;

    // Operations on stopped contexts.
    QTest::newRow("streaming-context-on-stopped-spark-context") << Scenario([] {
        Running r;
        r.ssc->start();
        r.ssc->stop(); // stopSparkContext defaults to true
        StreamingContext again(*r.d.sc, 1_s);
    }) << ise << QStringLiteral("Cannot call methods on a stopped SparkContext.") << false;
    QTest::newRow("rdd-on-stopped-spark-context") << Scenario([] {
        Running r;
        r.d.sc->stop();
        r.d.sc->parallelize({Value(1)});
    }) << ise << QStringLiteral("Cannot call methods on a stopped SparkContext.") << false;
}

void TestLifecycle::errors()
{
    QFETCH(Scenario, scenario);
    QFETCH(QString, exception);
    QFETCH(QString, message);
    QFETCH(bool, exact);
    try {
        scenario();
    } catch (const SparkError &e) {
        QCOMPARE(QString::fromStdString(e.className()), exception);
        const QString actual = QString::fromStdString(e.message());
        if (exact)
            QCOMPARE(actual, message);
        else
            QVERIFY2(actual.startsWith(message), qPrintable(actual));
        return;
    } catch (const std::exception &e) {
        QFAIL(qPrintable(QStringLiteral("not a Spark error: ") + QString::fromUtf8(e.what())));
    }
    QFAIL("no exception was thrown");
}

void TestLifecycle::timeStrings_data()
{
    // JavaUtils.timeStringAs(str, MILLISECONDS): no unit means ms; TimeUnit.convert truncates.
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms");

    QTest::newRow("plain-number-is-milliseconds") << QStringLiteral("500") << 500LL;
    QTest::newRow("milliseconds") << QStringLiteral("200ms") << 200LL;
    QTest::newRow("seconds") << QStringLiteral("1s") << 1000LL;
    QTest::newRow("minutes-m") << QStringLiteral("2m") << 120000LL;
    QTest::newRow("minutes-min") << QStringLiteral("2min") << 120000LL;
    QTest::newRow("hours") << QStringLiteral("1h") << 3600000LL;
    QTest::newRow("days") << QStringLiteral("1d") << 86400000LL;
    QTest::newRow("microseconds-truncate") << QStringLiteral("1500us") << 1LL;
    QTest::newRow("upper-case-and-surrounding-spaces") << QStringLiteral("  200MS ") << 200LL;
    QTest::newRow("negative") << QStringLiteral("-5s") << -5000LL;
    QTest::newRow("days-saturate-at-long-max") << QStringLiteral("999999999999999d") << qint64(INT64_MAX);
}

void TestLifecycle::timeStrings()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    SparkConf conf;
    conf.set("spark.streaming.blockInterval", text.toStdString());
    QCOMPARE(conf.getTimeAsMs("spark.streaming.blockInterval", "200ms"), Duration(ms));
    QCOMPARE(SparkConf().getTimeAsMs("spark.streaming.blockInterval", "200ms"), Duration(200));
}

void TestLifecycle::warnings_data()
{
    // Lifecycle calls that Spark answers with a log warning, not an exception.
    QTest::addColumn<QString>("calls"); // s = start, t = stop(false, false)
    QTest::addColumn<QStringList>("warnings");
    QTest::addColumn<int>("finalState");

    QTest::newRow("start-twice-warns-and-stays-active")
        << QStringLiteral("ss") << QStringList{QStringLiteral("StreamingContext has already been started")}
        << int(StreamingState::ACTIVE);
    QTest::newRow("stop-before-start-warns-and-stops")
        << QStringLiteral("t") << QStringList{QStringLiteral("StreamingContext has not been started yet")}
        << int(StreamingState::STOPPED);
    QTest::newRow("stop-twice-warns") << QStringLiteral("stt")
                                      << QStringList{QStringLiteral("StreamingContext has already been stopped")}
                                      << int(StreamingState::STOPPED);
    QTest::newRow("start-stop-is-quiet") << QStringLiteral("st") << QStringList{} << int(StreamingState::STOPPED);
}

void TestLifecycle::warnings()
{
    QFETCH(QString, calls);
    QFETCH(QStringList, warnings);
    QFETCH(int, finalState);
    Running r;
    for (QChar c : calls) {
        if (c == QLatin1Char('s'))
            r.ssc->start();
        else
            r.ssc->stop(false, false);
        r.ssc->awaitTerminationOrTimeout(1500_ms);
    }
    QStringList actual;
    for (const auto &m : r.d.rec.messages(LogLevel::Warn)) actual << QString::fromStdString(m);
    QCOMPARE(actual, warnings);
    QCOMPARE(int(r.ssc->state()), finalState);
}

void TestLifecycle::activeContext()
{
    Running r;
    Simulation &sim = r.d.sim;
    QCOMPARE(StreamingContext::getActive(sim), nullptr);
    QCOMPARE(int(r.ssc->state()), int(StreamingState::INITIALIZED));
    r.ssc->start();
    QCOMPARE(StreamingContext::getActive(sim), r.ssc.get());
    QCOMPARE(int(r.ssc->state()), int(StreamingState::ACTIVE));
    QCOMPARE(r.ssc->awaitTerminationOrTimeout(2_s), false);
    r.ssc->stop(false, false);
    QCOMPARE(StreamingContext::getActive(sim), nullptr);
    QCOMPARE(int(r.ssc->state()), int(StreamingState::STOPPED));
    // A stopped context reports termination at once, without running the clock.
    const SimTime now = sim.now();
    QCOMPARE(r.ssc->awaitTerminationOrTimeout(10_s), true);
    QCOMPARE(sim.now(), now);
}

void TestLifecycle::sparkContextReusableAfterStopWithoutStoppingIt()
{
    // Guide: "a SparkContext can be re-used to create multiple StreamingContexts, as long as the
    // previous StreamingContext is stopped (without stopping the SparkContext)".
    Running r;
    r.ssc->start();
    r.ssc->awaitTerminationOrTimeout(1500_ms);
    r.ssc->stop(false, false);
    QVERIFY(!r.d.sc->isStopped());
    StreamingContext next(*r.d.sc, 1_s);
    auto q = std::make_shared<std::deque<RDDPtr>>();
    q->push_back(r.d.sc->parallelize({Value("again")}, 1));
    ops::pprint(next.queueStream(q));
    next.start();
    QCOMPARE(StreamingContext::getActive(r.d.sim), &next);
    next.awaitTerminationOrTimeout(2_s);
    QVERIFY(r.d.rec.allOutput().find("\nagain\n") != std::string::npos);
    next.stop(); // stops the SparkContext too (spark.streaming.stopSparkContextByDefault)
    QVERIFY(r.d.sc->isStopped());
}

QTEST_APPLESS_MAIN(TestLifecycle)
#include "tst_lifecycle.moc"
