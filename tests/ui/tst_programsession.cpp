// ProgramSession: a real PySpark program paced by the dashboard's commands; step back replays.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "engine/inputscript.h"
#include "app/session/programsession.h"
#include "app/session/sessioninputlog.h"
#include "app/session/runsnapshot.h"
#endif

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace dsl;
using namespace dsl::session;

namespace {
QString programSource()
{
    QFile f(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/resources/programs/network_wordcount.py"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll());
}

SimTime start()
{
    return SimTime(1'795'514'400'000); // 2026-11-24 10:00:00 UTC
}

std::string countsText(const RunSnapshot &s)
{
    std::string out;
    for (const auto &[t, b] : s.batches) {
        out += std::to_string(t.ms()) + ":";
        for (const auto &kc : b->keyCounts) out += " " + kc.key + "=" + std::to_string(static_cast<long long>(kc.count));
        out += "\n";
    }
    return out;
}
} // namespace

class TestProgramSession : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void runUntilBatchPausesThere();
    void stepBackThenForwardGivesIdenticalCounts();
    void typedLineReachesInputLogAndCounts();
    void savedLogIsAnInputScriptAndLoadsToIdenticalCounts();
    void userFunctionsRunOnceAsInTheCli();
    void typingAtARewoundCursorReplaysToIt();
    void autoTypedRunStepsBackToIdenticalCounts();
    void realtimeRunFollowsWallClockTimesSpeed();
    void localOneStarvesButStepBatchStillMovesOn();
    void localOneRunUntilBatchStopsOnceBatchNIsGenerated();
    void aFailingProgramReportsItsLine();
    void longRunKeepsRecordsOfRecentAndSelectedBatchesOnly();
    void programStuckInItsOwnLoopEndsOnResetKeepingTheInputLog();
    void cleanupTestCase();

private:
    /// Waits until a snapshot in a resting phase with at least `batches` completed arrives.
    RunSnapshotPtr waitPaused(int batches);
    std::uint64_t m_lastSerial = 0;
    std::unique_ptr<session::ProgramSession> m_session;
};

void TestProgramSession::initTestCase()
{
    session::ProgramSession::Config cfg;
    cfg.startTime = start();
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    cfg.retention.retained = 300; // longRunKeepsRecordsOfRecentAndSelectedBatchesOnly
    m_session = std::make_unique<session::ProgramSession>(cfg);
    const QString src = programSource();
    QVERIFY(!src.isEmpty());
    m_session->loadProgram(QStringLiteral("network_wordcount.py"), src);
    QVERIFY(m_session->addInput({{Duration(500), "hello spark hello"},
                                 {Duration(1200), "hello world"},
                                 {Duration(2000), "spark streaming 你好 spark"}}));
}

RunSnapshotPtr TestProgramSession::waitPaused(int batches)
{
    // Only snapshots newer than the last one a test looked at: commands are asynchronous.
    RunSnapshotPtr s;
    const bool ok = QTest::qWaitFor(
        [&] {
            s = m_session->latestSnapshot();
            return s && s->serial > m_lastSerial && s->phase == RunPhase::Paused && s->completedBatches >= batches;
        },
        30000);
    if (!ok) return nullptr;
    m_lastSerial = s->serial;
    return s;
}

void TestProgramSession::runUntilBatchPausesThere()
{
    m_session->runUntilBatch(3);
    auto s = waitPaused(3);
    QVERIFY(s);
    QCOMPARE(s->completedBatches, 3);
    QCOMPARE(s->streamingState, StreamingState::ACTIVE);
    QVERIFY(s->console->find("('hello', 2)") != std::string::npos);
    // One box per DStream for the first batch: lines, words, pairs, wordCounts.
    const BatchSnapshot *b = s->batch(start() + Duration(1000));
    QVERIFY(b);
    QVERIFY(b->evaluated);
    QCOMPARE(b->rdds.size(), std::size_t(4));
    std::vector<std::int64_t> counts;
    for (const auto &[id, box] : b->rdds) counts.push_back(box.count);
    QCOMPARE(counts, (std::vector<std::int64_t>{1, 3, 3, 2}));
    QCOMPARE(b->keyCounts.size(), std::size_t(2));
    QCOMPARE(b->keyCounts[0].key, std::string("hello"));
    QCOMPARE(b->keyCounts[0].count, 2.0);
}

