// Qt Test: CaptureRecorder — what the engine records of each DStream RDD while jobs compute it.
//
// Every row runs a small socket program on local[2] with 1 s batches started at 10:00:00, input
// lines at kT0 + ms (the receiver connects at 0.1 s and cuts a block every 0.2 s, so a line at
// 300 ms is block 0 (cut at 0.4 s) and one at 500 ms is block 1 (cut at 0.6 s) of batch 1).
// Each delivered capture is written as one line
//     <batch it was delivered with>| <stream> @<its batch>: [<count>: <first reprs>] [-] ...
// with `[-]` for a partition no job computed, then, for (key, number) streams,
// `keys{k=v, ...} +<moreKeys> =<valueTotal>`, and `failed: <message>`. The expected lines are
// worked out by hand in each row's comment from Spark's semantics: a BlockRDD has one partition
// per block; map-side combine and reduce keep keys in first-seen order, map outputs merged in
// map order; pprint is take(11), which scans partition 0 first and stops once it has 11
// records (SparkContext::take, RDD.take); an int key k lands in partition k mod n
// (portable_hash(k) = k).
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"

#include "engine/capturerecorder.h"
#include "engine/windowdstreams.h"
#endif

#include <QtTest>

#include <cstdio>
#include <functional>
#include <stdexcept>

using namespace testkit;
using namespace Qt::StringLiterals;

namespace {

/// Streams of a row's program by the name its expected lines use.
using Streams = std::map<std::string, DStreamPtr>;
/// Builds a row's program on the socket stream `lines` (registered as "lines").
using Build = std::function<Streams(StreamingContext &ssc, const DStreamPtr &lines)>;

/// A host that wants captures: keeps every delivery, labelled with the batch it came before.
struct CapturingObserver : SimulationObserver {
    explicit CapturingObserver(CaptureLimits l = {}) : limits(l) {}
    bool wantsRddCapture() const override { return true; }
    CaptureLimits rddCaptureLimits() const override { return limits; }
    void onRddsCaptured(const std::vector<RddCapture> &c) override
    {
        pending = c;
        events.push_back("captured " + std::to_string(c.size()));
    }
    void onBatchCompleted(const BatchInfo &b) override
    {
        for (auto &c : pending) deliveries.emplace_back(b.batchTime, std::move(c));
        pending.clear();
        events.push_back("completed " + std::to_string((b.batchTime - kT0).ms() / 1000));
    }

    CaptureLimits limits;
    std::vector<RddCapture> pending;
    std::vector<std::pair<SimTime, RddCapture>> deliveries; ///< (delivered with batch, capture)
    std::vector<std::string> events;
};

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::string seconds(SimTime t)
{
    return std::to_string((t - kT0).ms() / 1000);
}

/// One capture as the header comment describes.
std::string summary(const RddCapture &c)
{
    std::string s;
    for (const auto &p : c.partitions) {
        if (!p.computed) {
            s += " [-]";
            continue;
        }
        s += " [" + std::to_string(p.count);
        for (std::size_t i = 0; i < p.records.size(); ++i) s += (i ? ", " : ": ") + p.records[i];
        s += "]";
    }
    if (c.numericPairs) {
        s += " keys{";
        for (std::size_t i = 0; i < c.keyValues.size(); ++i)
            s += (i ? ", " : "") + c.keyValues[i].key + "=" + number(c.keyValues[i].value);
        s += "}";
        if (c.moreKeys) s += " +" + std::to_string(c.moreKeys);
        s += " =" + number(c.valueTotal);
    }
    if (!c.failure.empty()) s += " failed: " + c.failure;
    return s;
}

QStringList describe(const CapturingObserver &obs, const Streams &streams)
{
    QStringList out;
    for (const auto &[at, c] : obs.deliveries) {
        std::string name = "#" + std::to_string(c.streamId);
        for (const auto &[n, s] : streams)
            if (s->id() == c.streamId) name = n;
        out << QString::fromStdString(seconds(at) + "| " + name + " @" + seconds(c.batchTime) + ":" + summary(c));
    }
    return out;
}

/// Input lines "MS\tTEXT".
struct Run {
    Driver d{"local[2]", kT0};
    CapturingObserver obs;
    std::unique_ptr<StreamingContext> ssc;
    Streams streams;
    std::string error;

