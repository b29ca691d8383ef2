// Qt Test: the `--kafka TOPIC=FILE` script format (engine/inputscript.h parseKafkaScript), which
// `dstreamlab run --kafka` reads and `--kafka-listen`'s recorder writes (appendKafkaScriptLine):
// lines, keys, escapes, errors, and every message surviving a write and a read back exactly; and
// the "@kafka TOPIC" records of an input script (parseInputScript, appendScriptKafka), which the
// app's input log holds for messages typed into the nc panel with a topic as its target.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "engine/inputscript.h"
#endif

#include <QTest>

#include <algorithm>

using namespace dsl;

namespace {
/// "0.500|k|v" per message ("0.500||v": an empty key; "0.500|v": a null key), for compact rows.
QByteArrayList describe(const std::vector<KafkaScriptLine> &lines)
{
    QByteArrayList out;
    for (const auto &l : lines) {
        QByteArray s = QByteArray::number(l.offset.ms() / 1000.0, 'f', 3);
        if (l.key) s += '|' + QByteArray::fromStdString(*l.key);
        out << s + '|' + QByteArray::fromStdString(l.value);
    }
    return out;
}
} // namespace

class TestKafkaScript : public QObject {
    Q_OBJECT
private slots:
    void scriptsParse_data();
    void scriptsParse();
    void badScriptsNameTheLine_data();
    void badScriptsNameTheLine();
    void writtenMessagesReadBackExactly_data();
    void writtenMessagesReadBackExactly();
    void inputScriptKafkaRecords_data();
    void inputScriptKafkaRecords();
    void badKafkaRecordsInAnInputScript_data();
    void badKafkaRecordsInAnInputScript();
    void inputScriptKafkaRecordsReadBackExactly();
    void topicNamesAsKafkaValidatesThem_data();
    void topicNamesAsKafkaValidatesThem();
    void topicPartitionsOptions_data();
    void topicPartitionsOptions();
};

void TestKafkaScript::scriptsParse_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QByteArrayList>("messages");
    QTest::newRow("one tab: a null key") << QByteArray("0.5\thello kafka\n") << QByteArrayList{"0.500|hello kafka"};
    QTest::newRow("two tabs: key then value") << QByteArray("1.2\tk1\thello spark\n") << QByteArrayList{"1.200|k1|hello spark"};
    QTest::newRow("an empty key is a key") << QByteArray("1\t\tv\n") << QByteArrayList{"1.000||v"};
    QTest::newRow("a raw tab after the key stays in the value")
        << QByteArray("1\tk\ta\tb\n") << QByteArrayList{"1.000|k|a\tb"};
    QTest::newRow("escapes in key and value")
        << QByteArray("2\tk\\tx\tline\\none\\\\two\\r\n") << QByteArrayList{"2.000|k\tx|line\none\\two\r"};
    QTest::newRow("empty lines and CRLF endings are skipped")
        << QByteArray("\n0.5\ta\r\n\r\n3\tb\n") << QByteArrayList{"0.500|a", "3.000|b"};
    QTest::newRow("an empty value") << QByteArray("0\t\n") << QByteArrayList{"0.000|"};
    QTest::newRow("no trailing newline") << QByteArray("4.25\tlast") << QByteArrayList{"4.250|last"};
}

void TestKafkaScript::scriptsParse()
{
    QFETCH(QByteArray, script);
    QFETCH(QByteArrayList, messages);
    std::vector<KafkaScriptLine> out;
    std::string error;
    QVERIFY2(parseKafkaScript(script.toStdString(), out, error), error.c_str());
    QCOMPARE(describe(out), messages);
}

void TestKafkaScript::badScriptsNameTheLine_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QByteArray>("error");
    QTest::newRow("no tab") << QByteArray("0.5\ta\nhello\n")
                            << QByteArray("line 2: expected SECONDS<TAB>VALUE or SECONDS<TAB>KEY<TAB>VALUE (SECONDS >= 0), got 'hello'");
    QTest::newRow("seconds not a number") << QByteArray("abc\tx\n")
                                          << QByteArray("line 1: expected SECONDS<TAB>VALUE or SECONDS<TAB>KEY<TAB>VALUE (SECONDS >= 0), got 'abc\tx'");
    QTest::newRow("negative seconds") << QByteArray("-1\tx\n")
                                      << QByteArray("line 1: expected SECONDS<TAB>VALUE or SECONDS<TAB>KEY<TAB>VALUE (SECONDS >= 0), got '-1\tx'");
    QTest::newRow("unknown escape in the value") << QByteArray("1\ta\\d\n")
                                                 << QByteArray("line 1: bad escape '\\d' in the value (use \\\\, \\t, \\r or \\n)");
    QTest::newRow("lone backslash ending the key") << QByteArray("1\tk\\\tv\n")
                                                   << QByteArray("line 1: bad escape '\\' in the key (use \\\\, \\t, \\r or \\n)");
}

