// Each cluster fault with and without the receivers' write-ahead log, judged at the database:
// tests/programs/faults/recoverable_wordcount_db.py (a recoverable word count, after Spark's
// examples/src/main/python/streaming/recoverable_network_wordcount.py, that inserts each batch's
// counts as rows naming the batch) runs through `dstreamlab run --faults`, and the rows in its
// SQLite file are the exact multiset of records each batch's foreachRDD saw: a lost record has
// no row, one processed twice has two. The driver's audit (engine/recoveryaudit.h) must say the
// same in its summary. Every expected row is worked out by hand below.
//
// The input (tests/programs/faults/input.txt), one line per record: 0.5 s "a", 3.5 s "x",
// 4.3 s "b c", 4.7 s "d", 5.1 s "e", 5.45 s "f", 6.3 s "g". The receiver starts at 0.1 s and
// cuts a block every 200 ms, on the 200 ms grid; a batch (every second) takes the blocks cut
// in (t - 1 s, t]. So "a" is in batch 1 s, "x" (block cut 3.6 s) in 4 s, "b c" and "d" (cut
// 4.4 and 4.8 s) in 5 s, "e" (5.2 s) and "f" (5.6 s) in 6 s, "g" (6.4 s) in 7 s. A batch of a
// few records completes within milliseconds (engine/costmodel.h), so at 5.5 s batch 5 s is
// complete and the last checkpoint is batch 5 s's; "e" is a stored block not yet allocated and
// "f" is still in the receiver's buffer.
#include "clirunkit.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kDir = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/faults");
const QString kStart = u"--start-time=2026-11-24 10:00:00"_s;
const QString kWal = u"spark.streaming.receiver.writeAheadLog.enable=true"_s;

/// The table's rows as "HH:MM:SS word count", sorted, read with Python's own sqlite3.
QStringList rowsOf(const QString &dbPath)
{
    QProcess p;
    p.start(u"/usr/bin/python3"_s,
            {u"-c"_s, u"import sqlite3,sys\n"
                      "for r in sqlite3.connect(sys.argv[1]).execute('SELECT batch, word, count FROM wordcount'):\n"
                      "    print(*r)\n"_s,
             dbPath});
    if (!p.waitForFinished(30000)) return {u"python3 did not finish"_s};
    QStringList rows = QString::fromUtf8(p.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
    if (p.exitCode() != 0) rows << QString::fromUtf8(p.readAllStandardError());
    rows.sort();
    return rows;
}

/// Writes `faults` (if any) to faults.tsv in `dir` and adds `--faults faults.tsv` to `args`.
bool addFaults(const QTemporaryDir &dir, const QByteArray &faults, QStringList &args)
{
    if (faults.isEmpty()) return true;
    QFile f(dir.filePath(u"faults.tsv"_s));
    if (!f.open(QIODevice::WriteOnly) || f.write(faults) != faults.size()) return false;
    args << u"--faults"_s << u"faults.tsv"_s;
    return true;
}

QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}

} // namespace

class TestFaultMatrix : public QObject {
    Q_OBJECT
private slots:
    void faultsJudgedAtTheDatabase_data();
    void faultsJudgedAtTheDatabase();
    void executorLossJudgedAtTheDatabase_data();
    void executorLossJudgedAtTheDatabase();
};

