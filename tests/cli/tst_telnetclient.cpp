// Students at the class port with telnet (`telnet TEACHER 9999`, docs/realtime-sockets.md):
// - LineFramer::Telnet::Commands in process: the commands RFC 854 defines (IAC IP, IAC DO
//   TIMING-MARK, IAC AYT, subnegotiations) are dropped, IAC IAC is the data byte 255, CR NUL a
//   bare CR, and anything else stays data; a server's bytes (Telnet::Data) keep Spark's reading;
// - what Debian's telnet (inetutils-telnet, the `telnet` package) sends, recorded by a server of
//   the test's own: CRLF line ends, no command with its stdin a pipe, IAC IP and IAC DO
//   TIMING-MARK for a Ctrl-C typed on a terminal (a pty here);
// - real `telnet 127.0.0.1 PORT` at `dstreamlab run --listen PORT`, fed through a pipe and through
//   a pty with Ctrl-C, `send ayt` and `mode character` from its `telnet>` prompt: the words the
//   run counts are the words typed, none made of telnet commands.
// 127.0.0.1 and free ports only; every process started is ended. Skipped, with the reason, when
// there is no telnet.
#include "app/lineframer.h"

#include "clirunkit.h"
#include "loopbackports.h"

#include <QElapsedTimer>
#include <QMap>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const QString kProgram = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/sockets/network_wordcount.py");

using clikit::WordCounts;
using clikit::wordCounts;

/// One step of a typist at telnet's terminal: bytes, then a pause (ms) for telnet to act on them.
struct Keys {
    QByteArray bytes;
    int pauseMs = 300;
};

/// Runs `telnet 127.0.0.1 port` on a pseudo-terminal (as a student's terminal is), types `keys`,
/// and ends it (SIGKILL after 5 s if it has not ended by then). What telnet wrote to the terminal
/// goes to `screen`. False when the pty or the process could not be made.
bool typeIntoTelnet(const QString &telnet, int port, const std::vector<Keys> &keys, QByteArray *screen)
{
    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
    if (pid < 0) return false;
    if (pid == 0) {
        const QByteArray exe = telnet.toLocal8Bit(), portText = QByteArray::number(port);
        ::execl(exe.constData(), exe.constData(), "127.0.0.1", portText.constData(), static_cast<char *>(nullptr));
        ::_exit(127);
    }
    auto drain = [&](int ms) {
        // Read what telnet shows, so it never blocks on a full terminal.
        QElapsedTimer t;
        t.start();
        char buf[4096];
        while (t.elapsed() < ms) {
            pollfd p{master, POLLIN, 0};
            if (::poll(&p, 1, 20) > 0) {
                const ssize_t n = ::read(master, buf, sizeof buf);
                if (n <= 0) break;
                if (screen) screen->append(buf, static_cast<int>(n));
            }
        }
    };
    drain(800); // "Trying 127.0.0.1... Connected to 127.0.0.1."
    for (const Keys &k : keys) {
        [[maybe_unused]] const ssize_t n = ::write(master, k.bytes.constData(), static_cast<std::size_t>(k.bytes.size()));
        drain(k.pauseMs);
    }
    int status = 0;
    QElapsedTimer t;
    t.start();
    while (::waitpid(pid, &status, WNOHANG) == 0) {
        if (t.elapsed() > 5000) {
            ::kill(pid, SIGKILL);
            ::waitpid(pid, &status, 0);
            break;
        }
        drain(50);
    }
    ::close(master);
    return true;
}

/// What a student types on a terminal: two lines, Ctrl-C between them, `send ayt` and
/// `mode character` at the `telnet>` prompt (Ctrl-] opens it), a line in character mode, `quit`.
std::vector<Keys> terminalSession()
{
    return {{"to be or not\n"},      {"\x03"},          {"to be\n"}, {"\x1d", 300}, {"send ayt\n"},
            {"\x1d", 300},           {"mode character\n", 500}, {"quick brown\r", 500}, {"\x1d", 300},
            {"quit\n", 500}};
}

} // namespace

