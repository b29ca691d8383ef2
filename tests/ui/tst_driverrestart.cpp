// A kill-driver in the dashboard's session: a program with a checkpoint starts again, as
// spark-submit --supervise would, and recovers through StreamingContext.getOrCreate, in the
// session's own working folder; the new driver's snapshots carry the recovery audit
// (engine/recoveryaudit.h), the Batch tab quotes the records lost and processed twice, the
// database holds the twice-processed rows twice, and Reset goes back to the first driver with its
// files and database so that the whole run, death and restart included, repeats exactly.
//
// The program is tests/programs/faults/recoverable_wordcount_db.py with the receivers'
// write-ahead log on; the input and the expected rows are those of tst_faultmatrix's
// "kill-driver-with-wal" row (worked out by hand there): killed at 5.5 s, batch 5 s ("b c", "d")
// is processed again, "e" is read back into batch 6 s, "f" dies in the receiver's buffer, "g"
// reaches the new driver's receiver in batch 11 s.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#include "ui/batchdetailview.h"
#endif

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace dsl;
using namespace dsl::session;
using namespace Qt::StringLiterals;

namespace {

constexpr SimTime kStart{1'795'514'400'000}; // 2026-11-24 10:00:00 UTC
const QString kDir = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/faults");

ProgramSession &theSession()
{
    static ProgramSession *s = [] {
        ProgramSession::Config cfg;
        cfg.startTime = kStart;
        cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
        return new ProgramSession(cfg);
    }();
    return *s;
}

QString programWithWal()
{
    QFile f(kDir + u"/recoverable_wordcount_db.py"_s);
    if (!f.open(QIODevice::ReadOnly)) return {};
    QString src = QString::fromUtf8(f.readAll());
    src.replace(u"from pyspark import SparkContext"_s, u"from pyspark import SparkConf, SparkContext"_s);
    src.replace(u"SparkContext(\"local[2]\", appName=\"RecoverableWordCountDB\")"_s,
                u"SparkContext(\"local[2]\", appName=\"RecoverableWordCountDB\", conf=SparkConf().set("
                "\"spark.streaming.receiver.writeAheadLog.enable\", \"true\"))"_s);
    return src;
}

/// The newest paused snapshot of a restarted driver at or past `clock`, settled.
RunSnapshotPtr settledRecovery(SimTime clock)
{
    RunSnapshotPtr s;
    const bool ok = QTest::qWaitFor(
        [&] {
            s = theSession().latestSnapshot();
            return s && s->phase == RunPhase::Paused && s->clock >= clock && s->recovery && s->recovery->settled();
        },
        90000);
    return ok ? s : nullptr;
}

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
    rows.sort();
    return rows;
}

} // namespace

class TestDriverRestart : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void killedDriverStartsAgainAndIsAudited();
    void resetRepeatsTheDeathAndTheRestart();

private:
    QTemporaryDir m_cwd, m_files;
    QString m_db;
    std::string m_fingerprint;
    QStringList m_rows;
};

void TestDriverRestart::initTestCase()
{
    QVERIFY(m_cwd.isValid() && m_files.isValid());
    // Where the app was started: the program's relative checkpoint folder must not land here.
    QVERIFY(QDir::setCurrent(m_cwd.path()));
    m_db = m_files.filePath(u"spark.sqlite"_s);
    ProgramSession &ps = theSession();
    const QString src = programWithWal();
    QVERIFY(src.contains(u"writeAheadLog.enable"_s));
    ps.loadProgram(u"recoverable_wordcount_db.py"_s, src);
    RunOptions o;
    o.database = u"sqlite:"_s + m_db;
    o.faults = {{(kStart + Duration(5500)).ms(), u"kill-driver"_s}};
    ps.setOptions(o);
    QString error;
    QVERIFY2(ps.loadInputLog(kDir + u"/input.txt"_s, &error), qPrintable(error));
}

