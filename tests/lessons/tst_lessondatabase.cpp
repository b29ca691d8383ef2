// Qt Test: lesson 14 (foreachRDD into MySQL) and what it stands on: the db queries over the
// database the run recorded per batch, faults that belong to the driver whose step arms them, and
// a program shown failing on purpose (an open action's "raises"). Every expected number is counted
// by hand from lessons/14-foreachrdd-mysql/input.txt (below), never read from a run.
//
// The input, batch by batch (1 s batches from 10:00:00; the receiver connects at 0.1 s):
//   batch 1 (10:00:01): "spark kafka spark flink", "storm spark" -> spark 3, kafka 1, flink 1, storm 1
//   batch 2 (10:00:02): "spark flink hive", "hadoop hive"        -> spark 1, flink 1, hive 2, hadoop 1
//   batch 3 (10:00:03): "spark storm"                            -> spark 1, storm 1
// reduceByKey makes 2 partitions (local[2,2]); portable_hash with PYTHONHASHSEED=0 puts kafka,
// storm, hive and hadoop in partition 0, spark and flink in partition 1.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/lesson/lessoncheck.h"
#include "app/lesson/lessongrade.h"
#include "app/lesson/lessonlibrary.h"
#include "app/lesson/lessonplayer.h"
#include "app/lesson/lessonquery.h"
#include "app/lesson/lessonrun.h"
#include "engine/costmodel.h"
#include "lessontesting.h"
#endif

#include <QTest>

using namespace Qt::StringLiterals;
using namespace dsl;
using namespace dsl::lesson;

Q_DECLARE_METATYPE(dsl::lesson::LessonQuery)

namespace {

using testing::runner;

const Lesson &lesson14()
{
    return testing::shippedLesson(14);
}

/// The run of the driver at step k (0-based), as `lesson check` runs it.
const LessonRun &runAt(int step)
{
    static LessonRuns runs(lesson14(), runner());
    return runs.at(step);
}

LessonQuery query(LessonQuery::Kind kind, int batch, const QString &table = {}, const QString &key = {},
                  const QString &column = {})
{
    LessonQuery q;
    q.kind = kind;
    q.batch = batch;
    q.table = table;
    q.key = key;
    q.column = column;
    q.field = u"q"_s;
    return q;
}

using K = LessonQuery::Kind;

} // namespace

class TestLessonDatabase : public QObject {
    Q_OBJECT

private slots:
    void answersCountedByHand_data()
    {
        QTest::addColumn<int>("step");
        QTest::addColumn<LessonQuery>("q");
        QTest::addColumn<double>("expected");
        // rdd.foreach(sendRecord): one connection per record of counts; batch 1 has 4 records.
        QTest::newRow("per-record-opens-a-connection-per-record") << 0 << query(K::DbConnections, 1) << 4.0;
        QTest::newRow("per-record-sends-a-statement-per-record") << 0 << query(K::DbStatements, 2) << 4.0;
        // ON DUPLICATE KEY UPDATE count = count + VALUES(count): spark 3 + 1 after batch 2.
        QTest::newRow("per-record-adds-up-spark") << 0 << query(K::DbValue, 2, u"wordcount"_s, u"spark"_s, u"count"_s) << 4.0;
        QTest::newRow("per-record-one-row-per-word") << 0 << query(K::DbRows, 3, u"wordcount"_s) << 6.0;
        // foreachPartition: one connection per partition, 2 partitions.
        QTest::newRow("per-partition-opens-one-per-partition") << 2 << query(K::DbConnections, 1) << 2.0;
        QTest::newRow("per-partition-still-one-statement-per-record") << 2 << query(K::DbStatements, 1) << 4.0;
        // The pool: the first task that asks connects, every later task borrows it. DStream Lab
        // runs all tasks' Python in one interpreter, as one reused PySpark worker
        // (docs/database.md); Spark with two worker processes would open one in each.
        QTest::newRow("pool-connects-once-in-the-first-batch") << 3 << query(K::DbConnections, 1) << 1.0;
        QTest::newRow("pool-reuses-in-the-second-batch") << 3 << query(K::DbConnections, 2) << 0.0;
        QTest::newRow("pool-reuses-in-the-third-batch") << 3 << query(K::DbConnections, 3) << 0.0;
        // updateStateByKey totals written by REPLACE INTO; batch 2's retried task rewrote totals.
        QTest::newRow("totals-spark-after-batch-3") << 4 << query(K::DbValue, 3, u"totals"_s, u"spark"_s, u"total"_s) << 5.0;
        QTest::newRow("totals-storm-after-batch-3") << 4 << query(K::DbValue, 3, u"totals"_s, u"storm"_s, u"total"_s) << 2.0;
        QTest::newRow("totals-one-row-per-word") << 4 << query(K::DbRows, 3, u"totals"_s) << 6.0;
        // Plain INSERT, batch 1's partition-0 task (kafka, storm) fails after its commit, retried.
        QTest::newRow("insert-rows-after-batch-1-doubled-partition") << 5 << query(K::DbRows, 1, u"batch_counts"_s) << 6.0;
        QTest::newRow("insert-rows-after-batch-2") << 5 << query(K::DbRows, 2, u"batch_counts"_s) << 10.0;
        QTest::newRow("insert-kafka-counted-twice")
            << 5 << query(K::DbValue, 2, u"batch_counts"_s, u"kafka"_s, u"count"_s) << 2.0;
        QTest::newRow("insert-spark-of-the-other-partition-once")
            << 5 << query(K::DbValue, 2, u"batch_counts"_s, u"spark"_s, u"count"_s) << 4.0;
        // The upsert keyed by (word, batch_time): the same fault leaves one row per key.
        QTest::newRow("upsert-rows-after-batch-2") << 6 << query(K::DbRows, 2, u"batch_counts"_s) << 8.0;
        QTest::newRow("upsert-kafka-once") << 6 << query(K::DbValue, 2, u"batch_counts"_s, u"kafka"_s, u"count"_s) << 1.0;
    }
    void answersCountedByHand()
    {
        QFETCH(int, step);
        QFETCH(LessonQuery, q);
        QFETCH(double, expected);
        const LessonRun &run = runAt(step);
        QVERIFY2(!run.raised, qPrintable(run.errorText));
        const QueryResult r = evaluate(q, run);
        QVERIFY2(r.ok(), qPrintable(r.errorField + u": "_s + r.error));
        QCOMPARE(*r.value, expected);
    }

