// `dstreamlab run --real-time --kafka-listen PORT`: real Kafka clients produce into a run of
// Spark's own direct_kafka_wordcount.py (tests/programs/kafka_direct_wordcount.py).
//
// Each live run listens on a free loopback port; kcat (plain and keyed, -K:) or a confluent_kafka
// producer on Debian's python3 sends lines; the word counts printed, summed over the batches,
// must be those of the lines sent (worked by hand in the rows). The run records what it
// received, and the `--kafka` options it prints at the end must replay it: the same program
// with them prints exactly the same stdout, batch times included. Also: a Ctrl-C or SIGTERM
// ends a run where its replay ends, a client dropping mid-request and a message over the cap
// are reported without ending the run, and bad options fail with a message naming them.
// Skipped, saying why, without kcat, confluent_kafka or a dstreamlab built with librdkafka.
#include "clirunkit.h"
#include "loopbackports.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

const QString kPython = u"/usr/bin/python3"_s;
const QString kProgram = u"kafka_direct_wordcount.py"_s; // Spark 2.4's example: BROKERS TOPIC, 2 s batches
const QByteArray kListening = "Kafka clients can produce to this run at";

QString programsDir() { return QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs"); }

using clikit::BusyPort;
using clikit::freePort;

QProcessEnvironment environment(const QString &dataHome)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"TZ"_s, u"UTC"_s); // the live run and its replay print batch times alike
    env.insert(u"XDG_DATA_HOME"_s, dataHome);
    return env;
}

/// A dstreamlab process the test always ends (killed if it outlives the test).
struct Dstreamlab : clikit::LiveProcess {
    explicit Dstreamlab(const QProcessEnvironment &env) : LiveProcess(programsDir(), env) {}
};

/// Runs a producer (kcat or python3) with `input` on stdin; its stderr, or "" when it succeeded.
QString produce(const QString &program, const QStringList &args, const QByteArray &input)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000)) return program + u" did not start"_s;
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(5000);
        return program + u" timed out"_s;
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return program + u" failed: "_s + QString::fromUtf8(p.readAllStandardError());
    return {};
}

/// A confluent_kafka producer: one message per stdin line, "KEY:VALUE" keyed, else a null key.
const QString kConfluentProducer = uR"(import sys
from confluent_kafka import Producer
p = Producer({"bootstrap.servers": sys.argv[1], "message.max.bytes": 3000000})
for line in sys.stdin.read().splitlines():
    key, sep, value = line.partition(":")
    if sep:
        p.produce(sys.argv[2], value=value.encode(), key=key.encode())
    else:
        p.produce(sys.argv[2], value=line.encode())
if len(sys.argv) > 3:
    p.produce(sys.argv[2], value=b"x" * int(sys.argv[3]))
sys.exit(1 if p.flush(20) else 0)
)"_s;

using clikit::WordCounts;
using clikit::wordCounts;

/// The replay options the run printed at its end (the line after "... and with:"), as a shell
/// reads them (single-quoted where needed).
QByteArray replayLine(const QByteArray &err)
{
    const qsizetype at = err.indexOf("deterministically");
    if (at < 0) return {};
    const qsizetype start = err.indexOf("\n  ", at);
    if (start < 0) return {};
    const qsizetype end = err.indexOf('\n', start + 1);
    return err.mid(start + 3, end - start - 3);
}

bool haveConfluentKafka()
{
    QProcess p;
    p.start(kPython, {u"-c"_s, u"import confluent_kafka"_s});
    return p.waitForFinished(30000) && p.exitCode() == 0;
}

} // namespace

class TestKafkaListen : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void producedMessagesAreCountedAndReplayExactly_data();
    void producedMessagesAreCountedAndReplayExactly();
    void aSignalEndsTheRunWhereItsReplayEnds_data();
    void aSignalEndsTheRunWhereItsReplayEnds();
    void misbehavingClientsAreReportedNotFatal();
    void badListenOptionsFailClearly_data();
    void badListenOptionsFailClearly();

private:
    /// Starts a live run on a free port and waits until it listens: "" when it does, else why
    /// not ("skip: ..." when this dstreamlab has no librdkafka).
    QByteArray startLive(Dstreamlab &run, int &port, const QStringList &extra);
    /// Replays from the options `live` printed; its stdout.
    QByteArray replay(const QByteArray &liveErr, int port, const QStringList &extra);

    QTemporaryDir m_data; ///< XDG_DATA_HOME: the runs' default recordings land here
    QString m_kcat;
};

