// Real sockets in `dstreamlab run --real-time` (docs/realtime-sockets.md), with Debian's nc
// (netcat-openbsd) on 127.0.0.1 only:
//
// - LineFramer, in process: lines end at \n, \r\n or \r as Java's BufferedReader.readLine ends
//   them (Spark's SocketReceiver.bytesToLines), ill-formed UTF-8 becomes U+FFFD, a long line is cut.
// - `nc -lk PORT` as the server and Spark's network_wordcount.py as the client: there first, late
//   (Spark's "Restarting receiver with delay 2000 ms" while it is absent), dropping and coming back,
//   telnet-style \r\n with invalid UTF-8 and an unterminated last line.
// - The class port (--listen): several nc clients at once, malformed input (no final newline, a
//   1 MB line, binary, half-closed sockets), 200 connections, the connection limit and the rate
//   limit, and text that looks like an input-script directive staying text.
//
// In every live row the word counts printed, summed over the batches, are those of the lines
// sent (worked by hand in the rows), and the recording replays the run with `--input` to the same
// stdout and the same fingerprint. Bad options fail with a message naming them. The nc rows are
// skipped, saying why, when /usr/bin/nc is not OpenBSD's netcat. Every process started is ended.
#include "clirunkit.h"
#include "loopbackports.h"
#include "app/lineframer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <csignal>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const QString kNc = u"/usr/bin/nc"_s;
const QString kProgram = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/sockets/network_wordcount.py");
constexpr int kSeconds = 10; // each live run: batches at 1 .. 9 s print

using clikit::BusyPort;
using clikit::freePort;

/// A child process the test always ends (killed if it outlives its scope).
/// A run with TZ=UTC and its own data folder (where recordings go by default).
struct Child : clikit::LiveProcess {
    Child(const QString &workDir, const QString &dataHome) : LiveProcess(workDir, environment(dataHome)) {}
    static QProcessEnvironment environment(const QString &dataHome)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"TZ"_s, u"UTC"_s);
        env.insert(u"XDG_DATA_HOME"_s, dataHome);
        return env;
    }
};

using clikit::WordCounts;
using clikit::wordCounts;

/// The batches whose pprint shows `word`.
int batchesWith(const QByteArray &out, const QString &word)
{
    return static_cast<int>(QString::fromUtf8(out).count(u"('"_s + word + u"', "_s));
}

QString fingerprintOf(const QByteArray &err)
{
    const auto m = QRegularExpression(u"fingerprint: ([0-9a-f]{16})"_s).match(QString::fromUtf8(err));
    return m.hasMatch() ? m.captured(1) : QString();
}

/// The replay options the run printed (the line after "... deterministically ... and with:").
QByteArray replayLine(const QByteArray &err)
{
    const qsizetype at = err.indexOf("from real sockets entered the run");
    if (at < 0) return {};
    const qsizetype start = err.indexOf("\n  ", at);
    if (start < 0) return {};
    const qsizetype end = err.indexOf('\n', start + 1);
    return err.mid(start + 3, end - start - 3);
}

bool isOpenBsdNetcat()
{
    if (!QFile::exists(kNc)) return false;
    QProcess p;
    p.start(kNc, {u"-h"_s});
    if (!p.waitForFinished(10000)) {
        p.kill();
        p.waitForFinished();
        return false;
    }
    return (p.readAllStandardError() + p.readAllStandardOutput()).contains("OpenBSD netcat");
}

QString fffd(int n = 1) { return QString(n, QChar(0xFFFD)); }

} // namespace

class TestRealSockets : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void lineFramer_data();
    void lineFramer();
    void aMegabyteLineIsCutNotBuffered();
    void ncServer_data();
    void ncServer();
    void classPort_data();
    void classPort();
    void twoServersNearBatchBoundaries();
    void badOptionsFailClearly_data();
    void badOptionsFailClearly();

private:
    /// Starts `dstreamlab run network_wordcount.py 127.0.0.1 PORT --real-time ...`.
    void startLive(Child &run, int port, const QStringList &extra);
    /// Checks the live run's end, its counts, and that its recording replays it exactly.
    void checkLiveAndReplay(Child &live, int port, const WordCounts &counts);
    QString ncSkipReason() const
    {
        return m_haveNc ? QString() : u"/usr/bin/nc is not OpenBSD's netcat (Debian: netcat-openbsd)"_s;
    }

    QTemporaryDir m_dir;  ///< working folder and recordings
    QTemporaryDir m_data; ///< XDG_DATA_HOME
    bool m_haveNc = false;
};