    /// Batch 1's database time as the cost model charges it (engine/costmodel.h: connect 10 ms,
    /// statement 0.5 ms, commit 2 ms, close 0.1 ms; an INSERT fetches no row), beside a measured,
    /// nonzero wall time.
    void databaseTimeIsTheCostModelsCharge_data()
    {
        QTest::addColumn<int>("step");
        QTest::addColumn<qint64>("simulatedNs");
        // 4 records, each: connect + statement + commit + close = 12.6 ms
        QTest::newRow("per-record-4-times-12.6ms") << 0 << qint64(4 * (cost::dbConnectNs + cost::dbStatementNs + cost::dbCommitNs + cost::dbCloseNs));
        // 2 partitions, each: connect + commit + close = 12.1 ms; 4 statements of 0.5 ms
        QTest::newRow("per-partition-2-times-12.1ms-plus-4-statements")
            << 2 << qint64(2 * (cost::dbConnectNs + cost::dbCommitNs + cost::dbCloseNs) + 4 * cost::dbStatementNs);
        // the pool: one connect, 2 commits, 4 statements, no close
        QTest::newRow("pool-1-connect-2-commits-4-statements")
            << 3 << qint64(cost::dbConnectNs + 2 * cost::dbCommitNs + 4 * cost::dbStatementNs);
    }
    void databaseTimeIsTheCostModelsCharge()
    {
        QFETCH(int, step);
        QFETCH(qint64, simulatedNs);
        const LessonRun &run = runAt(step);
        const session::BatchSnapshot *b1 = nthBatch(*run.snapshot, 1);
        QVERIFY(b1 && b1->database);
        QCOMPARE(b1->database->simulatedNs, simulatedNs);
        QVERIFY(b1->database->wallNs > 0);
    }

    void dbQueriesExplainWhatIsMissing_data()
    {
        QTest::addColumn<LessonQuery>("q");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("error");
        QTest::newRow("table-not-in-the-database")
            << query(K::DbRows, 1, u"wordcounts"_s) << u"q.table"_s
            << u"no table 'wordcounts' in the database after batch 1 (10:00:01) (its tables: wordcount)"_s;
        QTest::newRow("column-not-in-the-table")
            << query(K::DbValue, 1, u"wordcount"_s, u"spark"_s, u"total"_s) << u"q.column"_s
            << u"no column 'total' in wordcount (its columns: word, count)"_s;
        QTest::newRow("column-that-is-not-a-number")
            << query(K::DbValue, 1, u"wordcount"_s, u"spark"_s, u"word"_s) << u"q.column"_s
            << u"wordcount.word is not a number for spark: spark"_s;
        QTest::newRow("batch-past-the-run") << query(K::DbConnections, 7) << u"q.batch"_s
                                            << u"there is no batch 7: the run has 3 batches"_s;
    }
    void dbQueriesExplainWhatIsMissing()
    {
        QFETCH(LessonQuery, q);
        QFETCH(QString, field);
        QFETCH(QString, error);
        const QueryResult r = evaluate(q, runAt(0));
        QVERIFY(!r.ok());
        QCOMPARE(r.errorField, field);
        QCOMPARE(r.error, error);
    }