void TestKafkaListen::initTestCase()
{
    QVERIFY(m_data.isValid());
    m_kcat = QStandardPaths::findExecutable(u"kcat"_s);
}

QByteArray TestKafkaListen::startLive(Dstreamlab &run, int &port, const QStringList &extra)
{
    port = freePort();
    run.start(QStringList{u"run"_s, kProgram, u"127.0.0.1:"_s + QString::number(port), u"words"_s, u"--master"_s,
                          u"local[2]"_s, u"--db"_s, u"none"_s, u"--real-time"_s, u"--kafka-listen"_s,
                          QString::number(port)} +
              extra);
    if (run.waitFor(kListening, 60000)) return {};
    run.finish(10000);
    if (run.err.contains("built without librdkafka")) return "skip: " + run.err;
    return "the run did not listen: " + run.err;
}

/// startLive's answer: go on, skip or fail.
#define START_LIVE(run, port, extra)                                                                                  \
    do {                                                                                                               \
        const QByteArray why = startLive(run, port, extra);                                                            \
        if (why.startsWith("skip: ")) QSKIP(why.constData());                                                          \
        QVERIFY2(why.isEmpty(), why.constData());                                                                      \
    } while (false)

QByteArray TestKafkaListen::replay(const QByteArray &liveErr, int port, const QStringList &extra)
{
    const QByteArray line = replayLine(liveErr);
    if (line.isEmpty()) return "no replay options printed";
    // Pasted after the command in a POSIX shell, as a user would: the line's quoting is the shell's.
    QStringList command{QStringLiteral(DSTREAMLAB_BIN), u"run"_s, kProgram, u"127.0.0.1:"_s + QString::number(port),
                        u"words"_s, u"--master"_s, u"'local[2]'"_s, u"--db"_s, u"none"_s};
    command += extra;
    Dstreamlab r(environment(m_data.path()));
    r.p.start(u"/bin/sh"_s, {u"-c"_s, command.join(u' ') + u' ' + QString::fromUtf8(line)});
    if (!r.finish(120000)) return "the replay timed out";
    if (r.exitCode() != 0) return "the replay failed: " + r.err;
    return r.out;
}

void TestKafkaListen::producedMessagesAreCountedAndReplayExactly_data()
{
    QTest::addColumn<QString>("producer"); // kcat, kcat-keyed, confluent
    QTest::addColumn<int>("partitions");
    QTest::addColumn<QByteArray>("lines");
    QTest::addColumn<WordCounts>("counts");
    QTest::newRow("kcat lines, null keys, 1 partition")
        << u"kcat"_s << 1 << QByteArray("hello spark\nhello kafka\nspark streaming\n")
        << WordCounts{{u"hello"_s, 2}, {u"spark"_s, 2}, {u"kafka"_s, 1}, {u"streaming"_s, 1}};
    QTest::newRow("kcat -K: keyed lines over 2 partitions (placed by key, as in the replay)")
        << u"kcat-keyed"_s << 2 << QByteArray("k1:hello world\nk2:hello\nk1:world peace\n")
        << WordCounts{{u"hello"_s, 2}, {u"world"_s, 2}, {u"peace"_s, 1}};
    QTest::newRow("a confluent_kafka producer, keyed and not")
        << u"confluent"_s << 1 << QByteArray("to be or not to be\nk:be quick\n")
        << WordCounts{{u"to"_s, 2}, {u"be"_s, 3}, {u"or"_s, 1}, {u"not"_s, 1}, {u"quick"_s, 1}};
}

