// Tests: the Streaming tab's batch tables (Spark's AllBatchesTable) over hand-written histories
// (streamingtestkit.h), each model under QAbstractItemModelTester: which table a batch is in,
// newest first, the cells as Spark formats them (records, durations, output operations, the first
// error and its tooltip), refreshes that insert and remove rows instead of resetting, and the
// selected batch's row.
#include "streamingtestkit.h"

#ifndef Q_MOC_RUN
#include "ui/batchtablemodel.h"
#endif

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTest>

using namespace dsl::ui;
using namespace streamingtest;
using Kind = BatchTableModel::Kind;
using Column = BatchTableModel::Column;
Q_DECLARE_METATYPE(BatchTableModel::Kind)
Q_DECLARE_METATYPE(BatchTableModel::Column)

namespace {
const char *kTraceback = "ZeroDivisionError: division by zero\nTraceback (most recent call last):\n  File \"wc.py\", line 9";

/// 10:00:01 and :02 completed (:02 with a failed output operation of two), :03 running (one of
/// its two operations ended), :04 and :05 waiting.
std::shared_ptr<RunSnapshot> mixedRun()
{
    return run({{10, 5, 120},
                {4, 0, 1500, Batch::Completed, 2, kTraceback},
                {6, 40, 0, Batch::Running, 2, "", 1},
                {8, 0, 0, Batch::Waiting},
                {3, 0, 0, Batch::Waiting}});
}

QString cell(const BatchTableModel &m, int row, Column c, int role = Qt::DisplayRole)
{
    return m.data(m.index(row, m.columnOf(c)), role).toString();
}
} // namespace

class TestBatchTableModel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void batchesSplitIntoTablesNewestFirst_data();
    void batchesSplitIntoTablesNewestFirst();
    void cellsAsSparkFormatsThem_data();
    void cellsAsSparkFormatsThem();
    void columnsFollowSparksTables();
    void theErrorsTooltipHoldsTheWholeReason();
    void aRefreshInsertsAndRemovesRowsWithoutAReset();
    void aBatchThatCompletesLeavesTheRunningTable();
    void aNewRunResets();
    void theSelectedBatchsRowIsHighlighted();
};

void TestBatchTableModel::initTestCase()
{
    qputenv("TZ", "UTC");
    tzset();
}

void TestBatchTableModel::batchesSplitIntoTablesNewestFirst_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<QList<qint64>>("seconds"); // batch times, s after the start, top to bottom
    QTest::newRow("waiting-are-submitted-not-started") << Kind::Waiting << QList<qint64>{5, 4};
    QTest::newRow("running-are-started-not-completed") << Kind::Running << QList<qint64>{3};
    QTest::newRow("completed-newest-first") << Kind::Completed << QList<qint64>{2, 1};
}

void TestBatchTableModel::batchesSplitIntoTablesNewestFirst()
{
    QFETCH(Kind, kind);
    QFETCH(QList<qint64>, seconds);
    BatchTableModel m(kind);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setSnapshot(*mixedRun());
    QCOMPARE(m.rowCount(), seconds.size());
    for (int r = 0; r < seconds.size(); ++r) {
        QCOMPARE(m.batchTimeAt(r), kStart + seconds[r] * 1000);
        QCOMPARE(m.data(m.index(r, 0), BatchTableModel::BatchTimeRole).toLongLong(), kStart + seconds[r] * 1000);
        QCOMPARE(m.rowOf(kStart + seconds[r] * 1000), std::optional<int>(r));
    }
}