void TestFaultMatrix::faultsJudgedAtTheDatabase_data()
{
    QTest::addColumn<QByteArray>("faults");
    QTest::addColumn<bool>("writeAheadLog");
    QTest::addColumn<QString>("master");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QStringList>("summary"); // lines stderr must hold (the audit's judgement)

    const QStringList all{u"10:00:01 a 1"_s, u"10:00:04 x 1"_s, u"10:00:05 b 1"_s, u"10:00:05 c 1"_s,
                          u"10:00:05 d 1"_s, u"10:00:06 e 1"_s, u"10:00:06 f 1"_s, u"10:00:07 g 1"_s};
    QStringList withoutF = all;
    withoutF.removeAll(u"10:00:06 f 1"_s);

    QTest::newRow("no-fault-every-record-once") << QByteArray() << false << QString() << all << QStringList();

    // kill-receiver at 5.5 s: "f" (5.45 s) is in the dead receiver's buffer, not yet a block, so it
    // is lost whether or not stored blocks go to a write-ahead log. The receiver is back at 5.6 s;
    // "g" (6.3 s) reaches it (nc keeps lines for the next connection) and batch 7 s.
    for (const bool wal : {false, true})
        QTest::newRow(wal ? "kill-receiver-with-wal-loses-only-its-buffer" : "kill-receiver-without-wal-loses-only-its-buffer")
            << QByteArray("5.5\tkill-receiver 0\n") << wal << QString() << withoutF
            << QStringList{u"ERROR ReceiverTracker: Receiver has been stopped. Try to restart it."_s};

    // kill-executor 0 on local-cluster[2,2,1024]: the receiver took the first free core, executor
    // 0's, so it dies with the executor and its buffer ("f") with it; it runs again on executor 1
    // 100 ms later. Stored blocks are replicated (_2 storage levels): none is lost. No task runs
    // at 5.5 s (batch 5 s took milliseconds), so nothing runs twice.
    for (const bool wal : {false, true})
        QTest::newRow(wal ? "kill-executor-with-wal-loses-the-receiver-buffer" : "kill-executor-without-wal-loses-the-receiver-buffer")
            << QByteArray("5.5\tkill-executor 0\n") << wal << u"local-cluster[2,2,1024]"_s << withoutF
            << QStringList{u"ERROR ReceiverTracker: Receiver has been stopped. Try to restart it."_s};

    // slow-executor: batch 5 s's tasks take 4 times as long, still milliseconds: nothing is lost
    // or repeated, only later.
    QTest::newRow("slow-executor-loses-and-repeats-nothing")
        << QByteArray("4.9\tslow-executor 0 4\n") << false << QString() << all << QStringList();
    // fail-task output=1: the first task of batch 5 s's foreachRDD (its rdd.collect() job) fails
    // after computing its partition and is retried (local[2,2]: 2 attempts). save() runs on the
    // driver once the collect has all partitions, so every row is written once.
    QTest::newRow("fail-task-in-a-collect-is-retried-and-writes-once")
        << QByteArray("4.9\tfail-task output=1\n") << false << u"local[2,2]"_s << all
        << QStringList{u"WARN TaskSetManager: Lost task 0.0 in stage"_s};

    // kill-driver at 5.5 s: the new driver starts at 10.5 s from the checkpoint of batch 5 s and
    // runs batches 5 to 10 s again at once (the checkpoint's batch and the down time's:
    // JobGenerator.restart); its receiver connects at 10.6 s and gets "g" (sent after the death,
    // kept by nc): batch 11 s. "f" dies in the old receiver's buffer in both cases.
    // Without the log, the blocks of "b c", "d" and "e" lived in the old executors' memory: batch
    // 5 s runs again empty (its rows stay once, from the old driver) and "e" is lost.
    QTest::newRow("kill-driver-without-wal-loses-the-unprocessed-blocks")
        << QByteArray("5.5\tkill-driver\n") << false << QString()
        << QStringList{u"10:00:01 a 1"_s, u"10:00:04 x 1"_s, u"10:00:05 b 1"_s, u"10:00:05 c 1"_s,
                       u"10:00:05 d 1"_s, u"10:00:11 g 1"_s}
        << QStringList{u"DStream Lab: lost with the driver: 2 record(s) (no receiver write-ahead log)"_s,
                       u"DStream Lab: processed twice: 0 record(s)"_s, u"'e'; never seen by"_s,
                       u"  received by receiver 0, not yet stored: 'f'"_s};
    // With the log every stored block is read back: "e" reaches batch 6 s, and batch 5 s, which
    // the old driver had completed, is processed again with "b c" and "d": its rows are there
    // twice (at-least-once).
    QTest::newRow("kill-driver-with-wal-processes-the-checkpointed-batch-twice")
        << QByteArray("5.5\tkill-driver\n") << true << QString()
        << QStringList{u"10:00:01 a 1"_s, u"10:00:04 x 1"_s, u"10:00:05 b 1"_s, u"10:00:05 b 1"_s,
                       u"10:00:05 c 1"_s, u"10:00:05 c 1"_s, u"10:00:05 d 1"_s, u"10:00:05 d 1"_s,
                       u"10:00:06 e 1"_s, u"10:00:11 g 1"_s}
        << QStringList{u"DStream Lab: lost with the driver: 1 record(s)\n"_s,
                       u"  received by receiver 0, not yet stored: 'f'"_s,
                       u"DStream Lab: processed twice: 2 record(s)\n"_s, u"(batch 26/11/24 10:00:05): 'b c'; seen by the old and the new driver: "_s,
                       u"(batch 26/11/24 10:00:05): 'd'; seen by the old and the new driver: "_s};
}

