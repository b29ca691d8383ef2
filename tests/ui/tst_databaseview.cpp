// Tests: the database view over snapshot values: DatabaseTableModel (through
// QAbstractItemModelTester) marks the rows a batch added or changed and names their writers, and
// DatabaseView keeps the table chosen and the scroll position when a batch refreshes the grid.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/runsnapshot.h"
#include "ui/batchselection.h"
#include "ui/databaseactivitystrip.h"
#include "ui/databaseview.h"
#include "ui/databasetablemodel.h"
#include "ui/simulationcontroller.h"
#include "ui/timetext.h"
#endif

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QScrollBar>
#include <QTableView>
#include <QTest>

using namespace dsl;
using namespace dsl::session;
using Row = ui::DatabaseTableModel::RowState;
using namespace Qt::StringLiterals;

namespace {
constexpr std::int64_t kStart = 1'795'514'400'000; // 2026-11-24 10:00:00 UTC

/// "word=count@batch/partition" items: a wordcount table's rows in rowid order (rowid = position).
DatabaseSnapshotPtr database(const QStringList &rows, int statements = 0, int connections = 0)
{
    auto t = std::make_shared<DbTableSnapshot>();
    t->name = "wordcount";
    t->columns = {"word", "count"};
    std::int64_t rowid = 0;
    for (const QString &item : rows) {
        const QStringList parts = item.split(QLatin1Char('@'));
        const QStringList wc = parts[0].split(QLatin1Char('='));
        DbRow r{++rowid, {wc[0].toStdString(), wc[1].toStdString()}, std::nullopt};
        if (parts.size() > 1) {
            const QStringList bp = parts[1].split(QLatin1Char('/'));
            const int partition = bp[1].toInt(); // -1: a server's row (no task known)
            r.writer = DbRowWriter{kStart + bp[0].toLongLong() * 1000, partition, 0, partition < 0 ? -1 : 10 + partition};
        }
        t->rows.push_back(std::make_shared<const DbRow>(std::move(r)));
    }
    t->totalRows = static_cast<std::int64_t>(t->rows.size());
    auto d = std::make_shared<DatabaseSnapshot>();
    d->path = "/tmp/wordcount.sqlite";
    d->exists = true;
    d->tables.push_back(std::move(t));
    d->statements = statements;
    d->connectionsOpened = connections;
    return d;
}

class SnapshotDriver final : public RunDriver {
public:
    void execute(const SessionCommand &) override {}
    QString programFileName() const override { return QStringLiteral("db.py"); }
    QString programSource() const override { return {}; }
    RunOptions options() const override { return {}; }
    std::size_t inputLogSize() const override { return 0; }
    bool saveInputLog(const QString &, QString *) override { return true; }
    bool loadInputLog(const QString &, QString *) override { return true; }
    /// A run whose batch k (1-based) completed with dbs[k-1].
    bool unknown = false;  ///< the program's own connect() arguments: nothing read per batch
    bool onServer = false; ///< read through QMYSQL from a server
    void show(const std::vector<DatabaseSnapshotPtr> &dbs)
    {
        auto s = std::make_shared<RunSnapshot>();
        s->serial = ++m_serial << 16;
        s->phase = RunPhase::Paused;
        s->databasePath = unknown    ? "as the program's own pymysql.connect(...) names it"
                          : onServer ? "MySQL server 10.0.0.5:3306, database course, user spark"
                                     : "/tmp/wordcount.sqlite";
        s->databaseRead = !unknown;
        s->databaseOnServer = onServer;
        for (std::size_t k = 1; k <= dbs.size(); ++k) {
            auto b = std::make_shared<BatchSnapshot>();
            b->info.batchTime = SimTime(kStart + static_cast<std::int64_t>(k) * 1000);
            b->info.submissionTime = b->info.batchTime;
            b->info.processingStartTime = b->info.batchTime;
            b->info.processingEndTime = b->info.batchTime + Duration(300);
            b->database = dbs[k - 1];
            s->batches.emplace(b->info.batchTime, b);
        }
        s->completedBatches = static_cast<int>(dbs.size());
        emit snapshotReady(s);
    }

private:
    std::uint64_t m_serial = 0;
};
} // namespace

class TestDatabaseView : public QObject {
    Q_OBJECT
private slots:
    void rowsOfABatchAgainstTheBatchBefore_data();
    void rowsOfABatchAgainstTheBatchBefore();
    void writerColumnsNameBatchPartitionAndTask();
    void aRefreshKeepsTheScrollPosition_data();
    void aRefreshKeepsTheScrollPosition();
    void theStripHasOnePointPerBatchWithADatabase();
    void theSummaryShowsSimulatedAndRealDatabaseTime();
};

