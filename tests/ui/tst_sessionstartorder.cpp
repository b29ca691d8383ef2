// ProgramSession: what is given before the run starts (the auto-typer, a typed line) takes effect
// at the start time, whether the session's thread woke between the commands or only after the
// start command. Before, an auto-typer started just before Run began 1 ms after the program's
// first event when the thread saw both at once, and at the start time when it had woken in between
// (the dashboard's case), so the same commands gave two fingerprints.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#endif

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace dsl;
using namespace dsl::session;

namespace {
SimTime start() { return SimTime(1'795'514'400'000); } // 2026-11-24 10:00:00 UTC

QString programSource()
{
    QFile f(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/resources/programs/network_wordcount.py"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}
} // namespace

class TestSessionStartOrder : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void autoTyperGivenBeforeRunStartsAtTheStartTime_data();
    void autoTyperGivenBeforeRunStartsAtTheStartTime();

private:
    std::unique_ptr<ProgramSession> m_session; ///< one a process (CPython initializes once)
    QTemporaryDir m_dir;
    std::string m_fingerprint; ///< the first row's, which every row must give
};

void TestSessionStartOrder::initTestCase()
{
    ProgramSession::Config cfg;
    cfg.startTime = start();
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<ProgramSession>(cfg);
    const QString src = programSource();
    QVERIFY(!src.isEmpty());
    m_session->loadProgram(QStringLiteral("network_wordcount.py"), src);
    QFile empty(m_dir.filePath(QStringLiteral("empty.txt")));
    QVERIFY(empty.open(QIODevice::WriteOnly));
}

void TestSessionStartOrder::autoTyperGivenBeforeRunStartsAtTheStartTime_data()
{
    QTest::addColumn<bool>("waitBetween");
    QTest::newRow("typer-and-run-given-at-once") << false;
    QTest::newRow("typer-applied-before-run-is-given") << true;
    QTest::newRow("typer-and-run-given-at-once-again") << false;
}

void TestSessionStartOrder::autoTyperGivenBeforeRunStartsAtTheStartTime()
{
    QFETCH(bool, waitBetween);
    ProgramSession &session = *m_session;
    // A fresh start: the previous row's typer stopped, an empty input log (back to "not started").
    session.stopAutoTyper();
    QString error;
    QVERIFY2(session.loadInputLog(m_dir.filePath(QStringLiteral("empty.txt")), &error), qPrintable(error));
    RunSnapshotPtr s;
    QVERIFY(QTest::qWaitFor(
        [&] { s = session.latestSnapshot(); return s && s->phase == RunPhase::NotStarted && session.inputLogSize() == 0; }, 10000));
    const std::uint64_t loaded = s->serial;

    AutoTyperSpec spec;
    spec.sample = AutoTyperSpec::Sample::English;
    spec.linesPerSecond = 100;
    session.startAutoTyper(spec);
    if (waitBetween) // the session's thread applies the typer before the start exists (publishing)
        QVERIFY(QTest::qWaitFor([&] { s = session.latestSnapshot(); return s && s->serial > loaded; }, 10000));
    session.runUntilBatch(2);
    QVERIFY(QTest::qWaitFor(
        [&] { s = session.latestSnapshot(); return s && s->phase == RunPhase::Paused && s->completedBatches >= 2; }, 30000));

    // By hand: 100 lines/s from 10:00:00.000 are lines at 0, 10, ..., 1000 ms for the batch of
    // 10:00:01 (it holds what arrived up to and including its time; JobGenerator's batch T takes
    // the blocks of (T - interval, T]): 101 lines. Started 1 ms late (1, 11, ..., 991) it had 100.
    const BatchSnapshot *b = s->batch(start() + Duration(1000));
    QVERIFY(b);
    QVERIFY(!b->rdds.empty());
    QCOMPARE(b->rdds.begin()->second.count, std::int64_t(101));
    if (m_fingerprint.empty()) m_fingerprint = s->fingerprint;
    QCOMPARE(s->fingerprint, m_fingerprint);
}

QTEST_GUILESS_MAIN(TestSessionStartOrder)
#include "tst_sessionstartorder.moc"
