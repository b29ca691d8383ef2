// Tests: the message browser's model over a hand-written history (kafkatestkit.h): the four ways
// kafka-console-consumer starts reading, the topic/partition filter, the rows the batch shown read,
// "null" keys, the log as an earlier batch left it, and the console command each query names;
// "from a time" in the model and in the browser's grid: the first message shown for a time before,
// between, exactly at and after the messages' CreateTimes.
#include "kafkatestkit.h"

#ifndef Q_MOC_RUN
#include "ui/kafkamessagebrowser.h"
#include "ui/kafkamessagemodel.h"
#include "ui/simulationcontroller.h"
#endif

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDateTime>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimeEdit>

using namespace dsl::ui;
using namespace kafkatest;
using Mode = KafkaMessageModel::Mode;
Q_DECLARE_METATYPE(KafkaMessageModel::Mode)

class TestKafkaMessageModel : public QObject {
    Q_OBJECT
private slots:
    void readsAsTheConsoleConsumerWould_data();
    void readsAsTheConsoleConsumerWould();
    void columnsNameKeyValueAndTheBatchThatReadIt();
    void aTimeStartsAtTheFirstMessageCreatedAtOrAfterIt_data();
    void aTimeStartsAtTheFirstMessageCreatedAtOrAfterIt();
    void anEarlierBatchShowsTheLogAsItLeftIt();
    void aRefreshWithTheSameMessagesKeepsTheRows();
    void aLongHistoryShowsTheFirstRowsOnly();
    void consoleCommand_data();
    void consoleCommand();
};

void TestKafkaMessageModel::readsAsTheConsoleConsumerWould_data()
{
    QTest::addColumn<int>("batchNo");
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<qint64>("timeMs"); // after the start
    QTest::addColumn<int>("partition");  // of test; -1: all
    QTest::addColumn<QString>("expected"); // partition:offset, * where the batch shown read it
    // In CreateTime order; batch 2 read test-0 [2, 4) and test-1 [2, 3).
    QTest::newRow("from-beginning-every-retained-message-in-time-order")
        << 2 << Mode::FromBeginning << qint64(0) << qint64(0) << -1
        << QStringLiteral("test-0:0 test-1:0 test-0:1 test-1:1 test-0:2* test-0:3* test-1:2* test-0:4");
    QTest::newRow("from-beginning-of-test-1-only")
        << 2 << Mode::FromBeginning << qint64(0) << qint64(0) << 1 << QStringLiteral("test-1:0 test-1:1 test-1:2*");
    QTest::newRow("from-offset-2-in-each-partition")
        << 2 << Mode::FromOffset << qint64(2) << qint64(0) << -1 << QStringLiteral("test-0:2* test-0:3* test-1:2* test-0:4");
    QTest::newRow("from-offset-4-of-test-0") << 2 << Mode::FromOffset << qint64(4) << qint64(0) << 0 << QStringLiteral("test-0:4");
    QTest::newRow("from-offset-past-the-log-end-reads-nothing")
        << 2 << Mode::FromOffset << qint64(9) << qint64(0) << -1 << QString();
    QTest::newRow("from-time-10-00-01.250-what-was-created-since")
        << 2 << Mode::FromTime << qint64(0) << qint64(1250) << -1 << QStringLiteral("test-1:2* test-0:4");
    QTest::newRow("from-a-time-exactly-a-messages-createtime-includes-it")
        << 2 << Mode::FromTime << qint64(0) << qint64(1300) << -1 << QStringLiteral("test-1:2* test-0:4");
    QTest::newRow("newest-only-what-batch-2-appended")
        << 2 << Mode::Newest << qint64(0) << qint64(0) << -1 << QStringLiteral("test-0:3* test-1:2* test-0:4");
    QTest::newRow("newest-at-batch-1-what-it-appended")
        << 1 << Mode::Newest << qint64(0) << qint64(0) << -1
        << QStringLiteral("test-0:0* test-1:0* test-0:1* test-1:1* test-0:2");
    QTest::newRow("newest-after-a-batch-with-no-new-message-reads-nothing")
        << 3 << Mode::Newest << qint64(0) << qint64(0) << -1 << QString();
}

void TestKafkaMessageModel::readsAsTheConsoleConsumerWould()
{
    QFETCH(int, batchNo);
    QFETCH(Mode, mode);
    QFETCH(qint64, offset);
    QFETCH(qint64, timeMs);
    QFETCH(int, partition);
    QFETCH(QString, expected);
    const QStringList rows = expected.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    KafkaMessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(twoPartitionRun(), kStart + batchNo * 1000);
    KafkaMessageModel::Query q;
    q.mode = mode;
    q.offset = offset;
    q.timeMs = kStart + timeMs;
    if (partition >= 0) {
        q.topic = "test";
        q.partition = partition;
    }
    model.setQuery(q);
    QStringList got;
    for (int r = 0; r < model.rowCount(); ++r)
        got << model.data(model.index(r, KafkaMessageModel::Partition)).toString() + QLatin1Char(':') +
                   model.data(model.index(r, KafkaMessageModel::Offset)).toString() +
                   (model.data(model.index(r, 0), KafkaMessageModel::ReadByShownRole).toBool() ? QStringLiteral("*") : QString());
    QCOMPARE(got, rows);
    QCOMPARE(model.matching(), int(rows.size()));
    QCOMPARE(model.readByShown(), int(rows.filter(QStringLiteral("*")).size()));
}

