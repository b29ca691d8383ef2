// Qt Test: runs are reproducible. A run is a function of (program, timed input, seed) only: the
// same three give the same event trace (fingerprint) and output; the seed feeds only the cost
// model's task-time jitter, so another seed moves timings but never records; and the host's pace
// (how fast input is typed, how the clock is driven, wall-clock pauses) is irrelevant because only
// simulated times enter the engine (docs/conventions.md §5-§7).
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"
#endif

#include <QtTest>

#include <chrono>
#include <thread>

using namespace testkit;

namespace {

enum class Program { WordCount, TwoSocketsTwoOutputs };

/// How the host feeds the input log and drives the clock.
enum class Feeding {
    Upfront,       ///< every line in the log before start(), one awaitTerminationOrTimeout
    JustInTime,    ///< each line appended right before its time, clock driven by runUntil
    StepPerEvent,  ///< each line appended right before its time, one Simulation::step at a time
};

struct Line {
    SimTime time;
    std::string text;
};

/// Input for ten 1 s batches. The `wide` input puts 40, 60, 80, ... 1020 lines into consecutive
/// 200 ms blocks, so task times span several milliseconds and the cost model's +-10% jitter shows
/// up in whole-millisecond timings.
std::vector<Line> input(bool wide)
{
    std::vector<Line> lines;
    if (wide) {
        for (int j = 0; j < 50; ++j)
            for (int i = 0; i < 40 + 20 * j; ++i) lines.push_back({kT0 + Duration(250 + 200 * j), "to be or not to be"});
        return lines;
    }
    const char *words[] = {"spark", "stream", "batch", "block", "receiver", "driver", "core", "rdd"};
    for (int i = 0; i < 40; ++i) {
        std::string text;
        for (int w = 0; w < 3; ++w) {
            if (w) text += ' ';
            text += words[(i * 7 + w * 3) % 8];
        }
        // Irregular arrival times, every fifth one exactly on a block edge.
        lines.push_back({kT0 + Duration(150 + i * 237 - (i % 5 == 0 ? (150 + i * 237) % 200 : 0)), text});
    }
    return lines;
}

/// An identity step charged as a Python function (PySpark ships each record to a worker).
DStreamPtr pythonIdentity(const DStreamPtr &s)
{
    return ops::mapPartitionsWithIndex(
        s, "map", "MappedDStream", [](int, Records &&in, TaskContext &) { return std::move(in); }, false, true);
}

struct Outcome {
    std::string fingerprint;
    std::uint64_t traceCount = 0;
    std::string output;
    std::vector<std::string> dataLines; ///< pprint records only (no dashes, Time: or blank lines)
    std::vector<Duration> processing;   ///< per completed batch
};

Outcome run(Program program, std::uint64_t seed, Feeding feeding, int stepMs = 0, int sleepMs = 0, bool wide = false)
{
    const SimTime end = kT0 + 12_s;
    Driver d(program == Program::WordCount ? "local[2]" : "local[3]", kT0, seed);
    StreamingContext ssc(*d.sc, 1_s);
    if (program == Program::WordCount) {
        ops::pprint(wordCount(pythonIdentity(ssc.socketTextStream("localhost", 9999))));
    } else {
        auto a = ssc.socketTextStream("localhost", 9999);
        auto b = ssc.socketTextStream("localhost", 9998);
        auto both = pythonIdentity(ops::unionStreams({a, b}));
        ops::pprint(wordCount(both), 5);
        ops::pprint(ops::count(both));
    }
    d.sim.inputLog().setListenAll(true);
    const auto lines = input(wide);
    if (feeding == Feeding::Upfront) {
        for (const auto &l : lines) d.sim.inputLog().addLine(l.time, l.text);
        ssc.start();
        ssc.awaitTerminationOrTimeout(end - d.sim.now());
    } else {
        ssc.start();
        for (const auto &l : lines) {
            // The host's clock may run up to just before the line's time, never past it.
            const SimTime before = l.time - 1_ms;
            if (feeding == Feeding::StepPerEvent) {
                while (d.sim.nextEventTime() && *d.sim.nextEventTime() <= before) d.sim.step();
            } else {
                while (d.sim.now() + Duration(stepMs) < before) d.sim.runUntil(d.sim.now() + Duration(stepMs));
                d.sim.runUntil(before);
            }
            if (sleepMs) std::this_thread::sleep_for(std::chrono::milliseconds(sleepMs)); // a slow typist
            d.sim.inputLog().addLine(l.time, l.text);
        }
        d.sim.runUntil(end);
    }
    Outcome o;
    o.fingerprint = d.sim.fingerprintHex();
    o.traceCount = d.sim.traceCount();
    o.output = d.rec.allOutput();
    for (const auto &[t, text] : d.rec.outputs) {
        QStringList ls = QString::fromStdString(text).split(QLatin1Char('\n'));
        for (const QString &l : ls)
            if (!l.isEmpty() && !l.startsWith(QLatin1String("Time: ")) && !l.startsWith(QLatin1String("-----")))
                o.dataLines.push_back(l.toStdString());
    }
    for (const BatchInfo &b : d.rec.completed) o.processing.push_back(*b.processingDelay());
    ssc.stop(true, false);
    return o;
}

} // namespace

