// ProgramSession and a real server's comings and goings (command::RealServerEvent, a script's
// `@server` lines): the receiver of the port follows the server from its first event on, live,
// after Reset, restored from the journal, after a change of the past, and loaded from a script,
// with Spark's restart lines in the run's own log (ReceiverSupervisor.restartReceiver,
// SocketInputDStream.scala's SocketReceiver.receive; docs/realtime-sockets.md).
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#include "app/session/sessionjournal.h"
#endif

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace dsl;
using namespace dsl::session;

namespace {

SimTime start()
{
    return SimTime(1'795'514'400'000); // 2026-11-24 10:00:00 UTC, a multiple of the 200 ms block interval
}

QString programSource()
{
    QFile f(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/resources/programs/network_wordcount.py"));
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QString::fromUtf8(f.readAll());
}

const QString kRestart = QStringLiteral("ReceiverSupervisorImpl: Restarting receiver with delay 2000 ms: ");
const QString kClosed = QStringLiteral("Socket data stream had no more data");
const QString kRefused = QStringLiteral("Error connecting to localhost:9999");

/// The receiver's WARN lines in the run's log (the Log tab), "MS SOURCE: MESSAGE", ms from start.
QStringList receiverWarnings(const RunSnapshot &s)
{
    QStringList out;
    for (std::size_t i = 0; s.events && i < s.events->size(); ++i) {
        const EventLogLine &l = s.events->at(i);
        if (l.level == LogLevel::Warn && (l.source == "ReceiverSupervisorImpl" || l.source == "SocketReceiver"))
            out << QStringLiteral("%1 %2: %3")
                       .arg((l.time - start()).ms())
                       .arg(QString::fromStdString(l.source), QString::fromStdString(l.message));
    }
    return out;
}

/// When the receiver logged "Connected to localhost:9999", ms from start.
QStringList connects(const RunSnapshot &s)
{
    QStringList out;
    for (std::size_t i = 0; s.events && i < s.events->size(); ++i) {
        const EventLogLine &l = s.events->at(i);
        if (l.message == "Connected to localhost:9999") out << QString::number((l.time - start()).ms());
    }
    return out;
}

/// "BATCH_MS: word=n ..." per batch with words, the words in alphabetical order.
QStringList counts(const RunSnapshot &s)
{
    QStringList out;
    for (const auto &[t, b] : s.batches) {
        if (b->keyCounts.empty()) continue;
        QStringList words;
        for (const auto &kc : b->keyCounts)
            words << QStringLiteral("%1=%2").arg(QString::fromStdString(kc.key)).arg(static_cast<long long>(kc.count));
        words.sort();
        out << QString::number((t - start()).ms()) + QStringLiteral(": ") + words.join(u' ');
    }
    return out;
}

/// The receiver of port 9999 as the snapshot shows it: "active" or "inactive: LAST ERROR".
QString receiverState(const RunSnapshot &s)
{
    for (const ReceiverInfo &r : s.receivers)
        if (r.location == "localhost:9999")
            return r.active ? QStringLiteral("active") : QStringLiteral("inactive: ") + QString::fromStdString(r.lastError);
    return QStringLiteral("no receiver");
}

/// The first block tick at or after `t`: a receiver's BlockGenerator reads the input log every
/// 200 ms on multiples of the interval (JobScheduler::connectReceiver), so a server event acts there.
qint64 tickAfter(SimTime t)
{
    const qint64 ms = (t - start()).ms();
    return (ms + 199) / 200 * 200;
}

} // namespace

class TestSessionRealServer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void liveServerEventsMakeTheReceiverFollowTheServer();
    void resetReplaysTheServersStatesWithTheSameFingerprint();
    void restoredJournalFollowsTheServerAsTheLiveRunDid();
    void equivalentServerScriptGivesTheSameRun();
    void changeOfThePastAfterStepBackReplaysTheServersStates();
    void scriptWithServerLinesFollowsTheRecordedServer_data();
    void scriptWithServerLinesFollowsTheRecordedServer();
    void cleanupTestCase();

private:
    /// The next snapshot (newer than the last one a test read) at rest with at least `batches`.
    RunSnapshotPtr waitPaused(int batches);
    RunSnapshotPtr waitNotStarted();
    /// Runs until start + ms and returns the paused snapshot there.
    RunSnapshotPtr runTo(qint64 ms);
    /// Runs the session (just reset or loaded) to 3 s, where the receiver is away as the live one
    /// was after the close, then to 7 s, where it has the live run's warnings, connections and
    /// fingerprint (and counts, with `counts`). Failures are the calling test's.
    void replaysTheLiveRun(bool counts);
    /// Sends a server event and returns its record in the input log (nullopt: it never came).
    std::optional<InputRecord> sendServer(int port, ServerEvent e);