void TestRealSockets::initTestCase()
{
    QVERIFY(m_dir.isValid() && m_data.isValid());
    m_haveNc = isOpenBsdNetcat();
    if (!m_haveNc) qWarning("skipping the nc rows: /usr/bin/nc is not OpenBSD's netcat (Debian: netcat-openbsd)");
}

// ---- the framer ----------------------------------------------------------------------------

void TestRealSockets::lineFramer_data()
{
    QTest::addColumn<QByteArrayList>("chunks"); // fed one after the other
    QTest::addColumn<bool>("finish");           // the stream then ends
    QTest::addColumn<int>("maxLine");
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<QList<int>>("replaced"); // per line
    QTest::addColumn<QList<int>>("cut");      // per line
    QTest::newRow("\\n ends a line") << QByteArrayList{"a b\nc\n"} << false << 64 << QStringList{u"a b"_s, u"c"_s}
                                     << QList<int>{0, 0} << QList<int>{0, 0};
    QTest::newRow("telnet's \\r\\n, one terminator")
        << QByteArrayList{"hi\r\nthere\r\n"} << false << 64 << QStringList{u"hi"_s, u"there"_s} << QList<int>{0, 0}
        << QList<int>{0, 0};
    QTest::newRow("a lone \\r ends a line, as readLine's") << QByteArrayList{"x\ry\n"} << false << 64
                                                            << QStringList{u"x"_s, u"y"_s} << QList<int>{0, 0} << QList<int>{0, 0};
    QTest::newRow("\\r\\n split over two reads") << QByteArrayList{"a\r", "\nb\n"} << false << 64
                                                 << QStringList{u"a"_s, u"b"_s} << QList<int>{0, 0} << QList<int>{0, 0};
    QTest::newRow("empty lines are lines") << QByteArrayList{"\n\r\n"} << false << 64 << QStringList{QString(), QString()}
                                           << QList<int>{0, 0} << QList<int>{0, 0};
    QTest::newRow("no final newline: a line at the end of the stream")
        << QByteArrayList{"one\nlast"} << true << 64 << QStringList{u"one"_s, u"last"_s} << QList<int>{0, 0} << QList<int>{0, 0};
    QTest::newRow("no final newline, stream still open: not a line yet")
        << QByteArrayList{"one\nlast"} << false << 64 << QStringList{u"one"_s} << QList<int>{0} << QList<int>{0};
    QTest::newRow("a character split over two reads") << QByteArrayList{"caf\xc3", "\xa9\n"} << false << 64
                                                      << QStringList{u"café"_s} << QList<int>{0} << QList<int>{0};
    QTest::newRow("binary bytes: one U+FFFD each")
        << QByteArrayList{"ok \xff\xfe bin\n"} << false << 64 << QStringList{u"ok "_s + fffd(2) + u" bin"_s} << QList<int>{2}
        << QList<int>{0};
    QTest::newRow("a truncated sequence: one U+FFFD for its maximal subpart")
        << QByteArrayList{"\xe2\x82x\n"} << false << 64 << QStringList{fffd() + u"x"_s} << QList<int>{1} << QList<int>{0};
    // C0 (never a lead), AF (a lone continuation), ED A0 80 (a surrogate: ED takes 80..9F only).
    QTest::newRow("overlong and surrogate forms") << QByteArrayList{"\xc0\xaf\xed\xa0\x80\n"} << false << 64
                                                  << QStringList{fffd(5)} << QList<int>{5} << QList<int>{0};
    QTest::newRow("an ill-formed tail at the end of the stream")
        << QByteArrayList{"end\xf0\x9f"} << true << 64 << QStringList{u"end"_s + fffd()} << QList<int>{1} << QList<int>{0};
    QTest::newRow("a line over the limit is cut") << QByteArrayList{"0123456789abcdefXYZ\nok\n"} << false << 16
                                                  << QStringList{u"0123456789abcdef"_s, u"ok"_s} << QList<int>{0, 0}
                                                  << QList<int>{3, 0};
    // 15 bytes, then é (2 bytes) across the 16-byte limit: é is dropped whole, not half-replaced.
    QTest::newRow("the cut keeps whole characters") << QByteArrayList{"abcdefghijklmno\xc3\xa9z\n"} << false << 16
                                                    << QStringList{u"abcdefghijklmno"_s} << QList<int>{0} << QList<int>{3};
}