class TestTelnetClient : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theFramerDropsTelnetCommands_data();
    void theFramerDropsTelnetCommands();
    void whatTelnetSends_data();
    void whatTelnetSends();
    void telnetAtTheClassPort_data();
    void telnetAtTheClassPort();

private:
    QString m_telnet;
    QTemporaryDir m_dir, m_data;
};

void TestTelnetClient::initTestCase()
{
    QVERIFY(m_dir.isValid() && m_data.isValid());
    m_telnet = QStandardPaths::findExecutable(u"telnet"_s);
    if (m_telnet.isEmpty()) qWarning("skipping the telnet rows: no telnet (Debian: the telnet package, in scripts/setup.sh)");
}

void TestTelnetClient::theFramerDropsTelnetCommands_data()
{
    QTest::addColumn<QByteArrayList>("chunks"); // fed one after the other, then the stream ends
    QTest::addColumn<bool>("telnet");           // LineFramer::Telnet::Commands, else Data
    QTest::addColumn<QStringList>("lines");
    QTest::addColumn<int>("replaced");          // U+FFFD in all lines together
    QTest::addColumn<int>("commands");          // telnet commands dropped
    const QString fffd(QChar(0xFFFD));
    // What telnet sent for a Ctrl-C (recorded in whatTelnetSends): IAC IP, IAC DO TIMING-MARK.
    QTest::newRow("ctrl-c's IAC IP and IAC DO TIMING-MARK are no text")
        << QByteArrayList{"to be\r\n\xff\xf4\xff\xfd\x06or not\r\n"} << true << QStringList{u"to be"_s, u"or not"_s} << 0 << 2;
    QTest::newRow("IAC AYT and a NOP inside a line")
        << QByteArrayList{"a\xff\xf6 b\xff\xf1\n"} << true << QStringList{u"a b"_s} << 0 << 2;
    // RFC 854: IAC IAC is the data byte 255, which is no UTF-8 (one U+FFFD).
    QTest::newRow("IAC IAC is the data byte 255") << QByteArrayList{"a\xff\xff" "b\n"} << true << QStringList{u"a"_s + fffd + u"b"_s}
                                                  << 1 << 0;
    // RFC 855: IAC SB NAWS 0 80 0 24 IAC SE.
    QTest::newRow("a subnegotiation to IAC SE") << QByteArrayList{QByteArray("\xff\xfa\x1f\x00\x50\x00\x18\xff\xf0hi\n", 12)}
                                                << true << QStringList{u"hi"_s} << 0 << 1;
    QTest::newRow("a command cut across reads") << QByteArrayList{"to\xff", "\xfd", "\x01" "be\n"} << true
                                                << QStringList{u"tobe"_s} << 0 << 1;
    QTest::newRow("a subnegotiation cut across reads, IAC IAC in it")
        << QByteArrayList{"x\xff\xfa\x18", QByteArray("\x00\xff\xff\xff", 4), "\xf0y\n"} << true << QStringList{u"xy"_s} << 0 << 1;
    // An IAC before a byte that is no command (below 240): both stay, the 0xFF as U+FFFD.
    QTest::newRow("IAC before a non-command byte stays data") << QByteArrayList{"\xff x\n"} << true
                                                              << QStringList{fffd + u" x"_s} << 1 << 0;
    // NVT: CR NUL is a carriage return alone; it ends a line as a lone CR does.
    QTest::newRow("CR NUL is a bare CR") << QByteArrayList{QByteArray("a\r\0b\n", 5)} << true << QStringList{u"a"_s, u"b"_s} << 0 << 0;
    QTest::newRow("CR NUL cut across reads") << QByteArrayList{"a\r", QByteArray("\0b\n", 3)} << true
                                             << QStringList{u"a"_s, u"b"_s} << 0 << 0;
    // 2 + 255 bytes of IAC SB x... pass kMaxSubnegotiationBytes (256) without IAC SE: no
    // subnegotiation, so all of it is data (IAC and SB are two U+FFFD), nothing is lost.
    QTest::newRow("an unended subnegotiation past 256 bytes is data")
        << QByteArrayList{"\xff\xfa" + QByteArray(300, 'x') + "\n"} << true << QStringList{fffd + fffd + QString(300, u'x')} << 2
        << 0;
    QTest::newRow("a stream ending inside a subnegotiation keeps its bytes")
        << QByteArrayList{"ok\n\xff\xfa" "ab"} << true << QStringList{u"ok"_s, fffd + fffd + u"ab"_s} << 2 << 0;
    QTest::newRow("a stream ending on IAC keeps it") << QByteArrayList{"x\xff"} << true << QStringList{u"x"_s + fffd} << 1 << 0;
    // A real server's bytes (SocketClient) are read as Spark's receiver reads them: 0xFF and 0xF4
    // are ill-formed UTF-8, one U+FFFD each (SocketReceiver.bytesToLines).
    QTest::newRow("a server's bytes keep Spark's reading") << QByteArrayList{"to\xff\xf4" "be\n"} << false
                                                           << QStringList{u"to"_s + fffd + fffd + u"be"_s} << 2 << 0;
}

