// `dstreamlab run ... --compare` (app/comparecommand.*) and the stability rule it shares with the
// Experiments view (app/experimentsummary.h), against hand-derived expectations.
//
// The runs use tests/programs/wordcount.py (StreamingContext(sc, 1)) and wordcount.input: 5 lines,
// the last at 3.9 s. With --start-time on a whole second and --seconds 6.1, a run completes every
// batch at k x interval <= 6.1 s (each takes some 15 ms): 12 batches at 0.5 s, 6 at 1 s, and
// every line is received by then: 5 records.
#include "app/experimentsummary.h"

#include <QDir>
#include <QFile>
#include "clirunkit.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace Qt::StringLiterals;
using dsl::experiment::BatchMetrics;
using dsl::experiment::Stability;
using dsl::experiment::StabilityReason;

namespace {

using clikit::RunResult;

const QString kProgram = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/wordcount.py");
const QString kInput = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/wordcount.input");
const QStringList kCommon{kProgram, u"--input"_s, kInput, u"--start-time"_s, u"2026-11-24 10:00:00"_s,
                          u"--seconds"_s, u"6.1"_s};

// Runs in a temporary folder: a program's ssc.checkpoint("checkpoint") writes to the cwd.
RunResult runBinary(const QStringList &args)
{
    QTemporaryDir cwd;
    return clikit::runBinary(args, cwd.path());
}

/// The table's cells by configuration name: columns split at runs of 2+ spaces (names have single
/// spaces); a failed row is {name, "failed: ..."}.
QMap<QString, QStringList> tableRows(const QByteArray &out)
{
    QMap<QString, QStringList> rows;
    const QStringList lines = QString::fromUtf8(out).split(u'\n', Qt::SkipEmptyParts);
    for (qsizetype i = 1; i < lines.size(); ++i) { // 0: the header
        if (lines[i].startsWith(u"times in ms"_s)) break;
        const QStringList cells = lines[i].trimmed().split(QRegularExpression(u"\\s{2,}"_s));
        rows.insert(cells.value(0), cells);
    }
    return rows;
}

enum Col { Name, Batches, Records, Throughput, ProcMean, ProcMax, SchedMean, SchedMax, SchedLast, TotalMean, Verdict, Fingerprint };

QByteArray fingerprintOf(const QByteArray &err)
{
    return QByteArray::fromStdString(dsl::experiment::fingerprintOf(err.toStdString()));
}

/// Batches with these scheduling delays, processing times and records (one list entry each).
std::vector<BatchMetrics> batches(const QList<int> &sched, const QList<int> &proc, const QList<int> &records, int intervalMs)
{
    std::vector<BatchMetrics> out;
    for (qsizetype i = 0; i < sched.size(); ++i)
        out.push_back(BatchMetrics{(i + 1) * intervalMs, sched[i], proc[i], sched[i] + proc[i], records[i]});
    return out;
}

QList<int> repeat(int v, int n) { return QList<int>(n, v); }

} // namespace

class TestCompare : public QObject {
    Q_OBJECT

private slots:
    void stabilityRule_data();
    void stabilityRule();
    void summaryOfHandWrittenMetrics();
    void twoBatchIntervals();
    void failingConfigurationShowsItsErrorInItsRow_data();
    void failingConfigurationShowsItsErrorInItsRow();
    void badCompareUse_data();
    void badCompareUse();
    void interruptEndsTheChildAndRemovesItsFiles();
};