void TestDriverRestart::killedDriverStartsAgainAndIsAudited()
{
    ProgramSession &ps = theSession();
    ps.runUntilTime((kStart + Duration(12000)).ms());
    const RunSnapshotPtr s = settledRecovery(kStart + Duration(12000));
    QVERIFY(s);
    // The new driver's run: it started 5 s after the death, from the checkpoint of batch 5 s, and
    // caught up with batch 6 s, the first at or after the death.
    QCOMPARE(s->startTime, kStart + Duration(10500));
    const RecoveryReport &r = *s->recovery;
    QCOMPARE(r.killedAt, kStart + Duration(5500));
    QCOMPARE(r.restartAt, kStart + Duration(10500));
    QCOMPARE(r.checkpointTime, std::optional<SimTime>(kStart + Duration(5000)));
    QCOMPARE(r.caughtUpBatch, std::optional<SimTime>(kStart + Duration(6000)));
    QVERIFY(r.writeAheadLog);
    QCOMPARE(r.lostRecords(), 1);  // "f"
    QCOMPARE(r.twiceRecords(), 2); // "b c" and "d"
    QCOMPARE(r.twiceBatches(), std::set<SimTime>{kStart + Duration(5000)});

    // The Batch tab: batch 5 s quotes the records processed twice, batch 6 s the recovery and the
    // lost buffer.
    const BatchSnapshot *b5 = s->batch(kStart + Duration(5000));
    const BatchSnapshot *b6 = s->batch(kStart + Duration(6000));
    QVERIFY(b5 && b6);
    const QStringList five = ui::BatchDetailView::recoveryOf(*s, *b5);
    QCOMPARE(five.size(), 2);
    QVERIFY2(five[0].startsWith(u"Processed twice: the 1 record(s) of the block cut at 10:00:04.400 "_s) &&
                 five[0].contains(u"(\u201cb c\u201d) were read back from the write-ahead log"_s),
             qPrintable(five[0]));
    QVERIFY2(five[1].contains(u"cut at 10:00:04.800 (\u201cd\u201d)"_s) && five[1].contains(u"foreachRDD at"_s),
             qPrintable(five[1]));
    const QStringList six = ui::BatchDetailView::recoveryOf(*s, *b6);
    QCOMPARE(six.size(), 2);
    QVERIFY2(six[0].startsWith(u"The restarted driver caught up with this batch: recovered in 5."_s) &&
                 six[0].contains(u"after the old driver died at 10:00:05.500 (from the checkpoint of 10:00:05.000)"_s),
             qPrintable(six[0]));
    QCOMPARE(six[1], u"Lost with the old driver: 1 record(s) its receiver 0 had received but not yet stored: \u201cf\u201d."_s);
    QVERIFY(ui::BatchDetailView::recoveryOf(*s, *s->batch(kStart + Duration(7000))).isEmpty());

    // The database, as the two drivers left it: batch 5 s's rows twice.
    m_rows = rowsOf(m_db);
    QCOMPARE(m_rows, (QStringList{u"10:00:01 a 1"_s, u"10:00:04 x 1"_s, u"10:00:05 b 1"_s, u"10:00:05 b 1"_s,
                                  u"10:00:05 c 1"_s, u"10:00:05 c 1"_s, u"10:00:05 d 1"_s, u"10:00:05 d 1"_s,
                                  u"10:00:06 e 1"_s, u"10:00:11 g 1"_s}));
    // The checkpoint went into the session's own folder, not where the app was started.
    QVERIFY(!QFileInfo::exists(m_cwd.filePath(u"checkpoint"_s)));
    m_fingerprint = s->fingerprint;
}

void TestDriverRestart::resetRepeatsTheDeathAndTheRestart()
{
    ProgramSession &ps = theSession();
    ps.reset();
    QVERIFY(QTest::qWaitFor(
        [&] {
            const RunSnapshotPtr s = ps.latestSnapshot();
            return s && s->phase == RunPhase::NotStarted && s->startTime == kStart && !s->recovery;
        },
        30000));
    ps.runUntilTime((kStart + Duration(12000)).ms());
    const RunSnapshotPtr s = settledRecovery(kStart + Duration(12000));
    QVERIFY(s);
    QCOMPARE(s->startTime, kStart + Duration(10500));
    QCOMPARE(s->fingerprint, m_fingerprint);
    // The first driver started from the database as it first found it, so no row is there 4 times.
    QCOMPARE(rowsOf(m_db), m_rows);
}

QTEST_MAIN(TestDriverRestart)
#include "tst_driverrestart.moc"