void TestTelnetClient::theFramerDropsTelnetCommands()
{
    QFETCH(QByteArrayList, chunks);
    QFETCH(bool, telnet);
    QFETCH(QStringList, lines);
    QFETCH(int, replaced);
    QFETCH(int, commands);
    dsl::app::LineFramer framer(8192, telnet ? dsl::app::LineFramer::Telnet::Commands : dsl::app::LineFramer::Telnet::Data);
    std::vector<dsl::app::FramedLine> out;
    for (const QByteArray &c : chunks) framer.feed(std::string_view(c.constData(), static_cast<std::size_t>(c.size())), out);
    framer.finish(out);
    QStringList got;
    int fffd = 0;
    for (const auto &l : out) {
        got << QString::fromStdString(l.text);
        fffd += static_cast<int>(l.replaced);
    }
    QCOMPARE(got, lines);
    QCOMPARE(fffd, replaced);
    QCOMPARE(static_cast<int>(framer.telnetCommands()), commands);
}

void TestTelnetClient::whatTelnetSends_data()
{
    QTest::addColumn<bool>("terminal");
    QTest::newRow("stdin a pipe: CRLF lines, no command") << false;
    QTest::newRow("a terminal: Ctrl-C sends IAC IP, IAC DO TIMING-MARK") << true;
}

void TestTelnetClient::whatTelnetSends()
{
    QFETCH(bool, terminal);
    if (m_telnet.isEmpty()) QSKIP("no telnet (Debian: the telnet package, in scripts/setup.sh)");
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const int port = server.serverPort();
    QByteArray got;
    QTcpSocket *peer = nullptr;
    auto collect = [&] {
        if (!peer && server.hasPendingConnections()) peer = server.nextPendingConnection();
        if (peer) got += peer->readAll();
    };
    if (terminal) {
        // The pty is driven from this thread: the server is read as it goes (the event loop
        // does not run while typing, so the kernel's buffers hold the bytes meanwhile).
        QByteArray screen;
        QVERIFY(typeIntoTelnet(m_telnet, port, {{"to be\n"}, {"\x03"}, {"or not\n"}, {"\x1d", 300}, {"quit\n", 500}}, &screen));
    } else {
        QProcess telnet;
        telnet.start(m_telnet, {u"127.0.0.1"_s, QString::number(port)});
        QVERIFY(telnet.waitForStarted(5000));
        QVERIFY(server.waitForNewConnection(5000));
        collect();
        telnet.write("to be or not\nto be\n");
        QTest::qWait(500);
        telnet.closeWriteChannel(); // the end of its input ends the connection
        QVERIFY(telnet.waitForFinished(5000) || (telnet.kill(), telnet.waitForFinished(), false));
    }
    QTRY_VERIFY_WITH_TIMEOUT((collect(), peer != nullptr), 5000);
    QElapsedTimer t;
    t.start();
    while (peer->state() == QAbstractSocket::ConnectedState && t.elapsed() < 5000) {
        peer->waitForReadyRead(100);
        collect();
    }
    collect();
    if (!terminal) {
        // Line mode, no negotiation on a port that is not telnet's 23: the text with CRLF.
        QCOMPARE(got, QByteArray("to be or not\r\nto be\r\n"));
    } else {
        QVERIFY2(got.startsWith("to be\r\n") && got.endsWith("or not\r\n"), got.toHex(' ').constData());
        // inetutils-telnet 2.4 (Debian 12): IAC IP, IAC DO TIMING-MARK. Another telnet may send
        // the Ctrl-C as it is; what it sends in between is shown when it differs.
        const QByteArray between = got.mid(7, got.size() - 7 - 8);
        if (between != QByteArray("\xff\xf4\xff\xfd\x06"))
            qWarning("this telnet sent %s for Ctrl-C (inetutils-telnet sends ff f4 ff fd 06)", between.toHex(' ').constData());
        QVERIFY2(between.contains('\xff') || between == "\x03", between.toHex(' ').constData());
    }
}