void TestCompare::stabilityRule_data()
{
    QTest::addColumn<QList<int>>("sched");
    QTest::addColumn<QList<int>>("proc");
    QTest::addColumn<QList<int>>("records");
    QTest::addColumn<int>("intervalMs");
    QTest::addColumn<int>("stability");
    QTest::addColumn<int>("reason");

    const auto S = [](Stability s) { return static_cast<int>(s); };
    const auto R = [](StabilityReason r) { return static_cast<int>(r); };
    QTest::newRow("scheduling-delay-growing-every-batch-of-the-last-five-is-unstable")
        << QList<int>{0, 100, 200, 300, 400} << repeat(1100, 5) << repeat(10, 5) << 1000
        << S(Stability::Unstable) << R(StabilityReason::GrowingDelay);
    QTest::newRow("steady-zero-delay-and-processing-within-the-interval-is-stable")
        << repeat(0, 6) << repeat(200, 6) << repeat(10, 6) << 1000 << S(Stability::Stable) << R(StabilityReason::Steady);
    QTest::newRow("fewer-than-five-batches-is-unknown")
        << QList<int>{0, 100, 200, 300} << repeat(1100, 4) << repeat(10, 4) << 1000
        << S(Stability::Unknown) << R(StabilityReason::TooFewBatches);
    QTest::newRow("mean-processing-longer-than-the-interval-is-unstable-before-the-delay-shows-it")
        << repeat(0, 5) << QList<int>{400, 700, 600, 600, 600} << repeat(10, 5) << 500
        << S(Stability::Unstable) << R(StabilityReason::SlowProcessing);
    QTest::newRow("mean-processing-equal-to-the-interval-is-not-longer")
        << repeat(0, 5) << repeat(500, 5) << repeat(10, 5) << 500 << S(Stability::Stable) << R(StabilityReason::Steady);
    QTest::newRow("a-delay-that-rises-and-falls-again-is-stable")
        << QList<int>{0, 50, 100, 50, 0} << repeat(400, 5) << repeat(10, 5) << 500 << S(Stability::Stable) << R(StabilityReason::Steady);
    QTest::newRow("one-batch-without-growth-breaks-keeps-growing")
        << QList<int>{0, 100, 100, 200, 300} << repeat(450, 5) << repeat(10, 5) << 500 << S(Stability::Stable) << R(StabilityReason::Steady);
    QTest::newRow("only-the-last-five-batches-count")
        << QList<int>{0, 100, 200, 300, 0, 0, 0, 0, 0} << repeat(100, 9) << repeat(10, 9) << 500
        << S(Stability::Stable) << R(StabilityReason::Steady);
    QTest::newRow("empty-batches-draining-a-backlog-after-the-input-are-left-out")
        << QList<int>{0, 140, 285, 457, 551, 679, 817, 0, 0} << QList<int>{1140, 1145, 1172, 1094, 1128, 1138, 14, 14, 14}
        << QList<int>{40000, 40000, 40000, 40000, 40000, 40000, 0, 0, 0} << 1000
        << S(Stability::Unstable) << R(StabilityReason::GrowingDelay);
    QTest::newRow("four-batches-with-input-then-empty-ones-is-unknown")
        << repeat(0, 8) << repeat(15, 8) << QList<int>{1, 2, 0, 2, 0, 0, 0, 0} << 1000
        << S(Stability::Unknown) << R(StabilityReason::TooFewBatches);
    QTest::newRow("no-batch-with-records-judges-all-batches-as-file-streams-report-none")
        << repeat(0, 5) << repeat(20, 5) << repeat(0, 5) << 1000 << S(Stability::Stable) << R(StabilityReason::Steady);
    QTest::newRow("an-unknown-interval-skips-the-processing-condition")
        << repeat(0, 5) << repeat(5000, 5) << repeat(10, 5) << 0 << S(Stability::Stable) << R(StabilityReason::Steady);
}

void TestCompare::stabilityRule()
{
    QFETCH(QList<int>, sched);
    QFETCH(QList<int>, proc);
    QFETCH(QList<int>, records);
    QFETCH(int, intervalMs);
    QFETCH(int, stability);
    QFETCH(int, reason);
    const auto v = dsl::experiment::judgeStability(batches(sched, proc, records, std::max(intervalMs, 1000)), intervalMs);
    QCOMPARE(static_cast<int>(v.stability), stability);
    QCOMPARE(static_cast<int>(v.reason), reason);
}

