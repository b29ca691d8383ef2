// Input scripts (engine/inputscript.h) with senders and real servers' recorded connections
// ("@source NAME", "@server STATE"), read back exactly, old scripts read as before, bad lines
// named by file and line; and a socket receiver that follows a recorded server
// (InputLog::followServer): Spark's restart states (ReceiverSupervisor.restartReceiver,
// SocketInputDStream.scala's SocketReceiver) at the same simulated times whether the records
// were there from the start (a replay) or arrived while the run went on (the live run).
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"

#include "engine/inputscript.h"
#endif

#include <QtTest>

using namespace testkit;

namespace {

constexpr int kPort = 9999;

std::string describe(const ScriptLine &l)
{
    std::string s = std::to_string(l.offset.ms()) + "|";
    if (l.isServer()) return s + "server " + serverEventName(*l.server) + (l.text.empty() ? "" : "|" + l.text);
    if (l.isFile()) return s + "file " + l.path + "|" + l.text;
    if (l.isKafka()) return s + "kafka " + l.topic + "|" + l.text;
    return s + (l.source.empty() ? "" : "from " + l.source + "|") + l.text;
}

QStringList parsed(const std::string &script, std::string *error = nullptr)
{
    std::vector<ScriptLine> lines;
    std::string err;
    if (!parseInputScript(script, lines, err)) {
        if (error) *error = err;
        return {u"ERROR"_qs};
    }
    QStringList out;
    for (const auto &l : lines) out << QString::fromStdString(describe(l));
    return out;
}

/// The socket word count's lines per batch, and the receiver's state at chosen times.
struct SocketProgram {
    explicit SocketProgram(Driver &d) : ssc(*d.sc, 1_s)
    {
        auto lines = ssc.socketTextStream("localhost", kPort);
        ops::foreachRDD(lines, [this](const RDDPtr &rdd, SimTime t) {
            for (const Value &v : rdd->context().collect(rdd)) batchOf[std::string(v.asStr())] = t;
        });
    }
    StreamingContext ssc;
    std::map<std::string, SimTime> batchOf;
};

struct Step {
    qint64 ms;
    QString what; // "line TEXT", "connected", "refused", "closed", "reset WHY"
};

void add(InputLog &log, const Step &e)
{
    const SimTime t = kT0 + Duration(e.ms);
    const std::string w = e.what.toStdString();
    if (w.starts_with("line ")) log.addLine(t, w.substr(5), kPort);
    else if (w == "connected") log.addServerEvent(t, kPort, ServerEvent::Connected);
    else if (w == "refused") log.addServerEvent(t, kPort, ServerEvent::Refused);
    else if (w == "closed") log.addServerEvent(t, kPort, ServerEvent::Closed);
    else if (w.starts_with("reset ")) log.addServerEvent(t, kPort, ServerEvent::Reset, w.substr(6));
}

struct Outcome {
    QStringList warnings;                  // "ms SOURCE: message", WARN lines
    QStringList connects;                  // "ms" of each "Connected to localhost:9999"
    std::map<std::string, SimTime> batchOf;
    QList<bool> activeAt;                  // the receiver's ReceiverInfo::active at each probe
    std::uint64_t fingerprint = 0;
};

/// Runs 6 s; `live`: each record is added just before the clock reaches it (as LiveSockets adds
/// them between pacer slices), else all before the start (as --input adds a recording).
/// `followFromMs` < 0: the port follows its server from the start (followServer(port)); else the
/// dashboard's way, followServer(port, from), with `listens` saying whether the simulated `nc -lk`
/// serves the port before that; live, the follow is set when the record at `from` is added.
Outcome run(const QList<Step> &events, const QList<qint64> &probes, bool live, qint64 followFromMs = -1, bool listens = false)
{
    Driver d;
    SocketProgram p(d);
    if (followFromMs < 0) d.sim.inputLog().followServer(kPort);
    else if (!live) d.sim.inputLog().followServer(kPort, kT0 + Duration(followFromMs));
    if (listens) d.sim.inputLog().listen(kPort);
    if (!live)
        for (const Step &e : events) add(d.sim.inputLog(), e);
    p.ssc.start();
    // Walk the run to each record's time - 1 ms (live) and each probe.
    std::vector<std::pair<qint64, int>> stops; // (ms, event index or -1 - probe index)
    for (int i = 0; live && i < events.size(); ++i) stops.emplace_back(events[i].ms - 1, i);
    for (int i = 0; i < probes.size(); ++i) stops.emplace_back(probes[i], -1 - i);
    std::stable_sort(stops.begin(), stops.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    Outcome o;
    QList<bool> active(probes.size());
    for (const auto &[ms, what] : stops) {
        const Duration left = kT0 + Duration(ms) - d.sim.now();
        if (left.ms() > 0) p.ssc.awaitTerminationOrTimeout(left);
        if (what >= 0 && followFromMs >= 0 && events[what].ms == followFromMs)
            d.sim.inputLog().followServer(kPort, kT0 + Duration(followFromMs));
        if (what >= 0) add(d.sim.inputLog(), events[what]);
        else active[-1 - what] = p.ssc.scheduler().receivers().front().active;
    }
    const Duration left = kT0 + 6_s - d.sim.now();
    if (left.ms() > 0) p.ssc.awaitTerminationOrTimeout(left);
    for (const auto &l : d.rec.logs) {
        if (l.level == LogLevel::Warn)
            o.warnings << QString::number((l.time - kT0).ms()) + u" "_qs + QString::fromStdString(l.source + ": " + l.message);
        if (l.message == "Connected to localhost:9999") o.connects << QString::number((l.time - kT0).ms());
    }
    o.batchOf = p.batchOf;
    o.activeAt = active;
    o.fingerprint = d.sim.fingerprint();
    p.ssc.stop(true, false);
    return o;
}

} // namespace

Q_DECLARE_METATYPE(Step)

class TestInputScript : public QObject {
    Q_OBJECT
private slots:
    void readsBack_data();
    void readsBack();
    void writtenByHand();
    void oldScriptsReadAsBefore();
    void badLinesNamed_data();
    void badLinesNamed();
    void followsRecordedServer_data();
    void followsRecordedServer();
};

void TestInputScript::readsBack_data()
{
    QTest::addColumn<QString>("kind"); // line | server
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("event"); // ServerEvent for "server"
    QTest::newRow("plain-line") << u"line"_qs << u"to be or not"_qs << QString() << 0;
    QTest::newRow("line-with-a-student-as-sender")
        << u"line"_qs << u"to be or not"_qs << u"student 3 (192.168.1.20:50432)"_qs << 0;
    QTest::newRow("sender-name-with-tab-and-backslash-escaped")
        << u"line"_qs << u"a\tb"_qs << u"odd\tname\\x"_qs << 0;
    QTest::newRow("sent-text-that-looks-like-a-directive-stays-text")
        << u"line"_qs << u"@server closed"_qs << u"student 1 (127.0.0.1:1)"_qs << 0;
    QTest::newRow("unsent-text-starting-with-at-source-is-escaped")
        << u"line"_qs << u"@source x\ty"_qs << QString() << 0;
    QTest::newRow("unsent-text-starting-with-at-server-is-escaped") << u"line"_qs << u"@server connected"_qs << QString() << 0;
    QTest::newRow("server-connecting") << u"server"_qs << QString() << QString() << int(ServerEvent::Connecting);
    QTest::newRow("server-connected") << u"server"_qs << QString() << QString() << int(ServerEvent::Connected);
    QTest::newRow("server-refused") << u"server"_qs << QString() << QString() << int(ServerEvent::Refused);
    QTest::newRow("server-closed") << u"server"_qs << QString() << QString() << int(ServerEvent::Closed);
    QTest::newRow("server-reset-with-its-reason")
        << u"server"_qs << u"Connection reset by peer\t(x)"_qs << QString() << int(ServerEvent::Reset);
}

void TestInputScript::readsBack()
{
    QFETCH(QString, kind);
    QFETCH(QString, text);
    QFETCH(QString, source);
    QFETCH(int, event);
    std::string script;
    appendScriptLine(script, Duration(250), "before");
    if (kind == u"line"_qs) appendScriptLine(script, Duration(1250), text.toStdString(), source.toStdString());
    else appendScriptServer(script, Duration(1250), ServerEvent(event), text.toStdString());
    appendScriptLine(script, Duration(2000), "after");
    std::vector<ScriptLine> lines;
    std::string error;
    QVERIFY2(parseInputScript(script, lines, error), error.c_str());
    QCOMPARE(lines.size(), std::size_t(3));
    QCOMPARE(lines[0].text, std::string("before"));
    QCOMPARE(lines[2].text, std::string("after"));
    const ScriptLine &l = lines[1];
    QCOMPARE(l.offset, Duration(1250));
    QCOMPARE(QString::fromStdString(l.text), text);
    if (kind == u"line"_qs) {
        QVERIFY(!l.isServer());
        QCOMPARE(QString::fromStdString(l.source), source);
    } else {
        QVERIFY(l.isServer());
        QCOMPARE(int(*l.server), event);
    }
    // Into a log: the source shared by consecutive lines of one sender.
    InputLog log;
    for (auto &x : lines) addScriptLine(log, kT0, x, kPort);
    const InputRecord &r = log[1];
    QCOMPARE(r.kind, kind == u"line"_qs ? InputRecord::Kind::SocketLine : InputRecord::Kind::Server);
    QCOMPARE(r.time, kT0 + 1250_ms);
    QCOMPARE(r.port, kPort);
    if (!source.isEmpty()) QCOMPARE(QString::fromStdString(*r.source), source);
    else QVERIFY(!r.source);
}

void TestInputScript::writtenByHand()
{
    // The format as docs/realtime-sockets.md shows it, written by hand.
    const std::string script = "0.000\t@server connecting\n"
                               "0.412\t@server connected\n"
                               "1.250\t@source student 3 (192.168.1.20:50432)\tto be or not\n"
                               "1.300\t@source student 3 (192.168.1.20:50432)\t@kafka is just text here\n"
                               "3.100\t@server closed\n"
                               "5.120\t@server refused\n"
                               "7.200\t@server reset\tConnection reset by peer\n";
    QCOMPARE(parsed(script), (QStringList{u"0|server connecting"_qs, u"412|server connected"_qs,
                                          u"1250|from student 3 (192.168.1.20:50432)|to be or not"_qs,
                                          u"1300|from student 3 (192.168.1.20:50432)|@kafka is just text here"_qs,
                                          u"3100|server closed"_qs, u"5120|server refused"_qs,
                                          u"7200|server reset|Connection reset by peer"_qs}));
    InputLog log;
    std::vector<ScriptLine> lines;
    std::string error;
    QVERIFY(parseInputScript(script, lines, error));
    for (auto &l : lines) addScriptLine(log, kT0, l, kPort);
    QVERIFY(log[2].source && log[2].source == log[3].source); // one shared name
    // Written back: the same text.
    std::string again;
    for (std::size_t i = 0; i < log.size(); ++i) {
        const InputRecord &r = log[i];
        if (r.kind == InputRecord::Kind::Server) appendScriptServer(again, r.time - kT0, r.server, r.text);
        else appendScriptLine(again, r.time - kT0, r.text, r.source ? *r.source : std::string());
    }
    QCOMPARE(QString::fromStdString(again), QString::fromStdString(script));
}

void TestInputScript::oldScriptsReadAsBefore()
{
    // Scripts without the new directives: plain lines 0.1 s apart, timed lines, "@line" escapes.
    QCOMPARE(parsed("hello world\n@source x\n"), (QStringList{u"100|hello world"_qs, u"200|@source x"_qs}));
    QCOMPARE(parsed("0.5\thello\n1\t@line @file 1 x\n1.5\ta\tb\n"),
             (QStringList{u"500|hello"_qs, u"1000|@file 1 x"_qs, u"1500|a\tb"_qs}));
    QCOMPARE(parsed("2\t@kafka t\tv\n"), (QStringList{u"2000|kafka t|v"_qs}));
}

void TestInputScript::badLinesNamed_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QString>("error"); // as scriptErrorAt names it for "in.input"
    QTest::newRow("source-without-a-tab") << QByteArray("0.1\tok\n0.2\t@source student 1\n")
                                          << u"in.input:2: expected '@source NAME<TAB>TEXT', got '@source student 1'"_qs;
    QTest::newRow("source-with-an-empty-name") << QByteArray("0.2\t@source \thi\n")
                                               << u"in.input:1: expected '@source NAME<TAB>TEXT', got '@source \thi'"_qs;
    QTest::newRow("source-name-with-a-bad-escape")
        << QByteArray("\n0.2\t@source a\\qb\thi\n")
        << u"in.input:2: bad escape '\\q' in the source's name (use \\\\, \\t, \\r or \\n)"_qs;
    const QString expected = u"expected '@server STATE' with STATE connecting, connected, refused or closed, or "
                             "'@server reset<TAB>REASON', got "_qs;
    QTest::newRow("server-with-an-unknown-state") << QByteArray("1\t@server up\n")
                                                  << u"in.input:1: "_qs + expected + u"'@server up'"_qs;
    QTest::newRow("server-reset-without-its-reason") << QByteArray("1\t@server reset\n")
                                                     << u"in.input:1: "_qs + expected + u"'@server reset'"_qs;
    QTest::newRow("server-closed-with-a-reason") << QByteArray("1\t@server closed\tbye\n")
                                                 << u"in.input:1: "_qs + expected + u"'@server closed\tbye'"_qs;
    QTest::newRow("bad-seconds-named-too") << QByteArray("0.1\ta\nsoon\t@server connected\n")
                                           << u"in.input:2: 'soon' is not a number of seconds (>= 0)"_qs;
}

