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
#include <QFileInfo>
#include <QImage>
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

QStringList utf8List(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items) out << QString::fromUtf8(i);
    return out;
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
    void engineInputLogDiscardKeepsIndices_data();
    void engineInputLogDiscardKeepsIndices();
    void inputScriptsParse_data();
    void inputScriptsParse();
    void sessionLogReadsInArrivalOrder_data();
    void sessionLogReadsInArrivalOrder();
    void savedLogIsAnInputScriptAndLoadsToIdenticalCounts();
    void userFunctionsRunOnceAsInTheCli();
    void typingAtARewoundCursorReplaysToIt();
    void autoTypedRunStepsBackToIdenticalCounts();
    void realtimeRunFollowsWallClockTimesSpeed();
    void localOneStarvesButStepBatchStillMovesOn();
    void localOneRunUntilBatchStopsOnceBatchNIsGenerated();
    void aFailingProgramReportsItsLine();
    void screenshotModeStopsWhereAsked_data();
    void screenshotModeStopsWhereAsked();
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

void TestProgramSession::engineInputLogDiscardKeepsIndices_data()
{
    // InputLog::discardBefore (engine/inputlog.h): the session lets go of lines every receiver
    // has read; indices (ReceiverInfo::inputLogAccepted, receivers' read positions) stay global.
    QTest::addColumn<int>("lines");
    QTest::addColumn<int>("discardBefore");
    QTest::addColumn<int>("expectedFirst");
    QTest::newRow("few-read-lines-are-kept-until-enough-pile-up") << 100 << 10 << 0;
    QTest::newRow("more-than-half-read-are-let-go") << 100 << 60 << 60;
    QTest::newRow("4096-read-are-let-go-however-long-the-log") << 20000 << 5000 << 5000;
    QTest::newRow("the-last-line-is-always-kept") << 10000 << 10000 << 9999;
    QTest::newRow("discarding-before-the-first-held-does-nothing") << 10 << 0 << 0;
}

void TestProgramSession::engineInputLogDiscardKeepsIndices()
{
    QFETCH(int, lines);
    QFETCH(int, discardBefore);
    QFETCH(int, expectedFirst);
    InputLog log;
    for (int i = 0; i < lines; ++i) log.addLine(SimTime(i), "line " + std::to_string(i), 9999);
    log.discardBefore(static_cast<std::size_t>(discardBefore));
    QCOMPARE(log.firstIndex(), std::size_t(expectedFirst));
    QCOMPARE(log.size(), std::size_t(lines));
    for (int i = expectedFirst; i < lines; i += std::max(1, (lines - expectedFirst) / 7))
        QCOMPARE(log[static_cast<std::size_t>(i)].text, "line " + std::to_string(i));
    // A later line appended gets the next global index.
    QCOMPARE(log.append(InputRecord{InputRecord::Kind::SocketLine, SimTime(lines), 9999, {}, "next"}), std::size_t(lines));
    QCOMPARE(log[static_cast<std::size_t>(lines)].text, std::string("next"));
}

void TestProgramSession::inputScriptsParse_data()
{
    // What a saved input log (and `dstreamlab run --input`) reads: "offset ms|text" per line.
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<QString>("error");
    QTest::newRow("timed-lines-keep-their-times") << QByteArray("0.5\thello spark\n1.25\tworld\n")
                                                  << utf8List({"500|hello spark", "1250|world"}) << QString();
    QTest::newRow("untimed-lines-arrive-0.1-s-apart-from-0.1-s") << QByteArray("a b\nc\n")
                                                                 << utf8List({"100|a b", "200|c"}) << QString();
    QTest::newRow("crlf-line-ends-and-no-final-newline") << QByteArray("0\ta\r\n2\tb") << utf8List({"0|a", "2000|b"})
                                                         << QString();
    QTest::newRow("blank-lines-of-a-timed-file-are-skipped") << QByteArray("1\ta\n\n2\tb\n")
                                                             << utf8List({"1000|a", "2000|b"}) << QString();
    QTest::newRow("text-may-hold-tabs-after-the-first") << QByteArray("1\ta\tb\n") << utf8List({"1000|a\tb"}) << QString();
    QTest::newRow("chinese-text") << QByteArray("0.1\t你好 世界\n") << utf8List({"100|你好 世界"}) << QString();
    QTest::newRow("bad-seconds-name-the-line") << QByteArray("1\ta\nabc\tb\n") << utf8List({})
                                               << QStringLiteral("line 2: 'abc' is not a number of seconds (>= 0)");
    QTest::newRow("negative-seconds-are-refused") << QByteArray("-1\ta\n") << utf8List({})
                                                  << QStringLiteral("line 1: '-1' is not a number of seconds (>= 0)");
    QTest::newRow("a-line-without-a-tab-in-a-timed-file") << QByteArray("1\ta\nplain\n") << utf8List({})
                                                          << QStringLiteral("line 2: expected SECONDS<TAB>TEXT (other lines of "
                                                                            "the file have a time and a tab), got 'plain'");
}

