// SessionJournal's format: each operation round-trips, program and options, the live log
// recovered as it was, torn and bad lines, and the auto-typer's few lines at full rate. Killed
// processes and restoring: tst_sessionjournalrecovery.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "journaltestkit.h"

#include "engine/inputscript.h"
#endif

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace dsl;
using namespace dsl::session;
using namespace journalkit;

using JournalOps = std::vector<JournalOp>;
using LogScript = std::function<void(SessionInputLog &)>;
Q_DECLARE_METATYPE(JournalOps)
Q_DECLARE_METATYPE(LogScript)

namespace {

QString describe(const JournalOp &op)
{
    QString s = QStringLiteral("kind=%1 t=%2 port=%3 text=%4 lines=%5 rate=%6 seed=%7 file=%8/%9 topic=%10 key=%11")
                    .arg(int(op.kind))
                    .arg(op.time.ms())
                    .arg(op.port)
                    .arg(QString::fromStdString(op.text))
                    .arg(op.lines.size())
                    .arg(op.spec.linesPerSecond)
                    .arg(op.spec.seed)
                    .arg(QString::fromStdString(op.directory), QString::fromStdString(op.name),
                         QString::fromStdString(op.topic), op.key ? QString::fromStdString(*op.key) : QStringLiteral("<null>"));
    if (op.kind == JournalOp::Kind::Server) s += QStringLiteral(" server=%1").arg(QLatin1String(serverEventName(op.server)));
    if (op.spec.isKafka())
        s += QStringLiteral(" producer=%1/%2/%3").arg(QString::fromStdString(op.spec.topic)).arg(op.spec.partitions).arg(op.spec.keyed);
    for (const auto &[t, text] : op.lines) s += QStringLiteral(" [%1 %2]").arg(t.ms()).arg(QString::fromStdString(text));
    return s;
}

QStringList describe(const JournalOps &ops)
{
    QStringList out;
    for (const auto &op : ops) out << describe(op);
    return out;
}

} // namespace

class TestSessionJournal : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void eachOperationRoundTrips_data();
    void eachOperationRoundTrips();
    void programAndOptionsRoundTrip_data();
    void programAndOptionsRoundTrip();
    void recoveredLogEqualsTheLiveLog_data();
    void recoveredLogEqualsTheLiveLog();
    void tornLastLineIsIgnored_data();
    void tornLastLineIsIgnored();
    void badLineIsReportedWithItsLineNumber_data();
    void badLineIsReportedWithItsLineNumber();
    void autoTyperAtFullRateWritesItsStartAndStopOnly();

private:
    QTemporaryDir m_dir;
};

void TestSessionJournal::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

// ---- the format --------------------------------------------------------------------------------