void TestKafkaListen::producedMessagesAreCountedAndReplayExactly()
{
    QFETCH(QString, producer);
    QFETCH(int, partitions);
    QFETCH(QByteArray, lines);
    QFETCH(WordCounts, counts);
    if (producer != u"confluent"_s && m_kcat.isEmpty()) QSKIP("kcat is not installed (Debian: kcat)");
    if (producer == u"confluent"_s && !haveConfluentKafka())
        QSKIP("confluent_kafka is not installed for /usr/bin/python3 (Debian: python3-confluent-kafka)");
    QTemporaryDir record;
    const QStringList extra{u"--kafka-partitions"_s, u"words="_s + QString::number(partitions)};
    Dstreamlab live(environment(m_data.path()));
    int port = 0;
    START_LIVE(live, port, extra + QStringList({u"--seconds"_s, u"8"_s, u"--kafka-record"_s, record.path()}));
    const QString broker = u"127.0.0.1:"_s + QString::number(port);
    QString failed;
    if (producer == u"kcat"_s) failed = produce(m_kcat, {u"-P"_s, u"-b"_s, broker, u"-t"_s, u"words"_s}, lines);
    else if (producer == u"kcat-keyed"_s)
        failed = produce(m_kcat, {u"-P"_s, u"-K:"_s, u"-b"_s, broker, u"-t"_s, u"words"_s}, lines);
    else failed = produce(kPython, {u"-c"_s, kConfluentProducer, broker, u"words"_s}, lines);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    QVERIFY2(live.finish(60000), live.err.constData());
    QVERIFY2(live.exitCode() == 0, live.err.constData());
    QCOMPARE(wordCounts(live.out), counts);
    QVERIFY2(live.err.contains("received " + QByteArray::number(lines.count('\n')) + " Kafka messages"), live.err.constData());

    // The recorded file holds every message, one line each, and replays the run exactly.
    QFile recorded(record.filePath(u"words.kafka"_s));
    QVERIFY(recorded.open(QIODevice::ReadOnly));
    QCOMPARE(recorded.readAll().count('\n'), lines.count('\n'));
    QCOMPARE(replay(live.err, port, {}), live.out);
}

void TestKafkaListen::aSignalEndsTheRunWhereItsReplayEnds_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("Ctrl-C (SIGINT)") << int(SIGINT);
    QTest::newRow("SIGTERM") << int(SIGTERM);
}

void TestKafkaListen::aSignalEndsTheRunWhereItsReplayEnds()
{
    QFETCH(int, signal);
    if (m_kcat.isEmpty()) QSKIP("kcat is not installed (Debian: kcat)");
    // No --seconds and no --kafka-record: the run goes on until the signal, recording in the
    // app's data folder.
    Dstreamlab live(environment(m_data.path()));
    int port = 0;
    START_LIVE(live, port, QStringList());
    QVERIFY(live.err.contains("the run goes on until Ctrl-C"));
    const QString failed = produce(m_kcat, {u"-P"_s, u"-b"_s, u"127.0.0.1:"_s + QString::number(port), u"-t"_s, u"words"_s},
                                   "one two\ntwo\n");
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    // Every message counted, in one batch or spread over two (kcat's messages may arrive apart).
    QElapsedTimer counting;
    counting.start();
    while (wordCounts(live.out) != WordCounts{{u"one"_s, 1}, {u"two"_s, 2}} && counting.elapsed() < 30000 &&
           live.p.state() != QProcess::NotRunning) {
        live.p.waitForReadyRead(100);
        live.read();
    }
    QVERIFY2((wordCounts(live.out) == WordCounts{{u"one"_s, 1}, {u"two"_s, 2}}), live.out.constData());
    ::kill(static_cast<pid_t>(live.p.processId()), signal);
    QVERIFY2(live.finish(30000), "the run did not end after the signal");
    QVERIFY2(live.exitCode() == 0, live.err.constData());
    QVERIFY2(!live.err.contains("KeyboardInterrupt"), live.err.constData());
    QVERIFY2(replayLine(live.err).contains(" --seconds "), live.err.constData());
    QVERIFY2(live.err.contains(QDir(m_data.path()).filePath(u"DStreamLab/dstreamlab/kafka-recordings/kafka_direct_wordcount-"_s).toUtf8()),
             live.err.constData());
    QCOMPARE(wordCounts(live.out), (WordCounts{{u"one"_s, 1}, {u"two"_s, 2}}));
    QCOMPARE(replay(live.err, port, {}), live.out);
}