    Run(CaptureLimits limits, const Build &build, const QStringList &input) : obs(limits)
    {
        d.sim.addObserver(&obs);
        ssc = std::make_unique<StreamingContext>(*d.sc, 1_s);
        auto lines = ssc->socketTextStream("localhost", 9999);
        streams = build(*ssc, lines);
        streams["lines"] = lines;
        d.sim.inputLog().listen(9999);
        for (const QString &l : input) {
            const auto tab = l.indexOf(u'\t');
            d.sim.inputLog().addLine(kT0 + Duration(l.left(tab).toLongLong()), l.mid(tab + 1).toStdString());
        }
    }
    void runFor(Duration d)
    {
        ssc->start();
        try {
            ssc->awaitTerminationOrTimeout(d);
        } catch (const std::exception &e) {
            error = e.what();
        }
    }
};

Value toInt(const Value &w)
{
    return Value(std::stoll(std::string(w.asStr())));
}

Value add(const Value &a, const Value &b)
{
    return Value(a.asInt() + b.asInt());
}

} // namespace

Q_DECLARE_METATYPE(Build)
Q_DECLARE_METATYPE(dsl::CaptureLimits)

class TestCapture : public QObject {
    Q_OBJECT

private slots:
    void captures_data();
    void captures();
    void recomputedRddIsCapturedOnce();
    void recorderExistsOnlyWhileAnObserverWantsIt_data();
    void recorderExistsOnlyWhileAnObserverWantsIt();
    void deliveryComesRightBeforeBatchCompleted();
    void capturingDoesNotChangeTheRun();
    void memoryStaysFlatOverALongRun();
};