    QTemporaryDir m_dir;
    std::unique_ptr<SessionJournal> m_journal;
    std::unique_ptr<ProgramSession> m_session;
    std::uint64_t m_lastSerial = 0;
    // The live run of the first test, which the others are compared with.
    SimTime m_closedAt, m_connectedAt;
    std::string m_liveFingerprint;
    QStringList m_liveWarnings, m_liveConnects, m_liveCounts;
};

void TestSessionRealServer::initTestCase()
{
    QVERIFY(m_dir.isValid());
    ProgramSession::Config cfg;
    cfg.startTime = start();
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<ProgramSession>(cfg);
    QString why;
    m_journal = SessionJournal::create(m_dir.filePath(QStringLiteral("journal")), start(), &why);
    QVERIFY2(m_journal, qPrintable(why));
    m_session->setJournal(m_journal.get());
    const QString src = programSource();
    QVERIFY(!src.isEmpty());
    m_session->loadProgram(QStringLiteral("network_wordcount.py"), src);
    QVERIFY(m_session->addInput({{Duration(500), "to be"}, {Duration(1200), "or not"}, {Duration(5500), "to be"}}));
}

void TestSessionRealServer::cleanupTestCase()
{
    m_session->setJournal(nullptr);
    m_session.reset();
    m_journal.reset();
}

