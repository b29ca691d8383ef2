// Qt Test: the simulated Kafka broker (engine/kafkabroker.h): Kafka's murmur2 and default
// partitioner against the vectors of Kafka's own UtilsTest.testMurmur2, offsets and consumer
// groups, and DirectKafkaInputDStream.maxMessagesPerPartition against the cases of Spark's
// DirectKafkaStreamSuite (tests/data/scala_cases.json, kind "kafka_rate").
// moc cannot parse the C++20 headers the engine pulls in (<compare>); it needs none of it.
#ifndef Q_MOC_RUN
#include "engine/kafkabroker.h"
#endif

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace dsl;
using namespace dsl::kafka;

Q_DECLARE_METATYPE(QJsonObject)

class TestKafka : public QObject {
    Q_OBJECT
private slots:
    void murmur2MatchesKafkasUtilsTest_data();
    void murmur2MatchesKafkasUtilsTest();
    void keysGoToThePositiveHashModuloThePartitions_data();
    void keysGoToThePositiveHashModuloThePartitions();
    void nullKeysTakeThePartitionsInTurn();
    void offsetsCountFromZeroPerPartitionAndLatestIsTheNextOne();
    void latestAtATimeCountsTheMessagesAppendedByThen();
    void aGroupRemembersWhatItCommitted();
    void producingToAMissingPartitionFailsAsKafkasProducer();
    void maxMessagesPerPartitionAsDirectKafkaStreamSuite_data();
    void maxMessagesPerPartitionAsDirectKafkaStreamSuite();
    void clampNeverReadsPastTheLatestOffset();
    void retentionDeletesMessagesOlderThanRetentionMs_data();
    void retentionDeletesMessagesOlderThanRetentionMs();
};

void TestKafka::murmur2MatchesKafkasUtilsTest_data()
{
    // clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java testMurmur2
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<int>("hash");
    QTest::newRow("21") << QByteArray("21") << -973932308;
    QTest::newRow("foobar") << QByteArray("foobar") << -790332482;
    QTest::newRow("a-little-bit-long-string") << QByteArray("a-little-bit-long-string") << -985981536;
    QTest::newRow("a-little-bit-longer-string") << QByteArray("a-little-bit-longer-string") << -1486304829;
    QTest::newRow("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8")
        << QByteArray("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8") << -58897971;
    QTest::newRow("abc") << QByteArray("abc") << 479470107;
}

void TestKafka::murmur2MatchesKafkasUtilsTest()
{
    QFETCH(QByteArray, key);
    QFETCH(int, hash);
    QCOMPARE(murmur2(std::string_view(key.constData(), static_cast<std::size_t>(key.size()))), hash);
}

void TestKafka::keysGoToThePositiveHashModuloThePartitions_data()
{
    // toPositive(murmur2("foobar")) = -790332482 & 0x7fffffff = 1357151166 (worked by hand).
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<int>("partitions");
    QTest::addColumn<int>("partition");
    QTest::newRow("foobar-of-10") << QByteArray("foobar") << 10 << 6;  // 1357151166 % 10
    QTest::newRow("foobar-of-50") << QByteArray("foobar") << 50 << 16; // 1357151166 % 50
    QTest::newRow("foobar-of-3") << QByteArray("foobar") << 3 << 0;    // 1357151166 = 3 * 452383722
    // -973932308 & 0x7fffffff = 1173551340; % 4 = 0, % 7 = 1173551340 - 7 * 167650191 = 3.
    QTest::newRow("21-of-4") << QByteArray("21") << 4 << 0;
    QTest::newRow("21-of-7") << QByteArray("21") << 7 << 3;
    QTest::newRow("any-key-of-1") << QByteArray("abc") << 1 << 0;
}

void TestKafka::keysGoToThePositiveHashModuloThePartitions()
{
    QFETCH(QByteArray, key);
    QFETCH(int, partitions);
    QFETCH(int, partition);
    const std::string k = key.toStdString();
    QCOMPARE(partitionForKey(k, partitions), partition);
    KafkaBroker b;
    QVERIFY(b.createTopic("t", partitions));
    QCOMPARE(b.produce("t", k, "v", SimTime(0)).partition, partition);
}

