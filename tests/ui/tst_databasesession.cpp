// Tests: the database view's data from a real run: a foreachRDD program writing word counts per
// partition (as tests/programs/db_per_partition.py) into its SQLite database; each batch of the
// history holds the rows as they were after it, with their writers and the batch's activity; a
// replay (a line typed at a rewound cursor) starts from the database the run started from, so
// no row is written twice.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/localmariadb.h"
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#include "ui/databasetablemodel.h"
#include "ui/simulationcontroller.h"
#endif

#include <QAbstractItemModelTester>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace dsl;
using namespace dsl::session;
using Row = ui::DatabaseTableModel::RowState;

namespace {

constexpr std::int64_t kStart = 1'795'514'400'000; // 2026-11-24 10:00:00 UTC

// A running total per word (wordcount) and a row per word and batch (wordlog, no key: a row
// written twice would show as two).
const char *kProgram = R"py(import pymysql
from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def connect():
    return pymysql.connect(host="db.example.com", user="spark", password="secret", database="course")


setup = connect()
with setup.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS wordcount (word VARCHAR(64) NOT NULL PRIMARY KEY, count INT NOT NULL)")
    cursor.execute("CREATE TABLE IF NOT EXISTS wordlog (word VARCHAR(64) NOT NULL, n INT NOT NULL)")
setup.close()

sc = SparkContext("local[2]", "DbView")
ssc = StreamingContext(sc, 1)
counts = (ssc.socketTextStream("localhost", 9999)
          .flatMap(lambda line: line.split(" "))
          .map(lambda word: (word, 1))
          .reduceByKey(lambda a, b: a + b))


def sendPartition(records):
    connection = connect()
    cursor = connection.cursor()
    for word, n in records:
        cursor.execute("INSERT INTO wordcount (word, count) VALUES (%s, %s) "
                       "ON DUPLICATE KEY UPDATE count = count + VALUES(count)", (word, n))
        cursor.execute("INSERT INTO wordlog (word, n) VALUES (%s, %s)", (word, n))
    connection.commit()
    connection.close()


counts.foreachRDD(lambda rdd: rdd.foreachPartition(sendPartition))
ssc.start()
ssc.awaitTermination()
)py";

using Counts = std::map<QString, int>;

/// A table's rows as word -> count (column 1), from the batch's database.
Counts countsOf(const BatchSnapshot *b, const std::string &table)
{
    Counts out;
    if (!b || !b->database) return out;
    if (const DbTableSnapshot *t = b->database->table(table))
        for (const auto &r : t->rows) out[QString::fromStdString(r->cells[0])] += table == "wordlog" ? 1 : std::stoi(r->cells[1]);
    return out;
}

QString describe(const Counts &c)
{
    QStringList parts;
    for (const auto &[w, n] : c) parts << QStringLiteral("%1 %2").arg(w).arg(n);
    return parts.join(QStringLiteral(", "));
}

SimTime batch(int k)
{
    return SimTime(kStart + k * 1000);
}

} // namespace

class TestDatabaseSession : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void eachBatchHoldsTheRowsAsTheyWereAfterIt_data();
    void eachBatchHoldsTheRowsAsTheyWereAfterIt();
    void rowsAreHighlightedAgainstTheBatchBefore_data();
    void rowsAreHighlightedAgainstTheBatchBefore();
    void aReplayAfterTypingAtARewoundCursorWritesEachRowOnce();
    void aResetRunsFromTheDatabaseTheRunStartedFrom();
    void theDatabaseOptionChoosesWhereConnectGoes_data();
    void theDatabaseOptionChoosesWhereConnectGoes();
    void aLocalMariaDbServesTheRun();

private:
    RunSnapshotPtr runWith(const QString &database, int batches);
    RunSnapshotPtr waitPaused(int batches, bool newRun = false);
    QTemporaryDir m_data;
    std::uint64_t m_lastSerial = 0;
    std::uint64_t m_runId = 0;
    RunSnapshotPtr m_head;
    std::unique_ptr<ProgramSession> m_session;
    std::unique_ptr<ui::SimulationController> m_controller;
};