void TestProgramSession::stepBackThenForwardGivesIdenticalCounts()
{
    // Step back browses the history: the run is not replayed (its fingerprint, the trace of
    // everything the engine did, stays), the picture is the run as it was after batch 2.
    auto before = m_session->latestSnapshot();
    QVERIFY(before && before->completedBatches == 3);
    QVERIFY(!before->cursor);
    m_session->stepBack();
    auto back = waitPaused(2);
    QVERIFY(back);
    QCOMPARE(back->completedBatches, 2);
    QVERIFY(back->cursor);
    QCOMPARE(*back->cursor, start() + Duration(2000));
    QCOMPARE(back->headCompletedBatches, 3);
    QCOMPARE(back->fingerprint, before->fingerprint);
    QCOMPARE(back->batches.rbegin()->first, start() + Duration(2000));
    QVERIFY(back->console->size() < before->console->size()); // batch 3's pprint not printed yet
    QVERIFY(before->console->rfind(*back->console, 0) == 0);
    m_session->stepBack();
    auto first = waitPaused(1);
    QVERIFY(first && first->completedBatches == 1);
    // Forward through the history, then Home back to the head.
    m_session->stepBatch();
    auto again = waitPaused(2);
    QVERIFY(again && again->completedBatches == 2);
    QCOMPARE(countsText(*again), countsText(*back));
    QCOMPARE(*again->console, *back->console);
    m_session->followLatest();
    auto head = waitPaused(3);
    QVERIFY(head);
    QVERIFY(!head->cursor);
    QCOMPARE(countsText(*head), countsText(*before));
    QCOMPARE(*head->console, *before->console);
    QCOMPARE(head->now, before->now);
    QCOMPARE(head->fingerprint, before->fingerprint);
}

void TestProgramSession::typedLineReachesInputLogAndCounts()
{
    const auto n = m_session->inputLog().size();
    m_session->sendLine(QStringLiteral("你好 world 你好"));
    QVERIFY(QTest::qWaitFor([&] { return m_session->inputLog().size() == n + 1; }, 10000));
    QCOMPARE(m_session->inputLog().back().text, std::string("你好 world 你好"));
    m_session->stepBatch();
    auto s = waitPaused(4);
    QVERIFY(s);
    const BatchSnapshot *b = s->latestCompletedBatch();
    QVERIFY(b);
    QVERIFY(!b->keyCounts.empty());
    QCOMPARE(b->keyCounts[0].key, std::string("你好"));
    QCOMPARE(b->keyCounts[0].count, 2.0);
}