void TestRealSockets::lineFramer()
{
    QFETCH(QByteArrayList, chunks);
    QFETCH(bool, finish);
    QFETCH(int, maxLine);
    QFETCH(QStringList, lines);
    QFETCH(QList<int>, replaced);
    QFETCH(QList<int>, cut);
    dsl::app::LineFramer framer(static_cast<std::size_t>(maxLine));
    std::vector<dsl::app::FramedLine> out;
    for (const QByteArray &c : chunks) framer.feed(std::string_view(c.constData(), static_cast<std::size_t>(c.size())), out);
    if (finish) framer.finish(out);
    QStringList texts;
    QList<int> rep, cuts;
    for (const auto &l : out) {
        texts << QString::fromStdString(l.text);
        rep << static_cast<int>(l.replaced);
        cuts << static_cast<int>(l.cutBytes);
    }
    QCOMPARE(texts, lines);
    QCOMPARE(rep, replaced);
    QCOMPARE(cuts, cut);
}

void TestRealSockets::aMegabyteLineIsCutNotBuffered()
{
    // 1,000,000 bytes without a newline in 64 KiB reads: never more than the limit is held.
    dsl::app::LineFramer framer(8192);
    std::vector<dsl::app::FramedLine> out;
    const std::string chunk(64 * 1024, 'x');
    std::size_t sent = 0;
    while (sent < 1'000'000) {
        const std::size_t n = std::min(chunk.size(), 1'000'000 - sent);
        framer.feed(std::string_view(chunk.data(), n), out);
        sent += n;
        QVERIFY(framer.pendingBytes() <= 8192);
    }
    framer.feed("\n", out);
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].text.size(), std::size_t(8192));
    QCOMPARE(out[0].cutBytes, std::size_t(1'000'000 - 8192));
    QCOMPARE(QString::fromStdString(dsl::app::flagDescription(out[0], 8192)),
             u"cut at the 8192-byte limit (991808 bytes dropped)"_s);
}

// ---- live runs -----------------------------------------------------------------------------

void TestRealSockets::startLive(Child &run, int port, const QStringList &extra)
{
    run.p.start(QStringLiteral(DSTREAMLAB_BIN),
                QStringList{u"run"_s, kProgram, u"127.0.0.1"_s, QString::number(port), u"--master"_s, u"local[2]"_s,
                            u"--db"_s, u"none"_s, u"--real-time"_s, u"--seconds"_s, QString::number(kSeconds),
                            u"--fingerprint"_s} +
                    extra);
    QVERIFY2(run.p.waitForStarted(10000), "dstreamlab did not start");
}

void TestRealSockets::checkLiveAndReplay(Child &live, int port, const WordCounts &counts)
{
    QVERIFY2(live.finish(60000), live.err.constData());
    QVERIFY2(live.exitCode() == 0, live.err.constData());
    if (wordCounts(live.out) != counts) qWarning("stdout:\n%s\nstderr:\n%s", live.out.left(4000).constData(), live.err.left(4000).constData());
    QCOMPARE(wordCounts(live.out), counts);
    // Responsive throughout: every batch of the run printed (1 .. kSeconds - 1 s).
    QCOMPARE(live.out.count("Time: "), qsizetype(kSeconds - 1));
    const QString fingerprint = fingerprintOf(live.err);
    QVERIFY2(!fingerprint.isEmpty(), live.err.constData());

    // The printed options, pasted after the same command in a shell, replay it exactly.
    const QByteArray line = replayLine(live.err);
    QVERIFY2(line.contains("--input "), live.err.constData());
    Child replay(m_dir.path(), m_data.path());
    const QString command = QStringLiteral(DSTREAMLAB_BIN) + u" run "_s + kProgram + u" 127.0.0.1 "_s +
                            QString::number(port) + u" --master 'local[2]' --db none --fingerprint "_s +
                            QString::fromUtf8(line);
    replay.p.start(u"/bin/sh"_s, {u"-c"_s, command});
    QVERIFY2(replay.finish(120000), "the replay timed out");
    QVERIFY2(replay.exitCode() == 0, replay.err.constData());
    QCOMPARE(replay.out, live.out);
    QCOMPARE(fingerprintOf(replay.err), fingerprint);
}