void TestSessionJournal::eachOperationRoundTrips_data()
{
    QTest::addColumn<JournalOps>("ops");
    QTest::newRow("typed-line-keeps-its-time-port-and-text") << JournalOps{typed(1234, "hello spark")};
    QTest::newRow("typed-text-with-tab-quotes-backslash-newline-and-chinese")
        << JournalOps{typed(0, "a\tb \"q\" \\ x\ny 你好 世界")};
    QTest::newRow("empty-typed-line-on-another-port") << JournalOps{typed(5, "", 7777)};
    QTest::newRow("typed-lines-at-equal-times-keep-their-order")
        << JournalOps{typed(100, "one"), typed(100, "two"), typed(100, "three")};
    QTest::newRow("script-keeps-every-line-and-its-port")
        << JournalOps{script({{500, "hello spark hello"}, {1200, "hello world"}, {2000, "spark 你好"}}, 9998)};
    QTest::newRow("script-bytes-that-are-not-utf8-survive") << JournalOps{script({{0, "\xff\xfe raw \x80"}, {10, "ok"}})};
    QTest::newRow("empty-script") << JournalOps{script({})};
    AutoTyperSpec zipf;
    zipf.sample = AutoTyperSpec::Sample::Zipf;
    zipf.linesPerSecond = 2000;
    zipf.seed = 0x8000'0000'0000'0005ULL; // beyond a JSON number's 2^53
    QTest::newRow("auto-typer-start-keeps-the-whole-spec") << JournalOps{autoOp(JournalOp::Kind::AutoStart, 1, zipf)};
    AutoTyperSpec chinese;
    chinese.sample = AutoTyperSpec::Sample::Chinese;
    chinese.linesPerSecond = 0.5;
    QTest::newRow("auto-typer-progress-then-stop")
        << JournalOps{autoOp(JournalOp::Kind::AutoStart, 1, chinese), autoOp(JournalOp::Kind::AutoAdvance, 4000),
                      autoOp(JournalOp::Kind::AutoStop, 6000)};
    AutoTyperSpec producer;
    producer.topic = "logs.v1";
    producer.partitions = 12;
    producer.linesPerSecond = 2.5;
    producer.keyed = true;
    QTest::newRow("auto-producer-start-keeps-topic-partitions-and-keying")
        << JournalOps{autoOp(JournalOp::Kind::AutoStart, 1, producer), autoOp(JournalOp::Kind::AutoStop, 3000)};
    QTest::newRow("clear-between-inputs") << JournalOps{typed(0, "before"), clearOp(), typed(0, "after")};
    QTest::newRow("dropped-file-keeps-directory-name-time-and-content")
        << JournalOps{fileOp(2500, "/tmp/in", "a.txt", "one\n\ttwo\r\n\xe4\xb8\xad\xe6\x96\x87\n")};
    QTest::newRow("dropped-file-with-non-utf8-bytes-and-an-empty-one")
        << JournalOps{fileOp(0, "in", "raw.bin", "\xff\xfe\x80"), fileOp(1, "in", "empty", "")};
    QTest::newRow("typed-line-and-file-at-one-time-keep-their-order")
        << JournalOps{typed(7, "first"), fileOp(7, "in", "b.txt", "second"), typed(7, "third")};
    QTest::newRow("kafka-message-keeps-topic-null-key-and-value") << JournalOps{kafkaOp(1500, "test", std::nullopt, "hello kafka")};
    QTest::newRow("kafka-keys-empty-and-non-utf8-and-a-value-with-newlines")
        << JournalOps{kafkaOp(0, "t.1", std::string(), "a\nb\t"), kafkaOp(1, "t.1", std::string("\xff\x80k"), "v")};
    // RealServerEvent: every state `@server` names, on the nc panel's port and another.
    QTest::newRow("server-events-keep-their-time-port-and-state")
        << JournalOps{serverOp(0, ServerEvent::Connecting, 9998), serverOp(412, ServerEvent::Connected),
                      serverOp(3100, ServerEvent::Closed), serverOp(5120, ServerEvent::Refused, 9998)};
    QTest::newRow("server-reset-keeps-its-reason-even-when-it-is-not-utf8")
        << JournalOps{serverOp(7200, ServerEvent::Reset, 9999, "Connection reset by peer"),
                      serverOp(7300, ServerEvent::Reset, 9999, "\xff\xfe bytes")};
    QTest::newRow("server-events-and-lines-at-one-time-keep-their-order")
        << JournalOps{typed(700, "x"), serverOp(700, ServerEvent::Closed), typed(700, "after the close")};
}

void TestSessionJournal::eachOperationRoundTrips()
{
    QFETCH(JournalOps, ops);
    QTemporaryDir dir;
    auto j = SessionJournal::create(dir.path(), start());
    QVERIFY(j);
    for (const auto &op : ops) tell(*j, op);
    QVERIFY2(j->errorString().isEmpty(), qPrintable(j->errorString()));
    const RecoveredSession s = SessionJournal::read(j->path());
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    QVERIFY(!s.tornTail);
    QCOMPARE(s.pid, QCoreApplication::applicationPid());
    QCOMPARE(s.startTime.ms(), start().ms());
    QCOMPARE(describe(s.ops), describe(ops));
    QVERIFY(s.ops == ops);
}

void TestSessionJournal::programAndOptionsRoundTrip_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("master");
    QTest::addColumn<qint64>("batchMs"); // 0: unset
    QTest::addColumn<qint64>("blockMs");
    QTest::addColumn<QStringList>("partitions"); // "topic=N"
    QTest::newRow("program-defaults") << QStringLiteral("network_wordcount.py") << QStringLiteral("print(1)\n") << QString()
                                      << qint64(0) << qint64(0) << QStringList();
    QTest::newRow("every-option-set-and-a-unicode-path")
        << QStringLiteral("/home/老师/课程/wc.py") << QStringLiteral("# 词频\nssc = None\n\tx = \"q\"\n")
        << QStringLiteral("local[1]") << qint64(2000) << qint64(500) << QStringList();
    QTest::newRow("kafka-topics-with-their-partitions")
        << QStringLiteral("kafka.py") << QStringLiteral("pass\n") << QString() << qint64(0) << qint64(0)
        << QStringList{QStringLiteral("words=2"), QStringLiteral("logs.v1=12")};
    // "@ms" entries are retention.ms of a topic
    QTest::newRow("kafka-topics-with-their-retention")
        << QStringLiteral("kafka.py") << QStringLiteral("pass\n") << QString() << qint64(0) << qint64(0)
        << QStringList{QStringLiteral("words=2"), QStringLiteral("words@5000"), QStringLiteral("logs@1")};
}