// issue 9: the dashboard never calls user code again. A map that appends to a file writes the
// same lines in the dashboard's run (stepped back and forth, boxes selected) as in `dstreamlab run`.
void TestProgramSession::userFunctionsRunOnceAsInTheCli()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString guiFile = dir.filePath(QStringLiteral("gui.txt")), cliFile = dir.filePath(QStringLiteral("cli.txt"));
    const QString program = QStringLiteral(
        "import sys\n"
        "from pyspark import SparkContext\n"
        "from pyspark.streaming import StreamingContext\n"
        "PATH = sys.argv[1] if len(sys.argv) > 1 else %1\n"
        "def note(w):\n"
        "    with open(PATH, 'a', encoding='utf-8') as f:\n"
        "        f.write(w + '\\n')\n"
        "    return (w, 1)\n"
        "sc = SparkContext('local[2]', 'Append')\n"
        "ssc = StreamingContext(sc, 1)\n"
        "lines = ssc.socketTextStream('localhost', 9999)\n"
        "lines.flatMap(lambda l: l.split(' ')).map(note).reduceByKey(lambda a, b: a + b).pprint()\n"
        "ssc.start()\n"
        "ssc.awaitTermination()\n");
    const QString pathLiteral = QLatin1Char('\'') + guiFile + QLatin1Char('\'');
    m_session->loadProgram(QStringLiteral("append.py"), program.arg(pathLiteral));
    QVERIFY(QTest::qWaitFor([&] { auto s = m_session->latestSnapshot(); return s && s->phase == RunPhase::NotStarted; }, 10000));
    const auto log = m_session->inputLog();
    QVERIFY(!log.empty());
    const qint64 last = (log.back().time - start()).ms();
    const int batches = static_cast<int>(last / 1000) + 2;
    m_session->runUntilBatch(batches);
    auto s = waitPaused(batches);
    QVERIFY(s);
    // Browse and select: nothing may run the program's functions again.
    m_session->stepBack();
    QVERIFY(waitPaused(batches - 1));
    m_session->setPinnedBatch((start() + Duration(1000)).ms());
    m_session->stepBatch();
    QVERIFY(waitPaused(batches));
    m_session->setPinnedBatch(std::nullopt);
    QFile gui(guiFile);
    QVERIFY(gui.open(QIODevice::ReadOnly));
    const QByteArray guiLines = gui.readAll();

    // The same program and input through the CLI.
    QFile script(dir.filePath(QStringLiteral("input.txt")));
    QVERIFY(script.open(QIODevice::WriteOnly));
    for (const auto &r : log)
        script.write(QByteArray::number(static_cast<double>((r.time - start()).ms()) / 1000.0, 'f', 3) + '\t' +
                     QByteArray::fromStdString(r.text) + '\n');
    script.close();
    QFile prog(dir.filePath(QStringLiteral("append.py")));
    QVERIFY(prog.open(QIODevice::WriteOnly));
    prog.write(program.arg(QStringLiteral("None")).toUtf8());
    prog.close();
    QProcess cli;
    cli.start(QStringLiteral(DSTREAMLAB_BIN),
              {QStringLiteral("run"), prog.fileName(), QStringLiteral("--input"), script.fileName(), QStringLiteral("--start-time"),
               QStringLiteral("2026-11-24 10:00:00"), cliFile});
    QVERIFY(cli.waitForFinished(60000));
    QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
    QFile cliOut(cliFile);
    QVERIFY(cliOut.open(QIODevice::ReadOnly));
    const QByteArray cliLines = cliOut.readAll();
    // Every word of the input once: hand count of the lines typed so far.
    int words = 0;
    for (const auto &r : log) words += static_cast<int>(QByteArray::fromStdString(r.text).split(' ').size());
    QCOMPARE(static_cast<int>(cliLines.count('\n')), words);
    QCOMPARE(guiLines, cliLines);
    m_session->loadProgram(QStringLiteral("network_wordcount.py"), programSource());
    QVERIFY(QTest::qWaitFor([&] { auto s = m_session->latestSnapshot(); return s && s->phase == RunPhase::NotStarted; }, 10000));
    m_lastSerial = 0;
}

