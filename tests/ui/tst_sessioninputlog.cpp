// The input a session replays from: the engine's InputLog (global indices across discards), the
// input-script format (`dstreamlab run --input`, a saved input log) and SessionInputLog's arrival
// order of script, typed and auto-typed lines, and the auto-producer's Kafka messages. Values
// only: no program runs.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/sessioninputlog.h"
#include "engine/inputlog.h"
#include "engine/inputscript.h"
#include "engine/kafkabroker.h"
#endif

#include <QTest>

#include <algorithm>

using namespace dsl;
using namespace dsl::session;

namespace {
QStringList utf8List(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items) out << QString::fromUtf8(i);
    return out;
}
} // namespace

class TestSessionInputLog : public QObject {
    Q_OBJECT
private slots:
    void engineInputLogDiscardKeepsIndices_data();
    void engineInputLogDiscardKeepsIndices();
    void inputScriptsParse_data();
    void inputScriptsParse();
    void savedLogReadsBackRecordByRecord();
    void savedLogKeepsEachLinesSource();
    void sessionLogReadsInArrivalOrder_data();
    void sessionLogReadsInArrivalOrder();
    void autoProducerProducesAtItsRatePerPartition_data();
    void autoProducerProducesAtItsRatePerPartition();
    void autoProducerKeysSpreadAsMurmur2Says_data();
    void autoProducerKeysSpreadAsMurmur2Says();
    void autoProducerSavedLogReadsBackMessageByMessage();
};

void TestSessionInputLog::engineInputLogDiscardKeepsIndices_data()
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

void TestSessionInputLog::engineInputLogDiscardKeepsIndices()
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

void TestSessionInputLog::inputScriptsParse_data()
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
    // Dropped files ("@file N PATH", N content lines: a tab, then the text with \\ \t \r \n escapes).
    QTest::newRow("file-record-joins-its-lines-with-newlines")
        << QByteArray("1\ta\n2.5\t@file 3 in/x.txt\n\tone\n\ttwo\n\t\n3\tb\n")
        << utf8List({"1000|a", "2500|file in/x.txt|one\ntwo\n", "3000|b"}) << QString();
    QTest::newRow("file-record-escapes-tab-cr-backslash-and-keeps-utf8")
        << QByteArray("0\t@file 1 d/\xe4\xb8\xad.txt\n\ta\\tb\\r\\\\ \xe4\xb8\xad\n")
        << utf8List({"0|file d/\xe4\xb8\xad.txt|a\tb\r\\ \xe4\xb8\xad"}) << QString();
    QTest::newRow("empty-file-has-no-content-lines") << QByteArray("1\t@file 0 in/empty\n2\tz\n")
                                                     << utf8List({"1000|file in/empty|", "2000|z"}) << QString();
    QTest::newRow("at-line-escapes-a-socket-line-that-looks-like-a-record")
        << QByteArray("1\t@line @file 1 x\n1\t@user hi\n") << utf8List({"1000|@file 1 x", "1000|@user hi"}) << QString();
    QTest::newRow("truncated-file-record-names-its-header-line")
        << QByteArray("1\ta\n2\t@file 3 in/x.txt\n\tone\n") << utf8List({})
        << QStringLiteral("line 2: the file record for 'in/x.txt' announces 3 content lines, but the script ends after 1 "
                          "(truncated?)");
    QTest::newRow("content-line-without-its-tab")
        << QByteArray("2\t@file 2 in/x.txt\n\tone\n3\tb\n") << utf8List({})
        << QStringLiteral("line 3: the file record of line 1 announces 2 content lines, each a tab and the text; got '3\tb'");
    QTest::newRow("unknown-escape-in-content") << QByteArray("2\t@file 1 x\n\ta\\qb\n") << utf8List({})
                                               << QStringLiteral("line 2: bad escape '\\q' in the file's content (use "
                                                                 "\\\\, \\t, \\r or \\n)");
    QTest::newRow("file-header-without-a-count") << QByteArray("2\t@file in/x.txt\n") << utf8List({})
                                                 << QStringLiteral("line 1: expected '@file N PATH' (N content lines "
                                                                   "follow), got '@file in/x.txt'");
}

void TestSessionInputLog::inputScriptsParse()
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
    for (const auto &l : lines) {
        const QString text = QString::fromStdString(l.text);
        if (l.isFile()) got << QStringLiteral("%1|file %2|%3").arg(l.offset.ms()).arg(QString::fromStdString(l.path), text);
        else got << QStringLiteral("%1|%2").arg(l.offset.ms()).arg(text);
    }
    QCOMPARE(got, expected);
}