class TestDeterminism : public QObject {
    Q_OBJECT

private slots:
    void sameInputsSameRun_data();
    void sameInputsSameRun();
    void seedChangesOnlyTiming_data();
    void seedChangesOnlyTiming();
    void hostPaceIsIrrelevant_data();
    void hostPaceIsIrrelevant();
};

void TestDeterminism::sameInputsSameRun_data()
{
    QTest::addColumn<int>("program");
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<bool>("wide");

    QTest::newRow("word-count-seed-42-twice-same-fingerprint-and-output")
        << int(Program::WordCount) << quint64(42) << false;
    QTest::newRow("word-count-seed-7-wide-lines-twice") << int(Program::WordCount) << quint64(7) << true;
    QTest::newRow("two-sockets-two-outputs-twice") << int(Program::TwoSocketsTwoOutputs) << quint64(42) << false;
}

void TestDeterminism::sameInputsSameRun()
{
    QFETCH(int, program);
    QFETCH(quint64, seed);
    QFETCH(bool, wide);
    const Outcome a = run(Program(program), seed, Feeding::Upfront, 0, 0, wide);
    const Outcome b = run(Program(program), seed, Feeding::Upfront, 0, 0, wide);
    QVERIFY(!a.output.empty());
    QVERIFY(a.traceCount > 100);
    QCOMPARE(QString::fromStdString(b.fingerprint), QString::fromStdString(a.fingerprint));
    QCOMPARE(b.traceCount, a.traceCount);
    QCOMPARE(b.output, a.output);
    QCOMPARE(b.processing, a.processing);
}

void TestDeterminism::seedChangesOnlyTiming_data()
{
    QTest::addColumn<int>("program");
    QTest::addColumn<quint64>("seedA");
    QTest::addColumn<quint64>("seedB");

    QTest::newRow("word-count-seeds-1-and-2-same-records-other-timing") << int(Program::WordCount) << quint64(1)
                                                                        << quint64(2);
    QTest::newRow("two-sockets-seeds-42-and-43-same-records-other-timing")
        << int(Program::TwoSocketsTwoOutputs) << quint64(42) << quint64(43);
}

void TestDeterminism::seedChangesOnlyTiming()
{
    QFETCH(int, program);
    QFETCH(quint64, seedA);
    QFETCH(quint64, seedB);
    const Outcome a = run(Program(program), seedA, Feeding::Upfront, 0, 0, true);
    const Outcome b = run(Program(program), seedB, Feeding::Upfront, 0, 0, true);
    QVERIFY(!a.dataLines.empty());
    QCOMPARE(b.dataLines, a.dataLines);
    // Batch times are fixed by the clock, not by task times: the whole printed text is the same.
    QCOMPARE(b.output, a.output);
    QCOMPARE(b.processing.size(), a.processing.size());
    QVERIFY2(b.processing != a.processing, "another seed should move some task times");
    QVERIFY(b.fingerprint != a.fingerprint);
}

void TestDeterminism::hostPaceIsIrrelevant_data()
{
    QTest::addColumn<int>("feeding");
    QTest::addColumn<int>("stepMs");
    QTest::addColumn<int>("sleepMs");

    QTest::newRow("typed-just-in-time-clock-in-1ms-steps") << int(Feeding::JustInTime) << 1 << 0;
    QTest::newRow("typed-just-in-time-clock-in-37ms-steps") << int(Feeding::JustInTime) << 37 << 0;
    QTest::newRow("typed-in-bursts-clock-in-250ms-steps") << int(Feeding::JustInTime) << 250 << 0;
    QTest::newRow("slow-typist-pausing-in-wall-clock-time") << int(Feeding::JustInTime) << 100 << 2;
    QTest::newRow("host-stepping-one-event-at-a-time") << int(Feeding::StepPerEvent) << 0 << 0;
}

void TestDeterminism::hostPaceIsIrrelevant()
{
    QFETCH(int, feeding);
    QFETCH(int, stepMs);
    QFETCH(int, sleepMs);
    const Outcome reference = run(Program::WordCount, 42, Feeding::Upfront);
    const Outcome typed = run(Program::WordCount, 42, Feeding(feeding), stepMs, sleepMs);
    QCOMPARE(QString::fromStdString(typed.fingerprint), QString::fromStdString(reference.fingerprint));
    QCOMPARE(typed.traceCount, reference.traceCount);
    QCOMPARE(typed.output, reference.output);
}

QTEST_APPLESS_MAIN(TestDeterminism)
#include "tst_determinism.moc"