void TestFaultMatrix::faultsJudgedAtTheDatabase()
{
    QFETCH(QByteArray, faults);
    QFETCH(bool, writeAheadLog);
    QFETCH(QString, master);
    QFETCH(QStringList, rows);
    QFETCH(QStringList, summary);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString db = dir.filePath(u"spark.sqlite"_s);
    QStringList args{u"run"_s, kDir + u"/recoverable_wordcount_db.py"_s, u"--input"_s, kDir + u"/input.txt"_s, kStart,
                     u"--seconds"_s, u"13"_s, u"--db"_s, u"sqlite:"_s + db};
    QVERIFY(addFaults(dir, faults, args));
    if (writeAheadLog) args << u"--conf"_s << kWal;
    if (!master.isEmpty()) args << u"--master"_s << master;
    const auto r = clikit::runBinary(args, dir.path());
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(r.exitCode == 0, qPrintable(err));
    QCOMPARE(rowsOf(db), sorted(rows));
    for (const QString &line : summary) QVERIFY2(err.contains(line), qPrintable(u"missing: "_s + line + u"\n"_s + err));
    if (faults.contains("kill-driver")) {
        // Restarted 5 s after the death at 5.5 s, from the checkpoint of batch 5 s; the first
        // batch at or after the death is 6 s.
        QVERIFY2(QRegularExpression(u"DStream Lab: recovered in 5\\.\\d+ s: restarted at 26/11/24 10:00:10\\.500 from the "
                                    "checkpoint of 26/11/24 10:00:05, the batch of 26/11/24 10:00:06 completed at "_s)
                     .match(err)
                     .hasMatch(),
                 qPrintable(err));
        QCOMPARE(QString::fromUtf8(r.out).count(u"Creating new context"_s), 1);
    }
}

// tests/programs/faults/partition_writes_db.py writes each line from the executors
// (foreachPartition, a connection per partition) on local-cluster[2,1,1024]: the receiver takes
// executor 0's only core, so every task runs on executor 1. two_blocks.txt: "a" at 1.05 s and "b"
// at 1.45 s, in the blocks cut at 1.2 and 1.6 s: batch 2 s has two partitions, two tasks, which run
// one after the other on executor 1's core. slow-executor 1 1000 at 1.5 s makes each of them take
// at least 1 s (1 ms at least, times 1000), so at 2.5 s the first ("a") is running and the second
// waits. kill-executor 1 then loses the running attempt: TaskSetManager.executorLost resubmits it,
// and its function runs again on the new executor; the waiting task had not run and runs once.
void TestFaultMatrix::executorLossJudgedAtTheDatabase_data()
{
    QTest::addColumn<QByteArray>("faults");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QStringList>("logLines");
    const QString lost = u"WARN TaskSetManager: Lost task 0.0 in stage"_s;
    QTest::newRow("no-fault-writes-each-line-once") << QByteArray() << QStringList{u"10:00:02 a 1"_s, u"10:00:02 b 1"_s}
                                                    << QStringList{};
    QTest::newRow("slow-executor-alone-writes-each-line-once")
        << QByteArray("1.5\tslow-executor 1 1000\n") << QStringList{u"10:00:02 a 1"_s, u"10:00:02 b 1"_s} << QStringList{};
    QTest::newRow("kill-executor-mid-task-writes-its-partition-twice")
        << QByteArray("1.5\tslow-executor 1 1000\n2.5\tkill-executor 1\n")
        << QStringList{u"10:00:02 a 1"_s, u"10:00:02 a 1"_s, u"10:00:02 b 1"_s}
        << QStringList{lost, u"ExecutorLostFailure (executor 1 exited unrelated to the running tasks)"_s};
}

void TestFaultMatrix::executorLossJudgedAtTheDatabase()
{
    QFETCH(QByteArray, faults);
    QFETCH(QStringList, rows);
    QFETCH(QStringList, logLines);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString db = dir.filePath(u"spark.sqlite"_s);
    QStringList args{u"run"_s,       kDir + u"/partition_writes_db.py"_s, u"--input"_s, kDir + u"/two_blocks.txt"_s,
                     kStart,         u"--seconds"_s,                       u"8"_s,       u"--db"_s,
                     u"sqlite:"_s + db, u"--master"_s,                     u"local-cluster[2,1,1024]"_s};
    QVERIFY(addFaults(dir, faults, args));
    const auto r = clikit::runBinary(args, dir.path());
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(r.exitCode == 0, qPrintable(err));
    QCOMPARE(rowsOf(db), sorted(rows));
    for (const QString &line : logLines) QVERIFY2(err.contains(line), qPrintable(u"missing: "_s + line + u"\n"_s + err));
    if (logLines.isEmpty()) QVERIFY2(!err.contains(u"Lost task"_s), qPrintable(err));
}

QTEST_GUILESS_MAIN(TestFaultMatrix)
#include "tst_faultmatrix.moc"
