// `dstreamlab run --faults FILE` with cluster faults, end to end through the binary: a killed
// driver comes back through StreamingContext.getOrCreate when its program checkpoints (lesson 13's
// recoverable word count, after Spark's examples/src/main/python/streaming/
// recoverable_network_wordcount.py) and simply ends when it does not; a killed receiver loses the
// lines it had not stored. Every expected total is worked out by hand from the input below.
#include "clirunkit.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString kLesson13 = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/lessons/13-checkpoint-recovery");
const QString kWordCount = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/wordcount.py");
const QString kWordCountInput = QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/programs/wordcount.input");
const QString kStart = u"--start-time=2026-11-24 10:00:00"_s;

/// The records pprint printed under "Time: <time>" (the last such block when printed twice).
QStringList printedAt(const QByteArray &out, const QString &time)
{
    const QStringList lines = QString::fromUtf8(out).split(u'\n');
    QStringList records;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i] != u"Time: "_s + time) continue;
        records.clear();
        for (qsizetype j = i + 2; j < lines.size() && !lines[j].startsWith(u"---"_s) && !lines[j].isEmpty(); ++j)
            records << lines[j];
    }
    return records;
}

clikit::RunResult runWithFaults(const QTemporaryDir &dir, const QString &program, const QString &input,
                                const QByteArray &faults, const QStringList &more = {})
{
    QFile f(dir.filePath(u"faults.tsv"_s));
    if (!f.open(QIODevice::WriteOnly)) qFatal("cannot write the faults file");
    f.write(faults);
    f.close();
    return clikit::runBinary(QStringList{u"run"_s, program, u"--input"_s, input, kStart, u"--faults"_s, u"faults.tsv"_s,
                                         u"--fingerprint"_s} +
                                 more,
                             dir.path());
}