void TestCapture::captures_data()
{
    QTest::addColumn<CaptureLimits>("limits");
    QTest::addColumn<Build>("build");
    QTest::addColumn<QStringList>("input");
    QTest::addColumn<int>("seconds");
    QTest::addColumn<QStringList>("expected");

    // lines.flatMap(split).map((w, 1)).reduceByKey(+, 1).pprint(). Two blocks: lines has two
    // partitions, and so have words and pairs (narrow). Map-side combine of partition 0 gives
    // (a, 2), (b, 1), of partition 1 (b, 1), (c, 1); the one reduce partition merges them in
    // map order: (a, 2), (b, 2), (c, 1). pprint's take(11) reads that single partition.
    const Build wordCount = [](StreamingContext &, const DStreamPtr &lines) {
        auto words = ops::flatMap(lines, splitWords);
        auto pairs = ops::map(words, [](const Value &w) { return Value::pair(w, Value(1)); });
        auto counts = ops::reduceByKey(pairs, add, 1);
        ops::pprint(counts);
        return Streams{{"words", words}, {"pairs", pairs}, {"counts", counts}};
    };
    QTest::newRow("word-count-every-stream-counts-per-partition")
        << CaptureLimits{} << wordCount << QStringList{u"300\ta b a"_s, u"500\tb c"_s} << 1
        << QStringList{
               u"1| lines @1: [1: 'a b a'] [1: 'b c']"_s,
               u"1| words @1: [3: 'a', 'b', 'a'] [2: 'b', 'c']"_s,
               u"1| pairs @1: [3: ('a', 1), ('b', 1), ('a', 1)] [2: ('b', 1), ('c', 1)] keys{a=2, b=2, c=1} =5"_s,
               u"1| counts @1: [3: ('a', 2), ('b', 2), ('c', 1)] keys{a=2, b=2, c=1} =5"_s,
           };

    // Int keys into reduceByKey(+, 2): the 11 even keys land in partition 0, 1 and 3 in
    // partition 1. take(11) runs partition 0 first, gets 11 records and stops: partition 1 of
    // counts is never computed, while the map stage computed every map partition. Three
    // records kept per partition.
    const Build intCount = [](StreamingContext &, const DStreamPtr &lines) {
        auto words = ops::flatMap(lines, splitWords);
        auto pairs = ops::map(words, [](const Value &w) { return Value::pair(toInt(w), Value(1)); });
        auto counts = ops::reduceByKey(pairs, add, 2);
        ops::pprint(counts);
        return Streams{{"words", words}, {"pairs", pairs}, {"counts", counts}};
    };
    QTest::newRow("pprint-computes-only-the-partitions-take-11-needs")
        << CaptureLimits{3, 5000} << intCount << QStringList{u"300\t0 2 4 6 8 10 12 14 16 18 20 1 3"_s} << 1
        << QStringList{
               u"1| lines @1: [1: '0 2 4 6 8 10 12 14 16 18 20 1 3']"_s,
               u"1| words @1: [13: '0', '2', '4']"_s,
               u"1| pairs @1: [13: (0, 1), (2, 1), (4, 1)] keys{0=1, 2=1, 4=1, 6=1, 8=1, 10=1, 12=1, 14=1, 16=1, 18=1, "
               u"20=1, 1=1, 3=1} =13"_s,
               u"1| counts @1: [11: (0, 1), (2, 1), (4, 1)] [-] keys{0=1, 2=1, 4=1, 6=1, 8=1, 10=1, 12=1, 14=1, 16=1, "
               u"18=1, 20=1} =11"_s,
           };

    // Two keys and two records kept: x and y are the first keys seen, z and w are counted in
    // moreKeys, and valueTotal sums every value.
    QTest::newRow("keys-beyond-the-limit-count-in-moreKeys-and-valueTotal")
        << CaptureLimits{2, 2} << wordCount << QStringList{u"300\tx y x z w"_s} << 1
        << QStringList{
               u"1| lines @1: [1: 'x y x z w']"_s,
               u"1| words @1: [5: 'x', 'y']"_s,
               u"1| pairs @1: [5: ('x', 1), ('y', 1)] keys{x=2, y=1} +2 =5"_s,
               u"1| counts @1: [4: ('x', 2), ('y', 1)] keys{x=2, y=1} +2 =5"_s,
           };

    // (word, word) pairs and a mix of pairs and plain records are not (key, number) streams.
    QTest::newRow("pairs-with-str-values-or-mixed-records-are-not-numeric-pairs")
        << CaptureLimits{} << Build([](StreamingContext &, const DStreamPtr &lines) {
               auto words = ops::flatMap(lines, splitWords);
               auto strPairs = ops::map(words, [](const Value &w) { return Value::pair(w, w); });
               auto mixed = ops::map(words, [](const Value &w) { return w.asStr() == "b" ? w : Value::pair(w, Value(1)); });
               ops::pprint(strPairs);
               ops::pprint(mixed);
               return Streams{{"words", words}, {"strPairs", strPairs}, {"mixed", mixed}};
           })
        << QStringList{u"300\ta b"_s} << 1
        << QStringList{
               u"1| lines @1: [1: 'a b']"_s,
               u"1| words @1: [2: 'a', 'b']"_s,
               u"1| strPairs @1: [2: ('a', 'a'), ('b', 'b')]"_s,
               u"1| mixed @1: [2: ('a', 1), 'b']"_s,
           };

    // words.pprint() and window(words, 2 s, 2 s).count(). Batch 1 has no window job (the
    // window slides every 2 s); pprint's take(11) finds 12 words in block 0 and leaves block 1
    // uncomputed. At batch 2 the window's job reads words@1: partition 0 from the cache (the
    // window persists its parent; not recorded again), partition 1 computed now: the capture
    // of batch 1's RDD changes and comes with batch 2, under its own batch time.
    QTest::newRow("window-job-computes-earlier-batch-partitions-a-take-left")
        << CaptureLimits{3, 5000} << Build([](StreamingContext &, const DStreamPtr &lines) {
               auto words = ops::flatMap(lines, splitWords);
               ops::pprint(words);
               auto win = ops::window(words, 2_s, 2_s);
               ops::foreachRDD(win, [](const RDDPtr &r, SimTime) { r->context().count(r); });
               return Streams{{"words", words}, {"win", win}};
           })
        << QStringList{u"300\ta b c d e f g h i j k l"_s, u"500\tm n"_s, u"1300\to"_s} << 2
        << QStringList{
               u"1| lines @1: [1: 'a b c d e f g h i j k l'] [-]"_s,
               u"1| words @1: [12: 'a', 'b', 'c'] [-]"_s,
               u"2| lines @1: [1: 'a b c d e f g h i j k l'] [1: 'm n']"_s,
               u"2| words @1: [12: 'a', 'b', 'c'] [2: 'm', 'n']"_s,
               u"2| lines @2: [1: 'o']"_s,
               u"2| words @2: [1: 'o']"_s,
               u"2| win @2: [12: 'a', 'b', 'c'] [2: 'm', 'n'] [1: 'o']"_s,
           };

    // The map function raises on "boom": the task computing pairs fails (words was computed
    // before it), the map stage aborts, the reduce side is never computed.
    QTest::newRow("failing-task-marks-the-rdd-it-was-computing")
        << CaptureLimits{} << Build([](StreamingContext &, const DStreamPtr &lines) {
               auto words = ops::flatMap(lines, splitWords);
               auto pairs = ops::map(words, [](const Value &w) {
                   if (w.asStr() == "boom") throw std::runtime_error("boom!");
                   return Value::pair(w, Value(1));
               });
               auto counts = ops::reduceByKey(pairs, add, 1);
               ops::pprint(counts);
               return Streams{{"words", words}, {"pairs", pairs}, {"counts", counts}};
           })
        << QStringList{u"300\tok boom"_s} << 1
        << QStringList{
               u"1| lines @1: [1: 'ok boom']"_s,
               u"1| words @1: [2: 'ok', 'boom']"_s,
               u"1| pairs @1: [-] failed: boom!"_s,
               u"1| counts @1: [-]"_s,
           };

    // foreachRDD that runs no action: each RDD is generated and delivered, nothing computed.
    QTest::newRow("output-that-runs-no-job-leaves-every-partition-uncomputed")
        << CaptureLimits{} << Build([](StreamingContext &, const DStreamPtr &lines) {
               auto words = ops::flatMap(lines, splitWords);
               ops::foreachRDD(words, [](const RDDPtr &, SimTime) {});
               return Streams{{"words", words}};
           })
        << QStringList{u"300\ta b"_s, u"500\tc"_s} << 1
        << QStringList{
               u"1| lines @1: [-] [-]"_s,
               u"1| words @1: [-] [-]"_s,
           };
}