void TestBatchTableModel::cellsAsSparkFormatsThem_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<int>("row");
    QTest::addColumn<Column>("column");
    QTest::addColumn<QString>("expected");
    QTest::newRow("batch-time-without-the-date") << Kind::Completed << 1 << Column::BatchTime << QStringLiteral("10:00:01");
    QTest::newRow("records-as-spark-words-them") << Kind::Completed << 1 << Column::Records << QStringLiteral("10 records");
    QTest::newRow("5-ms-scheduling-delay") << Kind::Completed << 1 << Column::SchedulingDelay << QStringLiteral("5 ms");
    QTest::newRow("120-ms-processing-is-0.1-s") << Kind::Completed << 1 << Column::ProcessingTime << QStringLiteral("0.1 s");
    QTest::newRow("total-delay-125-ms-is-0.1-s") << Kind::Completed << 1 << Column::TotalDelay << QStringLiteral("0.1 s");
    QTest::newRow("one-operation-succeeded") << Kind::Completed << 1 << Column::OutputOps << QStringLiteral("1/1");
    QTest::newRow("no-error-is-a-dash") << Kind::Completed << 1 << Column::Error << QStringLiteral("-");
    QTest::newRow("1.5-s-processing-rounds-to-2-s") << Kind::Completed << 0 << Column::ProcessingTime << QStringLiteral("2 s");
    QTest::newRow("output-ops-one-of-two-failed") << Kind::Completed << 0 << Column::OutputOps << QStringLiteral("1/2 (1 failed)");
    QTest::newRow("first-error-is-the-reasons-first-line")
        << Kind::Completed << 0 << Column::Error << QStringLiteral("Failed due to error: ZeroDivisionError: division by zero");
    QTest::newRow("running-has-no-processing-time-yet") << Kind::Running << 0 << Column::ProcessingTime << QStringLiteral("-");
    QTest::newRow("running-scheduling-delay") << Kind::Running << 0 << Column::SchedulingDelay << QStringLiteral("40 ms");
    QTest::newRow("running-one-of-two-operations-running") << Kind::Running << 0 << Column::OutputOps << QStringLiteral("1/2 (1 running)");
    QTest::newRow("running-status-is-processing") << Kind::Running << 0 << Column::Status << QStringLiteral("processing");
    QTest::newRow("waiting-status-is-queued") << Kind::Waiting << 1 << Column::Status << QStringLiteral("queued");
    QTest::newRow("waiting-has-no-scheduling-delay") << Kind::Waiting << 1 << Column::SchedulingDelay << QStringLiteral("-");
    QTest::newRow("waiting-operations-not-started") << Kind::Waiting << 1 << Column::OutputOps << QStringLiteral("0/1");
    QTest::newRow("waiting-records") << Kind::Waiting << 1 << Column::Records << QStringLiteral("8 records");
}

void TestBatchTableModel::cellsAsSparkFormatsThem()
{
    QFETCH(Kind, kind);
    QFETCH(int, row);
    QFETCH(Column, column);
    QFETCH(QString, expected);
    BatchTableModel m(kind);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setSnapshot(*mixedRun());
    QVERIFY(m.columnOf(column) >= 0);
    QCOMPARE(cell(m, row, column), expected);
}

void TestBatchTableModel::columnsFollowSparksTables()
{
    BatchTableModel completed(Kind::Completed), running(Kind::Running);
    QAbstractItemModelTester t1(&completed, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&running, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QStringList c, r;
    for (int i = 0; i < completed.columnCount(); ++i) c << completed.headerData(i, Qt::Horizontal).toString();
    for (int i = 0; i < running.columnCount(); ++i) r << running.headerData(i, Qt::Horizontal).toString();
    QCOMPARE(c, QStringList({QStringLiteral("Batch Time"), QStringLiteral("Records"), QStringLiteral("Scheduling Delay"),
                             QStringLiteral("Processing Time"), QStringLiteral("Total Delay"),
                             QStringLiteral("Output Ops: Succeeded/Total"), QStringLiteral("Error")}));
    QCOMPARE(r, QStringList({QStringLiteral("Batch Time"), QStringLiteral("Records"), QStringLiteral("Scheduling Delay"),
                             QStringLiteral("Processing Time"), QStringLiteral("Output Ops: Succeeded/Total"),
                             QStringLiteral("Status"), QStringLiteral("Error")}));
    QCOMPARE(completed.headerData(completed.columnOf(Column::TotalDelay), Qt::Horizontal, Qt::ToolTipRole).toString(),
             QStringLiteral("Total time taken to handle a batch"));
    // A change of language words the headers again.
    QSignalSpy headers(&completed, &QAbstractItemModel::headerDataChanged);
    completed.retranslate();
    QCOMPARE(headers.count(), 1);
    QCOMPARE(headers.at(0).at(2).toInt(), 6);
}

void TestBatchTableModel::theErrorsTooltipHoldsTheWholeReason()
{
    BatchTableModel m(Kind::Completed);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setSnapshot(*mixedRun());
    QCOMPARE(cell(m, 0, Column::Error, Qt::ToolTipRole),
             QStringLiteral("Failed due to error: ZeroDivisionError: division by zero\n") + QString::fromUtf8(kTraceback));
    QVERIFY(m.data(m.index(0, 0), BatchTableModel::FailedRole).toBool());
    QVERIFY(!m.data(m.index(1, 0), BatchTableModel::FailedRole).toBool());
    QCOMPARE(cell(m, 1, Column::Error, Qt::ToolTipRole), QString());
    QCOMPARE(cell(m, 0, Column::BatchTime, Qt::ToolTipRole), QStringLiteral("2026/11/24 10:00:02"));
}

void TestBatchTableModel::aRefreshInsertsAndRemovesRowsWithoutAReset()
{
    // Five completed batches; then the history has dropped the two oldest and gained two newer.
    std::vector<Batch> specs(7, Batch{5, 0, 100});
    auto before = run({specs.begin(), specs.begin() + 5});
    auto after = run(specs);
    after->batches.erase(after->batches.begin(), after->batches.begin() + 2);
    // Batch 3's value is the same object in both snapshots (unchanged batches are shared).
    for (auto &[t, b] : after->batches)
        if (auto old = before->batches.find(t); old != before->batches.end()) b = old->second;
    BatchTableModel m(Kind::Completed);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setSnapshot(*before);
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&m, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&m, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    m.setSnapshot(*after);
    QCOMPARE(reset.count(), 0);
    // Before: 5 4 3 2 1 (rows 0-4); 2 and 1 go as one run, then 7 and 6 come in on top.
    QCOMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 3);
    QCOMPARE(removed.at(0).at(2).toInt(), 4);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(changed.count(), 0); // the rows that stayed are the same values
    QCOMPARE(m.rowCount(), 5);
    QCOMPARE(m.batchTimeAt(0), kStart + 7000);
    QCOMPARE(m.batchTimeAt(4), kStart + 3000);
}