void TestSessionJournal::programAndOptionsRoundTrip()
{
    QFETCH(QString, file);
    QFETCH(QString, source);
    QFETCH(QString, master);
    QFETCH(qint64, batchMs);
    QFETCH(qint64, blockMs);
    QFETCH(QStringList, partitions);
    RunOptions o;
    o.master = master;
    for (const QString &p : partitions) {
        if (p.contains(u'@')) o.kafkaRetentionMs[p.section(u'@', 0, 0)] = p.section(u'@', 1).toLongLong();
        else o.kafkaPartitions[p.section(u'=', 0, 0)] = p.section(u'=', 1).toInt();
    }
    if (batchMs) o.batchIntervalMs = batchMs;
    if (blockMs) o.blockIntervalMs = blockMs;
    QTemporaryDir dir;
    auto j = SessionJournal::create(dir.path(), start());
    QVERIFY(j);
    j->recordProgram(QStringLiteral("old.py"), QStringLiteral("old"));
    j->recordOptions(RunOptions{});
    j->recordProgram(file, source);
    j->recordOptions(o);
    j->recordOptions(o); // unchanged: not written again
    const RecoveredSession s = SessionJournal::read(j->path());
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    QCOMPARE(s.programFileName.value_or(QString()), file);
    QCOMPARE(s.programSource, source);
    QVERIFY(s.options);
    QVERIFY(*s.options == o);
    QFile f(j->path());
    QVERIFY(f.open(QIODevice::ReadOnly));
    // The header, old.py, RunOptions{}, the program, and `o` unless it equals RunOptions{}.
    QCOMPARE(f.readAll().count('\n'), o == RunOptions{} ? 4 : 5);
}