void TestDatabaseView::rowsOfABatchAgainstTheBatchBefore_data()
{
    QTest::addColumn<QStringList>("before"); // empty: no batch before
    QTest::addColumn<QStringList>("after");
    QTest::addColumn<QString>("states");     // per row: n(ew), c(hanged), -(unchanged)
    QTest::newRow("first-batch-rows-its-tasks-wrote-are-new")
        << QStringList() << QStringList{u"spark=3@1/0"_s, u"kafka=1@1/1"_s, u"old=9"_s} << QStringLiteral("nn-");
    QTest::newRow("an-added-row-is-new-an-updated-count-changed")
        << QStringList{u"spark=3@1/0"_s, u"kafka=1@1/1"_s} << QStringList{u"spark=4@2/0"_s, u"kafka=1@1/1"_s, u"hive=2@2/1"_s}
        << QStringLiteral("c-n");
    QTest::newRow("a-batch-that-wrote-nothing-highlights-nothing")
        << QStringList{u"spark=3@1/0"_s} << QStringList{u"spark=3@1/0"_s} << QStringLiteral("-");
    QTest::newRow("the-same-value-written-again-is-not-a-change")
        << QStringList{u"spark=3@1/0"_s} << QStringList{u"spark=3@2/1"_s} << QStringLiteral("-");
}

void TestDatabaseView::rowsOfABatchAgainstTheBatchBefore()
{
    QFETCH(QStringList, before);
    QFETCH(QStringList, after);
    QFETCH(QString, states);
    ui::DatabaseTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const DatabaseSnapshotPtr previous = before.isEmpty() ? nullptr : database(before);
    const std::int64_t batch = kStart + (before.isEmpty() ? 1 : 2) * 1000;
    model.setTable(database(after), previous, QStringLiteral("wordcount"), batch);
    QCOMPARE(model.rowCount(), static_cast<int>(states.size()));
    QCOMPARE(model.columnCount(), 5); // word, count, Batch, Partition, Task
    for (int r = 0; r < model.rowCount(); ++r) {
        const Row expected = states[r] == QLatin1Char('n') ? Row::New : states[r] == QLatin1Char('c') ? Row::Changed : Row::Unchanged;
        QCOMPARE(model.rowState(r), expected);
        QCOMPARE(model.data(model.index(r, 0), ui::DatabaseTableModel::RowStateRole).toInt(), static_cast<int>(expected));
        QCOMPARE(model.data(model.index(r, 0), Qt::BackgroundRole).isValid(), expected != Row::Unchanged);
    }
    QCOMPARE(model.newRows(), static_cast<int>(states.count(QLatin1Char('n'))));
    QCOMPARE(model.changedRows(), static_cast<int>(states.count(QLatin1Char('c'))));
}

void TestDatabaseView::writerColumnsNameBatchPartitionAndTask()
{
    ui::DatabaseTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTable(database({u"spark=4@2/1"_s, u"old=9"_s}), nullptr, QStringLiteral("wordcount"), kStart + 2000);
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("Batch"));
    QCOMPARE(model.data(model.index(0, 0)).toString(), QStringLiteral("spark"));
    QCOMPARE(model.data(model.index(0, 1), ui::DatabaseTableModel::SortRole).toDouble(), 4.0); // numbers sort as numbers
    QCOMPARE(model.data(model.index(0, 2)).toString(), ui::clockText(kStart + 2000));
    QCOMPARE(model.data(model.index(0, 3)).toString(), QStringLiteral("1"));
    QCOMPARE(model.data(model.index(0, 4)).toString(), QStringLiteral("11"));
    QCOMPARE(model.data(model.index(1, 2)).toString(), QStringLiteral("before this run"));
    // A server's row: its batch is known (the capture that first showed it), its task is not.
    model.setTable(database({u"spark=4@2/-1"_s}), nullptr, QStringLiteral("wordcount"), kStart + 2000);
    QCOMPARE(model.data(model.index(0, 2)).toString(), ui::clockText(kStart + 2000));
    QCOMPARE(model.data(model.index(0, 3)).toString(), QStringLiteral("–"));
    QCOMPARE(model.data(model.index(0, 4)).toString(), QStringLiteral("–"));
    model.setTable(nullptr, nullptr, QString(), std::nullopt); // no database: an empty grid
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 0);
}