void TestProgramSession::inputScriptsParse()
{
    QFETCH(QByteArray, content);
    QFETCH(QStringList, expected);
    QFETCH(QString, error);
    std::vector<ScriptLine> lines;
    std::string err;
    const bool ok = parseInputScript(std::string_view(content.constData(), static_cast<std::size_t>(content.size())), lines, err);
    QCOMPARE(ok, error.isEmpty());
    QCOMPARE(QString::fromStdString(err), error);
    if (!ok) return;
    QStringList got;
    for (const auto &l : lines) got << QStringLiteral("%1|%2").arg(l.offset.ms()).arg(QString::fromStdString(l.text));
    QCOMPARE(got, expected);
}

void TestProgramSession::sessionLogReadsInArrivalOrder_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<qint64>("time");
    QTest::addColumn<QString>("text");
    // Script lines at 0 and 1000 ms, typed lines at 500 and 1000 ms, auto-typed at 10 lines/s
    // from 900 ms, stopped at 1150 ms (lines at 900, 1000, 1100).
    AutoTyperSpec spec;
    spec.linesPerSecond = 10;
    QTest::newRow("script-line-first") << 0 << qint64(0) << QStringLiteral("s0");
    QTest::newRow("typed-line-in-time-order") << 1 << qint64(500) << QStringLiteral("t0");
    QTest::newRow("auto-typer-line-0-at-its-start")
        << 2 << qint64(900) << QString::fromStdString(AutoTyper::line(spec, 0));
    QTest::newRow("equal-times-script-before-typed") << 3 << qint64(1000) << QStringLiteral("s1");
    QTest::newRow("equal-times-typed-before-auto-typed") << 4 << qint64(1000) << QStringLiteral("t1");
    QTest::newRow("auto-typer-line-1-100ms-later")
        << 5 << qint64(1000) << QString::fromStdString(AutoTyper::line(spec, 1));
    QTest::newRow("auto-typer-last-line-before-the-stop")
        << 6 << qint64(1100) << QString::fromStdString(AutoTyper::line(spec, 2));
}