void TestSessionInputLog::savedLogKeepsEachLinesSource()
{
    // Lines from the class port and a real server keep their senders through Save input log:
    // "@source NAME<TAB>TEXT" (engine/inputscript.h), typed lines stay plain.
    session::SessionInputLog log;
    const SimTime t0(1'795'514'400'000);
    auto student = std::make_shared<const std::string>("student 3 (192.168.1.20:50432)");
    InputRecord a{InputRecord::Kind::SocketLine, t0 + Duration(1250), 0, {}, "to be or not"};
    a.source = student;
    InputRecord b{InputRecord::Kind::SocketLine, t0 + Duration(1300), 0, {}, "typed here"};
    InputRecord c{InputRecord::Kind::SocketLine, t0 + Duration(1400), 0, {}, "@file 1 /x"};
    c.source = std::make_shared<const std::string>("localhost:9998");
    log.addTyped(a);
    log.addTyped(b);
    log.addTyped(c);
    std::string script;
    log.writeScript(t0, [&](const std::string &chunk) { script += chunk; });
    // Written by hand from the format.
    QCOMPARE(QString::fromStdString(script),
             QStringLiteral("1.250\t@source student 3 (192.168.1.20:50432)\tto be or not\n"
                            "1.300\ttyped here\n"
                            "1.400\t@source localhost:9998\t@file 1 /x\n"));
    std::vector<ScriptLine> lines;
    std::string err;
    QVERIFY2(parseInputScript(script, lines, err), err.c_str());
    QCOMPARE(lines.size(), std::size_t(3));
    QCOMPARE(lines[0].source, *student);
    QCOMPARE(lines[1].source, std::string());
    QCOMPARE(lines[2].source, std::string("localhost:9998"));
    QCOMPARE(lines[2].text, std::string("@file 1 /x"));
    QVERIFY(!lines[2].isFile());
}

void TestSessionInputLog::savedLogReadsBackRecordByRecord()
{
    // Socket lines and dropped files, at equal times too, with texts that need escaping.
    session::SessionInputLog log;
    const SimTime t0(1'795'514'400'000);
    log.addScript({{t0 + Duration(500), "hello spark"}, {t0 + Duration(2000), "@file 1 not/a.file"}}, 0);
    log.addTyped(InputRecord{InputRecord::Kind::File, t0 + Duration(2000), kFileRecordPort, "/tmp/in/a b.txt",
                             "line one\n\tindented\ttab\r\n\xe4\xb8\xad\xe6\x96\x87 back\\slash\n\n"});
    log.addTyped(InputRecord{InputRecord::Kind::SocketLine, t0 + Duration(2000), 0, {}, "@line kept"});
    log.addTyped(InputRecord{InputRecord::Kind::File, t0 + Duration(2001), kFileRecordPort, "in/empty.txt", ""});
    log.addTyped(InputRecord{InputRecord::Kind::File, t0 + Duration(3000), kFileRecordPort, "in/no-newline", "x\ty"});
    std::string script;
    log.writeScript(t0, [&](const std::string &chunk) { script += chunk; });
    std::vector<ScriptLine> lines;
    std::string err;
    QVERIFY2(parseInputScript(script, lines, err), err.c_str());
    const auto records = log.records();
    QCOMPARE(lines.size(), records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        QCOMPARE(lines[i].offset.ms(), (records[i].time - t0).ms());
        QCOMPARE(lines[i].isFile(), records[i].kind == InputRecord::Kind::File);
        QCOMPARE(QByteArray::fromStdString(lines[i].path), QByteArray::fromStdString(records[i].path));
        QCOMPARE(QByteArray::fromStdString(lines[i].text), QByteArray::fromStdString(records[i].text));
    }
    // The format, written by hand: the file's 5 lines (it ends in a newline and an empty line).
    QVERIFY(script.find("2.000\t@file 5 /tmp/in/a b.txt\n\tline one\n\t\\tindented\\ttab\\r\n") != std::string::npos);
    QVERIFY(script.find("2.000\t@line @file 1 not/a.file\n") != std::string::npos);
    QVERIFY(script.find("2.001\t@file 0 in/empty.txt\n3.000\t@file 1 in/no-newline\n\tx\\ty\n") != std::string::npos);
}