void TestKafkaScript::badScriptsNameTheLine()
{
    QFETCH(QByteArray, script);
    QFETCH(QByteArray, error);
    std::vector<KafkaScriptLine> out;
    std::string got;
    QVERIFY(!parseKafkaScript(script.toStdString(), out, got));
    QCOMPARE(QByteArray::fromStdString(got), error);
}

void TestKafkaScript::writtenMessagesReadBackExactly_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<bool>("hasKey");
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("plain words, null key") << qint64(1234) << false << QByteArray() << QByteArray("hello spark");
    QTest::newRow("keyed") << qint64(0) << true << QByteArray("k1") << QByteArray("hello");
    QTest::newRow("empty key and value") << qint64(5) << true << QByteArray() << QByteArray();
    QTest::newRow("tabs, newlines, CR and backslashes")
        << qint64(61001) << true << QByteArray("a\tb\\") << QByteArray("x\ny\r\n\tz\\n");
    QTest::newRow("a null-key value with a tab is not read as a key")
        << qint64(7) << false << QByteArray() << QByteArray("not\ta key");
    QTest::newRow("UTF-8 and other bytes as they are")
        << qint64(999) << true << QByteArray("键") << QByteArray("你好 \x01\xff", 10);
    QTest::newRow("a value ending in a carriage return") << qint64(2) << false << QByteArray() << QByteArray("cr\r");
}

void TestKafkaScript::writtenMessagesReadBackExactly()
{
    QFETCH(qint64, ms);
    QFETCH(bool, hasKey);
    QFETCH(QByteArray, key);
    QFETCH(QByteArray, value);
    std::optional<std::string> k;
    if (hasKey) k = key.toStdString();
    std::string text;
    appendKafkaScriptLine(text, Duration(ms), k, value.toStdString());
    QCOMPARE(std::count(text.begin(), text.end(), '\n'), 1); // one message, one line
    std::vector<KafkaScriptLine> out;
    std::string error;
    QVERIFY2(parseKafkaScript(text, out, error), error.c_str());
    QCOMPARE(out.size(), std::size_t(1));
    QCOMPARE(out[0].offset.ms(), ms);
    QCOMPARE(out[0].key, k);
    QCOMPARE(QByteArray::fromStdString(out[0].value), value);
}

namespace {
/// "0.500|topic|k|v" per Kafka record, "0.500|line" per socket line, "0.500|file PATH" per file.
QByteArrayList describeScript(const std::vector<ScriptLine> &lines)
{
    QByteArrayList out;
    for (const auto &l : lines) {
        QByteArray s = QByteArray::number(l.offset.ms() / 1000.0, 'f', 3) + '|';
        if (l.isKafka()) {
            s += QByteArray::fromStdString(l.topic) + '|';
            if (l.key) s += QByteArray::fromStdString(*l.key) + '|';
        } else if (l.isFile()) {
            s += "file " + QByteArray::fromStdString(l.path) + '|';
        }
        out << s + QByteArray::fromStdString(l.text);
    }
    return out;
}
} // namespace

void TestKafkaScript::inputScriptKafkaRecords_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QByteArrayList>("records");
    QTest::newRow("a null key: topic, tab, value") << QByteArray("3\t@kafka test\thello kafka\n")
                                                   << QByteArrayList{"3.000|test|hello kafka"};
    QTest::newRow("a key: topic, key, value") << QByteArray("3.5\t@kafka test\tuser-1\ta keyed value\n")
                                              << QByteArrayList{"3.500|test|user-1|a keyed value"};
    QTest::newRow("escapes in key and value") << QByteArray("1\t@kafka t.1\tk\\tx\ta\\nb\n")
                                              << QByteArrayList{"1.000|t.1|k\tx|a\nb"};
    QTest::newRow("among socket lines and a file, in order")
        << QByteArray("0.5\tspark\n1\t@kafka logs\tx\n1\t@file 1 /tmp/in/a.txt\n\tcontent\n2\t@line @kafka not a record\n")
        << QByteArrayList{"0.500|spark", "1.000|logs|x", "1.000|file /tmp/in/a.txt|content", "2.000|@kafka not a record"};
}

void TestKafkaScript::inputScriptKafkaRecords()
{
    QFETCH(QByteArray, script);
    QFETCH(QByteArrayList, records);
    std::vector<ScriptLine> out;
    std::string error;
    QVERIFY2(parseInputScript(script.toStdString(), out, error), error.c_str());
    QCOMPARE(describeScript(out), records);
}

