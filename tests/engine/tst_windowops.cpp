// Qt Test: windowed operations, as Spark computes them.
//
// 1. Spark's own Scala cases of WindowOperationsSuite (tests/data/scala_cases.json) as data rows;
//    the C++ pipeline of each row is hand-written from the case's Scala text, and nothing expected
//    is computed by the engine. A coverage test fails when a case is neither run nor deferred.
// 2. Behaviour read from Spark's sources (docs/spark-semantics.md §6): window
//    validation messages, the batches an incremental window adds and subtracts, windows sliding on
//    after the input stops, slide > window skipping batches, and the fused window step.

// moc cannot parse the C++20 standard headers the engine pulls in (<concepts>); it needs none of it.
#ifndef Q_MOC_RUN
#include "windowstatekit.h"
#endif

#include <ctime>
#include <set>

using namespace dsl;
using namespace scalakit;
using namespace wskit;

namespace {

// ---- cases and their bookkeeping ------------------------------------------------------------

const char *const kSuite = "WindowOperationsSuite";

/// Cases that are not run at all (none at present; the coverage test keeps the list honest).
const std::vector<Deferred> kDeferred = {};

/// No case is partly deferred.
const std::vector<Deferred> kPartlyDeferred = {};

const CaseFile &cases()
{
    static const CaseFile file = loadCases(kCasesFile, {kSuite});
    return file;
}

// ---- WindowOperationsSuite ----------------------------------------------------------------------

const std::map<QString, Operation> &windowOperations()
{
    static const std::map<QString, Operation> table = [] {
        std::map<QString, Operation> t;
        const Shape pairSS = Tup({S(), S()});
        auto add = [&t](const char *name, Operation op) { t[QStringLiteral("WindowOperationsSuite/") + QString::fromUtf8(name)] = std::move(op); };

        // (s: DStream[Int]) => s.window(windowDuration, slideDuration)
        const auto window = [](Harness &, const DStreamPtr &s, Duration w, Duration sl) { return ops::window(s, w, sl); };
        for (const char *name : {"window - basic window", "window - tumbling window", "window - larger window",
                                 "window - non-overlapping window"})
            add(name, {S(), S(), window});

        // s.reduceByKeyAndWindow((x: Int, y: Int) => x + y, windowDuration, slideDuration)
        const auto naive = [](Harness &, const DStreamPtr &s, Duration w, Duration sl) {
            return ops::reduceByKeyAndWindow(s, plus, w, sl);
        };
        // s.reduceByKeyAndWindow(_ + _, _ - _, windowDuration, slideDuration).checkpoint(Seconds(100))
        const auto inverse = [](Harness &, const DStreamPtr &s, Duration w, Duration sl) {
            DStreamPtr out = ops::reduceByKeyAndWindow(s, plus, minus, w, sl);
            out->checkpoint(Duration(100'000));
            return out;
        };
        for (const char *what : {"basic reduction", "key already in window and new value added into window",
                                 "new key added into window", "key removed from window", "larger slide time", "big test"}) {
            add(("reduceByKeyAndWindow - " + std::string(what)).c_str(), {pairSS, pairSS, naive});
            add(("reduceByKeyAndWindow with inverse function - " + std::string(what)).c_str(), {pairSS, pairSS, inverse});
        }
        // val filterFunc = (p: (String, Int)) => p._2 != 0
        // s.reduceByKeyAndWindow(_ + _, _ - _, windowDuration, slideDuration, filterFunc = filterFunc)
        //   .persist().checkpoint(Seconds(100))
        add("reduceByKeyAndWindow with inverse and filter functions - big test",
            {pairSS, pairSS, [](Harness &, const DStreamPtr &s, Duration w, Duration sl) {
                 DStreamPtr out = ops::reduceByKeyAndWindow(s, plus, minus, w, sl, std::nullopt,
                                                            ops::PredicateFn([](const Value &p) { return p.value().asInt() != 0; }));
                 out->persist(StorageLevel::MEMORY_ONLY_SER());
                 out->checkpoint(Duration(100'000));
                 return out;
             }});
        // s.groupByKeyAndWindow(windowDuration, slideDuration).map(x => (x._1, x._2.toSet)).persist()
        add("groupByKeyAndWindow", {pairSS, Tup({S(), SetOf(S())}), [](Harness &, const DStreamPtr &s, Duration w, Duration sl) {
                                        DStreamPtr out = ops::map(ops::groupByKeyAndWindow(s, w, sl), [](const Value &x) {
                                            return Value::pair(x.key(), toSet(x.value()));
                                        });
                                        out->persist(StorageLevel::MEMORY_ONLY_SER());
                                        return out;
                                    }});
        // s.countByWindow(windowDuration, slideDuration).map(_.toInt)
        add("countByWindow", {S(), S(), [](Harness &, const DStreamPtr &s, Duration w, Duration sl) {
                                  return ops::map(ops::countByWindow(s, w, sl), [](const Value &x) { return x; });
                              }});
        // s.countByValueAndWindow(windowDuration, slideDuration).map(x => (x._1, x._2.toInt))
        add("countByValueAndWindow", {S(), pairSS, [](Harness &, const DStreamPtr &s, Duration w, Duration sl) {
                                          return ops::map(ops::countByValueAndWindow(s, w, sl), [](const Value &x) { return x; });
                                      }});
        return t;
    }();
    return table;
}

const std::map<QString, Runner> &runners()
{
    static const std::map<QString, Runner> table = operationRunners(windowOperations());
    return table;
}

} // namespace

class TestWindowOps : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("TZ", "UTC");
        tzset();
        QVERIFY2(cases().error.isEmpty(), cases().error.toUtf8().constData());
        QVERIFY(!cases().order.empty());
    }

    /// Every WindowOperationsSuite case of the JSON is run by a row or deferred with a reason (windowstatekit.h).
    void coverage() { checkCoverage(cases(), {kSuite}, runners(), kDeferred, kPartlyDeferred); }

    void windowOperations_data() { addRows(cases(), "WindowOperationsSuite", kDeferred); }
    void windowOperations()
    {
        QFETCH(QString, row);
        runRow(cases(), runners(), row);
    }

    // ---- §6.1: window validation, thrown when the stream is constructed ----

    void windowValidation_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<qint64>("windowMs");
        QTest::addColumn<qint64>("slideMs");
        QTest::addColumn<QString>("javaClass");
        QTest::addColumn<QString>("message");
        // batch 2000 ms
        const QString wd = QStringLiteral(
            "The window duration of windowed DStream (3000 ms) must be a multiple of the slide duration of parent DStream (2000 ms)");
        const QString sd = QStringLiteral(
            "The slide duration of windowed DStream (3000 ms) must be a multiple of the slide duration of parent DStream (2000 ms)");
        const QString rwd = QStringLiteral("requirement failed: The window duration of ReducedWindowedDStream (3000 ms) must be "
                                           "multiple of the slide duration of parent DStream (2000 ms)");
        const QString rsd = QStringLiteral("requirement failed: The slide duration of ReducedWindowedDStream (3000 ms) must be "
                                           "multiple of the slide duration of parent DStream (2000 ms)");
        const QString exc = QStringLiteral("java.lang.Exception"), iae = QStringLiteral("java.lang.IllegalArgumentException");
        // WindowedDStream.scala: window, reduceByKeyAndWindow without inverse, groupByKeyAndWindow, reduceByWindow
        for (const char *op : {"window", "reduceByKeyAndWindow", "groupByKeyAndWindow", "reduceByWindow"}) {
            QTest::newRow((std::string(op) + " window").c_str()) << QString::fromUtf8(op) << qint64(3000) << qint64(2000) << exc << wd;
            QTest::newRow((std::string(op) + " slide").c_str()) << QString::fromUtf8(op) << qint64(6000) << qint64(3000) << exc << sd;
        }
        // ReducedWindowedDStream.scala: the inverse-function path
        for (const char *op : {"reduceByKeyAndWindow inverse", "countByWindow", "countByValueAndWindow", "reduceByWindow inverse"}) {
            QTest::newRow((std::string(op) + " window").c_str()) << QString::fromUtf8(op) << qint64(3000) << qint64(2000) << iae << rwd;
            QTest::newRow((std::string(op) + " slide").c_str()) << QString::fromUtf8(op) << qint64(6000) << qint64(3000) << iae << rsd;
        }
        // DStream Lab's own check (Spark would divide by zero later): durations must be positive.
        const auto positive = [](const char *what, const char *cls, qint64 ms) {
            return QStringLiteral("requirement failed: The %1 duration of %2 (%3 ms) must be positive")
                .arg(QString::fromUtf8(what), QString::fromUtf8(cls)).arg(ms);
        };
        for (const char *op : {"window", "reduceByKeyAndWindow", "groupByKeyAndWindow", "reduceByWindow",
                               "reduceByKeyAndWindow inverse", "countByWindow", "countByValueAndWindow",
                               "reduceByWindow inverse"}) {
            const bool inverse = std::string(op).find("inverse") != std::string::npos ||
                                 std::string(op).rfind("countBy", 0) == 0;
            const char *cls = inverse ? "ReducedWindowedDStream" : "WindowedDStream";
            const std::string name(op);
            QTest::newRow((name + " zero-window-rejected").c_str()) << QString::fromUtf8(op) << qint64(0) << qint64(2000) << iae
                                                               << positive("window", cls, 0);
            QTest::newRow((name + " negative-window-rejected").c_str()) << QString::fromUtf8(op) << qint64(-4000) << qint64(2000)
                                                                   << iae << positive("window", cls, -4000);
            QTest::newRow((name + " zero-slide-rejected").c_str()) << QString::fromUtf8(op) << qint64(4000) << qint64(0) << iae
                                                              << positive("slide", cls, 0);
            QTest::newRow((name + " negative-slide-rejected").c_str()) << QString::fromUtf8(op) << qint64(4000) << qint64(-2000)
                                                                  << iae << positive("slide", cls, -2000);
        }
    }
    void windowValidation()
    {
        QFETCH(QString, op);
        QFETCH(qint64, windowMs);
        QFETCH(qint64, slideMs);
        QFETCH(QString, javaClass);
        QFETCH(QString, message);
        Lab lab(Duration(2000), false);
        const DStreamPtr words = lab.input({strings({"a"})});
        const DStreamPtr pairStream = keyedBy(words, 1);
        const Duration w(windowMs), s(slideMs);
        const std::map<QString, std::function<void()>> build = {
            {QStringLiteral("window"), [&] { ops::window(words, w, s); }},
            {QStringLiteral("reduceByKeyAndWindow"), [&] { ops::reduceByKeyAndWindow(pairStream, plus, w, s); }},
            {QStringLiteral("groupByKeyAndWindow"), [&] { ops::groupByKeyAndWindow(pairStream, w, s); }},
            {QStringLiteral("reduceByWindow"), [&] { ops::reduceByWindow(ops::map(words, [](const Value &) { return Value(1); }), plus, w, s); }},
            {QStringLiteral("reduceByKeyAndWindow inverse"), [&] { ops::reduceByKeyAndWindow(pairStream, plus, minus, w, s); }},
            {QStringLiteral("countByWindow"), [&] { ops::countByWindow(words, w, s); }},
            {QStringLiteral("countByValueAndWindow"), [&] { ops::countByValueAndWindow(words, w, s); }},
            {QStringLiteral("reduceByWindow inverse"),
             [&] { ops::reduceByWindow(ops::map(words, [](const Value &) { return Value(1); }), plus, minus, w, s); }},
        };
        std::exception_ptr error = thrownBy(build.at(op));
        QVERIFY2(error, "no exception at construction");
        try {
            std::rethrow_exception(error);
        } catch (const SparkError &e) {
            QCOMPARE(QString::fromStdString(e.className()), javaClass);
            QCOMPARE(QString::fromStdString(e.message()), message);
        } catch (...) {
            QFAIL("not a SparkError");
        }
        // Thrown at construction: the context has not been started.
        QCOMPARE(lab.h.ssc->state(), StreamingState::INITIALIZED);
    }

    // ---- WindowComputation: which batches an incremental window added and subtracted ----

    void windowComputations_data()
    {
        QTest::addColumn<qint64>("windowMs");
        QTest::addColumn<qint64>("slideMs");
        QTest::addColumn<QList<qint64>>("times");
        QTest::addColumn<QStringList>("added");      // per output: "1000,2000"
        QTest::addColumn<QStringList>("subtracted");
        QTest::addColumn<QStringList>("covered");
        QTest::addColumn<QList<bool>>("incremental");
        QTest::addColumn<QStringList>("values");     // per output: the value of key "a"
        // ReducedWindowedDStream.compute: currentWindow = (t - window + parentSlide, t),
        // previousWindow = currentWindow - slide; old = slice(previous.begin, current.begin - parentSlide),
        // new = slice(previous.end + parentSlide, current.end). Input: batch i carries ("a", i).
        QTest::newRow("window 3 s, slide 1 s")
            << qint64(3000) << qint64(1000) << QList<qint64>{1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000}
            << sl({"1000", "2000", "3000", "4000", "5000", "6000", "7000", "8000"})
            << sl({"", "", "", "1000", "2000", "3000", "4000", "5000"})
            << sl({"1000", "1000,2000", "1000,2000,3000", "2000,3000,4000", "3000,4000,5000", "4000,5000,6000",
                           "5000,6000,7000", "6000,7000,8000"})
            << QList<bool>{false, true, true, true, true, true, true, true}
            // 1, 1+2, 1+2+3, 2+3+4, 3+4+5, 4+5+6, then the input stops: 5+6, 6
            << sl({"1", "3", "6", "9", "12", "15", "11", "6"});
        QTest::newRow("window 4 s, slide 2 s")
            << qint64(4000) << qint64(2000) << QList<qint64>{2000, 4000, 6000, 8000, 10000}
            << sl({"1000,2000", "3000,4000", "5000,6000", "7000,8000", "9000,10000"})
            << sl({"", "", "1000,2000", "3000,4000", "5000,6000"})
            << sl({"1000,2000", "1000,2000,3000,4000", "3000,4000,5000,6000", "5000,6000,7000,8000",
                           "7000,8000,9000,10000"})
            << QList<bool>{false, true, true, true, true}
            // 1+2, 1+2+3+4, 3+4+5+6, 5+6, then 0: the key stays without a filter function
            << sl({"3", "10", "18", "11", "0"});
    }
    void windowComputations()
    {
        QFETCH(qint64, windowMs);
        QFETCH(qint64, slideMs);
        QFETCH(QList<qint64>, times);
        QFETCH(QStringList, added);
        QFETCH(QStringList, subtracted);
        QFETCH(QStringList, covered);
        QFETCH(QList<bool>, incremental);
        QFETCH(QStringList, values);
        Lab lab(Duration(1000));
        std::vector<Records> input;
        for (int i = 1; i <= 6; ++i) input.push_back(pairs({{"a", i}}));
        const DStreamPtr windowed = ops::reduceByKeyAndWindow(lab.input(input), plus, minus, Duration(windowMs), Duration(slideMs));
        const auto *base = dynamic_cast<const WindowDStreamBase *>(windowed.get());
        QVERIFY(base);
        std::vector<WindowComputation> seen;
        ops::foreachRDD(windowed, [&](const RDDPtr &rdd, SimTime t) {
            lab.outputs.emplace_back(t, lab.h.sc->collect(rdd));
            seen.push_back(base->windowComputations().at(t));
        });
        const int numBatches = static_cast<int>(times.back() / 1000);
        lab.run(numBatches);
        QVERIFY(!lab.h.ssc->hasError());
        auto list = [](const QString &s) {
            Ms out;
            for (const QString &x : s.split(QLatin1Char(','), Qt::SkipEmptyParts)) out.push_back(x.toLongLong());
            return out;
        };
        QCOMPARE(static_cast<qsizetype>(seen.size()), times.size());
        for (qsizetype i = 0; i < times.size(); ++i) {
            const WindowComputation &c = seen[static_cast<std::size_t>(i)];
            const std::string at = "output at " + std::to_string(times[i]) + " ms";
            QCOMPARE(c.time.ms(), std::int64_t(times[i]));
            QCOMPARE(c.windowBegin.ms(), std::int64_t(times[i] - windowMs));
            QVERIFY2(msOf(c.added) == list(added[i]), (at + ": added").c_str());
            QVERIFY2(msOf(c.subtracted) == list(subtracted[i]), (at + ": subtracted").c_str());
            auto join = [](const Ms &v) {
                std::string out;
                for (auto x : v) out += (out.empty() ? "" : ",") + std::to_string(x);
                return out;
            };
            QVERIFY2(msOf(c.covered) == list(covered[i]), (at + ": covered " + join(msOf(c.covered))).c_str());
            QVERIFY2(c.incremental == incremental[i], (at + ": incremental").c_str());
            QCOMPARE(lab.outputs[static_cast<std::size_t>(i)].second, (Records{Value::pair(Value("a"), Value(values[i].toLongLong()))}));
        }
        // Spark's point: each incremental window touches what the slide adds and removes, not
        // everything the window holds.
        for (const WindowComputation &c : seen)
            if (c.incremental) {
                QVERIFY(static_cast<qint64>(c.added.size()) <= slideMs / 1000);
                QVERIFY(static_cast<qint64>(c.subtracted.size()) <= slideMs / 1000);
            }
        lab.h.ssc->stop();
    }

    /// WindowedDStream (no inverse): every output is the union of the window's batches.
    void windowedUnionComputations()
    {
        Lab lab(Duration(1000));
        const DStreamPtr windowed = ops::window(lab.input({ints({1}), ints({2}), ints({3}), ints({4})}), Duration(3000), Duration(2000));
        const auto *base = dynamic_cast<const WindowDStreamBase *>(windowed.get());
        std::vector<WindowComputation> seen;
        ops::foreachRDD(windowed, [&](const RDDPtr &rdd, SimTime t) {
            lab.outputs.emplace_back(t, asSet(lab.h.sc->collect(rdd)));
            seen.push_back(base->windowComputations().at(t));
            // Lineage = a union over the window's RDDs.
            QCOMPARE(QString::fromStdString(rdd->className()), QStringLiteral("UnionRDD"));
            QCOMPARE(rdd->dependencies().size(), seen.back().covered.size());
        });
        lab.run(6);
        QCOMPARE(seen.size(), std::size_t(3));
        QCOMPARE(msOf(seen[0].covered), (Ms{1000, 2000}));
        QCOMPARE(msOf(seen[1].covered), (Ms{2000, 3000, 4000}));
        QCOMPARE(msOf(seen[2].covered), (Ms{4000, 5000, 6000}));
        for (const auto &c : seen) {
            QVERIFY(!c.incremental);
            QVERIFY(c.subtracted.empty());
            QCOMPARE(msOf(c.added), msOf(c.covered));
        }
        QCOMPARE(lab.outputs[1].second, ints({2, 3, 4}));
        lab.h.ssc->stop();
    }

    // ---- §6.2: windows keep sliding after the input stops; slide > window skips batches ----

    void windowsKeepSliding_data()
    {
        QTest::addColumn<bool>("noRddAfterInput"); // TestInputStream: empty RDDs, or none at all
        QTest::newRow("empty batches after the input") << false;
        QTest::newRow("no RDD after the input") << true;
    }
    void windowsKeepSliding()
    {
        QFETCH(bool, noRddAfterInput);
        Lab lab(Duration(1000));
        std::vector<std::optional<Records>> batches = {ints({1}), ints({2}), ints({3})};
        if (noRddAfterInput)
            for (int i = 0; i < 5; ++i) batches.push_back(std::nullopt);
        const DStreamPtr in = lab.h.input(std::move(batches), 2);
        const DStreamPtr windowed = ops::window(in, Duration(3000), Duration(1000));
        lab.collect(windowed);
        std::vector<std::pair<SimTime, Records>> counts, reduced;
        ops::foreachRDD(ops::countByWindow(in, Duration(3000), Duration(1000)),
                        [&](const RDDPtr &rdd, SimTime t) { counts.emplace_back(t, lab.h.sc->collect(rdd)); });
        ops::foreachRDD(ops::reduceByKeyAndWindow(keyedBy(in, 1), plus, minus, Duration(3000), Duration(1000)),
                        [&](const RDDPtr &rdd, SimTime t) { reduced.emplace_back(t, asSet(lab.h.sc->collect(rdd))); });
        lab.run(7);
        QVERIFY(!lab.h.ssc->hasError());
        // An output at every batch, 1 s .. 7 s, though input stopped after 3 s.
        QCOMPARE(lab.outputs.size(), std::size_t(7));
        QCOMPARE(counts.size(), std::size_t(7));
        QCOMPARE(reduced.size(), std::size_t(7));
        const std::vector<Records> want = {ints({1}), ints({1, 2}), ints({1, 2, 3}), ints({2, 3}), ints({3}), {}, {}};
        const std::vector<long long> wantCounts = {1, 2, 3, 2, 1, 0, 0};
        for (std::size_t i = 0; i < 7; ++i) {
            QCOMPARE(lab.outputs[i].first.ms(), std::int64_t(1000 * (i + 1)));
            QCOMPARE(asSet(lab.outputs[i].second), want[i]);
            QCOMPARE(counts[i].second, (Records{Value(wantCounts[i])}));
        }
        // Keys stay, at 0, once their batches left the window (no filter function).
        QCOMPARE(reduced[5].second, (Records{Value::pair(1, 0), Value::pair(2, 0), Value::pair(3, 0)}));
        QCOMPARE(reduced[6].second, reduced[5].second);
        lab.h.ssc->stop();
    }

    void slideGreaterThanWindow()
    {
        Lab lab(Duration(1000));
        std::vector<Records> input;
        for (int i = 1; i <= 9; ++i) input.push_back(ints({i}));
        const DStreamPtr in = lab.input(input);
        const DStreamPtr windowed = ops::window(in, Duration(2000), Duration(3000));
        const auto *base = dynamic_cast<const WindowDStreamBase *>(windowed.get());
        std::vector<WindowComputation> computations; // read at each output (they are kept for the remember duration)
        ops::foreachRDD(windowed, [&](const RDDPtr &rdd, SimTime t) {
            lab.outputs.emplace_back(t, lab.h.sc->collect(rdd));
            computations.push_back(base->windowComputations().at(t));
        });
        std::vector<std::pair<SimTime, Records>> sums;
        ops::foreachRDD(ops::reduceByKeyAndWindow(keyedBy(in, 1), plus, Duration(2000), Duration(3000)),
                        [&](const RDDPtr &rdd, SimTime t) { sums.emplace_back(t, asSet(lab.h.sc->collect(rdd))); });
        lab.run(9);
        QVERIFY(!lab.h.ssc->hasError());
        // Outputs only at zeroTime + k * slide: 3 s, 6 s, 9 s; each covers (t - 2 s, t].
        QCOMPARE(lab.outputs.size(), std::size_t(3));
        const std::vector<std::pair<std::int64_t, Records>> want = {{3000, ints({2, 3})}, {6000, ints({5, 6})}, {9000, ints({8, 9})}};
        std::set<long long> seen;
        for (std::size_t i = 0; i < want.size(); ++i) {
            QCOMPARE(lab.outputs[i].first.ms(), want[i].first);
            QCOMPARE(asSet(lab.outputs[i].second), want[i].second);
            QCOMPARE(computations[i].time.ms(), want[i].first);
            QCOMPARE(msOf(computations[i].covered), (Ms{want[i].first - 1000, want[i].first}));
            for (const Value &v : lab.outputs[i].second) seen.insert(v.asInt());
            QCOMPARE(sums[i].first.ms(), want[i].first);
        }
        // Batches 1, 4 and 7 are never seen by any window.
        for (int skipped : {1, 4, 7}) QVERIFY(!seen.count(skipped));
        QCOMPARE(sums[1].second, asSet(Records{Value::pair(5, 1), Value::pair(6, 1)}));
        lab.h.ssc->stop();
    }
    void fusedWindowStepMatchesCogroup_data()
    {
        QTest::addColumn<int>("windowBatches");
        QTest::addColumn<int>("slideBatches");
        QTest::addColumn<bool>("withFilter");
        QTest::newRow("window-10-slide-1") << 10 << 1 << false;
        QTest::newRow("window-6-slide-2-two-old-and-two-new-slices") << 6 << 2 << false;
        QTest::newRow("window-4-slide-1-filter-drops-zero-counts") << 4 << 1 << true;
    }

    /// ReducedWindowedDStream's fused window step against the materialized CoGroupedRDD +
    /// mapValues it replaces: the same records per window, and the same simulated times (the
    /// simulation's event-trace fingerprint and every batch's processing delay).
    void fusedWindowStepMatchesCogroup()
    {
        QFETCH(int, windowBatches);
        QFETCH(int, slideBatches);
        QFETCH(bool, withFilter);
        struct Run {
            std::vector<std::pair<SimTime, Records>> outputs;
            std::string fingerprint;
            std::vector<std::int64_t> delays;
            std::string lineage;
        };
        auto runOnce = [&](bool fused) {
            ReducedWindowedDStream::setFusedWindowStep(fused);
            Lab lab(Duration(1000));
            std::vector<Records> input;
            std::uint64_t x = 12345;
            for (int b = 0; b < 30; ++b) {
                Records words;
                for (int i = 0; i < 200; ++i) {
                    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
                    words.emplace_back("w" + std::to_string((x >> 33) % (b < 20 ? 50 : 7)));
                }
                input.push_back(std::move(words));
            }
            std::optional<ops::PredicateFn> filter;
            if (withFilter) filter = ops::PredicateFn([](const Value &kv) { return kv.value().asInt() != 0; });
            auto windowed = ops::reduceByKeyAndWindow(keyedBy(lab.input(input), 1), plus, minus,
                                                      Duration(1000 * windowBatches), Duration(1000 * slideBatches),
                                                      3, filter);
            Run r;
            ops::foreachRDD(windowed, [&](const RDDPtr &rdd, SimTime t) {
                r.outputs.emplace_back(t, lab.h.sc->collect(rdd));
                r.lineage = rdd->toDebugString();
            });
            lab.run(34);
            if (lab.h.ssc->hasError()) QTest::qFail("the run failed", __FILE__, __LINE__);
            for (const auto &[t, b] : lab.h.ssc->scheduler().batches())
                if (b.processingDelay()) r.delays.push_back(b.processingDelay()->ms());
            r.fingerprint = lab.h.sim.fingerprintHex();
            lab.h.ssc->stop();
            return r;
        };
        const Run generic = runOnce(false);
        const Run fused = runOnce(true);
        QVERIFY(!generic.outputs.empty());
        QCOMPARE(fused.outputs.size(), generic.outputs.size());
        for (std::size_t i = 0; i < generic.outputs.size(); ++i) {
            QCOMPARE(fused.outputs[i].first, generic.outputs[i].first);
            QVERIFY2(fused.outputs[i].second == generic.outputs[i].second,
                     ("window " + std::to_string(i) + ": fused " + show(fused.outputs[i].second) + ", cogroup " +
                      show(generic.outputs[i].second)).c_str());
        }
        QCOMPARE(fused.delays, generic.delays);
        QCOMPARE(fused.fingerprint, generic.fingerprint);
        QVERIFY(fused.lineage.find("CoGroupedRDD") != std::string::npos);
        QCOMPARE(fused.lineage, generic.lineage);
    }
};

QTEST_APPLESS_MAIN(TestWindowOps)
#include "tst_windowops.moc"