// issue 9: a line typed while browsing changes the past: it arrives at the browsed batch and
// the run replays to there, in the background, then rests there with the new line pending.
void TestProgramSession::typingAtARewoundCursorReplaysToIt()
{
    m_session->runUntilBatch(3);
    auto head = waitPaused(3);
    QVERIFY(head);
    m_session->stepBack();
    auto back = waitPaused(2);
    QVERIFY(back && back->cursor);
    QSignalSpy progress(m_session.get(), &RunDriver::replayProgress);
    m_session->sendLine(QStringLiteral("rewound rewound"));
    RunSnapshotPtr s;
    QVERIFY(QTest::qWaitFor(
        [&] {
            s = m_session->latestSnapshot();
            return s && s->serial > back->serial && s->phase == RunPhase::Paused && !s->cursor;
        },
        30000));
    QCOMPARE(s->completedBatches, 2);
    QVERIFY(progress.count() >= 1);
    QCOMPARE(progress.last().at(1).toInt(), 2);
    m_session->stepBatch();
    auto next = waitPaused(3);
    QVERIFY(next);
    const BatchSnapshot *b = next->batch(start() + Duration(3000));
    QVERIFY(b);
    bool found = false;
    for (const auto &kc : b->keyCounts) found = found || (kc.key == "rewound" && kc.count == 2.0);
    QVERIFY2(found, countsText(*next).c_str());
}

void TestProgramSession::savedLogIsAnInputScriptAndLoadsToIdenticalCounts()
{
    auto before = m_session->latestSnapshot();
    QVERIFY(before && before->completedBatches == 4);
    const auto log = m_session->inputLog();
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("saved.input"));
    QString error;
    QVERIFY2(m_session->saveInputLog(path, &error), qPrintable(error));
    // The file is what `dstreamlab run --input` reads: same times (from the start) and texts.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    std::vector<ScriptLine> lines;
    std::string err;
    QVERIFY2(parseInputScript(f.readAll().toStdString(), lines, err), err.c_str());
    QCOMPARE(lines.size(), log.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        QCOMPARE(lines[i].text, log[i].text);
        QCOMPARE((start() + lines[i].offset).ms(), log[i].time.ms());
    }
    QVERIFY(!m_session->loadInputLog(dir.filePath(QStringLiteral("missing.input")), &error));
    QVERIFY(error.contains(QStringLiteral("missing.input")));
    // Loading restarts from the log; running to the same batch gives the same counts.
    QVERIFY2(m_session->loadInputLog(path, &error), qPrintable(error));
    QVERIFY(QTest::qWaitFor([&] { auto s = m_session->latestSnapshot(); return s && s->phase == RunPhase::NotStarted; }, 10000));
    QCOMPARE(m_session->inputLog().size(), log.size());
    m_session->runUntilBatch(4);
    auto again = waitPaused(4);
    QVERIFY(again);
    QCOMPARE(countsText(*again), countsText(*before));
    QCOMPARE(*again->console, *before->console);
}

void TestProgramSession::autoTypedRunStepsBackToIdenticalCounts()
{
    AutoTyperSpec spec;
    spec.sample = AutoTyperSpec::Sample::Zipf;
    spec.linesPerSecond = 200;
    m_session->startAutoTyper(spec);
    m_session->runUntilBatch(7);
    auto before = waitPaused(7);
    QVERIFY(before);
    const std::size_t n = m_session->inputLogSize();
    QVERIFY2(n > 400, qPrintable(QString::number(n))); // about 3 s at 200 lines/s
    m_session->stepBack();
    auto back = waitPaused(6);
    QVERIFY(back && back->cursor);
    QCOMPARE(back->fingerprint, before->fingerprint); // browsing ran nothing
    m_session->stepBatch();
    auto again = waitPaused(7);
    QVERIFY(again);
    if (again->cursor) { // the head had moved on after batch 7: Home returns to it
        m_session->followLatest();
        again = waitPaused(7);
    }
    QVERIFY(again);
    QCOMPARE(countsText(*again), countsText(*before));
    QCOMPARE(again->fingerprint, before->fingerprint);
    m_session->stopAutoTyper();
}

