// The Kafka tab: KafkaTableModel (through QAbstractItemModelTester) and KafkaView over a real run
// whose direct stream is held back by spark.streaming.kafka.maxRatePerPartition, so each batch
// reads part of what the log holds and the lag shows. Worked by hand from Spark's
// DirectKafkaInputDStream.maxMessagesPerPartition (rate 2/s x 1 s batches = 2 messages per
// partition and batch): five messages at 0.1-0.5 s in test-0 (one partition, Kafka's default):
// batch 10:00:01 reads [0, 2) with the log end at 5 (lag 3), 10:00:02 [2, 4) (lag 1), 10:00:03
// [4, 5) (lag 0).
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#include "kafkatestkit.h"

#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#include "engine/inputscript.h"
#include "ui/batchselection.h"
#include "ui/kafkalogstrip.h"
#include "ui/kafkatablemodel.h"
#include "ui/kafkaview.h"
#include "ui/simulationcontroller.h"
#endif

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace dsl;
using namespace dsl::ui;
using namespace dsl::session;

namespace {
constexpr std::int64_t kStart = 1'795'514'400'000; // 2026-11-24 10:00:00 UTC

const char *kProgram = R"py(from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

conf = SparkConf().set("spark.streaming.kafka.maxRatePerPartition", "2")
sc = SparkContext("local[2]", "KafkaLag", conf=conf)
ssc = StreamingContext(sc, 1)
stream = KafkaUtils.createDirectStream(ssc, ["test"], {"metadata.broker.list": "localhost:9092",
                                                       "auto.offset.reset": "smallest"})
stream.count().pprint()
ssc.start()
ssc.awaitTermination()
)py";

std::shared_ptr<const std::vector<KafkaPartitionSnapshot>> partitions(std::vector<KafkaPartitionSnapshot> ps)
{
    return std::make_shared<const std::vector<KafkaPartitionSnapshot>>(std::move(ps));
}
} // namespace

class TestKafkaView : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theModelShowsEachPartitionsRangeAndLag();
    void consumerGroupColumnsAreKafkaConsumerGroups_data();
    void consumerGroupColumnsAreKafkaConsumerGroups();
    void theGroupLineSaysWhatKafkaConsumerGroupsSays_data();
    void theGroupLineSaysWhatKafkaConsumerGroupsSays();
    void theInputMetadataListsSparksDescriptionLines();
    void eachBatchKeepsItsRangesAndTheLag_data();
    void eachBatchKeepsItsRangesAndTheLag();
    void theViewFollowsTheSelectedBatch();
    void aTopicWithTwoPartitionsReadsBothInEachBatch();
    void cleanupTestCase();

private:
    std::unique_ptr<ProgramSession> m_session;
    std::unique_ptr<SimulationController> m_controller;
};

void TestKafkaView::initTestCase()
{
    ProgramSession::Config cfg;
    cfg.startTime = SimTime(kStart);
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<ProgramSession>(cfg);
    m_controller = std::make_unique<SimulationController>(m_session.get());
    m_controller->loadProgram(QStringLiteral("kafka_lag.py"), QString::fromUtf8(kProgram));
    std::vector<ScriptLine> lines;
    std::string error;
    QVERIFY(parseInputScript("0.1\t@kafka test\ta\n0.2\t@kafka test\tb\n0.3\t@kafka test\tc\n0.4\t@kafka test\td\n"
                             "0.5\t@kafka test\te\n",
                             lines, error));
    QVERIFY(m_session->addInputScript(std::move(lines)));
    m_controller->runUntilBatch(3);
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto &s = m_controller->snapshot();
            return s && s->phase == RunPhase::Paused && s->completedBatches == 3;
        },
        30000));
}