void TestRealSockets::ncServer_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<WordCounts>("counts");
    QTest::addColumn<QStringList>("stderrHas"); // PORT: the port
    QTest::newRow("nc -lk there first") << u"first"_s << WordCounts{{u"hello"_s, 2}, {u"spark"_s, 1}, {u"world"_s, 1}}
                                        << QStringList{u"DStream Lab: connected to 127.0.0.1:PORT (a real server)"_s,
                                                       u"DStream Lab: 127.0.0.1:PORT (a real server): 2 lines over 1 connection"_s};
    QTest::newRow("nc -lk started late: the receiver retries every 2 s")
        << u"late"_s << WordCounts{{u"late"_s, 1}, {u"lines"_s, 1}, {u"arrive"_s, 1}}
        << QStringList{u" WARN ReceiverSupervisorImpl: Restarting receiver with delay 2000 ms: Error connecting to 127.0.0.1:PORT"_s,
                       u"DStream Lab: 127.0.0.1:PORT (a real server): 1 line over 1 connection"_s};
    QTest::newRow("nc -lk stopped and started again")
        << u"drop"_s << WordCounts{{u"first"_s, 1}, {u"second"_s, 1}, {u"part"_s, 2}}
        << QStringList{u" WARN ReceiverSupervisorImpl: Restarting receiver with delay 2000 ms: Socket data stream had no more data"_s,
                       u"DStream Lab: 127.0.0.1:PORT (a real server): 2 lines over 2 connections"_s};
    // "caf\xc3\xa9 ok\r\n" "bad\xff byte\r" "end without newline" and then nc goes: the last line is
    // read at the end of the stream, as readLine returns it.
    QTest::newRow("\\r\\n and \\r, invalid UTF-8, no final newline")
        << u"malformed"_s
        << WordCounts{{u"café"_s, 1}, {u"ok"_s, 1}, {u"bad"_s + fffd(), 1}, {u"byte"_s, 1}, {u"end"_s, 1},
                      {u"without"_s, 1}, {u"newline"_s, 1}}
        << QStringList{u" WARN DStreamLab: line 2 from 127.0.0.1:PORT: 1 ill-formed UTF-8 sequence replaced by U+FFFD"_s,
                       u"DStream Lab: 127.0.0.1:PORT (a real server): 3 lines over 1 connection (1 flagged)"_s};
}

void TestRealSockets::ncServer()
{
    QFETCH(QString, scenario);
    QFETCH(WordCounts, counts);
    QFETCH(QStringList, stderrHas);
    if (!m_haveNc) QSKIP(qPrintable(ncSkipReason()));
    const int port = freePort();
    const QString rec = m_dir.filePath(u"server-"_s + scenario + u".input"_s);
    // `nc -lk 127.0.0.1 PORT`, its stdin kept open as a terminal's would be.
    auto nc = [&](Child &c, const QByteArray &input) {
        c.p.start(kNc, {u"-lk"_s, u"127.0.0.1"_s, QString::number(port)});
        QVERIFY2(c.p.waitForStarted(10000), "nc did not start");
        c.p.write(input);
        while (c.p.bytesToWrite() > 0 && c.p.waitForBytesWritten(5000)) {
        }
    };
    Child live(m_dir.path(), m_data.path());
    Child server(m_dir.path(), m_data.path()), server2(m_dir.path(), m_data.path());
    const QByteArray port_ = QByteArray::number(port);
    const QByteArray connected = "connected to 127.0.0.1:" + port_;
    if (scenario == u"first"_s) {
        nc(server, "hello spark\nhello world\n");
        QTest::qWait(300); // nc listens
        startLive(live, port, {u"--record-input"_s, rec});
    } else if (scenario == u"late"_s) {
        startLive(live, port, {u"--record-input"_s, rec});
        QVERIFY2(live.waitFor("Error connecting to 127.0.0.1:" + port_, 30000), live.err.constData());
        nc(server, "late lines arrive\n");
    } else if (scenario == u"drop"_s) {
        nc(server, "first part\n");
        QTest::qWait(300);
        startLive(live, port, {u"--record-input"_s, rec});
        QVERIFY2(live.waitFor("('first', 1)", 30000, true), live.err.constData());
        server.p.terminate(); // Ctrl-C in nc's terminal: the connection closes
        QVERIFY(server.p.waitForFinished(10000));
        QVERIFY2(live.waitFor("Socket data stream had no more data", 10000), live.err.constData());
        nc(server2, "second part\n");
    } else {
        nc(server, "caf\xc3\xa9 ok\r\nbad\xff byte\rend without newline");
        QTest::qWait(300);
        startLive(live, port, {u"--record-input"_s, rec});
        QVERIFY2(live.waitFor("('ok', 1)", 30000, true), live.err.constData());
        server.p.terminate();
        QVERIFY(server.p.waitForFinished(10000));
    }
    QVERIFY2(live.waitFor(connected, 30000), live.err.constData());
    checkLiveAndReplay(live, port, counts);
    for (QString s : stderrHas) QVERIFY2(live.err.contains(s.replace(u"PORT"_s, QString::number(port)).toUtf8()), live.err.constData());
}