void TestCapture::captures()
{
    QFETCH(CaptureLimits, limits);
    QFETCH(Build, build);
    QFETCH(QStringList, input);
    QFETCH(int, seconds);
    QFETCH(QStringList, expected);
    Run run(limits, build, input);
    run.runFor(Duration(seconds * 1000 + 500));
    const QStringList actual = describe(run.obs, run.streams);
    if (actual != expected) qWarning().noquote() << u"actual:\n"_s + actual.join(u'\n');
    QCOMPARE(actual, expected);
}

void TestCapture::recomputedRddIsCapturedOnce()
{
    // pairs.pprint() and pairs.foreachRDD(count): pairs is not cached, so both jobs compute
    // it (pprint's take reads partition 0, then partition 1: 3 records < 11); the function runs
    // twice per record, the capture keeps the first computation and counts each record once.
    auto calls = std::make_shared<int>(0);
    Run run({}, [calls](StreamingContext &, const DStreamPtr &lines) {
        auto words = ops::flatMap(lines, splitWords);
        auto pairs = ops::map(words, [calls](const Value &w) {
            ++*calls;
            return Value::pair(w, Value(1));
        });
        ops::pprint(pairs);
        ops::foreachRDD(pairs, [](const RDDPtr &r, SimTime) { r->context().count(r); });
        return Streams{{"words", words}, {"pairs", pairs}};
    }, {u"300\ta b a"_s, u"500\tb c"_s});
    run.runFor(1500_ms);
    QCOMPARE(*calls, 10);
    QCOMPARE(describe(run.obs, run.streams),
             (QStringList{
                 u"1| lines @1: [1: 'a b a'] [1: 'b c']"_s,
                 u"1| words @1: [3: 'a', 'b', 'a'] [2: 'b', 'c']"_s,
                 u"1| pairs @1: [3: ('a', 1), ('b', 1), ('a', 1)] [2: ('b', 1), ('c', 1)] keys{a=2, b=2, c=1} =5"_s,
             }));
}

namespace {
struct NotCapturing : SimulationObserver {
    bool wantsRddCapture() const override { return false; }
};
} // namespace

void TestCapture::recorderExistsOnlyWhileAnObserverWantsIt_data()
{
    QTest::addColumn<int>("observer"); // 0 none, 1 one that does not want captures, 2 capturing
    QTest::addColumn<bool>("expected");
    QTest::newRow("no-observer-asks-no-recorder") << 0 << false;
    QTest::newRow("observer-that-does-not-want-captures-no-recorder") << 1 << false;
    QTest::newRow("capturing-observer-has-a-recorder") << 2 << true;
}