void TestKafka::nullKeysTakeThePartitionsInTurn()
{
    KafkaBroker b;
    QVERIFY(b.createTopic("t", 3));
    std::vector<int> got;
    for (int i = 0; i < 7; ++i) got.push_back(b.produce("t", std::nullopt, "v" + std::to_string(i), SimTime(i)).partition);
    QCOMPARE(got, (std::vector<int>{0, 1, 2, 0, 1, 2, 0}));
    // An auto-created topic has Kafka's num.partitions (1).
    QCOMPARE(b.produce("auto", std::nullopt, "x", SimTime(0)).partition, 0);
    QCOMPARE(b.partitions("auto"), 1);
    QVERIFY(!b.createTopic("t", 5)); // exists: unchanged
    QCOMPARE(b.partitions("t"), 3);
}

void TestKafka::offsetsCountFromZeroPerPartitionAndLatestIsTheNextOne()
{
    KafkaBroker b;
    QVERIFY(b.createTopic("t", 2));
    QCOMPARE(b.produce("t", std::nullopt, "a", SimTime(10), 1).offset, 0);
    QCOMPARE(b.produce("t", std::nullopt, "b", SimTime(20), 1).offset, 1);
    QCOMPARE(b.produce("t", std::nullopt, "c", SimTime(30), 0).offset, 0);
    QCOMPARE(b.latestOffset({"t", 1}), 2);
    QCOMPARE(b.latestOffset({"t", 0}), 1);
    QCOMPARE(b.earliestOffsetAt({"t", 1}, SimTime(1000000)), 0); // no retention: nothing deleted
    const auto msgs = b.read({"t", 1}, 1, 5); // clamped to the log
    QCOMPARE(msgs.size(), std::size_t(1));
    QCOMPARE(msgs[0].value, std::string("b"));
    QCOMPARE(msgs[0].offset, 1);
    QVERIFY(b.read({"nope", 0}, 0, 3).empty());
    QCOMPARE(b.latestOffset({"nope", 0}), 0);
}

void TestKafka::latestAtATimeCountsTheMessagesAppendedByThen()
{
    KafkaBroker b;
    for (int ms : {100, 200, 200, 900}) b.produce("t", std::nullopt, "x", SimTime(ms));
    QCOMPARE(b.latestOffsetAt({"t", 0}, SimTime(99)), 0);
    QCOMPARE(b.latestOffsetAt({"t", 0}, SimTime(100)), 1);
    QCOMPARE(b.latestOffsetAt({"t", 0}, SimTime(200)), 3);
    QCOMPARE(b.latestOffsetAt({"t", 0}, SimTime(1000)), 4);
}

void TestKafka::aGroupRemembersWhatItCommitted()
{
    KafkaBroker b;
    QVERIFY(!b.committed("g", {"t", 0}));
    b.commit("g", {"t", 0}, 5);
    b.commit("g", {"t", 0}, 7);
    QCOMPARE(b.committed("g", {"t", 0}).value_or(-1), 7);
    QVERIFY(!b.committed("g", {"t", 1}));
    QVERIFY(!b.committed("other", {"t", 0}));
}

void TestKafka::producingToAMissingPartitionFailsAsKafkasProducer()
{
    KafkaBroker b;
    QVERIFY(b.createTopic("t", 2));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, b.produce("t", std::nullopt, "x", SimTime(0), 2));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, b.createTopic("u", 0));
}

namespace {

std::map<TopicPartition, std::int64_t> offsetsOf(const QJsonObject &o)
{
    // "p0", "p1", ...: partitions of one topic.
    std::map<TopicPartition, std::int64_t> m;
    for (auto it = o.begin(); it != o.end(); ++it)
        m[TopicPartition{"topic", it.key().mid(1).toInt()}] = static_cast<std::int64_t>(it.value().toDouble());
    return m;
}

} // namespace