void TestRealSockets::classPort_data()
{
    QTest::addColumn<QStringList>("limits");          // --listen-limit values
    QTest::addColumn<QByteArrayList>("clients");      // one nc -N each, all at once
    QTest::addColumn<int>("manyClients");             // that many more, each sending "hello\n", from one shell
    QTest::addColumn<bool>("hold");                   // clients keep their connection (nc without -N)
    QTest::addColumn<WordCounts>("counts");
    QTest::addColumn<QStringList>("stderrHas");
    QTest::newRow("several nc clients typing at once")
        << QStringList() << QByteArrayList{"to be or\nnot to be\n", "hello\n", "hello world\nworld\n", "be quick\n"} << 0
        << false
        << WordCounts{{u"to"_s, 2}, {u"be"_s, 3}, {u"or"_s, 1}, {u"not"_s, 1}, {u"hello"_s, 2}, {u"world"_s, 2}, {u"quick"_s, 1}}
        << QStringList{u"DStream Lab: the class port 127.0.0.1:PORT had 4 connections; lines that entered the run:"_s};
    // A 1 MB line ("big " and 999,996 x) is cut to 8192 bytes: "big" and 8188 x; binary bytes
    // become U+FFFD; a line without a newline counts when the client half-closes (nc -N). (0xFE
    // before 0xFF: the class port drops telnet commands, and 0xFF 0xFE 0x20 is IAC DONT 32.)
    const QByteArray big = "big " + QByteArray(999'996, 'x') + "\nafter\n";
    QTest::newRow("malformed: a 1 MB line, binary, no final newline, half-closed")
        << QStringList() << QByteArrayList{big, QByteArray("ok \xfe\xff bin\n\x01\x02\n"), "no final newline"} << 0 << false
        << WordCounts{{u"big"_s, 1}, {QString(8188, u'x'), 1}, {u"after"_s, 1}, {u"ok"_s, 1}, {fffd(2), 1},
                      {u"bin"_s, 1}, {u"\\x01\\x02"_s, 1}, {u"no"_s, 1}, {u"final"_s, 1}, {u"newline"_s, 1}}
        << QStringList{u": cut at the 8192-byte limit (991808 bytes dropped)"_s,
                       u": 2 ill-formed UTF-8 sequences replaced by U+FFFD"_s};
    // 200 clients at once (connections=250: however many overlap, none is refused).
    QTest::newRow("200 connections") << QStringList{u"connections=250"_s} << QByteArrayList() << 200 << false
                                     << WordCounts{{u"hello"_s, 200}}
                                     << QStringList{u"DStream Lab: the class port 127.0.0.1:PORT had 200 connections"_s};
    // 25 clients that stay connected; 10 fit, 15 are told the port is full. Idle ones are closed
    // after 3 s (then their nc ends).
    QTest::newRow("connections=10: 15 of 25 refused")
        << QStringList{u"connections=10"_s, u"idle-seconds=3"_s} << QByteArrayList(25, "held\n") << 0 << true
        << WordCounts{{u"held"_s, 10}}
        << QStringList{u"DStream Lab: the class port 127.0.0.1:PORT had 10 connections (and refused 15 over the limit of 10)"_s,
                       u"disconnected (idle for 3 s) after 1 line"_s};
    // 60 lines at 20 a second (a burst of 20 first): read more slowly, none dropped.
    QByteArray sixty;
    for (int i = 0; i < 60; ++i) sixty += "r\n";
    QTest::newRow("lines-per-second=20: 60 lines slowed, none lost")
        << QStringList{u"lines-per-second=20"_s} << QByteArrayList{sixty} << 0 << false << WordCounts{{u"r"_s, 60}}
        << QStringList{u"): 60 lines"_s};
    // What looks like an input script's directives or code is a line of words like any other:
    // recorded as "@line ..." and read back as text.
    QTest::newRow("directives and code stay text")
        << QStringList() << QByteArrayList{"@file 1 /tmp/dstreamlab-not-a-file\n@kafka t v\n@line x\nimport os\n"} << 0 << false
        << WordCounts{{u"@file"_s, 1}, {u"1"_s, 1}, {u"/tmp/dstreamlab-not-a-file"_s, 1}, {u"@kafka"_s, 1}, {u"t"_s, 1},
                      {u"v"_s, 1}, {u"@line"_s, 1}, {u"x"_s, 1}, {u"import"_s, 1}, {u"os"_s, 1}}
        << QStringList();
}

void TestRealSockets::classPort()
{
    QFETCH(QStringList, limits);
    QFETCH(QByteArrayList, clients);
    QFETCH(int, manyClients);
    QFETCH(bool, hold);
    QFETCH(WordCounts, counts);
    QFETCH(QStringList, stderrHas);
    if (!m_haveNc) QSKIP(qPrintable(ncSkipReason()));
    const int port = freePort();
    const QString rec = m_dir.filePath(u"class-"_s + QString::fromUtf8(QTest::currentDataTag()).left(12).replace(u' ', u'-') + u".input"_s);
    QStringList extra{u"--listen"_s, QString::number(port), u"--record-input"_s, rec};
    for (const QString &l : limits) extra << u"--listen-limit"_s << l;
    Child live(m_dir.path(), m_data.path());
    startLive(live, port, extra);
    QVERIFY2(live.waitFor("the class port is open at 127.0.0.1:" + QByteArray::number(port), 30000), live.err.constData());

    std::vector<std::unique_ptr<Child>> ncs;
    for (const QByteArray &input : clients) {
        auto c = std::make_unique<Child>(m_dir.path(), m_data.path());
        QStringList args;
        if (!hold) args << u"-N"_s; // shut the socket down for writing at the end of the input
        args << u"127.0.0.1"_s << QString::number(port);
        c->p.start(kNc, args);
        QVERIFY2(c->p.waitForStarted(10000), "nc did not start");
        c->p.write(input);
        // Written now: the test's waits below run no event loop for nc's stdin.
        while (c->p.bytesToWrite() > 0 && c->p.waitForBytesWritten(5000)) {
        }
        c->p.closeWriteChannel();
        ncs.push_back(std::move(c));
    }
    Child shell(m_dir.path(), m_data.path());
    if (manyClients > 0) {
        shell.p.start(u"/bin/sh"_s, {u"-c"_s, u"for i in $(seq %1); do printf 'hello\\n' | %2 -N 127.0.0.1 %3 & done; wait"_s
                                                  .arg(manyClients)
                                                  .arg(kNc)
                                                  .arg(port)});
        QVERIFY(shell.finish(60000));
    }
    checkLiveAndReplay(live, port, counts);
    for (QString s : stderrHas) QVERIFY2(live.err.contains(s.replace(u"PORT"_s, QString::number(port)).toUtf8()), live.err.constData());
    // Slowed to 20 lines a second, 60 lines cannot fit in one 1-second batch.
    if (limits.contains(u"lines-per-second=20"_s)) QVERIFY2(batchesWith(live.out, u"r"_s) >= 2, live.out.constData());
    if (hold) {
        int told = 0;
        for (auto &c : ncs) {
            c->finish(5000);
            if (c->out.contains("DStream Lab: the class port is full (10 connections); try again later")) ++told;
        }
        QVERIFY2(told > 0, "no refused client was told why");
    }
    QVERIFY(!QFile::exists(u"/tmp/dstreamlab-not-a-file"_s));
    // Every client ends with the run (the class port closes them all).
    for (auto &c : ncs) QVERIFY(c->finish(10000));
}

void TestRealSockets::twoServersNearBatchBoundaries()
{
    // Two `nc -lk` servers on two ports, each sent a numbered line every 23 ms (A) and 31 ms (B)
    // for about 3 s: with 1-second batches, dozens of lines arrive within a few ms of a batch
    // boundary (wall time cannot be steered exactly, so many lines over several boundaries).
    // The live run's recording (one file per port) must replay every batch with the same lines,
    // and the engine's log lines (the receiver's connection) at the same simulated times.
    if (!m_haveNc) QSKIP(qPrintable(ncSkipReason()));
    const int portA = freePort();
    int portB = freePort();
    for (int i = 0; portB == portA && i < 20; ++i) portB = freePort();
    QVERIFY(portB != portA);
    const QString program = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/sockets/two_ports.py");
    const QString rec = m_dir.filePath(u"two-ports.input"_s);
    Child serverA(m_dir.path(), m_data.path()), serverB(m_dir.path(), m_data.path());
    for (auto [c, port] : {std::pair{&serverA, portA}, std::pair{&serverB, portB}}) {
        c->p.start(kNc, {u"-lk"_s, u"127.0.0.1"_s, QString::number(port)});
        QVERIFY2(c->p.waitForStarted(10000), "nc did not start");
    }
    QTest::qWait(300); // nc listens
    Child live(m_dir.path(), m_data.path());
    constexpr int seconds = 6;
    live.p.start(QStringLiteral(DSTREAMLAB_BIN),
                 {u"run"_s, program, u"127.0.0.1"_s, QString::number(portA), QString::number(portB), u"--db"_s, u"none"_s,
                  u"--real-time"_s, u"--seconds"_s, QString::number(seconds), u"--fingerprint"_s, u"--record-input"_s, rec});
    QVERIFY2(live.p.waitForStarted(10000), "dstreamlab did not start");
    QVERIFY2(live.waitFor("connected to 127.0.0.1:" + QByteArray::number(portA), 30000), live.err.constData());
    QVERIFY2(live.waitFor("connected to 127.0.0.1:" + QByteArray::number(portB), 30000), live.err.constData());
    QElapsedTimer clock;
    clock.start();
    int sentA = 0, sentB = 0;
    while (clock.elapsed() < 3000) {
        const qint64 ms = clock.elapsed();
        while (sentA * 23 <= ms) serverA.p.write(QByteArray::number(++sentA) + '\n');
        while (sentB * 31 <= ms) serverB.p.write(QByteArray::number(++sentB) + '\n');
        for (Child *c : {&serverA, &serverB})
            while (c->p.bytesToWrite() > 0 && c->p.waitForBytesWritten(1000)) {
            }
        QTest::qSleep(3);
    }
    QVERIFY2(live.finish(60000), live.err.constData());
    QVERIFY2(live.exitCode() == 0, live.err.constData());
    // Every line sent entered the run: A's lines 1..sentA in order over its batches, B's too.
    QStringList a, b;
    static const QRegularExpression group(uR"(^\('(A|B)', \[(.*)\]\)$)"_s, QRegularExpression::MultilineOption);
    for (auto it = group.globalMatch(QString::fromUtf8(live.out)); it.hasNext();) {
        const auto m = it.next();
        for (const QString &n : m.captured(2).split(u", "_s)) (m.captured(1) == u"A"_s ? a : b) << n.mid(1, n.size() - 2);
    }
    QStringList wantA, wantB;
    for (int i = 1; i <= sentA; ++i) wantA << QString::number(i);
    for (int i = 1; i <= sentB; ++i) wantB << QString::number(i);
    QCOMPARE(a, wantA);
    QCOMPARE(b, wantB);
    QVERIFY2(batchesWith(live.out, u"A"_s) >= 3, live.out.constData()); // the lines span batch boundaries

    const QByteArray line = replayLine(live.err);
    QVERIFY2(line.contains("--input " + QByteArray::number(portA) + "=") &&
                 line.contains("--input " + QByteArray::number(portB) + "="),
             live.err.constData());
    Child replay(m_dir.path(), m_data.path());
    replay.p.start(u"/bin/sh"_s, {u"-c"_s, QStringLiteral(DSTREAMLAB_BIN) + u" run "_s + program + u" 127.0.0.1 %1 %2 --db none --fingerprint "_s
                                                                              .arg(portA)
                                                                              .arg(portB) +
                                              QString::fromUtf8(line)});
    QVERIFY2(replay.finish(120000), "the replay timed out");
    QVERIFY2(replay.exitCode() == 0, replay.err.constData());
    QCOMPARE(replay.out, live.out);
    QCOMPARE(fingerprintOf(replay.err), fingerprintOf(live.err));
}

void TestRealSockets::badOptionsFailClearly_data()
{
    QTest::addColumn<QStringList>("args"); // BUSY: a port the test keeps listening on
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("--listen without a port") << QStringList{u"--listen"_s} << 2
                                             << u"--listen needs [ADDR:]PORT, e.g. --listen 9999 or --listen 0.0.0.0:9999"_s;
    QTest::newRow("--listen 70000") << QStringList{u"--listen"_s, u"70000"_s} << 2
                                    << u"--listen needs [ADDR:]PORT with a TCP port from 1 to 65535, e.g. --listen 9999 or --listen 0.0.0.0:9999, not '70000'"_s;
    QTest::newRow("--listen ::1:9999") << QStringList{u"--listen"_s, u"::1:9999"_s} << 2
                                       << u"--listen: an IPv6 address goes in brackets, e.g. --listen '[::1]:9999', not '::1:9999'"_s;
    QTest::newRow("--listen-limit without --listen") << QStringList{u"--real-time"_s, u"--listen-limit"_s, u"connections=5"_s}
                                                     << 2 << u"dstreamlab run: --listen-limit goes with --listen [ADDR:]PORT"_s;
    QTest::newRow("--listen-limit with an unknown key")
        << QStringList{u"--listen"_s, u"9999"_s, u"--listen-limit"_s, u"students=5"_s} << 2
        << u"--listen-limit needs KEY=VALUE with KEY one of connections (>= 1), line-bytes (>= 16), lines-per-second (> 0, or 0 for no limit), idle-seconds (>= 0, 0 for never), not 'students=5'"_s;
    QTest::newRow("--record-input without --real-time") << QStringList{u"--record-input"_s, u"x.input"_s} << 2
                                                        << u"dstreamlab run: --record-input goes with --real-time"_s;
    QTest::newRow("--allow-host when --input feeds every socket")
        << QStringList{u"--real-time"_s, u"--allow-host"_s, u"example.org"_s, u"--input"_s, u"in.input"_s} << 2
        << u"dstreamlab run: --allow-host: this run has no real sockets (--input FILE feeds every socketTextStream)"_s;
    QTest::newRow("a port another process listens on")
        << QStringList{u"--listen"_s, u"BUSY"_s, u"--seconds"_s, u"1"_s} << 1
        << u"DStream Lab: --listen: 127.0.0.1:BUSY is in use (another `nc -lk`, or a run already listening there?): Address already in use"_s;
}

void TestRealSockets::badOptionsFailClearly()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    BusyPort busy;
    QVERIFY(busy.port > 0);
    for (QString &a : args) a.replace(u"BUSY"_s, QString::number(busy.port));
    message.replace(u"BUSY"_s, QString::number(busy.port));
    QFile in(m_dir.filePath(u"in.input"_s));
    QVERIFY(in.open(QIODevice::WriteOnly));
    in.write("0.5\thello\n");
    in.close();
    Child run(m_dir.path(), m_data.path());
    run.p.start(QStringLiteral(DSTREAMLAB_BIN), QStringList{u"run"_s, kProgram, u"127.0.0.1"_s, u"9999"_s, u"--db"_s, u"none"_s} + args);
    QVERIFY2(run.finish(60000), "the run did not end");
    QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
    QCOMPARE(run.exitCode(), exitCode);
    QVERIFY(run.out.isEmpty()); // nothing ran
}

QTEST_GUILESS_MAIN(TestRealSockets)
#include "tst_realsockets.moc"