void TestSessionJournal::recoveredLogEqualsTheLiveLog_data()
{
    QTest::addColumn<LogScript>("script");
    QTest::addColumn<int>("lines");
    QTest::newRow("typed-lines-at-several-times") << LogScript([](SessionInputLog &log) {
        for (int i = 0; i < 5; ++i)
            log.addTyped(InputRecord{InputRecord::Kind::SocketLine, start() + Duration(i * 700), 9999, {}, "line " + std::to_string(i)});
    }) << 5;
    QTest::newRow("script-and-typed-lines-interleave-by-time") << LogScript([](SessionInputLog &log) {
        log.addScript({{start() + Duration(1000), "s1"}, {start() + Duration(3000), "s3"}}, 0);
        log.addTyped(InputRecord{InputRecord::Kind::SocketLine, start() + Duration(2000), 9999, {}, "t2"});
        log.addTyped(InputRecord{InputRecord::Kind::SocketLine, start() + Duration(3000), 9999, {}, "t3"});
    }) << 4;
    QTest::newRow("stopped-auto-typer-runs-regenerate-the-same-lines") << LogScript([](SessionInputLog &log) {
        AutoTyperSpec spec;
        spec.linesPerSecond = 2000;
        log.startAuto(spec, start() + Duration(1), 9999);
        for (int ms = 0; ms <= 1000; ms += 7) log.advanceAuto(start() + Duration(ms));
        spec.sample = AutoTyperSpec::Sample::Zipf;
        log.startAuto(spec, start() + Duration(1500), 9999); // stops the first run just before
        log.advanceAuto(start() + Duration(1800));
        log.stopAuto(start() + Duration(2000));
    }) << 2998 + 1002; // 2 lines/ms: 1 .. 1499 ms, then 1500 .. 2000 ms
    QTest::newRow("auto-typer-still-running-comes-back-to-its-last-progress") << LogScript([](SessionInputLog &log) {
        AutoTyperSpec spec;
        spec.linesPerSecond = 10;
        log.startAuto(spec, start(), 9999);
        log.advanceAuto(start() + Duration(2050));
    }) << 21;
    QTest::newRow("dropped-files-between-lines") << LogScript([](SessionInputLog &log) {
        log.addScript({{start() + Duration(1000), "s1"}}, 0);
        log.addTyped(InputRecord{InputRecord::Kind::File, start() + Duration(1000), kFileRecordPort, "/tmp/in/a.txt", "x\ny\n"});
        log.addTyped(InputRecord{InputRecord::Kind::SocketLine, start() + Duration(1000), 9999, {}, "t1"});
        log.addTyped(InputRecord{InputRecord::Kind::File, start() + Duration(1500), kFileRecordPort, "in/b.txt", "\xe4\xb8\xad"});
    }) << 4;
    QTest::newRow("kafka-messages-between-lines") << LogScript([](SessionInputLog &log) {
        log.addScript({{start() + Duration(1000), "s1"}}, 0);
        log.addTyped(InputRecord{InputRecord::Kind::KafkaMessage, start() + Duration(1000), kFileRecordPort, "test", "v1",
                                 std::string("k")});
        log.addTyped(InputRecord{InputRecord::Kind::KafkaMessage, start() + Duration(1200), kFileRecordPort, "test", "v2"});
    }) << 3;
    QTest::newRow("auto-producer-messages-regenerate-with-their-keys") << LogScript([](SessionInputLog &log) {
        AutoTyperSpec spec;
        spec.topic = "test";
        spec.partitions = 3;
        spec.linesPerSecond = 2;
        spec.keyed = true;
        log.startAuto(spec, start(), 9999);
        log.advanceAuto(start() + Duration(1000));
        log.addTyped(InputRecord{InputRecord::Kind::SocketLine, start() + Duration(1200), 9999, {}, "typed"});
        spec.keyed = false;
        log.startAuto(spec, start() + Duration(1500), 9999);
        log.stopAuto(start() + Duration(2000));
    }) << 9 + 1 + 4; // 6/s: 0 .. 1333 ms (9: the next start stops it at 1499), then 1500, 1666, 1833, 2000 ms
    QTest::newRow("server-events-between-lines") << LogScript([](SessionInputLog &log) {
        log.addScript({{start() + Duration(1000), "s1"}}, 0);
        InputRecord closed{InputRecord::Kind::Server, start() + Duration(1000), 9999, {}, {}};
        closed.server = ServerEvent::Closed;
        log.addTyped(closed);
        InputRecord reset{InputRecord::Kind::Server, start() + Duration(1500), 9998, {}, "Connection reset by peer"};
        reset.server = ServerEvent::Reset;
        log.addTyped(reset);
        log.addTyped(InputRecord{InputRecord::Kind::SocketLine, start() + Duration(1500), 9998, {}, "t2"});
    }) << 4;
    QTest::newRow("clear-drops-everything-before-it") << LogScript([](SessionInputLog &log) {
        log.addTyped(InputRecord{InputRecord::Kind::SocketLine, start(), 9999, {}, "gone"});
        log.addScript({{start(), "gone too"}}, 0);
        log.clear();
        log.addScript({{start() + Duration(10), "kept"}}, 0);
    }) << 1;
}