void TestSessionInputLog::sessionLogReadsInArrivalOrder_data()
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

void TestSessionInputLog::sessionLogReadsInArrivalOrder()
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

namespace {
/// An auto-producer to topic "words" started at 0 and stopped at `untilMs`.
std::vector<InputRecord> produced(double ratePerPartition, int partitions, bool keyed, std::int64_t untilMs)
{
    AutoTyperSpec spec;
    spec.topic = "words";
    spec.partitions = partitions;
    spec.linesPerSecond = ratePerPartition;
    spec.keyed = keyed;
    SessionInputLog log;
    log.startAuto(spec, SimTime(0), 9999);
    for (std::int64_t t = 0; t <= untilMs; t += 97) log.advanceAuto(SimTime(t)); // as a run's feed does
    log.stopAuto(SimTime(untilMs));
    return log.records();
}
} // namespace

void TestSessionInputLog::autoProducerProducesAtItsRatePerPartition_data()
{
    // Message k arrives at floor(k * 1000 / (rate * partitions)) ms; [0, until] holds those with
    // that time <= until. Worked by hand:
    QTest::addColumn<double>("rate");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<qint64>("untilMs");
    QTest::addColumn<int>("expected");
    QTest::addColumn<qint64>("gapMs"); // between messages 0 and 1
    // 2/s x 3 = 6/s: k * 1000 / 6 <= 1000 for k = 0..6.
    QTest::newRow("two-per-partition-of-three-is-six-a-second") << 2.0 << 3 << qint64(1000) << 7 << qint64(166);
    // 0.5/s x 1: one every 2000 ms, k = 0..5 by 10 s.
    QTest::newRow("half-a-message-a-second-of-one-partition") << 0.5 << 1 << qint64(10000) << 6 << qint64(2000);
    // 10/s x 4 = 40/s: one every 25 ms, 25k <= 999 for k = 0..39.
    QTest::newRow("ten-per-partition-of-four-just-before-a-second") << 10.0 << 4 << qint64(999) << 40 << qint64(25);
    // 2/s x 1000 = 2000/s (kMaxRate): floor(k / 2) <= 100 for k = 0..201.
    QTest::newRow("a-thousand-partitions-at-the-total-maximum") << 2.0 << 1000 << qint64(100) << 202 << qint64(0);
}

void TestSessionInputLog::autoProducerProducesAtItsRatePerPartition()
{
    QFETCH(double, rate);
    QFETCH(int, partitions);
    QFETCH(qint64, untilMs);
    QFETCH(int, expected);
    QFETCH(qint64, gapMs);
    const auto records = produced(rate, partitions, false, untilMs);
    QCOMPARE(int(records.size()), expected);
    QCOMPARE(records[1].time.ms() - records[0].time.ms(), gapMs);
    AutoTyperSpec sample; // the text is the auto-typer's line k
    for (std::size_t k = 0; k < records.size(); ++k) {
        const InputRecord &r = records[k];
        QCOMPARE(r.kind, InputRecord::Kind::KafkaMessage);
        QCOMPARE(r.path, std::string("words"));
        QCOMPARE(r.time.ms(), qint64(k * 1'000'000 / std::uint64_t(rate * partitions * 1000))); // per 1000 s: exact
        QCOMPARE(r.text, AutoTyper::line(sample, k));
        QVERIFY(!r.key);
        QVERIFY(!r.partition); // the broker's partitioner places it
    }
}