void TestBatchTableModel::aBatchThatCompletesLeavesTheRunningTable()
{
    BatchTableModel running(Kind::Running), completed(Kind::Completed);
    QAbstractItemModelTester t1(&running, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&completed, QAbstractItemModelTester::FailureReportingMode::QtTest);
    running.setSnapshot(*run({{1, 0, 100}, {1, 0, 100, Batch::Running}}));
    completed.setSnapshot(*run({{1, 0, 100}, {1, 0, 100, Batch::Running}}));
    QCOMPARE(running.rowCount(), 1);
    QSignalSpy removed(&running, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&completed, &QAbstractItemModel::rowsInserted);
    const auto later = run({{1, 0, 100}, {1, 0, 100}});
    running.setSnapshot(*later);
    completed.setSnapshot(*later);
    QCOMPARE(running.rowCount(), 0);
    QCOMPARE(removed.count(), 1);
    QCOMPARE(completed.rowCount(), 2);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
}

void TestBatchTableModel::aNewRunResets()
{
    BatchTableModel m(Kind::Completed);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setSnapshot(*mixedRun());
    QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
    auto next = run({{1, 0, 100}});
    next->runId = 1;
    m.setSnapshot(*next);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m.rowCount(), 1);
}

void TestBatchTableModel::theSelectedBatchsRowIsHighlighted()
{
    BatchTableModel m(Kind::Completed);
    QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m.setSnapshot(*mixedRun());
    m.setColors(QColor(Qt::yellow), QColor(Qt::red));
    QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
    m.setSelectedBatch(kStart + 1000);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
    QVERIFY(m.data(m.index(1, 2), BatchTableModel::SelectedRole).toBool());
    QVERIFY(!m.data(m.index(0, 2), BatchTableModel::SelectedRole).toBool());
    QCOMPARE(m.data(m.index(1, 2), Qt::BackgroundRole).value<QColor>(), QColor(Qt::yellow));
    QVERIFY(m.data(m.index(1, 2), Qt::FontRole).value<QFont>().bold());
    QVERIFY(!m.data(m.index(0, 2), Qt::BackgroundRole).isValid());
    // The failed batch's error reads in the error colour.
    QCOMPARE(m.data(m.index(0, m.columnOf(Column::Error)), Qt::ForegroundRole).value<QColor>(), QColor(Qt::red));
    // Moving the selection repaints both rows; a batch of another table marks none here.
    m.setSelectedBatch(kStart + 3000);
    QCOMPARE(changed.count(), 2);
    QVERIFY(!m.data(m.index(1, 2), BatchTableModel::SelectedRole).toBool());
}

QTEST_GUILESS_MAIN(TestBatchTableModel)
#include "tst_batchtablemodel.moc"
