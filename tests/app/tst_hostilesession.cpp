// Hostile programs in the dashboard's ProgramSession (docs/hostile-programs.md): the program runs
// on the session's worker thread inside the app's process, so os._exit, deep recursion through
// the C stack, memory growth or gigabytes of output must end the run with the cause and the
// line while the app goes on: commands are answered, Stop (Reset) works, and the input log and
// its journal keep every typed line.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#include "app/session/sessionjournal.h"
#endif

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace dsl;
using namespace dsl::session;
using namespace Qt::StringLiterals;

namespace {
SimTime start()
{
    return SimTime(1'795'514'400'000); // 2026-11-24 10:00:00 UTC
}

bool ended(RunPhase p)
{
    return p == RunPhase::Failed || p == RunPhase::Finished;
}

/// The memory limit of this test's session: far above the process's size with the test's
/// earlier rows (a few hundred MB under AddressSanitizer), far below the machine's.
constexpr int kLimitMb = 1536;
} // namespace

class TestHostileSession : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void hostileProgramEndsTheRunNotTheApp_data();
    void hostileProgramEndsTheRunNotTheApp();
    void endlessDriverLoopStopsOnResetKeepingTypedLines();
    void floodOfOutputKeepsTheConsoleBounded();
    void cleanupTestCase();

private:
    /// A line typed now is accepted into the input log and the journal: the session answers.
    void typeAndCheck(const QString &line);
    RunSnapshotPtr runToEnd(const QString &name, const QString &source);
    QTemporaryDir m_journalDir;
    std::unique_ptr<SessionJournal> m_journal;
    std::unique_ptr<ProgramSession> m_session;
};

void TestHostileSession::initTestCase()
{
    ProgramSession::Config cfg;
    cfg.startTime = start();
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    cfg.memoryLimitMb = kLimitMb;
    m_session = std::make_unique<ProgramSession>(cfg);
    QVERIFY(m_journalDir.isValid());
    QString error;
    m_journal = SessionJournal::create(m_journalDir.path(), start(), &error);
    QVERIFY2(m_journal, qPrintable(error));
    m_session->setJournal(m_journal.get());
}

void TestHostileSession::typeAndCheck(const QString &line)
{
    const std::size_t before = m_session->inputLogSize();
    m_session->sendLine(line);
    QVERIFY2(QTest::qWaitFor([&] { return m_session->inputLogSize() == before + 1; }, 10000), "the typed line was not taken");
    bool found = false;
    for (const auto &r : m_session->inputLog()) found = found || r.text == line.toStdString();
    QVERIFY(found);
    QFile journal(m_journal->path());
    QVERIFY(journal.open(QIODevice::ReadOnly));
    QVERIFY2(journal.readAll().contains(line.toUtf8()), "the journal lacks the typed line");
}

RunSnapshotPtr TestHostileSession::runToEnd(const QString &name, const QString &source)
{
    m_session->loadProgram(name, source);
    if (!QTest::qWaitFor([&] { auto s = m_session->latestSnapshot(); return s && s->phase == RunPhase::NotStarted; }, 10000))
        return nullptr;
    m_session->run(0);
    RunSnapshotPtr s;
    if (!QTest::qWaitFor([&] { s = m_session->latestSnapshot(); return s && ended(s->phase); }, 120000)) return nullptr;
    return s;
}

void TestHostileSession::hostileProgramEndsTheRunNotTheApp_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<int>("line"); // the line of the program's statement that does it

    QTest::newRow("os-exit-fails-the-run-and-the-app-goes-on")
        << u"print('bye')\nimport os\nos._exit(3)\n"_s << u"NotAllowedInDStreamLab: os._exit(3) is not allowed"_s << 3;
    QTest::newRow("os-abort-fails-the-run-and-the-app-goes-on")
        << u"import os\nos.abort()\n"_s << u"NotAllowedInDStreamLab: os.abort() is not allowed"_s << 2;
    QTest::newRow("signal-to-itself-fails-the-run-and-the-app-goes-on")
        << u"import os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n"_s << u"NotAllowedInDStreamLab: os.kill("_s << 2;
    QTest::newRow("fork-fails-the-run-and-the-app-goes-on")
        << u"import os\n\npid = os.fork()\n"_s << u"NotAllowedInDStreamLab: os.fork() is not allowed"_s << 3;
    // sys.exit ends the program as in python3: the run is over, with its status (not 0: failed).
    QTest::newRow("sys-exit-ends-the-run-and-the-app-goes-on") << u"import sys\nsys.exit(3)\n"_s << QString() << 0;
    // Through sorted's key the recursion uses the session thread's C stack: capped, no crash.
    QTest::newRow("recursion-through-sorted-raises-recursionerror-on-the-session-thread")
        << u"import sys\nsys.setrecursionlimit(10**6)\ndef f(n):\n    return sorted([n], key=lambda x: f(x + 1))\nf(0)\n"_s
        << u"RecursionError: maximum recursion depth exceeded"_s << 4;
    QTest::newRow("plain-recursion-raises-recursionerror")
        << u"def f(n):\n    return f(n + 1)\nf(0)\n"_s << u"RecursionError: maximum recursion depth exceeded"_s << 2;
    QTest::newRow("huge-allocation-raises-memoryerror-at-its-line")
        << u"x = 1\nslots = [0] * 10**10\n"_s << u"MemoryError"_s << 2;
    QTest::newRow("memory-growth-past-the-limit-stops-the-program-at-its-line")
        << u"kept = []\nwhile True: kept.append('x' * 10**6 + str(len(kept)))\n"_s
        << u"MemoryLimitExceeded: the program's memory grew past DStream Lab's limit of 1536 MB"_s
        << 2; // raised asynchronously, at the loop's backward jump or in its body (a Debug build): one line
}