void TestKafkaListen::misbehavingClientsAreReportedNotFatal()
{
    if (m_kcat.isEmpty()) QSKIP("kcat is not installed (Debian: kcat)");
    if (!haveConfluentKafka()) QSKIP("confluent_kafka is not installed for /usr/bin/python3 (Debian: python3-confluent-kafka)");
    QTemporaryDir record;
    Dstreamlab live(environment(m_data.path()));
    int port = 0;
    // One partition in the mock too, so that the dropped message's partition and offset are known.
    START_LIVE(live, port, QStringList({u"--seconds"_s, u"8"_s, u"--kafka-record"_s, record.path(), u"--kafka-partitions"_s, u"words=1"_s}));
    const QString broker = u"127.0.0.1:"_s + QString::number(port);
    // A client that sends half a request (a size prefix of 256 bytes and 2 of them) and hangs up.
    {
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_port = htons(static_cast<quint16>(port));
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        QVERIFY(::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0);
        const char half[] = {0, 0, 1, 0, 0, 3};
        QCOMPARE(::send(fd, half, sizeof half, MSG_NOSIGNAL), ssize_t(sizeof half));
        ::close(fd);
    }
    // A message of 2,000,000 bytes (over the 1 MiB cap), then a normal one, from a client that
    // allows itself that much; then kcat, which must still get through.
    QString failed = produce(kPython, {u"-c"_s, kConfluentProducer, broker, u"words"_s, u"2000000"_s}, "survivor\n");
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    failed = produce(m_kcat, {u"-P"_s, u"-b"_s, broker, u"-t"_s, u"words"_s}, "still counted\n");
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    QVERIFY2(live.finish(60000), live.err.constData());
    QVERIFY2(live.exitCode() == 0, live.err.constData());
    QVERIFY2(live.err.contains("DStream Lab: --kafka-listen: dropped a message of 2000000 bytes produced to words "
                               "[partition 0, offset 1]: larger than the 1048576-byte cap"),
             live.err.constData());
    QCOMPARE(wordCounts(live.out), (WordCounts{{u"survivor"_s, 1}, {u"still"_s, 1}, {u"counted"_s, 1}}));
    QVERIFY2(live.err.contains("received 2 Kafka messages"), live.err.constData());
}

void TestKafkaListen::badListenOptionsFailClearly_data()
{
    QTest::addColumn<QStringList>("args"); // "BUSY": a port the test keeps listening on
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("--kafka-listen without --real-time")
        << QStringList{u"--kafka-listen"_s, u"9092"_s} << 2
        << u"dstreamlab run: --kafka-listen needs --real-time: real clients produce on the wall clock"_s;
    QTest::newRow("port 0") << QStringList{u"--real-time"_s, u"--kafka-listen"_s, u"0"_s} << 2
                            << u"--kafka-listen needs a TCP port from 1 to 65535, e.g. --kafka-listen 9092, not '0'"_s;
    QTest::newRow("port 70000") << QStringList{u"--real-time"_s, u"--kafka-listen=70000"_s} << 2
                                << u"--kafka-listen needs a TCP port from 1 to 65535, e.g. --kafka-listen 9092, not '70000'"_s;
    QTest::newRow("port not a number") << QStringList{u"--real-time"_s, u"--kafka-listen"_s, u"9092x"_s} << 2
                                       << u"--kafka-listen needs a TCP port from 1 to 65535, e.g. --kafka-listen 9092, not '9092x'"_s;
    QTest::newRow("--kafka-record without --kafka-listen")
        << QStringList{u"--real-time"_s, u"--kafka-record"_s, u"rec"_s} << 2
        << u"dstreamlab run: --kafka-record DIR goes with --kafka-listen PORT"_s;
    QTest::newRow("a port another process listens on")
        << QStringList{u"--real-time"_s, u"--kafka-listen"_s, u"BUSY"_s, u"--seconds"_s, u"1"_s} << 1
        << u"DStream Lab: --kafka-listen: 127.0.0.1:BUSY is in use (another Kafka broker, or a run already listening there?): Address already in use"_s;
}

void TestKafkaListen::badListenOptionsFailClearly()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    BusyPort busy;
    QVERIFY(busy.port > 0);
    for (QString &a : args) a.replace(u"BUSY"_s, QString::number(busy.port));
    message.replace(u"BUSY"_s, QString::number(busy.port));
    Dstreamlab run(environment(m_data.path()));
    run.start(QStringList{u"run"_s, kProgram, u"127.0.0.1:9092"_s, u"words"_s, u"--db"_s, u"none"_s} + args);
    QVERIFY2(run.finish(60000), "the run did not end");
    if (run.err.contains("built without librdkafka")) QSKIP(run.err.constData());
    QVERIFY2(run.err.contains(message.toUtf8()), run.err.constData());
    QCOMPARE(run.exitCode(), exitCode);
    QVERIFY(run.out.isEmpty()); // nothing ran
}

QTEST_GUILESS_MAIN(TestKafkaListen)
#include "tst_kafkalisten.moc"