void TestDatabaseSession::initTestCase()
{
    QVERIFY(m_data.isValid());
    qputenv("XDG_DATA_HOME", m_data.path().toUtf8()); // the program's database goes there
    ProgramSession::Config cfg;
    cfg.startTime = SimTime(kStart);
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    m_session = std::make_unique<ProgramSession>(cfg);
    m_controller = std::make_unique<ui::SimulationController>(m_session.get());
    m_session->loadProgram(QStringLiteral("dbview.py"), QString::fromUtf8(kProgram));
    // Batch 1 s: spark 3, kafka 1, flink 1, storm 1; 2 s: spark 1, flink 1, hive 2, hadoop 1;
    // 3 s: kafka 1; 4 s: spark 2 (the receiver connects 100 ms after the start).
    QVERIFY(m_session->addInput({{Duration(500), "spark kafka spark flink"},
                                 {Duration(700), "storm spark"},
                                 {Duration(1500), "spark flink hive"},
                                 {Duration(1800), "hadoop hive"},
                                 {Duration(2500), "kafka"},
                                 {Duration(3500), "spark spark"}}));
    m_session->runUntilBatch(4);
    m_head = waitPaused(4, true);
    if (!m_head) {
        const auto s = m_session->latestSnapshot();
        QVERIFY2(s, "no snapshot");
        qWarning() << "phase" << int(s->phase) << "completed" << s->completedBatches << QString::fromStdString(s->stderrText);
    }
    QVERIFY(m_head);
    QVERIFY2(m_head->errorText.empty(), m_head->errorText.c_str());
    QVERIFY(QString::fromStdString(m_head->databasePath).startsWith(m_data.path()));
    QVERIFY(QString::fromStdString(m_head->databasePath).endsWith(QStringLiteral("/databases/dbview.sqlite")));
}

RunSnapshotPtr TestDatabaseSession::waitPaused(int batches, bool newRun)
{
    RunSnapshotPtr s;
    const bool ok = QTest::qWaitFor(
        [&] {
            s = m_session->latestSnapshot();
            return s && s->serial > m_lastSerial && s->phase == RunPhase::Paused && !s->cursor &&
                   s->completedBatches >= batches && (!newRun || s->runId != m_runId);
        },
        60000);
    if (!ok) return nullptr;
    m_lastSerial = s->serial;
    m_runId = s->runId;
    return s;
}

void TestDatabaseSession::eachBatchHoldsTheRowsAsTheyWereAfterIt_data()
{
    QTest::addColumn<int>("batchNo");
    QTest::addColumn<QString>("wordcount");
    QTest::addColumn<int>("wordlogRows");
    QTest::addColumn<int>("statements");
    QTest::newRow("batch-2-totals-of-the-first-two-batches")
        << 2 << QStringLiteral("flink 2, hadoop 1, hive 2, kafka 1, spark 4, storm 1") << 8 << 8;
    QTest::newRow("batch-4-adds-kafka-then-two-sparks")
        << 4 << QStringLiteral("flink 2, hadoop 1, hive 2, kafka 2, spark 6, storm 1") << 10 << 2;
}

void TestDatabaseSession::eachBatchHoldsTheRowsAsTheyWereAfterIt()
{
    QFETCH(int, batchNo);
    QFETCH(QString, wordcount);
    QFETCH(int, wordlogRows);
    QFETCH(int, statements);
    const BatchSnapshot *b = m_head->batch(batch(batchNo));
    QVERIFY(b && b->database);
    QVERIFY2(b->database->error.empty(), b->database->error.c_str());
    QVERIFY(b->database->exists);
    QCOMPARE(describe(countsOf(b, "wordcount")), wordcount);
    QCOMPARE(static_cast<int>(b->database->table("wordlog")->totalRows), wordlogRows);
    // One connection per partition (reduceByKey's two), each sending two INSERTs per word.
    QCOMPARE(b->database->connectionsOpened, 2);
    QCOMPARE(b->database->commits, 2);
    QCOMPARE(b->database->statements, statements);
    // Each row names the task that wrote it last: its batch and a partition of the two.
    for (const auto &r : b->database->table("wordcount")->rows) {
        QVERIFY(r->writer && r->writer->batchTimeMs);
        QVERIFY(r->writer->partition == 0 || r->writer->partition == 1);
        QVERIFY(r->writer->taskId >= 0);
        const bool inBatch2 = r->cells[0] == "hive" || r->cells[0] == "hadoop" || (batchNo == 2 && (r->cells[0] == "spark" || r->cells[0] == "flink"));
        if (r->cells[0] == "storm") QCOMPARE(*r->writer->batchTimeMs, batch(1).ms());
        if (inBatch2) QCOMPARE(*r->writer->batchTimeMs, batch(2).ms());
        if (batchNo == 4 && r->cells[0] == "spark") QCOMPARE(*r->writer->batchTimeMs, batch(4).ms());
    }
}