    /// A program that never connects leaves no database to ask about, which is said, not 0.
    void aRunWithoutADatabaseSaysSo()
    {
        const Lesson *one = &testing::shippedLesson(1);
        const LessonRun run = runner().run({one->path(one->program), std::nullopt, one->settings, one->inputLines});
        QVERIFY2(!run.raised, qPrintable(run.errorText));
        const QueryResult r = evaluate(query(K::DbRows, 1, u"wordcount"_s), run);
        QVERIFY(!r.ok());
        QCOMPARE(r.errorField, u"q.table"_s);
        QCOMPARE(r.error, u"no table 'wordcount' in the database after batch 1 (10:00:01) (its tables: none)"_s);
    }

    /// Step 2 opens program_driver.py, which raises on purpose: the question reads its failed run.
    void aProgramShownFailingAnswersItsQuestion()
    {
        const LessonRun &run = runAt(1);
        QVERIFY(run.raised);
        QVERIFY2(run.errorText.contains(u"PicklingError: Could not serialize object: TypeError: cannot pickle 'socket' object"_s),
                 qPrintable(run.errorText));
        QCOMPARE(driverRaises(lesson14(), lessonDriverAt(lesson14(), 1)), u"PicklingError"_s);
        QCOMPARE(driverRaises(lesson14(), 0), QString());
        const Reveal r = reveal(*lesson14().steps[1].question, run);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QCOMPARE(r.correctOptions, QList<int>{0});
    }

    /// A check of a lesson whose open action names an error the program does not raise fails,
    /// naming the action; the shipped lesson passes.
    void theCheckHoldsAProgramToTheErrorItRaises()
    {
        QVERIFY(checkLesson(lesson14(), runner()).problems.isEmpty());
        Lesson changed = lesson14();
        auto &open = std::get<OpenAction>(changed.steps[2].actions[0]); // program_partition.py runs fine
        QCOMPARE(open.program, u"program_partition.py"_s);
        open.raises = u"PicklingError"_s;
        const LessonCheckReport report = checkLesson(changed, runner());
        QCOMPARE(report.problems.size(), 1);
        QCOMPARE(report.problems[0].field, changed.steps[2].field + u".actions"_s);
        QCOMPARE(report.problems[0].message, u"program_partition.py did not raise 'PicklingError'"_s);
    }

    /// Faults belong to the driver whose step arms them: the lesson's first program runs without
    /// the faults of steps 5 to 7, each opened program with its own.
    void faultsBelongToTheDriverThatArmsThem()
    {
        const Lesson &l = lesson14();
        const SimTime start = l.settings.startTime;
        using Faults = std::vector<std::pair<SimTime, std::string>>;
        QCOMPARE(driverFaults(l, 0), Faults{});
        QCOMPARE(driverFaults(l, lessonDriverAt(l, 3)), Faults{});
        QCOMPARE(driverFaults(l, lessonDriverAt(l, 4)), (Faults{{start + Duration(2000), "fail-task output=1"}}));
        QCOMPARE(driverFaults(l, lessonDriverAt(l, 5)), (Faults{{start + Duration(1000), "fail-task output=1"}}));
        QCOMPARE(driverFaults(l, lessonDriverAt(l, 6)), (Faults{{start + Duration(1000), "fail-task output=1"}}));
        // The player: the lesson's setup carries the first program's (none); opening the plain
        // INSERT program sets the options again, with its fault.
        const LessonPlayer player(l);
        QVERIFY(player.runOptions().faults.empty());
        const auto commands = player.commands(5);
        QVERIFY(commands.size() >= 2);
        QCOMPARE(std::get<session::command::LoadProgram>(commands[0]).fileName, u"program_insert.py"_s);
        const auto &options = std::get<session::command::SetOptions>(commands[1]).options;
        QCOMPARE(options.master, u"local[2,2]"_s);
        QCOMPARE(options.faults.size(), std::size_t(1));
        QCOMPARE(options.faults[0].first, (start + Duration(1000)).ms());
        QCOMPARE(options.faults[0].second, u"fail-task output=1"_s);
    }
};

QTEST_GUILESS_MAIN(TestLessonDatabase)
#include "tst_lessondatabase.moc"