void TestKafka::maxMessagesPerPartitionAsDirectKafkaStreamSuite_data()
{
    QTest::addColumn<QJsonObject>("kase");
    QFile f(QStringLiteral(DSTREAMLAB_SHARED_DIR "/scala_cases.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    int rows = 0;
    for (const QJsonValue &v : QJsonDocument::fromJson(f.readAll()).array()) {
        const QJsonObject c = v.toObject();
        if (c.value(QStringLiteral("kind")).toString() != QStringLiteral("kafka_rate")) continue;
        QTest::newRow(c.value(QStringLiteral("name")).toString().toUtf8().constData()) << c;
        ++rows;
    }
    QCOMPARE(rows, 6); // every case of the suite's maxMessagesPerPartition tests
}

void TestKafka::maxMessagesPerPartitionAsDirectKafkaStreamSuite()
{
    QFETCH(QJsonObject, kase);
    const QJsonObject input = kase.value(QStringLiteral("input")).toObject();
    const QJsonObject setup = input.value(QStringLiteral("setup")).toObject();
    const auto current = offsetsOf(setup.value(QStringLiteral("currentOffsets")).toObject());
    const auto latest = offsetsOf(input.value(QStringLiteral("latest_offsets")).toObject());
    const double batchSeconds = setup.value(QStringLiteral("batch_ms")).toDouble() / 1000.0;
    // The rate controller: its latest rate, or initialRate while it has none (a fresh one
    // under spark.streaming.backpressure.enabled); none when the case has no controller.
    std::optional<double> rate;
    const double initialRate = setup.value(QStringLiteral("spark.streaming.backpressure.initialRate")).toDouble(0);
    if (setup.contains(QStringLiteral("rateController_latestRate"))) {
        const double lr = setup.value(QStringLiteral("rateController_latestRate")).toDouble();
        rate = lr > 0 ? lr : initialRate;
    } else if (setup.value(QStringLiteral("spark.streaming.backpressure.enabled")).toBool()) {
        rate = initialRate;
    }
    std::map<TopicPartition, std::int64_t> maxRate, minRate;
    const auto perPartition = offsetsOf(setup.value(QStringLiteral("perPartition_maxRate")).toObject());
    for (const auto &[tp, off] : latest) {
        maxRate[tp] = perPartition.count(tp) ? perPartition.at(tp)
                                             : static_cast<std::int64_t>(setup.value(QStringLiteral("spark.streaming.kafka.maxRatePerPartition")).toDouble(0));
        minRate[tp] = static_cast<std::int64_t>(setup.value(QStringLiteral("spark.streaming.kafka.minRatePerPartition")).toDouble(1));
    }
    const auto got = maxMessagesPerPartition(latest, current, batchSeconds, rate, maxRate, minRate);
    const QJsonValue expected = kase.value(QStringLiteral("expected"));
    if (expected.isNull()) {
        QVERIFY2(!got, "expected None");
        return;
    }
    QVERIFY(got);
    QCOMPARE(*got, offsetsOf(expected.toObject()));
}

void TestKafka::clampNeverReadsPastTheLatestOffset()
{
    const std::map<TopicPartition, std::int64_t> latest{{{"t", 0}, 50}, {{"t", 1}, 5}};
    const std::map<TopicPartition, std::int64_t> current{{{"t", 0}, 20}, {{"t", 1}, 0}};
    const std::map<TopicPartition, std::int64_t> allowed{{{"t", 0}, 10}, {{"t", 1}, 10}};
    const auto until = clampOffsets(latest, current, allowed);
    QCOMPARE(until.at({"t", 0}), 30); // 20 + 10
    QCOMPARE(until.at({"t", 1}), 5);  // min(0 + 10, 5)
    QCOMPARE(clampOffsets(latest, current, std::nullopt), latest);
}

void TestKafka::retentionDeletesMessagesOlderThanRetentionMs_data()
{
    // Messages at 1, 2, 3, 4 s (offsets 0-3), retention.ms 2000: a message goes once
    // now - its time > 2000 (LogManager's check: t - the segment's newest timestamp > retention).
    QTest::addColumn<qint64>("nowMs");
    QTest::addColumn<qint64>("earliest");
    QTest::newRow("nothing-old-enough-yet") << qint64(2500) << qint64(0);
    QTest::newRow("exactly-retention-old-is-kept") << qint64(3000) << qint64(0);
    QTest::newRow("one-ms-older-is-deleted") << qint64(3001) << qint64(1);
    QTest::newRow("two-deleted") << qint64(4500) << qint64(2);
    QTest::newRow("all-deleted-log-start-is-the-end") << qint64(10000) << qint64(4);
    QTest::newRow("before-later-appends-the-end-as-of-then") << qint64(1000) << qint64(0);
}

void TestKafka::retentionDeletesMessagesOlderThanRetentionMs()
{
    QFETCH(qint64, nowMs);
    QFETCH(qint64, earliest);
    KafkaBroker b;
    QVERIFY(b.createTopic("t", 1));
    for (int i = 1; i <= 4; ++i) b.produce("t", std::nullopt, "m", SimTime(1000 * i));
    QCOMPARE(b.earliestOffsetAt({"t", 0}, SimTime(nowMs)), 0); // no retention set yet
    b.setRetention("t", Duration(2000));
    QCOMPARE(b.earliestOffsetAt({"t", 0}, SimTime(nowMs)), earliest);
    QCOMPARE(b.retention("t"), std::optional<Duration>(Duration(2000)));
    QCOMPARE(b.retention("other"), std::optional<Duration>());
}

QTEST_APPLESS_MAIN(TestKafka)
#include "tst_kafka.moc"