void TestProgramSession::realtimeRunFollowsWallClockTimesSpeed()
{
    auto before = m_session->latestSnapshot();
    QSignalSpy clock(m_session.get(), &RunDriver::clockAdvanced);
    QElapsedTimer wall;
    wall.start();
    m_session->run(8.0);
    QTest::qWait(600);
    m_session->pause();
    const qint64 elapsed = wall.elapsed();
    auto s = waitPaused(before->completedBatches);
    QVERIFY(s);
    const qint64 advanced = (s->clock - before->clock).ms();
    // 8x: about 4.8 s of simulated time in 0.6 s; generous bounds for a loaded machine.
    QVERIFY2(advanced > 2000 && advanced <= elapsed * 8 + 1000, qPrintable(QString::number(advanced)));
    QVERIFY(s->completedBatches > before->completedBatches);
    QVERIFY(clock.count() > 5); // the clock moves smoothly between events
}

void TestProgramSession::localOneStarvesButStepBatchStillMovesOn()
{
    RunOptions o;
    o.master = QStringLiteral("local[1]");
    m_session->setOptions(o); // restarts from the input log
    auto fresh = QTest::qWaitFor([&] { auto s = m_session->latestSnapshot(); return s && s->phase == RunPhase::NotStarted; }, 10000);
    QVERIFY(fresh);
    m_session->stepBatch();
    auto s = waitPaused(0);
    QVERIFY(s);
    QCOMPARE(s->master, std::string("local[1]"));
    QCOMPARE(s->completedBatches, 0);
    // The receiver holds the only core: batches are generated, never processed.
    const BatchSnapshot *b = s->batch(start() + Duration(1000));
    QVERIFY(b);
    QVERIFY(!b->info.isCompleted());
    QCOMPARE(b->rdds.begin()->second.count, 1); // the BlockRDD's records are known
    QCOMPARE(std::next(b->rdds.begin())->second.status, RddBoxSnapshot::Status::Pending);
    const SimTime first = s->now;
    m_session->stepBatch();
    s = waitPaused(0);
    QVERIFY(s);
    QVERIFY(s->now - first >= Duration(900));
    m_session->setOptions(RunOptions{});
}

void TestProgramSession::localOneRunUntilBatchStopsOnceBatchNIsGenerated()
{
    // `--screenshot --until-batch 3 --master local[1]`: no batch can complete (the receiver
    // holds the only core), so the run stops once batch 3 is generated, its queue visible.
    RunOptions o;
    o.master = QStringLiteral("local[1]");
    m_session->setOptions(o);
    QVERIFY(QTest::qWaitFor([&] { auto s = m_session->latestSnapshot(); return s && s->phase == RunPhase::NotStarted; }, 10000));
    m_session->runUntilBatch(3);
    auto s = waitPaused(0);
    QVERIFY(s);
    QCOMPARE(s->completedBatches, 0);
    QCOMPARE(s->batches.size(), std::size_t(3));
    QVERIFY(s->firstBatchTime);
    const SimTime third = *s->firstBatchTime + Duration(2000);
    QVERIFY(s->batch(third));
    QVERIFY(!s->batch(third)->info.isCompleted());
    QVERIFY(s->now >= third);
    QVERIFY(s->now < third + Duration(1000));
    m_session->setOptions(RunOptions{});
    QVERIFY(QTest::qWaitFor([&] { auto x = m_session->latestSnapshot(); return x && x->phase == RunPhase::NotStarted; }, 10000));
}

void TestProgramSession::aFailingProgramReportsItsLine()
{
    const QString program = QStringLiteral(
        "from pyspark import SparkContext\n"
        "from pyspark.streaming import StreamingContext\n"
        "sc = SparkContext('local[2]', 'Fail')\n"
        "ssc = StreamingContext(sc, 1)\n"
        "lines = ssc.socketTextStream('localhost', 9999)\n"
        "def parse(line):\n"
        "    return 10 // len(line.split()[5])\n"
        "lines.map(parse).pprint()\n"
        "ssc.start()\n"
        "ssc.awaitTermination()\n");
    m_session->loadProgram(QStringLiteral("fail.py"), program);
    m_session->run(0);
    RunSnapshotPtr s;
    QVERIFY(QTest::qWaitFor([&] { s = m_session->latestSnapshot(); return s && s->phase == RunPhase::Failed; }, 30000));
    QCOMPARE(s->errorLine, 7);
    QVERIFY(s->errorText.find("IndexError") != std::string::npos);
    QVERIFY(s->stderrText.find("Lost task") != std::string::npos);
    // Step back from a failed run browses its history (the batches before the failure).
    m_session->stepBack();
    s = waitPaused(0);
    QVERIFY(s);
    QCOMPARE(s->phase, RunPhase::Paused);
    m_session->followLatest();
}