void TestKafkaMessageModel::columnsNameKeyValueAndTheBatchThatReadIt()
{
    KafkaMessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(twoPartitionRun(), kStart + 2000);
    QCOMPARE(model.columnCount(), int(KafkaMessageModel::ColumnCount));
    QCOMPARE(model.headerData(KafkaMessageModel::Key, Qt::Horizontal).toString(), QStringLiteral("Key"));
    // Row 0: test-0 offset 0, a null key, read by batch 1; row 2: test-0 offset 1, key user-1.
    QCOMPARE(model.data(model.index(0, KafkaMessageModel::Key)).toString(), QStringLiteral("null"));
    QCOMPARE(model.data(model.index(0, KafkaMessageModel::Value)).toString(), QStringLiteral("hello spark"));
    QCOMPARE(model.data(model.index(0, KafkaMessageModel::Time)).toString(), QStringLiteral("10:00:00.100"));
    QCOMPARE(model.data(model.index(0, KafkaMessageModel::ReadBy)).toString(), QStringLiteral("10:00:01"));
    QVERIFY(!model.data(model.index(0, 0), Qt::BackgroundRole).isValid()); // an earlier batch's: not marked
    QCOMPARE(model.data(model.index(2, KafkaMessageModel::Key)).toString(), QStringLiteral("user-1"));
    // test-0 offset 4 (the last row): left for batch 3, which the batch shown does not know of.
    QCOMPARE(model.data(model.index(7, KafkaMessageModel::ReadBy)).toString(), QStringLiteral("not yet"));
    QVERIFY(model.data(model.index(4, 0), Qt::BackgroundRole).isValid()); // test-0 offset 2: batch 2's
    QCOMPARE(model.data(model.index(4, KafkaMessageModel::Offset), KafkaMessageModel::SortRole).toLongLong(), qint64(2));
}

void TestKafkaMessageModel::aTimeStartsAtTheFirstMessageCreatedAtOrAfterIt_data()
{
    QTest::addColumn<qint64>("timeMs");     // after the start (10:00:00.000)
    QTest::addColumn<int>("partition");     // of test; -1: all
    QTest::addColumn<QString>("first");     // partition:offset of the first row shown; empty: none
    QTest::addColumn<int>("matching");
    // twoPartitionRun's CreateTimes: test-0 at 0.1, 0.3, 0.5, 1.2, 1.4 s, test-1 at 0.2, 0.4, 1.3 s.
    QTest::newRow("a-time-before-the-first-message-shows-every-message-from-the-first")
        << qint64(0) << -1 << QStringLiteral("test-0:0") << 8;
    QTest::newRow("a-time-between-two-messages-starts-at-the-later-one")
        << qint64(250) << -1 << QStringLiteral("test-0:1") << 6;
    QTest::newRow("a-time-exactly-at-a-messages-createtime-starts-at-that-message")
        << qint64(400) << -1 << QStringLiteral("test-1:1") << 5;
    QTest::newRow("a-time-one-ms-after-a-message-starts-at-the-next")
        << qint64(401) << -1 << QStringLiteral("test-0:2") << 4;
    QTest::newRow("a-time-exactly-at-the-last-message-shows-it-alone")
        << qint64(1400) << -1 << QStringLiteral("test-0:4") << 1;
    QTest::newRow("a-time-after-the-last-message-shows-none")
        << qint64(1401) << -1 << QString() << 0;
    QTest::newRow("a-time-between-two-messages-of-test-1-passes-over-test-0s")
        << qint64(250) << 1 << QStringLiteral("test-1:1") << 2;
    QTest::newRow("a-time-after-test-1s-last-message-shows-none-of-test-1")
        << qint64(1301) << 1 << QString() << 0;
}