void TestCompare::summaryOfHandWrittenMetrics()
{
    // Two lines as MetricsWriter writes them (nested objects repeat numRecords: the top-level
    // field is the one read), and a line that is not a batch.
    const std::string text =
        "{\"batchTime\":1000,\"submissionTime\":1001,\"processingStartTime\":1101,\"processingEndTime\":1301,"
        "\"schedulingDelay\":100,\"processingDelay\":200,\"totalDelay\":300,\"numRecords\":4,"
        "\"streamIdToInputInfo\":{\"0\":{\"numRecords\":99,\"description\":\"\"}},\"outputOperationInfos\":[]}\n"
        "not json\n"
        "{\"batchTime\":1500,\"submissionTime\":1501,\"processingStartTime\":1501,\"processingEndTime\":1901,"
        "\"schedulingDelay\":0,\"processingDelay\":400,\"totalDelay\":400,\"numRecords\":2,"
        "\"streamIdToInputInfo\":{},\"outputOperationInfos\":[]}\n";
    const auto b = dsl::experiment::parseMetrics(text);
    QCOMPARE(b.size(), std::size_t(2));
    QCOMPARE(b[0].numRecords, 4);
    const auto s = dsl::experiment::summarize(b);
    QCOMPARE(s.batches, std::size_t(2));
    QCOMPARE(s.records, 6);
    QCOMPARE(s.intervalMs, 500);                // 1500 - 1000
    QCOMPARE(s.throughput, 6 * 1000.0 / 600);   // 6 records in 600 ms of processing
    QCOMPARE(s.meanProcessingMs, 300.0);
    QCOMPARE(s.maxProcessingMs, 400);
    QCOMPARE(s.meanSchedulingMs, 50.0);
    QCOMPARE(s.maxSchedulingMs, 100);
    QCOMPARE(s.lastSchedulingMs, 0);
    QCOMPARE(s.meanTotalMs, 350.0);
    QCOMPARE(s.verdict.stability, Stability::Unknown);
}

void TestCompare::twoBatchIntervals()
{
    const RunResult r = runBinary(QStringList{u"run"_s} + kCommon +
                                  QStringList{u"--compare"_s, u"0.5 s: --batch-interval 0.5"_s, u"--compare=1 s: --batch-interval '1'"_s});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto rows = tableRows(r.out);
    QCOMPARE(rows.size(), 2);
    const QStringList half = rows.value(u"0.5 s"_s), one = rows.value(u"1 s"_s);
    QCOMPARE(half.size(), Fingerprint + 1);
    QCOMPARE(one.size(), Fingerprint + 1);
    QCOMPARE(half[Batches], u"12"_s); // 0.5, 1.0, ..., 6.0 s
    QCOMPARE(one[Batches], u"6"_s);   // 1, 2, ..., 6 s
    QCOMPARE(half[Records], u"5"_s);  // the input's 5 lines
    QCOMPARE(one[Records], u"5"_s);
    // Nothing queues: 15 ms of work per batch never waits for the one before.
    QCOMPARE(half[SchedMax], u"0"_s);
    QCOMPARE(one[SchedMax], u"0"_s);
    // At 0.5 s the last line (3.9 s) falls in batch 8 or later: 5 batches with input to judge.
    // At 1 s it is in batch 4, and the empty ones after it are left out: too few.
    QCOMPARE(half[Verdict], u"stable"_s);
    QCOMPARE(one[Verdict], u"unknown"_s);
    QVERIFY(r.err.contains("[1/2] 0.5 s"));

    // Determinism: each configuration's fingerprint is a plain run's with the same options, and
    // --batch-interval 1 is exactly the program's own StreamingContext(sc, 1).
    const RunResult plainHalf = runBinary(QStringList{u"run"_s} + kCommon + QStringList{u"--batch-interval"_s, u"0.5"_s, u"--fingerprint"_s});
    const RunResult plainOwn = runBinary(QStringList{u"run"_s} + kCommon + QStringList{u"--fingerprint"_s});
    QCOMPARE(plainHalf.exitCode, 0);
    QCOMPARE(half[Fingerprint].toLatin1(), fingerprintOf(plainHalf.err));
    QCOMPARE(one[Fingerprint].toLatin1(), fingerprintOf(plainOwn.err));
    QVERIFY(half[Fingerprint] != one[Fingerprint]);
}

void TestCompare::failingConfigurationShowsItsErrorInItsRow_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("error");
    QTest::newRow("a-bad-option-value")
        << u"broken: --batch-interval 0"_s << u"failed: --batch-interval needs a positive duration such as 0.5 or 500ms, not '0'"_s;
    QTest::newRow("a-missing-input-file-named-relative-to-where-compare-started")
        << u"no input: --input no-such-file.txt"_s << u"failed: cannot read input file '"_s;
    QTest::newRow("a-master-url-spark-cannot-parse-raises-in-the-program")
        << u"bad master: --master 'local[x]'"_s << u"failed: org.apache.spark.SparkException: Could not parse Master URL: 'local[x]'"_s;
}