void TestKafkaScript::badKafkaRecordsInAnInputScript_data()
{
    QTest::addColumn<QByteArray>("script");
    QTest::addColumn<QByteArray>("error");
    QTest::newRow("no tab after the topic") << QByteArray("0\tspark\n1\t@kafka test\n")
        << QByteArray("line 2: expected '@kafka TOPIC<TAB>VALUE' or '@kafka TOPIC<TAB>KEY<TAB>VALUE', got '@kafka test'");
    QTest::newRow("a topic Kafka refuses") << QByteArray("1\t@kafka my topic\tv\n")
        << QByteArray("line 1: expected '@kafka TOPIC<TAB>VALUE' or '@kafka TOPIC<TAB>KEY<TAB>VALUE' (Topic name \"my topic\" "
                      "is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'), got '@kafka my topic\tv'");
    QTest::newRow("a bad escape in the value") << QByteArray("1\t@kafka t\ta\\q\n")
        << QByteArray("line 1: bad escape '\\q' in the message's value (use \\\\, \\t, \\r or \\n)");
}

void TestKafkaScript::badKafkaRecordsInAnInputScript()
{
    QFETCH(QByteArray, script);
    QFETCH(QByteArray, error);
    std::vector<ScriptLine> out;
    std::string got;
    QVERIFY(!parseInputScript(script.toStdString(), out, got));
    QCOMPARE(QByteArray::fromStdString(got), error);
}

/// What the app's Save input log writes for a produced message, a socket line that looks like
/// one, and a null key next to an empty one, reads back as it was.
void TestKafkaScript::inputScriptKafkaRecordsReadBackExactly()
{
    std::string text;
    appendScriptKafka(text, Duration(1500), "test", std::string("k\t1"), "v\nw\\");
    appendScriptKafka(text, Duration(1600), "test", std::nullopt, "null key");
    appendScriptKafka(text, Duration(1700), "test", std::string(), "empty key");
    appendScriptLine(text, Duration(1800), "@kafka test\tlooks like one");
    std::vector<ScriptLine> out;
    std::string error;
    QVERIFY2(parseInputScript(text, out, error), error.c_str());
    QCOMPARE(describeScript(out), (QByteArrayList{"1.500|test|k\t1|v\nw\\", "1.600|test|null key", "1.700|test||empty key",
                                                 "1.800|@kafka test\tlooks like one"}));
    QVERIFY(!out[1].key);
    QVERIFY(out[2].key && out[2].key->empty());
}

void TestKafkaScript::topicNamesAsKafkaValidatesThem_data()
{
    // Kafka's Topic.validate (clients/src/main/java/org/apache/kafka/common/internals/Topic.java).
    QTest::addColumn<QByteArray>("topic");
    QTest::addColumn<QByteArray>("error");
    QTest::newRow("letters, digits, dot, underscore, dash") << QByteArray("Word_counts.v-2") << QByteArray();
    QTest::newRow("empty") << QByteArray() << QByteArray("Topic name is illegal, it can't be empty");
    QTest::newRow("dot") << QByteArray(".") << QByteArray("Topic name cannot be \".\" or \"..\"");
    QTest::newRow("249 characters") << QByteArray(249, 'a') << QByteArray();
    QTest::newRow("250 characters") << QByteArray(250, 'a')
        << QByteArray("Topic name is illegal, it can't be longer than 249 characters, Topic name: ") + QByteArray(250, 'a');
    QTest::newRow("a colon") << QByteArray("a:b")
        << QByteArray("Topic name \"a:b\" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'");
}

void TestKafkaScript::topicNamesAsKafkaValidatesThem()
{
    QFETCH(QByteArray, topic);
    QFETCH(QByteArray, error);
    QCOMPARE(QByteArray::fromStdString(kafkaTopicError(topic.toStdString())), error);
}

void TestKafkaScript::topicPartitionsOptions_data()
{
    // --kafka-partitions TOPIC=N, as dstreamlab run and the dashboard take it.
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("topic");
    QTest::addColumn<int>("partitions");
    QTest::newRow("topic and count") << QByteArray("words=3") << true << QByteArray("words") << 3;
    QTest::newRow("the last '=' is not the separator: the first is") << QByteArray("a=2=3") << false << QByteArray() << 0;
    QTest::newRow("no topic") << QByteArray("=2") << false << QByteArray() << 0;
    QTest::newRow("no '='") << QByteArray("words") << false << QByteArray() << 0;
    QTest::newRow("zero partitions") << QByteArray("words=0") << false << QByteArray() << 0;
    QTest::newRow("not a whole number") << QByteArray("words=2.5") << false << QByteArray() << 0;
    QTest::newRow("not a number") << QByteArray("words=two") << false << QByteArray() << 0;
}

void TestKafkaScript::topicPartitionsOptions()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, ok);
    QFETCH(QByteArray, topic);
    QFETCH(int, partitions);
    std::string t;
    int n = 0;
    QCOMPARE(parseTopicPartitions(value.toStdString(), t, n), ok);
    if (ok) {
        QCOMPARE(QByteArray::fromStdString(t), topic);
        QCOMPARE(n, partitions);
    }
}

QTEST_APPLESS_MAIN(TestKafkaScript)
#include "tst_kafkascript.moc"