void TestKafkaMessageModel::aTimeStartsAtTheFirstMessageCreatedAtOrAfterIt()
{
    QFETCH(qint64, timeMs);
    QFETCH(int, partition);
    QFETCH(QString, first);
    QFETCH(int, matching);
    const auto firstRow = [](const QAbstractItemModel *m) {
        return m->rowCount() == 0 ? QString()
                                  : m->data(m->index(0, KafkaMessageModel::Partition)).toString() + QLatin1Char(':') +
                                        m->data(m->index(0, KafkaMessageModel::Offset)).toString();
    };
    // The model, asked directly (batch 3 shown: every message appended).
    KafkaMessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(twoPartitionRun(), std::nullopt);
    KafkaMessageModel::Query q;
    q.mode = Mode::FromTime;
    q.timeMs = kStart + timeMs;
    if (partition >= 0) {
        q.topic = "test";
        q.partition = partition;
    }
    model.setQuery(q);
    QCOMPARE(firstRow(&model), first);
    QCOMPARE(model.matching(), matching);
    QCOMPARE(model.rowCount(), matching);

    // The browser: "from a time" chosen, the time typed into its box (local time on the shown
    // batch's day), the partition chosen; its grid's first row.
    SnapshotDriver driver;
    SimulationController controller(&driver);
    KafkaMessageBrowser browser(&controller);
    QAbstractItemModelTester browserTester(browser.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    browser.resize(900, 400);
    browser.show();
    QVERIFY(QTest::qWaitForWindowExposed(&browser));
    driver.show(twoPartitionRun());
    QTRY_COMPARE(browser.model()->shownBatch(), std::optional<qint64>(kStart + 3000));
    // As a user chooses: the boxes act on activated (a choice), not on a programmatic change.
    const auto choose = [](QComboBox *box, int at) {
        box->setCurrentIndex(at);
        emit box->activated(at);
    };
    choose(browser.modeBox(), browser.modeBox()->findData(int(Mode::FromTime)));
    QVERIFY(browser.timeBox()->isVisible());
    browser.timeBox()->setTime(QDateTime::fromMSecsSinceEpoch(kStart + timeMs).time());
    if (partition >= 0) {
        const QVariantList want{QStringLiteral("test"), partition};
        int at = -1;
        for (int i = 0; i < browser.partitionBox()->count(); ++i)
            if (browser.partitionBox()->itemData(i).toList() == want) at = i;
        QVERIFY(at >= 0);
        choose(browser.partitionBox(), at);
    }
    QCOMPARE(browser.model()->query().timeMs, kStart + timeMs);
    QCOMPARE(firstRow(browser.grid()->model()), first);
    QCOMPARE(browser.grid()->model()->rowCount(), matching);
    QCOMPARE(browser.model()->matching(), matching);
}

void TestKafkaMessageModel::anEarlierBatchShowsTheLogAsItLeftIt()
{
    KafkaMessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSnapshot(twoPartitionRun(), kStart + 1000);
    QCOMPARE(model.rowCount(), 5); // batch 2's three messages were not appended yet
    QCOMPARE(model.shownBatch(), std::optional<qint64>(kStart + 1000));
    QCOMPARE(model.partitions(), (std::vector<std::pair<std::string, int>>{{"test", 0}, {"test", 1}}));
    model.setSnapshot(twoPartitionRun(), std::nullopt); // following the latest: batch 3
    QCOMPARE(model.shownBatch(), std::optional<qint64>(kStart + 3000));
    QCOMPARE(model.rowCount(), 8);
    QCOMPARE(model.readByShown(), 1); // test-0 offset 4
}

void TestKafkaMessageModel::aRefreshWithTheSameMessagesKeepsTheRows()
{
    KafkaMessageModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto s = twoPartitionRun();
    model.setSnapshot(s, kStart + 2000);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.setSnapshot(s, kStart + 3000); // the same messages; batch 3 read test-0 offset 4
    QCOMPARE(resets.count(), 0);
    QCOMPARE(changes.count(), 1);
    QCOMPARE(model.readByShown(), 1);
}

void TestKafkaMessageModel::aLongHistoryShowsTheFirstRowsOnly()
{
    std::vector<KafkaMessageSnapshot> many;
    const int n = KafkaMessageModel::kMaxRows + 500;
    for (int i = 0; i < n; ++i) many.push_back(message(0, i, i, std::nullopt, "m"));
    const auto s = history({{{partition(0, 0, n, 0, 10)}, many}});
    KafkaMessageModel model;
    model.setSnapshot(s, kStart + 1000);
    QCOMPARE(model.rowCount(), KafkaMessageModel::kMaxRows);
    QCOMPARE(model.matching(), n);
    QCOMPARE(model.data(model.index(0, KafkaMessageModel::Offset)).toString(), QStringLiteral("0"));
}

void TestKafkaMessageModel::consoleCommand_data()
{
    QTest::addColumn<Mode>("mode");
    QTest::addColumn<int>("partition");
    QTest::addColumn<QString>("command");
    const QString base = QStringLiteral("kafka-console-consumer --bootstrap-server localhost:9092 --topic ");
    QTest::newRow("from-beginning-of-every-partition")
        << Mode::FromBeginning << -1 << base + QStringLiteral("test --from-beginning --property print.key=true");
    QTest::newRow("from-an-offset-names-the-partition")
        << Mode::FromOffset << 1 << base + QStringLiteral("test --partition 1 --offset 3 --property print.key=true");
    QTest::newRow("newest-is-the-default") << Mode::Newest << -1 << base + QStringLiteral("test --property print.key=true");
    QTest::newRow("a-time-has-no-console-consumer-option") << Mode::FromTime << -1 << QString();
}

void TestKafkaMessageModel::consoleCommand()
{
    QFETCH(Mode, mode);
    QFETCH(int, partition);
    QFETCH(QString, command);
    KafkaMessageModel::Query q;
    q.mode = mode;
    q.offset = 3;
    q.topic = "test";
    q.partition = partition;
    QCOMPARE(KafkaMessageBrowser::consoleCommand(q), command);
}

// The marked rows are bold (a QFont): QFont needs a QGuiApplication.
QTEST_MAIN(TestKafkaMessageModel)
#include "tst_kafkamessagemodel.moc"