void TestDatabaseView::aRefreshKeepsTheScrollPosition_data()
{
    QTest::addColumn<bool>("rowsAdded");
    QTest::newRow("counts-updated-in-place") << false;
    QTest::newRow("new-rows-appended-below") << true;
}

void TestDatabaseView::aRefreshKeepsTheScrollPosition()
{
    QFETCH(bool, rowsAdded);
    SnapshotDriver driver;
    ui::SimulationController controller(&driver);
    ui::DatabaseView view(&controller);
    view.resize(600, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QStringList first, second;
    for (int i = 0; i < 200; ++i) {
        first << QStringLiteral("w%1=1@1/0").arg(i, 3, 10, QLatin1Char('0'));
        second << QStringLiteral("w%1=%2@2/0").arg(i, 3, 10, QLatin1Char('0')).arg(i % 2 ? 2 : 1);
    }
    if (rowsAdded) second << QStringLiteral("zz=1@2/1");
    driver.show({database(first)});
    QCOMPARE(view.model()->rowCount(), 200);
    QScrollBar *bar = view.grid()->verticalScrollBar();
    QVERIFY(bar->maximum() > 50);
    bar->setValue(bar->maximum() / 2);
    const int at = bar->value();
    driver.show({database(first), database(second)});
    QCOMPARE(view.shownBatch(), std::optional<qint64>(kStart + 2000));
    QCOMPARE(view.model()->rowCount(), rowsAdded ? 201 : 200);
    QCOMPARE(view.model()->changedRows(), 100);
    QCOMPARE(bar->value(), at);
    QCOMPARE(view.tables()->currentData().toString(), QStringLiteral("wordcount"));
}

void TestDatabaseView::theStripHasOnePointPerBatchWithADatabase()
{
    SnapshotDriver driver;
    ui::SimulationController controller(&driver);
    ui::DatabaseView view(&controller);
    // A connection per record: batch 2 opened as many connections as it sent statements.
    driver.show({database({u"a=1@1/0"_s}, 2, 2), database({u"a=2@2/0"_s, u"b=1@2/0"_s}, 6, 6)});
    const auto &points = view.activity()->points();
    QCOMPARE(points.size(), std::size_t(2));
    QCOMPARE(points[1].statementsPerSecond, 6.0); // the 1 s interval of a default snapshot
    QCOMPARE(points[1].connections, 6);
    controller.selection()->selectBatch(kStart + 1000);
    QCOMPARE(view.shownBatch(), std::optional<qint64>(kStart + 1000));
    QCOMPARE(view.model()->rowCount(), 1);
}

/// The cost model's charge for the batch's database calls and their measured wall time, side by
/// side (the snapshot's values: 12.5 ms and 0.75 ms, printed with one decimal).
void TestDatabaseView::theSummaryShowsSimulatedAndRealDatabaseTime()
{
    SnapshotDriver driver;
    ui::SimulationController controller(&driver);
    ui::DatabaseView view(&controller);
    auto db = std::const_pointer_cast<DatabaseSnapshot>(database({u"a=1@1/0"_s}, 4, 4));
    db->simulatedNs = 12'500'000;
    db->wallNs = 750'000;
    driver.show({db});
    const QString text = view.summaryText();
    QVERIFY2(text.endsWith(QStringLiteral("Database time: 12.5 ms simulated, 0.8 ms real.")), qPrintable(text));
    // A batch whose tasks did not touch the database says nothing about its time.
    driver.show({database({u"a=1@1/0"_s}, 0, 0)});
    QVERIFY2(!view.summaryText().contains(QStringLiteral("Database time")), qPrintable(view.summaryText()));
    // A server's database read through QMYSQL: its rows, and what is not known of their writers.
    driver.onServer = true;
    driver.show({database({u"a=1@1/-1"_s}, 2, 1)});
    QVERIFY2(view.summaryText().contains(QStringLiteral("its partition and task are not")), qPrintable(view.summaryText()));
    QCOMPARE(view.noteText(), QStringLiteral("The host, user and password in pymysql.connect(...) are not used: every "
                                             "connection reaches this server."));
    // The program's own connect() arguments: the tab says what it cannot show rather than "not connected".
    driver.onServer = false;
    driver.unknown = true;
    driver.show({nullptr});
    QVERIFY2(view.summaryText().startsWith(QStringLiteral("The program's connections go where its own")),
             qPrintable(view.summaryText()));
    QCOMPARE(view.noteText(), QStringLiteral("The program's own pymysql.connect(...) arguments are used, as on a cluster."));
}

QTEST_MAIN(TestDatabaseView)
#include "tst_databaseview.moc"