void TestHostileSession::hostileProgramEndsTheRunNotTheApp()
{
    QFETCH(QString, source);
    QFETCH(QString, cause);
    QFETCH(int, line);
    const RunSnapshotPtr s = runToEnd(u"hostile.py"_s, source);
    QVERIFY2(s, "the run did not end");
    QCOMPARE(s->phase, RunPhase::Failed);
    if (!cause.isEmpty()) {
        QVERIFY2(QString::fromStdString(s->errorText).contains(cause), s->errorText.c_str());
        QCOMPARE(s->errorLine, line);
    }
    // The app goes on: a command is answered and the next run works.
    typeAndCheck(u"typed after %1"_s.arg(QString::fromUtf8(QTest::currentDataTag())));
    const RunSnapshotPtr next = runToEnd(u"fine.py"_s, u"print('still here')\n"_s);
    QVERIFY(next);
    QCOMPARE(next->phase, RunPhase::Finished);
    QVERIFY(next->console->find("still here") != std::string::npos);
}

void TestHostileSession::endlessDriverLoopStopsOnResetKeepingTypedLines()
{
    m_session->loadProgram(u"spin.py"_s, u"from pyspark import SparkContext\n"
                                         "from pyspark.streaming import StreamingContext\n"
                                         "ssc = StreamingContext(SparkContext('local[2]', 'Spin'), 1)\n"
                                         "ssc.socketTextStream('localhost', 9999).pprint()\n"
                                         "ssc.start()\n"
                                         "while True:\n"
                                         "    pass\n"_s);
    QVERIFY(QTest::qWaitFor([&] { auto s = m_session->latestSnapshot(); return s && s->phase == RunPhase::NotStarted; }, 10000));
    m_session->run(0);
    QVERIFY(QTest::qWaitFor([&] { auto s = m_session->latestSnapshot(); return s && s->phase == RunPhase::Running; }, 10000));
    QTest::qWait(300); // well inside the loop
    // The command returns at once; the line waits for the worker (which gives it its simulated
    // time) and reaches the log and the journal once the program is stopped.
    const std::size_t before = m_session->inputLogSize();
    QElapsedTimer answered;
    answered.start();
    m_session->sendLine(u"typed while the driver spins"_s);
    QVERIFY(answered.elapsed() < 1000);
    m_session->reset();
    QVERIFY2(QTest::qWaitFor([&] { auto s = m_session->latestSnapshot(); return s && s->phase == RunPhase::NotStarted; }, 15000),
             "the spinning program was not stopped by Reset");
    QVERIFY(QTest::qWaitFor([&] { return m_session->inputLogSize() == before + 1; }, 10000));
    bool spinning = false;
    for (const auto &r : m_session->inputLog()) spinning = spinning || r.text == "typed while the driver spins";
    QVERIFY(spinning);
    typeAndCheck(u"typed after the stop"_s); // also checks the journal, flushed by now
    QFile journal(m_journal->path());
    QVERIFY(journal.open(QIODevice::ReadOnly));
    QVERIFY(journal.readAll().contains("typed while the driver spins"));
}

void TestHostileSession::floodOfOutputKeepsTheConsoleBounded()
{
    // 300 MB printed on the driver: the console keeps its newest part only (2 MB) and counts the
    // rest as dropped; the run ends normally.
    const RunSnapshotPtr s = runToEnd(u"flood.py"_s, u"line = 'x' * (10**6 - 1)\nfor i in range(300):\n    print(line)\nprint('end')\n"_s);
    QVERIFY(s);
    QCOMPARE(s->phase, RunPhase::Finished);
    QVERIFY2(s->console->size() <= 3u * 1024 * 1024, qPrintable(QString::number(s->console->size())));
    QCOMPARE(s->console->size() + s->consoleDropped, std::size_t(300) * 1000000 + 4);
    QVERIFY(s->console->ends_with("end\n"));
    typeAndCheck(u"typed after the flood"_s);
}

void TestHostileSession::cleanupTestCase()
{
    m_session.reset();
    m_journal.reset();
}

QTEST_GUILESS_MAIN(TestHostileSession)
#include "tst_hostilesession.moc"