void TestInputScript::badLinesNamed()
{
    QFETCH(QByteArray, script);
    QFETCH(QString, error);
    std::string err;
    QCOMPARE(parsed(script.toStdString(), &err), QStringList{u"ERROR"_qs});
    QCOMPARE(QString::fromStdString(scriptErrorAt("in.input", err)), error);
}

void TestInputScript::followsRecordedServer_data()
{
    QTest::addColumn<QList<Step>>("events");
    QTest::addColumn<QList<qint64>>("probes");     // times to read ReceiverInfo::active at
    QTest::addColumn<QStringList>("warnings");     // "ms SOURCE: message"
    QTest::addColumn<QStringList>("connects");     // "Connected to localhost:9999" times
    QTest::addColumn<QStringList>("batches");      // "line@batch ms"
    QTest::addColumn<QList<bool>>("active");
    QTest::addColumn<qint64>("followFrom"); // -1: from the start (a recording); else the dashboard's
    QTest::addColumn<bool>("listens");      // the simulated `nc -lk` serves the port before that

    // The receiver launches at 100 ms (cost::receiverLaunchMs); its BlockGenerator ticks every
    // 200 ms from 200 ms, and each tick reads the records of its port up to then, in order: a
    // server event at t acts at the first tick >= t, a line is stored then and its block goes to
    // the batch ending at or after that tick.
    const QString restart = u"ReceiverSupervisorImpl: Restarting receiver with delay 2000 ms: "_qs;
    QTest::newRow("server-there-first-connects-at-the-first-tick")
        << QList<Step>{{50, u"connected"_qs}, {500, u"line a"_qs}} << QList<qint64>{150, 300} << QStringList()
        << QStringList{u"200"_qs} << QStringList{u"a@1000"_qs} << QList<bool>{true, true} << qint64(-1) << false;
    QTest::newRow("server-late-refused-every-2-s-inactive-until-it-connects")
        << QList<Step>{{150, u"refused"_qs}, {2150, u"refused"_qs}, {4150, u"connected"_qs}, {4500, u"line b"_qs}}
        << QList<qint64>{1000, 3000, 4300}
        << QStringList{u"200 "_qs + restart + u"Error connecting to localhost:9999"_qs,
                       u"2200 "_qs + restart + u"Error connecting to localhost:9999"_qs}
        << QStringList{u"4200"_qs} << QStringList{u"b@5000"_qs} << QList<bool>{false, false, true} << qint64(-1) << false;
    // The line at 700 is before "closed" at the same ms: stored, then the stream ends.
    QTest::newRow("closed-by-the-server-then-back")
        << QList<Step>{{50, u"connected"_qs}, {700, u"line x"_qs}, {700, u"closed"_qs}, {2700, u"refused"_qs},
                        {4700, u"connected"_qs}, {4800, u"line y"_qs}}
        << QList<qint64>{1000, 4900}
        << QStringList{u"800 "_qs + restart + u"Socket data stream had no more data"_qs,
                       u"2800 "_qs + restart + u"Error connecting to localhost:9999"_qs}
        << QStringList{u"200"_qs, u"4800"_qs} << QStringList{u"x@1000"_qs, u"y@5000"_qs} << QList<bool>{false, true} << qint64(-1) << false;
    QTest::newRow("connection-reset")
        << QList<Step>{{50, u"connected"_qs}, {1300, u"reset Connection reset by peer"_qs}} << QList<qint64>{1500}
        << QStringList{u"1400 SocketReceiver: Error receiving data: Connection reset by peer"_qs,
                       u"1400 "_qs + restart + u"Error receiving data"_qs}
        << QStringList{u"200"_qs} << QStringList() << QList<bool>{false} << qint64(-1) << false;
    // The dashboard (ProgramSession, RealServerEvent): the port follows its real server from the
    // server's first record on. Before, the simulated `nc -lk` serves it: the receiver connects at
    // its launch (100 ms) and switches at the tick that reads the first record; "closed" at 1300
    // acts at 1400, "connected" at 3300 at 3400, a line at 3500 is stored at 3600.
    QTest::newRow("dashboard-port-on-the-simulated-nc-follows-from-the-servers-first-record")
        << QList<Step>{{500, u"line a"_qs}, {1300, u"closed"_qs}, {3300, u"connected"_qs}, {3500, u"line b"_qs}}
        << QList<qint64>{1000, 2000, 3500} << QStringList{u"1400 "_qs + restart + u"Socket data stream had no more data"_qs}
        << QStringList{u"100"_qs, u"3400"_qs} << QStringList{u"a@1000"_qs, u"b@4000"_qs} << QList<bool>{true, false, true}
        << qint64(1300) << true;
    // Nobody listens before: refused at the launch (100 ms) and retried 2 s later (2100), when the
    // port follows the server, whose "connected" (1300) the first tick after, 2200, reads.
    QTest::newRow("dashboard-port-nobody-served-follows-at-its-next-retry")
        << QList<Step>{{1300, u"connected"_qs}, {1500, u"line c"_qs}} << QList<qint64>{1000, 2300}
        << QStringList{u"100 "_qs + restart + u"Error connecting to localhost:9999"_qs} << QStringList{u"2200"_qs}
        << QStringList{u"c@3000"_qs} << QList<bool>{false, true} << qint64(1300) << false;
}