void TestDatabaseSession::rowsAreHighlightedAgainstTheBatchBefore_data()
{
    QTest::addColumn<int>("batchNo");
    QTest::addColumn<QString>("newWords");
    QTest::addColumn<QString>("changedWords");
    QTest::newRow("batch-2-adds-hive-and-hadoop-and-raises-spark-and-flink")
        << 2 << QStringLiteral("hadoop hive") << QStringLiteral("flink spark");
    QTest::newRow("batch-4-raises-spark-only") << 4 << QString() << QStringLiteral("spark");
}

void TestDatabaseSession::rowsAreHighlightedAgainstTheBatchBefore()
{
    QFETCH(int, batchNo);
    QFETCH(QString, newWords);
    QFETCH(QString, changedWords);
    ui::DatabaseTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const BatchSnapshot *b = m_head->batch(batch(batchNo));
    const BatchSnapshot *before = m_head->batch(batch(batchNo - 1));
    QVERIFY(b && before);
    model.setTable(b->database, before->database, QStringLiteral("wordcount"), batch(batchNo).ms());
    QStringList added, changed;
    for (int r = 0; r < model.rowCount(); ++r) {
        const QString word = model.data(model.index(r, 0)).toString();
        if (model.rowState(r) == Row::New) added << word;
        if (model.rowState(r) == Row::Changed) changed << word;
    }
    added.sort();
    changed.sort();
    QCOMPARE(added.join(QLatin1Char(' ')), newWords);
    QCOMPARE(changed.join(QLatin1Char(' ')), changedWords);
}

void TestDatabaseSession::aReplayAfterTypingAtARewoundCursorWritesEachRowOnce()
{
    // Back to batch 2 (the head rests at batch 4's completion: two steps), then a line typed
    // there: it arrives in batch 3, and the run replays from its input log to batch 2.
    m_controller->stepBack();
    m_controller->stepBack();
    QCOMPARE(m_session->cursor(), std::optional<SimTime>(batch(2)));
    m_controller->sendLine(QStringLiteral("spark"));
    RunSnapshotPtr replayed = waitPaused(2, true);
    QVERIFY(replayed);
    QCOMPARE(replayed->completedBatches, 2);
    QCOMPARE(describe(countsOf(replayed->batch(batch(2)), "wordcount")),
             QStringLiteral("flink 2, hadoop 1, hive 2, kafka 1, spark 4, storm 1"));
    QCOMPARE(static_cast<int>(replayed->batch(batch(2))->database->table("wordlog")->totalRows), 8);
    // On to batch 4: batch 3 now holds kafka and the typed spark.
    m_session->runUntilBatch(4);
    const RunSnapshotPtr head = waitPaused(4);
    QVERIFY(head);
    const BatchSnapshot *b4 = head->batch(batch(4));
    QVERIFY(b4 && b4->database);
    QCOMPARE(describe(countsOf(b4, "wordcount")), QStringLiteral("flink 2, hadoop 1, hive 2, kafka 2, spark 7, storm 1"));
    QCOMPARE(describe(countsOf(b4, "wordlog")), QStringLiteral("flink 2, hadoop 1, hive 1, kafka 2, spark 4, storm 1"));
    QCOMPARE(static_cast<int>(b4->database->table("wordlog")->totalRows), 11);
}

