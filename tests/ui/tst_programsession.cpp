// ProgramSession: a real PySpark program paced by the dashboard's commands; step back replays.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/programsession.h"
#include "ui/runsnapshot.h"
#endif

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

using namespace dsl;
using namespace dsl::ui;

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
    void realtimeRunFollowsWallClockTimesSpeed();
    void localOneStarvesButStepBatchStillMovesOn();
    void aFailingProgramReportsItsLine();
    void cleanupTestCase();

private:
    /// Waits until a snapshot in a resting phase with at least `batches` completed arrives.
    RunSnapshotPtr waitPaused(int batches);
    std::uint64_t m_lastSerial = 0;
    std::unique_ptr<app::ProgramSession> m_session;
};

void TestProgramSession::initTestCase()
{
    app::ProgramSession::Config cfg;
    cfg.startTime = start();
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<app::ProgramSession>(cfg);
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
    auto before = m_session->latestSnapshot();
    QVERIFY(before && before->completedBatches == 3);
    m_session->stepBack();
    auto back = waitPaused(2);
    QVERIFY(back);
    QCOMPARE(back->completedBatches, 2);
    m_session->stepBatch();
    auto again = waitPaused(3);
    QVERIFY(again);
    QCOMPARE(again->completedBatches, 3);
    QCOMPARE(countsText(*again), countsText(*before));
    QCOMPARE(*again->console, *before->console);
    QCOMPARE(again->now, before->now);
    QCOMPARE(again->fingerprint, before->fingerprint);
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
    // Step back from a failed run replays to the batch before the failure.
    m_session->stepBack();
    s = waitPaused(0);
    QVERIFY(s);
    QCOMPARE(s->phase, RunPhase::Paused);
}

void TestProgramSession::cleanupTestCase()
{
    m_session.reset();
}

QTEST_GUILESS_MAIN(TestProgramSession)
#include "tst_programsession.moc"