void TestSessionInputLog::autoProducerKeysSpreadAsMurmur2Says_data()
{
    // 2/s x 3 partitions over [0, 9999] ms: 60 messages. Unkeyed, the broker deals them to the
    // partitions in turn: 20 each, the rate per partition times 10 s. Keyed, message k has key
    // user-(k % 10), each key 6 times, and the key decides the partition. toPositive(murmur2)
    // of "user-0" .. "user-9", computed apart from the engine (a Python port of Kafka's
    // Utils.murmur2, checked against its "foobar" vector, -790332482):
    //   637506763 1404122828 1822501856 1141442267 2067937567 1801817326 1211044373 696778364
    //   502736121 1134184379
    // % 3 = 1 2 2 2 1 1 2 2 0 2: partition 0 gets user-8 (6 messages), 1 gets user-0, 4, 5
    // (18), 2 the other six keys (36). % 4 = 3 0 0 3 3 2 1 0 1 3 (of 40/s x 1.5 s = 60:
    // 18, 12, 6, 24).
    QTest::addColumn<bool>("keyed");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<double>("rate");
    QTest::addColumn<qint64>("untilMs");
    QTest::addColumn<QList<int>>("keyPartitions"); // of user-0 .. user-9
    QTest::addColumn<QList<int>>("perPartition");
    QTest::newRow("unkeyed-messages-go-to-the-partitions-in-turn")
        << false << 3 << 2.0 << qint64(9999) << QList<int>{} << QList<int>{20, 20, 20};
    QTest::newRow("keyed-of-three-partitions-follow-murmur2")
        << true << 3 << 2.0 << qint64(9999) << QList<int>{1, 2, 2, 2, 1, 1, 2, 2, 0, 2} << QList<int>{6, 18, 36};
    QTest::newRow("keyed-of-four-partitions-follow-murmur2")
        << true << 4 << 10.0 << qint64(1499) << QList<int>{3, 0, 0, 3, 3, 2, 1, 0, 1, 3} << QList<int>{18, 12, 6, 24};
}

void TestSessionInputLog::autoProducerKeysSpreadAsMurmur2Says()
{
    QFETCH(bool, keyed);
    QFETCH(int, partitions);
    QFETCH(double, rate);
    QFETCH(qint64, untilMs);
    QFETCH(QList<int>, keyPartitions);
    QFETCH(QList<int>, perPartition);
    kafka::KafkaBroker broker;
    QVERIFY(broker.createTopic("words", partitions));
    QList<int> counts(partitions, 0);
    const auto records = produced(rate, partitions, keyed, untilMs);
    QCOMPARE(records.size(), std::size_t(60));
    for (std::size_t k = 0; k < records.size(); ++k) {
        const InputRecord &r = records[k];
        const kafka::ProduceResult p = broker.produce(r.path, r.key, r.text, r.time, r.partition);
        ++counts[p.partition];
        if (!keyed) continue;
        QCOMPARE(r.key, std::optional<std::string>("user-" + std::to_string(k % 10)));
        QCOMPARE(p.partition, keyPartitions[int(k % 10)]);
    }
    QCOMPARE(counts, perPartition);
}

void TestSessionInputLog::autoProducerSavedLogReadsBackMessageByMessage()
{
    // Save input log: "SECONDS<TAB>@kafka TOPIC<TAB>[KEY<TAB>]VALUE", read back as the same messages.
    SessionInputLog log;
    log.addTyped(InputRecord{InputRecord::Kind::SocketLine, SimTime(1000), 9999, {}, "typed"});
    AutoTyperSpec spec;
    spec.topic = "words";
    spec.partitions = 2;
    spec.linesPerSecond = 1.5; // 3/s: 0, 333, 666, 1000 ms
    spec.keyed = true;
    log.startAuto(spec, SimTime(0), 9999);
    log.advanceAuto(SimTime(700));
    spec.keyed = false;
    spec.sample = AutoTyperSpec::Sample::Chinese;
    log.startAuto(spec, SimTime(1000), 9999); // 1000, 1333, 1666 ms, unkeyed
    log.stopAuto(SimTime(1999));
    std::string script;
    log.writeScript(SimTime(0), [&](const std::string &chunk) { script += chunk; });
    QVERIFY2(script.starts_with("0.000\t@kafka words\tuser-0\t") && script.find("\n0.333\t@kafka words\tuser-1\t") != std::string::npos,
             script.c_str());
    QVERIFY(script.find("\n1.000\ttyped\n1.000\t@kafka words\t") != std::string::npos); // typed first at equal times
    std::vector<ScriptLine> lines;
    std::string error;
    QVERIFY2(parseInputScript(script, lines, error), error.c_str());
    const auto records = log.records();
    QCOMPARE(lines.size(), records.size());
    QCOMPARE(records.size(), std::size_t(7)); // 3 keyed, the typed line, 3 unkeyed
    for (std::size_t i = 0; i < lines.size(); ++i) {
        QCOMPARE(lines[i].offset.ms(), records[i].time.ms());
        QCOMPARE(lines[i].text, records[i].text);
        if (records[i].kind != InputRecord::Kind::KafkaMessage) continue;
        QCOMPARE(lines[i].topic, std::string("words"));
        QCOMPARE(lines[i].key, records[i].key);
    }
}

QTEST_GUILESS_MAIN(TestSessionInputLog)
#include "tst_sessioninputlog.moc"