void TestKafkaView::theModelShowsEachPartitionsRangeAndLag()
{
    KafkaTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPartitions(partitions({{"test", 0, 1, 0, 12, 10, 12}, {"test", 1, 1, 0, 9, 5, 7}}));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.headerData(KafkaTableModel::Lag, Qt::Horizontal).toString(), QStringLiteral("LAG"));
    QCOMPARE(model.headerData(KafkaTableModel::StreamLag, Qt::Horizontal).toString(), QStringLiteral("Stream lag"));
    QCOMPARE(model.data(model.index(0, KafkaTableModel::BatchRange)).toString(), QStringLiteral("10 → 12"));
    QCOMPARE(model.data(model.index(0, KafkaTableModel::StreamLag)).toString(), QStringLiteral("0"));
    QVERIFY(!model.data(model.index(0, KafkaTableModel::StreamLag), Qt::BackgroundRole).isValid());
    QCOMPARE(model.data(model.index(1, KafkaTableModel::StreamLag), KafkaTableModel::SortRole).toLongLong(), 2); // 9 - 7
    QVERIFY(model.data(model.index(1, KafkaTableModel::StreamLag), Qt::BackgroundRole).isValid()); // behind: marked
    // The same partitions again: cells change, rows stay (a view keeps its scroll and selection).
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.setPartitions(partitions({{"test", 0, 1, 0, 14, 12, 14}, {"test", 1, 1, 0, 9, 7, 9}}));
    QCOMPARE(resets.count(), 0);
    QCOMPARE(model.data(model.index(1, KafkaTableModel::StreamLag)).toString(), QStringLiteral("0"));
    model.setPartitions(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestKafkaView::consumerGroupColumnsAreKafkaConsumerGroups_data()
{
    QTest::addColumn<qint64>("committed"); // -1: nothing committed
    QTest::addColumn<bool>("checkpointed");
    QTest::addColumn<QString>("current");
    QTest::addColumn<QString>("lag");
    QTest::addColumn<QString>("checkpoint");
    QTest::addColumn<QString>("streamLag");
    // Log end 9, the batch read [5, 7).
    QTest::newRow("committed-offset-is-current-offset-lag-is-log-end-minus-it")
        << qint64(3) << false << QStringLiteral("3") << QStringLiteral("6") << QStringLiteral("-") << QStringLiteral("2");
    QTest::newRow("nothing-committed-is-a-dash-and-so-is-its-lag")
        << qint64(-1) << false << QStringLiteral("-") << QStringLiteral("-") << QStringLiteral("-") << QStringLiteral("2");
    QTest::newRow("committed-at-the-log-end-lag-0")
        << qint64(9) << true << QStringLiteral("9") << QStringLiteral("0") << QStringLiteral("7") << QStringLiteral("2");
    QTest::newRow("a-checkpoint-holds-the-streams-offset-not-the-groups")
        << qint64(-1) << true << QStringLiteral("-") << QStringLiteral("-") << QStringLiteral("7") << QStringLiteral("2");
}

void TestKafkaView::consumerGroupColumnsAreKafkaConsumerGroups()
{
    QFETCH(qint64, committed);
    QFETCH(bool, checkpointed);
    QFETCH(QString, current);
    QFETCH(QString, lag);
    QFETCH(QString, checkpoint);
    QFETCH(QString, streamLag);
    KafkaTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    KafkaPartitionSnapshot p{"test", 1, 0, 0, 9, 5, 7};
    p.group = "g";
    p.groupState = "Empty";
    if (committed >= 0) p.committed = committed;
    p.checkpointed = checkpointed;
    model.setPartitions(partitions({p}));
    const auto cell = [&](int column) { return model.data(model.index(0, column)).toString(); };
    QCOMPARE(cell(KafkaTableModel::CurrentOffset), current);
    QCOMPARE(cell(KafkaTableModel::LogEndOffset), QStringLiteral("9"));
    QCOMPARE(cell(KafkaTableModel::Lag), lag);
    QCOMPARE(cell(KafkaTableModel::CheckpointOffset), checkpoint);
    QCOMPARE(cell(KafkaTableModel::StreamLag), streamLag);
    QCOMPARE(model.headerData(KafkaTableModel::CurrentOffset, Qt::Horizontal).toString(), QStringLiteral("CURRENT-OFFSET"));
    QVERIFY(!model.headerData(KafkaTableModel::CheckpointOffset, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
}

void TestKafkaView::theGroupLineSaysWhatKafkaConsumerGroupsSays_data()
{
    QTest::addColumn<QString>("group");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("text");
    QTest::newRow("empty-group-has-no-active-members")
        << QStringLiteral("g") << QStringLiteral("Empty") << QStringLiteral("Consumer group 'g' has no active members.");
    QTest::newRow("dead-group-does-not-exist")
        << QStringLiteral("g") << QStringLiteral("Dead") << QStringLiteral("Consumer group 'g' does not exist.");
    QTest::newRow("stable-group-has-members")
        << QStringLiteral("g") << QStringLiteral("Stable") << QStringLiteral("Consumer group 'g' is Stable: it has active members.");
    QTest::newRow("a-state-not-known-names-the-group") << QStringLiteral("g") << QString() << QStringLiteral("Consumer group 'g'.");
    QTest::newRow("no-group-id") << QString() << QString()
                                 << QStringLiteral("No consumer group (no group.id).");
}

void TestKafkaView::theGroupLineSaysWhatKafkaConsumerGroupsSays()
{
    QFETCH(QString, group);
    QFETCH(QString, state);
    QFETCH(QString, text);
    kafkatest::SnapshotDriver driver;
    SimulationController controller(&driver);
    KafkaView view(&controller);
    auto p = kafkatest::partition(0, 0, 5, 0, 2, std::nullopt, false, group.toStdString(), state.toStdString());
    driver.show(kafkatest::history({{{p}, {}}}));
    QTRY_COMPARE(view.shownBatch(), std::optional<qint64>(kStart + 1000));
    QCOMPARE(view.groupText(), text);
}

void TestKafkaView::theInputMetadataListsSparksDescriptionLines()
{
    auto s = kafkatest::twoPartitionRun();
    auto b = std::make_shared<BatchSnapshot>(*s->batch(SimTime(kStart + 2000)));
    StreamInputInfo info{0, 3, "topic: test\tpartition: 0\toffsets: 2 to 4\ntopic: test\tpartition: 1\toffsets: 2 to 3", 4};
    b->info.streamIdToInputInfo[0] = info;
    QCOMPARE(KafkaView::inputMetadataText(*s, *b),
             QStringLiteral("Kafka 0.8 direct stream [0] (backpressure rate 4 records/s): topic: test  partition: 0  offsets: 2 to 4\n"
                            "Kafka 0.8 direct stream [0] (backpressure rate 4 records/s): topic: test  partition: 1  offsets: 2 to 3"));
    b->info.streamIdToInputInfo[0].estimatedRate.reset();
    b->info.streamIdToInputInfo[0].description = "topic: test\tpartition: 0\toffsets: 2 to 4";
    QCOMPARE(KafkaView::inputMetadataText(*s, *b), QStringLiteral("Kafka 0.8 direct stream [0]: topic: test  partition: 0  offsets: 2 to 4"));
}

void TestKafkaView::eachBatchKeepsItsRangesAndTheLag_data()
{
    QTest::addColumn<int>("batchNo");
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("until");
    QTest::addColumn<qint64>("logEnd");
    QTest::newRow("batch-1-reads-two-of-five-lag-3") << 1 << qint64(0) << qint64(2) << qint64(5);
    QTest::newRow("batch-2-reads-the-next-two-lag-1") << 2 << qint64(2) << qint64(4) << qint64(5);
    QTest::newRow("batch-3-catches-up-lag-0") << 3 << qint64(4) << qint64(5) << qint64(5);
}

void TestKafkaView::eachBatchKeepsItsRangesAndTheLag()
{
    QFETCH(int, batchNo);
    QFETCH(qint64, from);
    QFETCH(qint64, until);
    QFETCH(qint64, logEnd);
    const auto s = m_controller->snapshot();
    QVERIFY(KafkaView::programReadsKafka(s.get()));
    const BatchSnapshot *b = s->batch(SimTime(kStart + batchNo * 1000));
    QVERIFY(b && b->kafka);
    QCOMPARE(b->kafka->size(), std::size_t(1));
    const KafkaPartitionSnapshot &p = b->kafka->front();
    QCOMPARE(p.topic, std::string("test"));
    QCOMPARE(p.partition, 0);
    QCOMPARE(p.from, from);
    QCOMPARE(p.until, until);
    QCOMPARE(p.logStart, qint64(0));
    QCOMPARE(p.logEnd, logEnd);
    // What the batch's RDD counted: its offset range's size.
    QVERIFY2(s->console->find("Time: " + std::string(batchNo == 1 ? "2026-11-24 10:00:01" : batchNo == 2 ? "2026-11-24 10:00:02"
                                                                                                       : "2026-11-24 10:00:03") +
                              "\n-------------------------------------------\n" + std::to_string(until - from) + "\n") !=
                 std::string::npos,
             s->console->c_str());
}

void TestKafkaView::theViewFollowsTheSelectedBatch()
{
    KafkaView view(m_controller.get());
    m_controller->selection()->selectBatch(kStart + 1000);
    QCOMPARE(view.shownBatch(), std::optional<qint64>(kStart + 1000));
    QCOMPARE(view.summaryText(), QStringLiteral("Batch 10:00:01 read 2 message(s) from 1 partition(s) of test, one RDD "
                                                "partition per Kafka partition; 3 message(s) left to read after it."));
    QCOMPARE(view.model()->data(view.model()->index(0, KafkaTableModel::StreamLag)).toString(), QStringLiteral("3"));
    // No group.id in the program's kafkaParams: nothing committed, kafka-consumer-groups' "-".
    QCOMPARE(view.model()->data(view.model()->index(0, KafkaTableModel::CurrentOffset)).toString(), QStringLiteral("-"));
    QCOMPARE(view.metadataText(), QStringLiteral("Kafka 0.8 direct stream [0]: topic: test  partition: 0  offsets: 0 to 2"));
    QCOMPARE(view.strip()->rows().size(), std::size_t(1));
    QCOMPARE(view.strip()->rows()[0].lag(), qint64(3));
    m_controller->selection()->selectBatch(kStart + 3000);
    QVERIFY(view.summaryText().endsWith(QStringLiteral("0 message(s) left to read after it.")));
}

/// RunOptions::kafkaPartitions (--kafka-partitions, a lesson's settings) makes the topic before
/// the run, with 2 partitions: the run restarts from its input log, and the five null-key
/// messages go to the partitions in turn (engine/kafkabroker.h): a, c, e to test-0, b, d to
/// test-1. Batch 1 reads 2 of each (the rate cap is per partition): [0, 2) of both, test-0 left
/// with 1; one RDD partition per Kafka partition.
void TestKafkaView::aTopicWithTwoPartitionsReadsBothInEachBatch()
{
    RunOptions o = m_controller->driver()->options();
    o.kafkaPartitions = {{QStringLiteral("test"), 2}};
    m_controller->setOptions(o);
    m_controller->runUntilBatch(1);
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto &s = m_controller->snapshot();
            return s && s->phase == RunPhase::Paused && s->completedBatches == 1 && s->batch(SimTime(kStart + 1000)) &&
                   s->batch(SimTime(kStart + 1000))->kafka && s->batch(SimTime(kStart + 1000))->kafka->size() == 2;
        },
        30000));
    const auto s = m_controller->snapshot();
    const auto &ps = *s->batch(SimTime(kStart + 1000))->kafka;
    QCOMPARE(ps[0].partition, 0);
    QCOMPARE(ps[0].from, qint64(0));
    QCOMPARE(ps[0].until, qint64(2));
    QCOMPARE(ps[0].logEnd, qint64(3));
    QCOMPARE(ps[1].partition, 1);
    QCOMPARE(ps[1].until, qint64(2));
    QCOMPARE(ps[1].lag(), qint64(0));
    QVERIFY2(s->console->find("Time: 2026-11-24 10:00:01\n-------------------------------------------\n4\n") != std::string::npos,
             s->console->c_str());
}

void TestKafkaView::cleanupTestCase()
{
    m_controller.reset();
    m_session.reset();
}

QTEST_MAIN(TestKafkaView)
#include "tst_kafkaview.moc"