void TestCapture::recorderExistsOnlyWhileAnObserverWantsIt()
{
    QFETCH(int, observer);
    QFETCH(bool, expected);
    NotCapturing quiet;
    CapturingObserver capturing;
    Simulation sim(SimulationConfig{kT0, 42, 4});
    if (observer == 1) sim.addObserver(&quiet);
    if (observer == 2) sim.addObserver(&capturing);
    SparkContext sc(sim, SparkConf().setMaster("local[2]").setAppName("capture"));
    QCOMPARE(sc.captureRecorder() != nullptr, expected);

    // Observers added or removed later count from the next batch's job generation on.
    StreamingContext ssc(sc, 1_s);
    ops::foreachRDD(ops::flatMap(ssc.socketTextStream("localhost", 9999), splitWords),
                    [](const RDDPtr &r, SimTime) { r->context().count(r); });
    sim.removeObserver(&capturing);
    sim.addObserver(observer == 2 ? static_cast<SimulationObserver *>(&quiet) : &capturing);
    ssc.start();
    ssc.awaitTerminationOrTimeout(1500_ms);
    QCOMPARE(sc.captureRecorder() != nullptr, !expected);
    QCOMPARE(capturing.events.empty(), expected);
    ssc.stop(false, false);
}

void TestCapture::deliveryComesRightBeforeBatchCompleted()
{
    Run run({}, [](StreamingContext &, const DStreamPtr &lines) {
        ops::pprint(ops::flatMap(lines, splitWords));
        return Streams{};
    }, {u"300\ta"_s, u"1300\tb"_s});
    run.runFor(3500_ms);
    // Batch 3 has no input: its (empty) RDDs are still generated and delivered.
    QCOMPARE(run.obs.events, (std::vector<std::string>{"captured 2", "completed 1", "captured 2", "completed 2",
                                                         "captured 2", "completed 3"}));
}

namespace {
/// Everything of a run that must not depend on a capturing observer: output, BatchInfos,
/// task timings and the fingerprint.
std::string runTrace(bool capture)
{
    Driver d("local[2]", kT0);
    CapturingObserver obs;
    if (capture) d.sim.addObserver(&obs);
    StreamingContext ssc(*d.sc, 1_s);
    auto lines = ssc.socketTextStream("localhost", 9999);
    auto counts = wordCount(lines);
    ops::pprint(counts);
    ops::pprint(ops::window(counts, 2_s, 1_s), 3);
    d.sim.inputLog().listen(9999);
    for (int i = 0; i < 40; ++i)
        d.sim.inputLog().addLine(kT0 + Duration(150 + 97 * i), "w" + std::to_string(i % 7) + " w" + std::to_string(i % 3));
    ssc.start();
    ssc.awaitTerminationOrTimeout(5500_ms);
    std::string s = d.rec.allOutput();
    for (const auto &b : d.rec.completed)
        s += b.batchTime.toString() + " " + b.submissionTime.toString() + " " + b.processingStartTime->toString() +
             " " + b.processingEndTime->toString() + " " + std::to_string(b.numRecords()) + "\n";
    for (const auto &t : d.rec.tasks)
        s += std::to_string(t.taskId) + ":" + std::to_string(t.recordsRead) + " ";
    if (capture && obs.deliveries.empty()) s += "(no captures)";
    return s + "\n" + d.sim.fingerprintHex();
}
} // namespace

void TestCapture::capturingDoesNotChangeTheRun()
{
    QCOMPARE(QString::fromStdString(runTrace(true)), QString::fromStdString(runTrace(false)));
}

void TestCapture::memoryStaysFlatOverALongRun()
{
    // The recorder tracks exactly the RDDs the streams still remember (clearMetadata forgets
    // them), so over 100 batches its size stays where it was after the window filled up.
    Driver d("local[2]", kT0);
    CapturingObserver obs;
    d.sim.addObserver(&obs);
    StreamingContext ssc(*d.sc, 1_s);
    auto counts = wordCount(ssc.socketTextStream("localhost", 9999));
    ops::pprint(ops::window(counts, 3_s, 1_s));
    d.sim.inputLog().listen(9999);
    for (int i = 0; i < 200; ++i) d.sim.inputLog().addLine(kT0 + Duration(300 + 500 * i), "x y z");
    ssc.start();
    std::size_t most = 0, atBatch10 = 0;
    for (int b = 1; b <= 100; ++b) {
        ssc.awaitTerminationOrTimeout(1_s);
        std::size_t remembered = 0;
        for (const auto &s : ssc.graph().allStreams()) remembered += s->generatedRDDs().size();
        const std::size_t tracked = d.sc->captureRecorder()->trackedRdds();
        QCOMPARE(tracked, remembered);
        most = std::max(most, tracked);
        if (b == 10) atBatch10 = most;
    }
    QCOMPARE(most, atBatch10);
    // Batch 100 is generated at 100 s and completes a few ms later, after the last wait.
    QCOMPARE(int(obs.events.size()), 2 * 99);
}

QTEST_APPLESS_MAIN(TestCapture)
#include "tst_capture.moc"