void TestSessionJournal::recoveredLogEqualsTheLiveLog()
{
    QFETCH(LogScript, script);
    QFETCH(int, lines);
    QTemporaryDir dir;
    auto j = SessionJournal::create(dir.path(), start());
    QVERIFY(j);
    SessionInputLog live;
    live.setObserver(j.get());
    script(live);
    j->flush();
    const RecoveredSession s = SessionJournal::read(j->path());
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    SessionInputLog restored;
    s.replay(restored);
    QCOMPARE(int(live.size()), lines);
    QCOMPARE(describe(restored.records()), describe(live.records()));
    QCOMPARE(s.inputLines(), live.size());
    QVERIFY(!restored.autoRunning());
    // Moved to another start, every time moves with it.
    SessionInputLog shifted;
    s.replay(shifted, Duration(60'000));
    const auto a = live.records(), b = shifted.records();
    QCOMPARE(b.size(), a.size());
    for (std::size_t i = 0; i < a.size(); ++i) QCOMPARE(b[i].time.ms(), a[i].time.ms() + 60'000);
}

void TestSessionJournal::tornLastLineIsIgnored_data()
{
    QTest::addColumn<QByteArray>("tail");
    QTest::newRow("half-an-object") << QByteArrayLiteral(R"({"op":"typed","t":1795514401)");
    QTest::newRow("a-whole-object-but-no-newline-yet")
        << QByteArrayLiteral(R"({"op":"typed","port":9999,"t":1795514401000,"text":"late"})");
    QTest::newRow("half-a-utf8-character") << QByteArray(R"({"op":"typed","port":9999,"t":1,"text":"\xe4\xbd)");
    QTest::newRow("zeros-left-by-a-power-cut") << QByteArray(16, '\0');
}

void TestSessionJournal::tornLastLineIsIgnored()
{
    QFETCH(QByteArray, tail);
    QTemporaryDir dir;
    QString path;
    {
        auto j = SessionJournal::create(dir.path(), start());
        QVERIFY(j);
        tell(*j, typed(0, "one"));
        tell(*j, typed(10, "two"));
        path = j->path();
        QFile::copy(path, path + QStringLiteral(".copy")); // the journal goes with its writer
    }
    QFile f(path + QStringLiteral(".copy"));
    QVERIFY(f.open(QIODevice::Append));
    f.write(tail);
    f.close();
    const RecoveredSession s = SessionJournal::read(f.fileName());
    QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
    QVERIFY(s.tornTail);
    QCOMPARE(typedTexts(s), (QStringList{QStringLiteral("one"), QStringLiteral("two")}));
}

void TestSessionJournal::badLineIsReportedWithItsLineNumber_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("why");
    QTest::addColumn<int>("opsBefore");
    const QByteArray ok = QByteArrayLiteral(R"({"op":"typed","port":9999,"t":1795514400000,"text":"fine"})") + '\n';
    QTest::newRow("garbage-on-line-3") << header() + ok + "this is not json\n" + ok << 3 << QStringLiteral("not a JSON object") << 1;
    QTest::newRow("binary-noise") << header() + QByteArray("\x01\x02\xff{{[\n", 7) << 2 << QStringLiteral("not a JSON object") << 0;
    QTest::newRow("a-json-array-is-not-an-object") << header() + ok + ok + "[1,2]\n" << 4 << QStringLiteral("not a JSON object") << 2;
    QTest::newRow("unknown-operation") << header() + R"({"op":"explode"})" + '\n' << 2 << QStringLiteral("unknown operation \"explode\"") << 0;
    QTest::newRow("typed-line-without-text") << header() + ok + R"({"op":"typed","port":9999,"t":5})" + '\n' << 3
                                             << QStringLiteral("missing or bad field \"text\"") << 1;
    QTest::newRow("time-that-is-not-an-integer") << header() + R"({"op":"typed","port":1,"t":"soon","text":"x"})" + '\n'
                                                 << 2 << QStringLiteral("missing or bad field \"t\"") << 0;
    QTest::newRow("script-with-more-times-than-texts")
        << header() + R"({"op":"script","port":0,"t":[1,2],"text":["a"]})" + '\n' << 2
        << QStringLiteral("missing or bad field \"text\"") << 0;
    QTest::newRow("auto-typer-rate-out-of-range")
        << header() + R"({"op":"auto-start","port":9999,"t":1,"sample":"english","rate":99999,"seed":"1"})" + '\n' << 2
        << QStringLiteral("missing or bad field \"rate\"") << 0;
    QTest::newRow("dropped-file-without-a-name")
        << header() + ok + R"({"op":"file","t":5,"dir":"in","text":"x"})" + '\n' << 3
        << QStringLiteral("missing or bad field \"name\"") << 1;
    QTest::newRow("dropped-file-without-content")
        << header() + R"({"op":"file","t":5,"dir":"in","name":"a.txt"})" + '\n' << 2
        << QStringLiteral("missing or bad field \"text\"") << 0;
    QTest::newRow("kafka-message-to-a-topic-kafka-refuses")
        << header() + ok + R"({"op":"kafka","t":5,"topic":"a b","key":null,"text":"x"})" + '\n' << 3
        << QStringLiteral("missing or bad field \"topic\"") << 1;
    QTest::newRow("options-with-zero-partitions")
        << header() + R"({"op":"options","master":"","kafkaPartitions":{"words":0}})" + '\n' << 2
        << QStringLiteral("missing or bad field \"kafkaPartitions\"") << 0;
    QTest::newRow("options-with-a-zero-retention")
        << header() + R"({"op":"options","master":"","kafkaRetentionMs":{"words":0}})" + '\n' << 2
        << QStringLiteral("missing or bad field \"kafkaRetentionMs\"") << 0;
    QTest::newRow("kafka-message-with-a-numeric-key")
        << header() + R"({"op":"kafka","t":5,"topic":"test","key":7,"text":"x"})" + '\n' << 2
        << QStringLiteral("missing or bad field \"key\"") << 0;
    QTest::newRow("server-event-with-an-unknown-state")
        << header() + ok + R"({"op":"server","t":5,"port":9999,"event":"exploded"})" + '\n' << 3
        << QStringLiteral("missing or bad field \"event\"") << 1;
    QTest::newRow("server-event-without-a-state")
        << header() + R"({"op":"server","t":5,"port":9999})" + '\n' << 2 << QStringLiteral("missing or bad field \"event\"") << 0;
    QTest::newRow("server-event-without-a-port")
        << header() + R"({"op":"server","t":5,"event":"closed"})" + '\n' << 2 << QStringLiteral("missing or bad field \"port\"") << 0;
    QTest::newRow("server-event-on-a-port-past-65535")
        << header() + R"({"op":"server","t":5,"port":65536,"event":"closed"})" + '\n' << 2
        << QStringLiteral("missing or bad field \"port\"") << 0;
    QTest::newRow("server-event-at-a-time-that-is-not-an-integer")
        << header() + R"({"op":"server","t":1.5,"port":9999,"event":"connected"})" + '\n' << 2
        << QStringLiteral("missing or bad field \"t\"") << 0;
    QTest::newRow("server-reset-with-a-numeric-reason")
        << header() + R"({"op":"server","t":5,"port":9999,"event":"reset","why":42})" + '\n' << 2
        << QStringLiteral("missing or bad field \"why\"") << 0;
    QTest::newRow("no-header") << ok + ok << 1 << QStringLiteral("not a DStream Lab session journal") << 0;
    QTest::newRow("a-second-header") << header() + ok + header() << 3 << QStringLiteral("not a DStream Lab session journal") << 1;
    QTest::newRow("a-newer-format")
        << QByteArrayLiteral(R"({"op":"session","version":99,"pid":1,"start":0})") + '\n' << 1
        << QStringLiteral("journal format 99 is newer") << 0;
}

void TestSessionJournal::badLineIsReportedWithItsLineNumber()
{
    QFETCH(QByteArray, content);
    QFETCH(int, line);
    QFETCH(QString, why);
    QFETCH(int, opsBefore);
    const QString path = m_dir.filePath(QStringLiteral("bad-%1.journal").arg(QString::fromLatin1(QTest::currentDataTag())));
    QVERIFY(writeFile(path, content));
    const RecoveredSession s = SessionJournal::read(path);
    QVERIFY2(s.error.startsWith(QStringLiteral("%1:%2: ").arg(path).arg(line)), qPrintable(s.error));
    QVERIFY2(s.error.contains(why), qPrintable(s.error));
    QCOMPARE(int(s.ops.size()), opsBefore);
}

void TestSessionJournal::autoTyperAtFullRateWritesItsStartAndStopOnly()
{
    // Ten simulated seconds at 2,000 lines/s, fed event by event as fast as the CPU goes:
    // 20,000 lines, a handful of journal lines (progress marks at most every 250 ms of wall time).
    QTemporaryDir dir;
    auto j = SessionJournal::create(dir.path(), start());
    QVERIFY(j);
    SessionInputLog log;
    log.setObserver(j.get());
    AutoTyperSpec spec;
    spec.linesPerSecond = AutoTyperSpec::kMaxRate;
    QElapsedTimer wall;
    wall.start();
    log.startAuto(spec, start(), 9999);
    for (qint64 ms = 0; ms < 10'000; ++ms) log.advanceAuto(start() + Duration(ms));
    log.stopAuto(start() + Duration(9'999));
    QCOMPARE(log.size(), std::size_t(20'000));
    QFile f(j->path());
    QVERIFY(f.open(QIODevice::ReadOnly));
    const qsizetype written = f.readAll().count('\n');
    QVERIFY2(written <= 3 + 1 + wall.elapsed() / 250, qPrintable(QString::number(written))); // header, start, stop
    const RecoveredSession s = SessionJournal::read(j->path());
    QCOMPARE(s.inputLines(), std::size_t(20'000));
}

QTEST_GUILESS_MAIN(TestSessionJournal)
#include "tst_sessionjournal.moc"