void TestCompare::failingConfigurationShowsItsErrorInItsRow()
{
    QFETCH(QString, spec);
    QFETCH(QString, error);
    const RunResult r = runBinary(QStringList{u"run"_s} + kCommon + QStringList{u"--compare"_s, u"ok:"_s, u"--compare"_s, spec});
    QCOMPARE(r.exitCode, 1);
    const auto rows = tableRows(r.out);
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.value(u"ok"_s).value(Batches), u"6"_s);
    const QString name = spec.section(u':', 0, 0);
    const QStringList failed = rows.value(name);
    QCOMPARE(failed.size(), 2);
    QVERIFY2(failed[1].startsWith(error), qPrintable(failed[1]));
    QVERIFY2(failed[1].size() > 8, "the row names the error");
}

void TestCompare::badCompareUse_data()
{
    QTest::addColumn<QStringList>("compare");
    QTest::addColumn<QString>("message");
    QTest::newRow("one-configuration-is-no-comparison")
        << QStringList{u"--compare"_s, u"a: --seconds 2"_s} << u"--compare compares 2 or 3 configurations, one --compare each (got 1)"_s;
    QTest::newRow("four-configurations-are-too-many")
        << QStringList{u"--compare"_s, u"a:"_s, u"--compare"_s, u"b:"_s, u"--compare"_s, u"c:"_s, u"--compare"_s, u"d:"_s}
        << u"(got 4)"_s;
    QTest::newRow("a-configuration-without-a-name")
        << QStringList{u"--compare"_s, u"--batch-interval 1"_s, u"--compare"_s, u"b:"_s} << u"--compare needs 'NAME: OPTIONS'"_s;
    QTest::newRow("an-unclosed-quote")
        << QStringList{u"--compare"_s, u"a: --conf 'x=1"_s, u"--compare"_s, u"b:"_s} << u"--compare 'a': a ' quote is not closed"_s;
    QTest::newRow("metrics-are-the-comparisons-own")
        << QStringList{u"--metrics"_s, u"m.jsonl"_s, u"--compare"_s, u"a:"_s, u"--compare"_s, u"b:"_s}
        << u"--metrics cannot be used with --compare"_s;
}

void TestCompare::badCompareUse()
{
    QFETCH(QStringList, compare);
    QFETCH(QString, message);
    const RunResult r = runBinary(QStringList{u"run"_s} + kCommon + compare);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

void TestCompare::interruptEndsTheChildAndRemovesItsFiles()
{
    // --real-time: each run would last 30 s of wall time. SIGINT to the comparison alone (not its
    // process group) must still end the child, remove the runs' folder and exit 130.
    QTemporaryDir tmp, cwd;
    QProcess p;
    p.setWorkingDirectory(cwd.path());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"TMPDIR"_s, tmp.path());
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(DSTREAMLAB_BIN), QStringList{u"run"_s, kProgram, u"--input"_s, kInput, u"--real-time"_s,
                                                      u"--seconds"_s, u"30"_s, u"--compare"_s, u"a:"_s, u"--compare"_s, u"b:"_s});
    QVERIFY(p.waitForStarted(10000));
    const QString childrenFile = u"/proc/%1/task/%1/children"_s.arg(p.processId());
    QString child;
    QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                 QFile f(childrenFile);
                                 child = f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).trimmed() : QString();
                                 return !child.isEmpty();
                             }()),
                             20000);
    QCOMPARE(QDir(tmp.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1); // dstreamlab-compare-*
    QTest::qWait(500);
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitCode(), 130);
    QVERIFY(p.readAllStandardError().contains("interrupted"));
    QVERIFY2(!QFile::exists(u"/proc/"_s + child), qPrintable(child));
    QVERIFY(QDir(tmp.path()).isEmpty());
}

QTEST_GUILESS_MAIN(TestCompare)
#include "tst_compare.moc"