void TestProgramSession::sessionLogReadsInArrivalOrder()
{
    QFETCH(int, index);
    QFETCH(qint64, time);
    QFETCH(QString, text);
    session::SessionInputLog log;
    log.addScript({{SimTime(1000), "s1"}, {SimTime(0), "s0"}}, 9999);
    log.addTyped(InputRecord{InputRecord::Kind::SocketLine, SimTime(1000), 9999, {}, "t1"});
    log.addTyped(InputRecord{InputRecord::Kind::SocketLine, SimTime(500), 9999, {}, "t0"});
    AutoTyperSpec spec;
    spec.linesPerSecond = 10;
    log.startAuto(spec, SimTime(900), 9999);
    log.advanceAuto(SimTime(1000));
    log.stopAuto(SimTime(1150));
    log.advanceAuto(SimTime(5000)); // stopped: no more lines
    const auto records = log.records();
    QCOMPARE(records.size(), std::size_t(7));
    QCOMPARE(log.size(), std::size_t(7));
    QCOMPARE(records[index].time.ms(), time);
    QCOMPARE(QString::fromStdString(records[index].text), text);
    // A cursor stops at its bound and sees the rest later.
    auto c = log.cursor();
    InputRecord r;
    int n = 0;
    while (c.next(SimTime(time), r)) ++n;
    QVERIFY(n >= index + 1);
    while (c.next(SimTime(10000), r)) ++n;
    QCOMPARE(n, 7);
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

void TestProgramSession::screenshotModeStopsWhereAsked_data()
{
    // `dstreamlab --screenshot` (app/guimain.cpp) with --until-batch / --until-time.
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("stderrHas");
    QTest::addColumn<QString>("stdoutHas");
    QTest::newRow("until-batch-2-renders") << QStringList{QStringLiteral("--until-batch"), QStringLiteral("2")} << 0
                                           << QString() << QStringLiteral("rendered 2 completed batches");
    QTest::newRow("until-time-2.5-s-renders") << QStringList{QStringLiteral("--until-time"), QStringLiteral("2.5")} << 0
                                              << QString() << QString();
    QTest::newRow("local1-until-batch-3-renders-the-queue-instead-of-timing-out")
        << QStringList{QStringLiteral("--master"), QStringLiteral("local[1]"), QStringLiteral("--until-batch"),
                       QStringLiteral("3")}
        << 0 << QString() << QString();
    // --back K browses the history: the picture is batch 4 - 2, and the run is not replayed.
    QTest::newRow("back-2-from-batch-4-renders-batch-2")
        << QStringList{QStringLiteral("--until-batch"), QStringLiteral("4"), QStringLiteral("--back"), QStringLiteral("2")}
        << 0 << QString() << QStringLiteral("rendered 2 completed batches (history; the run is at 4)");
    QTest::newRow("back-beyond-the-first-batch-renders-the-first")
        << QStringList{QStringLiteral("--until-batch"), QStringLiteral("2"), QStringLiteral("--back"), QStringLiteral("9")}
        << 0 << QString() << QStringLiteral("rendered 1 completed batches (history; the run is at 2)");
    QTest::newRow("back-needs-a-number") << QStringList{QStringLiteral("--back"), QStringLiteral("x")} << 2
                                         << QStringLiteral("--back needs a number of batches to step back") << QString();
    QTest::newRow("until-time-needs-seconds") << QStringList{QStringLiteral("--until-time"), QStringLiteral("soon")} << 2
                                              << QStringLiteral("--until-time needs a number of seconds (>= 0)") << QString();
    QTest::newRow("until-time-refuses-negative") << QStringList{QStringLiteral("--until-time"), QStringLiteral("-1")} << 2
                                                 << QStringLiteral("--until-time needs a number of seconds (>= 0)") << QString();
}

void TestProgramSession::screenshotModeStopsWhereAsked()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, stderrHas);
    QFETCH(QString, stdoutHas);
    const QString exe = QStringLiteral(QT_TESTCASE_BUILDDIR "/../../app/dstreamlab");
    QVERIFY2(QFileInfo::exists(exe), "build the dstreamlab target first");
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("shot.png"));
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("TZ"), QStringLiteral("UTC"));
    p.setProcessEnvironment(env);
    p.start(exe, QStringList{QStringLiteral("--screenshot"), png, QStringLiteral("--lang"), QStringLiteral("en"),
                             QStringLiteral("--size"), QStringLiteral("1600x900"), QStringLiteral("--input"),
                             QStringLiteral(DSTREAMLAB_SOURCE_DIR "/docs/screenshots/wordcount.input"),
                             QStringLiteral("--start-time"), QStringLiteral("2026-11-24 10:00:00")} +
                            args);
    QVERIFY(p.waitForFinished(90000)); // the old local[1] run timed out only after 120 s
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitCode(), exitCode);
    if (!stderrHas.isEmpty()) QVERIFY2(err.contains(stderrHas), qPrintable(err));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    if (!stdoutHas.isEmpty()) QVERIFY2(out.contains(stdoutHas), qPrintable(out + err));
    if (exitCode == 0) {
        const QImage img(png);
        QVERIFY2(!img.isNull(), qPrintable(err));
        QCOMPARE(img.size(), QSize(1600, 900));
    }
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