void TestDatabaseSession::aResetRunsFromTheDatabaseTheRunStartedFrom()
{
    m_controller->reset();
    m_session->runUntilBatch(2);
    const RunSnapshotPtr head = waitPaused(2, true);
    QVERIFY(head);
    QCOMPARE(describe(countsOf(head->batch(batch(2)), "wordcount")),
             QStringLiteral("flink 2, hadoop 1, hive 2, kafka 1, spark 4, storm 1"));
    QCOMPARE(static_cast<int>(head->batch(batch(2))->database->table("wordlog")->totalRows), 8);
}

/// Runs the program anew with RunOptions::database set, until it rests after `batches` or ends.
RunSnapshotPtr TestDatabaseSession::runWith(const QString &database, int batches)
{
    RunOptions o = m_session->options();
    o.database = database;
    m_controller->setOptions(o);
    m_session->runUntilBatch(batches);
    RunSnapshotPtr s;
    const bool ok = QTest::qWaitFor(
        [&] {
            s = m_session->latestSnapshot();
            return s && s->serial > m_lastSerial && s->runId != m_runId && !s->cursor &&
                   ((s->phase == RunPhase::Paused && s->completedBatches >= batches) || s->phase == RunPhase::Failed);
        },
        120000);
    if (!ok) return nullptr;
    m_lastSerial = s->serial;
    m_runId = s->runId;
    return s;
}

void TestDatabaseSession::theDatabaseOptionChoosesWhereConnectGoes_data()
{
    QTest::addColumn<QString>("database");
    QTest::addColumn<bool>("read");        // the view reads it per batch
    QTest::addColumn<QString>("shown");    // the start of what the view's path line says ("" = the data folder's file)
    QTest::addColumn<QString>("inStderr"); // a note or error the run's log must hold ("" = none)
    QTest::addColumn<bool>("fails");       // the program's connect fails
    QTest::newRow("sqlite-file-named-by-the-user") << QStringLiteral("sqlite:%1/own.sqlite") << true
                                                   << QStringLiteral("%1/own.sqlite") << QString() << false;
    QTest::newRow("a-bad-setting-is-said-and-the-sqlite-file-used")
        << QStringLiteral("postgres://x") << true << QString()
        << QStringLiteral("DStream Lab: the database setting is not valid (--db: 'postgres://x' is not a database") << false;
    // Nothing listens on port 1: the program's connect fails in its first task, as pymysql's.
    QTest::newRow("an-unreachable-server-its-error-is-the-programs")
        << QStringLiteral("mysql://spark:secret@127.0.0.1:1/course") << true
        << QStringLiteral("MySQL server 127.0.0.1:1, database course, user spark") << QStringLiteral("Can't connect to MySQL server")
        << true;
    // --db none: the program's own arguments (db.example.com, which does not resolve here).
    QTest::newRow("the-programs-own-arguments-are-not-read")
        << QStringLiteral("none") << false << QStringLiteral("as the program's own pymysql.connect(...) names it") << QString()
        << true;
}

void TestDatabaseSession::theDatabaseOptionChoosesWhereConnectGoes()
{
    QFETCH(QString, database);
    QFETCH(bool, read);
    QFETCH(QString, shown);
    QFETCH(QString, inStderr);
    QFETCH(bool, fails);
    const RunSnapshotPtr s = runWith(database.contains(u'%') ? database.arg(m_data.path()) : database, 2);
    QVERIFY(s);
    QCOMPARE(s->databaseRead, read);
    const QString path = QString::fromStdString(s->databasePath);
    if (shown.isEmpty()) QVERIFY2(path.endsWith(QStringLiteral("/databases/dbview.sqlite")), qPrintable(path));
    else QVERIFY2(path.startsWith(shown.contains(u'%') ? shown.arg(m_data.path()) : shown), qPrintable(path));
    const QString log = QString::fromStdString(s->stderrText);
    if (!inStderr.isEmpty()) QVERIFY2(log.contains(inStderr), qPrintable(log));
    if (!fails) {
        QCOMPARE(s->phase, RunPhase::Paused);
        // Batch 2 adds its 4 (word) rows to what the file held (the file the earlier rows
        // left, as a database keeps them between programs and settings).
        const auto rows = [&](int k) { return s->batch(batch(k))->database->table("wordlog")->totalRows; };
        QCOMPARE(rows(2) - rows(1), std::int64_t(4));
    } else {
        QCOMPARE(s->phase, RunPhase::Failed);
        for (const auto &[t, b] : s->batches) {
            if (!read) QVERIFY(!b->database); // the program's own arguments: not read per batch
            else if (b->database) QVERIFY(!b->database->exists);
        }
    }
}