void TestProgramSession::longRunKeepsRecordsOfRecentAndSelectedBatchesOnly()
{
    // Memory over an hour: the newest 300 batches keep their records (and the selected one);
    // older ones keep timing and counts only.
    m_session->loadProgram(QStringLiteral("network_wordcount.py"), programSource());
    QVERIFY(QTest::qWaitFor([&] { auto s = m_session->latestSnapshot(); return s && s->phase == RunPhase::NotStarted; }, 10000));
    AutoTyperSpec spec;
    spec.linesPerSecond = 20;
    m_session->startAutoTyper(spec);
    m_session->runUntilBatch(12);
    QVERIFY(waitPaused(12));
    const SimTime selected = start() + Duration(5000), neighbour = start() + Duration(6000);
    m_session->setPinnedBatch(selected.ms());
    m_session->runUntilBatch(320);
    auto s = waitPaused(320);
    QVERIFY(s);
    m_session->stopAutoTyper();
    for (const auto &[t, kept] : {std::pair{selected, true}, {neighbour, false}, {start() + Duration(310'000), true}}) {
        const BatchSnapshot *b = s->batch(t);
        QVERIFY(b);
        const RddBoxSnapshot &lines = b->rdds.begin()->second;
        QVERIFY(lines.count >= 20); // counts stay (20 lines/s, and earlier tests' lines)
        std::int64_t sum = 0;
        for (auto c : lines.partitionCounts) sum += c;
        QCOMPARE(sum, lines.count);
        QCOMPARE(!lines.records.empty(), kept);
        QCOMPARE(!lines.debugString.empty(), kept);
        if (!kept) QVERIFY(lines.recordsTruncated);
    }
    m_session->setPinnedBatch(std::nullopt);
}

// issue 3 "Bad input": a program stuck in its own top-level loop never waits, so the pacer that
// ends an aborted run is never reached; Reset must still end it (as Ctrl-C does in the CLI),
// and nothing typed is lost.
void TestProgramSession::programStuckInItsOwnLoopEndsOnResetKeepingTheInputLog()
{
    m_session->loadProgram(QStringLiteral("spin.py"), QStringLiteral("n = 0\nwhile True:\n    n += 1\n"));
    QVERIFY(QTest::qWaitFor([&] { auto s = m_session->latestSnapshot(); return s && s->phase == RunPhase::NotStarted; }, 10000));
    const std::size_t logSize = m_session->inputLogSize() + 1;
    m_session->sendLine(QStringLiteral("typed before the program spins"));
    QVERIFY(QTest::qWaitFor([&] { return m_session->inputLogSize() == logSize; }, 10000));
    m_session->run(0);
    QVERIFY(QTest::qWaitFor([&] { auto s = m_session->latestSnapshot(); return s && s->phase == RunPhase::Running; }, 10000));
    QTest::qWait(300); // well inside the loop
    m_session->reset();
    QVERIFY2(QTest::qWaitFor([&] { auto s = m_session->latestSnapshot(); return s && s->phase == RunPhase::NotStarted; }, 15000),
             "the spinning program was not interrupted by Reset");
    QCOMPARE(m_session->inputLogSize(), logSize);
}

void TestProgramSession::cleanupTestCase()
{
    m_session.reset();
}

QTEST_GUILESS_MAIN(TestProgramSession)
#include "tst_programsession.moc"