RunSnapshotPtr TestSessionRealServer::waitPaused(int batches)
{
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

RunSnapshotPtr TestSessionRealServer::waitNotStarted()
{
    RunSnapshotPtr s;
    const bool ok = QTest::qWaitFor(
        [&] {
            s = m_session->latestSnapshot();
            return s && s->serial > m_lastSerial && s->phase == RunPhase::NotStarted;
        },
        30000);
    if (!ok) return nullptr;
    m_lastSerial = s->serial;
    return s;
}

RunSnapshotPtr TestSessionRealServer::runTo(qint64 ms)
{
    m_session->runUntilTime((start() + Duration(ms)).ms());
    RunSnapshotPtr s;
    const bool ok = QTest::qWaitFor(
        [&] {
            s = m_session->latestSnapshot();
            return s && s->serial > m_lastSerial && s->phase == RunPhase::Paused && s->clock >= start() + Duration(ms);
        },
        30000);
    if (!ok) return nullptr;
    m_lastSerial = s->serial;
    return s;
}

std::optional<InputRecord> TestSessionRealServer::sendServer(int port, ServerEvent e)
{
    const std::size_t before = m_session->inputLog().size();
    m_session->execute(command::RealServerEvent{port, e, {}});
    if (!QTest::qWaitFor([&] { return m_session->inputLog().size() == before + 1; }, 10000)) return std::nullopt;
    const std::vector<InputRecord> log = m_session->inputLog();
    for (auto it = log.rbegin(); it != log.rend(); ++it)
        if (it->kind == InputRecord::Kind::Server && it->server == e) return *it; // the newest of that kind
    return std::nullopt;
}

void TestSessionRealServer::liveServerEventsMakeTheReceiverFollowTheServer()
{
    // The nc panel's port, served by the simulated `nc -lk` until its real server says otherwise.
    auto s = runTo(2000);
    QVERIFY(s);
    QCOMPARE(receiverState(*s), QStringLiteral("active"));
    QVERIFY(receiverWarnings(*s).isEmpty());

    // The server closes the stream: port 0 is the nc panel's, as SendLine's.
    const auto closed = sendServer(0, ServerEvent::Closed);
    QVERIFY(closed);
    QCOMPARE(closed->port, 9999);
    // It arrives just after the displayed clock, as a typed line does.
    QVERIFY(closed->time > start() + Duration(2000) && closed->time < start() + Duration(2200));
    m_closedAt = closed->time;
    s = runTo(4000);
    QVERIFY(s);
    QCOMPARE(receiverState(*s), QStringLiteral("inactive: ") + kClosed);
    // The engine's receiver logs Spark's line at the first block tick after the event: 2200.
    QCOMPARE(receiverWarnings(*s), QStringList{QStringLiteral("%1 ").arg(tickAfter(m_closedAt)) + kRestart + kClosed});
    QCOMPARE(tickAfter(m_closedAt), 2200);

    // The server is back (the connection thread connected again).
    const auto connected = sendServer(9999, ServerEvent::Connected);
    QVERIFY(connected);
    QVERIFY(connected->time > start() + Duration(4000) && connected->time < start() + Duration(4200));
    m_connectedAt = connected->time;
    s = runTo(7000);
    QVERIFY(s);
    QCOMPARE(receiverState(*s), QStringLiteral("active"));
    const QStringList c = connects(*s);
    // At the receiver's launch (cost::receiverLaunchMs after the start, the simulated nc), and
    // when the server came back: the tick after 4000, 4200.
    QCOMPARE(c, (QStringList{QStringLiteral("100"), QStringLiteral("4200")}));
    QCOMPARE(receiverWarnings(*s).size(), 1);
    // The lines before and after: "to be" at 0.5 s in batch 1, "or not" at 1.2 s in batch 2, "to be"
    // at 5.5 s in batch 6 (each read at the next tick, which the batch ending after it holds).
    const QStringList got = counts(*s);
    QCOMPARE(got, (QStringList{QStringLiteral("1000: be=1 to=1"), QStringLiteral("2000: not=1 or=1"),
                               QStringLiteral("6000: be=1 to=1")}));
    m_liveFingerprint = s->fingerprint;
    m_liveWarnings = receiverWarnings(*s);
    m_liveConnects = c;
    m_liveCounts = got;
    QVERIFY(!m_liveFingerprint.empty());
}

void TestSessionRealServer::replaysTheLiveRun(bool withCounts)
{
    auto s = runTo(3000);
    QVERIFY(s);
    QCOMPARE(receiverState(*s), QStringLiteral("inactive: ") + kClosed);
    s = runTo(7000);
    QVERIFY(s);
    QCOMPARE(receiverState(*s), QStringLiteral("active"));
    QCOMPARE(receiverWarnings(*s), m_liveWarnings);
    QCOMPARE(connects(*s), m_liveConnects);
    if (withCounts) QCOMPARE(counts(*s), m_liveCounts);
    QCOMPARE(s->fingerprint, m_liveFingerprint);
}

void TestSessionRealServer::resetReplaysTheServersStatesWithTheSameFingerprint()
{
    QVERIFY(!m_liveFingerprint.empty());
    m_session->reset();
    QVERIFY(waitNotStarted());
    // Between the close and the return, the replay's receiver is away, as the live one was.
    replaysTheLiveRun(true);
}

void TestSessionRealServer::restoredJournalFollowsTheServerAsTheLiveRunDid()
{
    // A killed dashboard's journal, restored: the server's events come back as they were written.
    const RecoveredSession recovered = SessionJournal::read(m_journal->path());
    QVERIFY2(recovered.error.isEmpty(), qPrintable(recovered.error));
    QStringList servers;
    for (const JournalOp &op : recovered.ops)
        if (op.kind == JournalOp::Kind::Server)
            servers << QStringLiteral("%1 %2 %3").arg((op.time - start()).ms()).arg(op.port).arg(int(op.server));
    QCOMPARE(servers, (QStringList{QStringLiteral("%1 9999 %2").arg((m_closedAt - start()).ms()).arg(int(ServerEvent::Closed)),
                                   QStringLiteral("%1 9999 %2").arg((m_connectedAt - start()).ms()).arg(int(ServerEvent::Connected))}));
    m_session->restore(recovered);
    QVERIFY(waitNotStarted());
    replaysTheLiveRun(false);
}

void TestSessionRealServer::equivalentServerScriptGivesTheSameRun()
{
    // The same input written by hand as an input script: the lines, and the server's two events
    // at the times the live run gave them, as `@server` lines. Loaded, the session follows the
    // server from its first `@server` line: the same run, fingerprint included.
    const auto secs = [](SimTime t) { return QByteArray::number(double((t - start()).ms()) / 1000.0, 'f', 3); };
    QByteArray script = "0.500\tto be\n1.200\tor not\n";
    script += secs(m_closedAt) + "\t@server closed\n" + secs(m_connectedAt) + "\t@server connected\n";
    script += "5.500\tto be\n";
    const QString path = m_dir.filePath(QStringLiteral("equivalent.input"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(script);
    f.close();
    QString error;
    QVERIFY2(m_session->loadInputLog(path, &error), qPrintable(error));
    QVERIFY(waitNotStarted());
    replaysTheLiveRun(true);
    if (QTest::currentTestFailed()) return;
    // Saved again, the log writes the same `@server` lines (SessionInputLog::writeScript).
    const QString saved = m_dir.filePath(QStringLiteral("saved.input"));
    QVERIFY2(m_session->saveInputLog(saved, &error), qPrintable(error));
    QFile back(saved);
    QVERIFY(back.open(QIODevice::ReadOnly));
    const QByteArray text = back.readAll();
    QVERIFY2(text.contains(secs(m_closedAt) + "\t@server closed\n"), text.constData());
    QVERIFY2(text.contains(secs(m_connectedAt) + "\t@server connected\n"), text.constData());
}

void TestSessionRealServer::changeOfThePastAfterStepBackReplaysTheServersStates()
{
    // At the head (paused at 7 s, batch 7 still running), browse back to batch 3, between the
    // close and the return: the first step shows the run when batch 6 completed, then one batch a
    // step. A line typed there changes the past, and the run replays to batch 3 from the log,
    // server included.
    auto head = m_session->latestSnapshot();
    QVERIFY(head && !head->cursor && head->completedBatches == 6);
    for (int batches = 6; batches >= 3; --batches) {
        m_session->stepBack();
        auto back = waitPaused(batches);
        QVERIFY(back && back->cursor);
        QCOMPARE((*back->cursor - start()).ms(), qint64(batches) * 1000);
    }
    auto browsed = m_session->latestSnapshot();
    QVERIFY(browsed->cursor);
    QCOMPARE((*browsed->cursor - start()).ms(), 3000);
    QCOMPARE(browsed->fingerprint, head->fingerprint); // browsing ran nothing
    m_session->sendLine(QStringLiteral("typed while away"));
    RunSnapshotPtr s;
    QVERIFY(QTest::qWaitFor(
        [&] {
            s = m_session->latestSnapshot();
            return s && !s->cursor && s->phase == RunPhase::Paused && s->completedBatches == 3 && s->runId != head->runId;
        },
        30000));
    m_lastSerial = s->serial;
    QCOMPARE(receiverState(*s), QStringLiteral("inactive: ") + kClosed);
    QCOMPARE(receiverWarnings(*s), QStringList{QStringLiteral("2200 ") + kRestart + kClosed});
    QCOMPARE(connects(*s), QStringList{QStringLiteral("100")});
    // On to the return: connected at the tick after it, as before.
    s = runTo(5000);
    QVERIFY(s);
    QCOMPARE(receiverState(*s), QStringLiteral("active"));
    QCOMPARE(connects(*s), m_liveConnects);
}

void TestSessionRealServer::scriptWithServerLinesFollowsTheRecordedServer_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QStringList>("states");   // the receiver at 3 s, 5 s and 7.5 s (batch 7 done)
    QTest::addColumn<QStringList>("warnings"); // "MS SOURCE: MESSAGE"
    QTest::addColumn<QStringList>("connects"); // "Connected to localhost:9999" times
    QTest::addColumn<QStringList>("batches");  // the batches with words

    // The receiver launches at 100 ms (cost::receiverLaunchMs); its block ticks every 200 ms read
    // the log, so an event at t acts at the first tick >= t, and a line read at a tick goes to the
    // batch ending at or after it.
    // `dstreamlab run --real-time`'s recording starts with `connecting` at 0: it follows from the
    // start, not connected until "connected" (412 ms) at the 600 ms tick; "closed" at 2100 acts at
    // 2200, "refused" at 4120 at 4200, "connected" at 6130 at 6200.
    QTest::newRow("a-cli-recording-follows-its-server-from-the-start")
        << QByteArray("0.000\t@server connecting\n0.412\t@server connected\n0.500\t@source localhost:9999\tto be\n"
                      "2.100\t@server closed\n4.120\t@server refused\n6.130\t@server connected\n"
                      "6.300\t@source localhost:9999\tor not\n")
        << QStringList{QStringLiteral("inactive: ") + kClosed, QStringLiteral("inactive: ") + kRefused, QStringLiteral("active")}
        << QStringList{QStringLiteral("2200 ") + kRestart + kClosed, QStringLiteral("4200 ") + kRestart + kRefused}
        << QStringList{QStringLiteral("600"), QStringLiteral("6200")}
        << QStringList{QStringLiteral("1000: be=1 to=1"), QStringLiteral("7000: not=1 or=1")};
    // The dashboard's own saved log: the simulated nc until the first `@server` line (2300), then
    // the server: closed at the 2400 tick, back at 4400, reset (two lines) at 6600.
    QTest::newRow("a-saved-dashboard-log-follows-from-its-first-server-line")
        << QByteArray("0.500\tto be\n2.300\t@server closed\n4.300\t@server connected\n6.300\tor not\n"
                      "6.500\t@server reset\tConnection reset by peer\n")
        << QStringList{QStringLiteral("inactive: ") + kClosed, QStringLiteral("active"),
                       QStringLiteral("inactive: Error receiving data")}
        << QStringList{QStringLiteral("2400 ") + kRestart + kClosed,
                       QStringLiteral("6600 SocketReceiver: Error receiving data: Connection reset by peer"),
                       QStringLiteral("6600 ") + kRestart + QStringLiteral("Error receiving data")}
        << QStringList{QStringLiteral("100"), QStringLiteral("4400")}
        << QStringList{QStringLiteral("1000: be=1 to=1"), QStringLiteral("7000: not=1 or=1")};
    // Without `@server` lines nothing follows: the simulated nc is there all along.
    QTest::newRow("a-script-without-server-lines-stays-on-the-simulated-nc")
        << QByteArray("0.500\tto be\n6.300\tor not\n")
        << QStringList{QStringLiteral("active"), QStringLiteral("active"), QStringLiteral("active")} << QStringList()
        << QStringList{QStringLiteral("100")}
        << QStringList{QStringLiteral("1000: be=1 to=1"), QStringLiteral("7000: not=1 or=1")};
}

void TestSessionRealServer::scriptWithServerLinesFollowsTheRecordedServer()
{
    QFETCH(QByteArray, script);
    QFETCH(QStringList, states);
    QFETCH(QStringList, warnings);
    QFETCH(QStringList, connects);
    QFETCH(QStringList, batches);
    const QString path = m_dir.filePath(QStringLiteral("%1.input").arg(QString::fromLatin1(QTest::currentDataTag())));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(script);
    f.close();
    QString error;
    QVERIFY2(m_session->loadInputLog(path, &error), qPrintable(error));
    QVERIFY(waitNotStarted());
    QStringList got;
    RunSnapshotPtr s;
    for (const qint64 ms : {3000, 5000, 7500}) {
        s = runTo(ms);
        QVERIFY(s);
        got << receiverState(*s);
    }
    QCOMPARE(got, states);
    QCOMPARE(receiverWarnings(*s), warnings);
    QCOMPARE(::connects(*s), connects);
    QCOMPARE(counts(*s), batches);
    // The nc panel's lines are the script's lines only: a server's event is no line.
    std::size_t lines = 0;
    for (std::size_t i = s->input->first(); i < s->input->size; ++i) lines += s->input->at(i).isServer() ? 0 : 1;
    QCOMPARE(lines, std::size_t(2));
}

QTEST_GUILESS_MAIN(TestSessionRealServer)
#include "tst_sessionrealserver.moc"