/// `local-mariadb` in the app: the session starts Debian's mariadbd on first use and the rows go
/// there (read back with the mariadb client on the server's socket, which the path line names).
void TestDatabaseSession::aLocalMariaDbServesTheRun()
{
    if (!QFileInfo::exists(QString::fromStdString(app::LocalMariaDb::serverBinary())))
        QSKIP("mariadbd is not installed (Debian: mariadb-server; scripts/setup.sh installs it)");
    const RunSnapshotPtr s = runWith(QStringLiteral("local-mariadb"), 2);
    QVERIFY(s);
    QVERIFY2(s->errorText.empty(), s->errorText.c_str());
    QCOMPARE(s->phase, RunPhase::Paused);
    const QString path = QString::fromStdString(s->databasePath);
    QVERIFY2(path.startsWith(QStringLiteral("MariaDB 127.0.0.1:")) && path.contains(QStringLiteral("database dbview")),
             qPrintable(path));
    const qsizetype at = path.indexOf(QStringLiteral("mariadb -S "));
    QVERIFY(at >= 0);
    const QString socket = path.mid(at + 11).section(u' ', 0, 0);
    QProcess client;
    client.start(QStringLiteral("mariadb"), {QStringLiteral("-S"), socket, QStringLiteral("-u"), QStringLiteral("root"),
                                             QStringLiteral("-N"), QStringLiteral("-e"),
                                             QStringLiteral("SELECT COUNT(*), SUM(n) FROM dbview.wordlog")});
    QVERIFY(client.waitForFinished(30000));
    // Batches 1 and 2: 8 (word, batch) rows for 11 words.
    QCOMPARE(QString::fromUtf8(client.readAllStandardOutput()).trimmed(), QStringLiteral("8\t11"));

    // The Database tab reads the server (QMYSQL) as each batch completes: the rows after it.
    QVERIFY(s->databaseRead);
    QVERIFY(s->databaseOnServer);
    const BatchSnapshot *b1 = s->batch(batch(1)), *b2 = s->batch(batch(2));
    QVERIFY(b1 && b1->database && b2 && b2->database);
    QVERIFY2(b2->database->error.empty(), b2->database->error.c_str());
    QCOMPARE(describe(countsOf(b1, "wordcount")), QStringLiteral("flink 1, kafka 1, spark 3, storm 1"));
    QCOMPARE(describe(countsOf(b2, "wordcount")), QStringLiteral("flink 2, hadoop 1, hive 2, kafka 1, spark 4, storm 1"));
    QCOMPARE(b1->database->table("wordlog")->totalRows, std::int64_t(4));
    QCOMPARE(b2->database->table("wordlog")->totalRows, std::int64_t(8));
    // One connection per partition of reduceByKey's two, each sending two INSERTs per word.
    QCOMPARE(b2->database->connectionsOpened, 2);
    QCOMPARE(b2->database->statements, 8);
    // Rows keep the place they first showed in (batch 1's four by key, then batch 2's new two),
    // and each names the batch whose capture first showed it as it is: unchanged rows are shared.
    const auto *t1 = b1->database->table("wordcount");
    const auto *t2 = b2->database->table("wordcount");
    QStringList order, writers;
    for (const auto &r : t2->rows) {
        order << QString::fromStdString(r->cells[0]);
        QVERIFY(r->writer && r->writer->batchTimeMs);
        QCOMPARE(r->writer->partition, -1);
        writers << QString::number((*r->writer->batchTimeMs - kStart) / 1000);
    }
    QCOMPARE(order.join(u' '), QStringLiteral("flink kafka spark storm hadoop hive"));
    QCOMPARE(writers.join(u' '), QStringLiteral("2 1 2 1 2 2"));
    QCOMPARE(t2->rows[1].get(), t1->rows[1].get()); // kafka 1, unchanged: the same row
}

QTEST_MAIN(TestDatabaseSession)
#include "tst_databasesession.moc"