QString fingerprintOf(const QByteArray &err)
{
    const auto m = QRegularExpression(u"fingerprint: ([0-9a-f]{16})"_s).match(QString::fromUtf8(err));
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace

class TestFaultRuns : public QObject {
    Q_OBJECT
private slots:
    void killedDriverRecoversThroughGetOrCreate_data();
    void killedDriverRecoversThroughGetOrCreate();
    void killedDriverWithoutCheckpointEndsTheRun();
    void killedReceiverLosesItsBuffer();
    void sameFaultsSameFingerprint();
};

void TestFaultRuns::killedDriverRecoversThroughGetOrCreate_data()
{
    // Lesson 13's input: 0.5 "spark hello spark", 1.5 "hello streaming", 2.5 "spark",
    // 4.5 "spark streaming", 6.5 "hello", 9.5 "spark checkpoint", 13.5 "spark spark recovery",
    // 14.5 "hello". The state stream checkpoints its RDD every 10 s (max(batch, 10 s)).
    QTest::addColumn<QString>("killAt");
    QTest::addColumn<QString>("restartLine");
    QTest::addColumn<QString>("lastBatch"); // after the restart, where the checked totals are
    QTest::addColumn<QStringList>("totals");
    // Killed at 3.5 s, before any state checkpoint: the new driver (8.5 s) starts with an empty
    // state; the lines of 4.5 and 6.5 s wait in nc for its receiver (8.6 s): batch 9 s.
    QTest::newRow("before-the-first-state-checkpoint-the-state-is-lost")
        << u"3.5"_s
        << u"DStream Lab: the driver was killed at 26/11/24 10:00:03.500 (kill-driver at 3.5 s (faults.tsv line 1)); "
           "a new driver starts at 26/11/24 10:00:08.500 and recovers from checkpoint"_s
        << u"2026-11-24 10:00:09"_s << QStringList{u"('hello', 1)"_s, u"('spark', 1)"_s, u"('streaming', 1)"_s};
    // Killed at 12.5 s: the state of 10 s is in the checkpoint (spark 5, hello 3, streaming 2,
    // checkpoint 1) and nothing was typed between 10 and 12.5 s, so after the new driver (17.5 s)
    // takes 13.5 and 14.5 s's lines its totals equal an unfailed run's: spark 7, hello 4.
    QTest::newRow("after-a-state-checkpoint-the-totals-equal-an-unfailed-run")
        << u"12.5"_s
        << u"DStream Lab: the driver was killed at 26/11/24 10:00:12.500 (kill-driver at 12.5 s (faults.tsv line 1)); "
           "a new driver starts at 26/11/24 10:00:17.500 and recovers from checkpoint"_s
        << u"2026-11-24 10:00:18"_s
        << QStringList{u"('checkpoint', 1)"_s, u"('hello', 4)"_s, u"('recovery', 1)"_s, u"('spark', 7)"_s,
                       u"('streaming', 2)"_s};
}

void TestFaultRuns::killedDriverRecoversThroughGetOrCreate()
{
    QFETCH(QString, killAt);
    QFETCH(QString, restartLine);
    QFETCH(QString, lastBatch);
    QFETCH(QStringList, totals);
    QTemporaryDir dir;
    const auto r = runWithFaults(dir, kLesson13 + u"/program.py"_s, kLesson13 + u"/input.txt"_s,
                                 killAt.toUtf8() + "\tkill-driver\n", {u"--seconds"_s, u"20"_s});
    QCOMPARE(r.exitCode, 0);
    const QString err = QString::fromUtf8(r.err);
    QVERIFY2(err.contains(restartLine), qPrintable(err));
    QVERIFY2(err.contains(u"DStream Lab: recovered in "_s), qPrintable(err));
    // The restarted driver rebuilt its context from the checkpoint: createContext ran once.
    QCOMPARE(QString::fromUtf8(r.out).count(u"Creating new context"_s), 1);
    // Before the death, batch 3 s: spark 3, hello 2, streaming 1 (printed first by the first
    // driver; the new one prints 3 s again, empty or not, so only the first block is the old one's).
    const QString out = QString::fromUtf8(r.out);
    const auto first = out.indexOf(u"Time: 2026-11-24 10:00:03"_s);
    QVERIFY(first >= 0);
    QVERIFY(out.mid(first).startsWith(u"Time: 2026-11-24 10:00:03\n-------------------------------------------\n"
                                       "('hello', 2)\n('spark', 3)\n('streaming', 1)\n"_s));
    QCOMPARE(printedAt(r.out, lastBatch), totals);
}

void TestFaultRuns::killedDriverWithoutCheckpointEndsTheRun()
{
    // tests/programs/wordcount.py keeps no checkpoint. Killed at 2.5 s: batches 1 and 2 s ran
    // (batch 2 s: "hello world" of 1.2 s and, arriving on the boundary, "spark streaming 你好
    // spark" of 2.0 s); the 3.4 and 3.9 s lines are never counted.
    QTemporaryDir dir;
    const auto r = runWithFaults(dir, kWordCount, kWordCountInput, "2.5\tkill-driver\n");
    QCOMPARE(r.exitCode, 0);
    QVERIFY(QString::fromUtf8(r.err).contains(
        u"the program has no checkpoint to recover from, so the run ends, as Spark's would"_s));
    QStringList batch2 = printedAt(r.out, u"2026-11-24 10:00:02"_s);
    batch2.sort();
    QCOMPARE(batch2, (QStringList{u"('hello', 1)"_s, u"('spark', 2)"_s, u"('streaming', 1)"_s, u"('world', 1)"_s,
                                  u"('你好', 1)"_s}));
    QVERIFY(!r.out.contains("10:00:03"));
    QVERIFY(!r.out.contains("question"));
}

void TestFaultRuns::killedReceiverLosesItsBuffer()
{
    // Receiver at 0.1 s, blocks every 200 ms: "to be or not to be" (3.4 s) is in the block cut at
    // 3.4 s; "that is the question" (3.9 s) is still in the buffer when the receiver dies at
    // 3.95 s, and is lost. Batch 4 s has only the first line's words (pprint's order is the hash
    // partitions', so the records are compared sorted).
    QTemporaryDir dir;
    const auto r = runWithFaults(dir, kWordCount, kWordCountInput, "3.95\tkill-receiver 0\n");
    QCOMPARE(r.exitCode, 0);
    QStringList batch4 = printedAt(r.out, u"2026-11-24 10:00:04"_s);
    batch4.sort();
    QCOMPARE(batch4, (QStringList{u"('be', 2)"_s, u"('not', 1)"_s, u"('or', 1)"_s, u"('to', 2)"_s}));
    QVERIFY(!r.out.contains("question"));
    QVERIFY(r.err.contains("ERROR ReceiverTracker: Receiver has been stopped. Try to restart it."));
}

void TestFaultRuns::sameFaultsSameFingerprint()
{
    QTemporaryDir a, b, c;
    const QByteArray faults = "1.5\tslow-executor 0 3\n3.5\tkill-driver\n";
    const auto first = runWithFaults(a, kLesson13 + u"/program.py"_s, kLesson13 + u"/input.txt"_s, faults,
                                     {u"--seconds"_s, u"20"_s});
    const auto second = runWithFaults(b, kLesson13 + u"/program.py"_s, kLesson13 + u"/input.txt"_s, faults,
                                      {u"--seconds"_s, u"20"_s});
    const auto other = runWithFaults(c, kLesson13 + u"/program.py"_s, kLesson13 + u"/input.txt"_s,
                                     "1.5\tslow-executor 0 3\n", {u"--seconds"_s, u"20"_s});
    QVERIFY(!fingerprintOf(first.err).isEmpty());
    QCOMPARE(fingerprintOf(second.err), fingerprintOf(first.err));
    QCOMPARE(second.out, first.out);
    QVERIFY(fingerprintOf(other.err) != fingerprintOf(first.err));
}

QTEST_GUILESS_MAIN(TestFaultRuns)
#include "tst_faultruns.moc"