void TestInputScript::followsRecordedServer()
{
    QFETCH(QList<Step>, events);
    QFETCH(QList<qint64>, probes);
    QFETCH(QStringList, warnings);
    QFETCH(QStringList, connects);
    QFETCH(QStringList, batches);
    QFETCH(QList<bool>, active);
    QFETCH(qint64, followFrom);
    QFETCH(bool, listens);
    const Outcome replay = run(events, probes, false, followFrom, listens);
    QCOMPARE(replay.warnings, warnings);
    QCOMPARE(replay.connects, connects);
    QStringList got;
    for (const auto &[line, t] : replay.batchOf) got << QString::fromStdString(line) + u"@"_qs + QString::number((t - kT0).ms());
    QCOMPARE(got, batches);
    QCOMPARE(replay.activeAt, active);
    // The live run, whose records arrive while it goes on, is the same run.
    const Outcome live = run(events, probes, true, followFrom, listens);
    QCOMPARE(live.warnings, replay.warnings);
    QCOMPARE(live.connects, replay.connects);
    QCOMPARE(live.batchOf, replay.batchOf);
    QCOMPARE(live.activeAt, replay.activeAt);
    QCOMPARE(live.fingerprint, replay.fingerprint);
}

QTEST_APPLESS_MAIN(TestInputScript)
#include "tst_inputscript.moc"