void TestTelnetClient::telnetAtTheClassPort_data()
{
    QTest::addColumn<bool>("terminal");
    QTest::addColumn<WordCounts>("counts");
    // Through a pipe: "to be or not", "to be".
    QTest::newRow("telnet with its stdin a pipe") << false << WordCounts{{u"to"_s, 2}, {u"be"_s, 2}, {u"or"_s, 1}, {u"not"_s, 1}};
    // terminalSession(): "to be or not", Ctrl-C, "to be", then in character mode "quick brown"
    // (its Return a CR); the commands (IAC IP, IAC DO TIMING-MARK, IAC AYT, IAC DO SGA/ECHO ...)
    // make no word.
    QTest::newRow("telnet on a terminal: Ctrl-C, send ayt, mode character")
        << true
        << WordCounts{{u"to"_s, 2}, {u"be"_s, 2}, {u"or"_s, 1}, {u"not"_s, 1}, {u"quick"_s, 1}, {u"brown"_s, 1}};
}

void TestTelnetClient::telnetAtTheClassPort()
{
    QFETCH(bool, terminal);
    QFETCH(WordCounts, counts);
    if (m_telnet.isEmpty()) QSKIP("no telnet (Debian: the telnet package, in scripts/setup.sh)");
    const int port = clikit::freePort();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"TZ"_s, u"UTC"_s);
    env.insert(u"XDG_DATA_HOME"_s, m_data.path());
    clikit::LiveProcess run(m_dir.path(), env);
    run.start({u"run"_s, kProgram, u"127.0.0.1"_s, QString::number(port), u"--master"_s, u"local[2]"_s, u"--db"_s, u"none"_s,
               u"--listen"_s, QString::number(port), u"--seconds"_s, u"12"_s, u"--record-input"_s,
               m_dir.filePath(u"telnet-%1.input"_s.arg(terminal))});
    QVERIFY2(run.waitFor("the class port is open at 127.0.0.1:" + QByteArray::number(port), 30000), run.err.constData());
    if (terminal) {
        QByteArray screen;
        QVERIFY(typeIntoTelnet(m_telnet, port, terminalSession(), &screen));
    } else {
        QProcess telnet;
        telnet.start(m_telnet, {u"127.0.0.1"_s, QString::number(port)});
        QVERIFY(telnet.waitForStarted(5000));
        QVERIFY2(run.waitFor("student 1 (127.0.0.1:", 10000), run.err.constData());
        telnet.write("to be or not\nto be\n");
        QTest::qWait(500);
        telnet.closeWriteChannel();
        if (!telnet.waitForFinished(5000)) {
            telnet.kill();
            telnet.waitForFinished();
        }
    }
    QVERIFY2(run.waitFor("disconnected (closed by the client)", 10000), run.err.constData());
    QVERIFY2(run.finish(60000), run.err.constData());
    QVERIFY2(run.exitCode() == 0, run.err.constData());
    if (wordCounts(run.out) != counts) qWarning("stdout:\n%s\nstderr:\n%s", run.out.left(4000).constData(), run.err.left(4000).constData());
    QCOMPARE(wordCounts(run.out), counts);
    // No line of it was flagged: telnet's commands are not ill-formed text either.
    QVERIFY2(!run.err.contains("ill-formed UTF-8"), run.err.constData());
}

QTEST_GUILESS_MAIN(TestTelnetClient)
#include "tst_telnetclient.moc"
