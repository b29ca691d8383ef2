// A fault injected into the dashboard's running session (command::InjectFault, the Faults menu):
// it fires where a typed line would arrive, its report reaches the snapshot, and it joins the
// run's options so that a replay repeats it at the same moment (docs/faults.md). The expected
// loss is worked out by hand: the receiver cuts blocks every 200 ms, so at the kill its buffer
// holds exactly the lines typed after the last cut.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#include "ui/batchdetailview.h"
#include "wordcountprogram.h"
#endif

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace dsl;
using namespace dsl::session;
using namespace Qt::StringLiterals;

namespace {

constexpr SimTime kStart{1'795'514'400'000}; // 2026-11-24 10:00:00 UTC

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

/// Waits for a paused snapshot newer than the last one seen with at least `batches` completed.
RunSnapshotPtr settle(int batches)
{
    static std::uint64_t lastSerial = 0;
    RunSnapshotPtr s;
    const bool ok = QTest::qWaitFor(
        [&] {
            s = theSession().latestSnapshot();
            return s && s->serial > lastSerial && s->phase == RunPhase::Paused && s->completedBatches >= batches;
        },
        60000);
    if (!ok) return nullptr;
    lastSerial = s->serial;
    return s;
}

const FaultReport *killReport(const RunSnapshot &s)
{
    for (const FaultReport &f : s.faults)
        if (f.action == "kill-receiver 0" && !f.recoveredAt) return &f;
    return nullptr;
}

} // namespace

class TestFaultSession : public QObject {
    Q_OBJECT
private slots:
    void injectedKillReceiverLosesTheBufferAndReplays();
    void aBadActionIsIgnored();
};

void TestFaultSession::injectedKillReceiverLosesTheBufferAndReplays()
{
    ProgramSession &ps = theSession();
    ps.loadProgram(u"program.py"_s, QString::fromUtf8(uitest::kWordCountProgram));
    QTemporaryDir dir;
    QFile script(dir.filePath(u"input.txt"_s));
    QVERIFY(script.open(QIODevice::WriteOnly));
    // 0.5 s: batch 1. 1.001 s: after the block cut at 1.0 s, still buffered when batch 1 has
    // completed (its job takes milliseconds). 1.5 and 2.5 s: after the receiver is back.
    script.write("0.5\tfirst\n1.001\tbuffered\n1.5\tafter\n2.5\tlater\n");
    script.close();
    QString error;
    QVERIFY2(ps.loadInputLog(script.fileName(), &error), qPrintable(error));
    ps.runUntilBatch(1);
    RunSnapshotPtr s = settle(1);
    QVERIFY(s);
    ps.execute(command::InjectFault{u"kill-receiver 0"_s});
    ps.runUntilBatch(3);
    s = settle(3);
    QVERIFY(s);
    const FaultReport *kill = killReport(*s);
    QVERIFY(kill);
    QVERIFY(kill->applied);
    // It fired where a line typed then would arrive: after batch 1 completed, before 1.2 s.
    QVERIFY2(kill->time > kStart + Duration(1001) && kill->time < kStart + Duration(1200),
             qPrintable(QString::number((kill->time - kStart).ms())));
    QCOMPARE(kill->lostRecords, 1);
    QCOMPARE(kill->lostInputs, std::vector<std::int64_t>{1}); // "buffered", the log's second line
    const QString console = QString::fromStdString(*s->console);
    QVERIFY(console.contains(u"('first', 1)"_s));
    QVERIFY(console.contains(u"('after', 1)"_s));
    QVERIFY(console.contains(u"('later', 1)"_s));
    QVERIFY(!console.contains(u"buffered"_s));
    // The receiver came back receiverLaunchMs (100 ms) later.
    const auto back = std::find_if(s->faults.begin(), s->faults.end(), [](const FaultReport &f) { return f.recoveredAt.has_value(); });
    QVERIFY(back != s->faults.end());
    QCOMPARE(*back->recoveredAt, kill->time + Duration(100));
    // The Batch tab of batch 2 s, whose input the lost line would have been, names the fault,
    // the lost line and the receiver's return.
    const BatchSnapshot *batch2 = s->batch(kStart + Duration(2000));
    QVERIFY(batch2);
    const QStringList findings = ui::BatchDetailView::faultsOf(*s, *batch2);
    QCOMPARE(findings.size(), 2);
    QVERIFY2(findings[0].startsWith(u"Fault kill-receiver 0 at "_s) && findings[0].endsWith(u": \u201cbuffered\u201d."_s),
             qPrintable(findings[0]));
    QVERIFY2(findings[1].startsWith(u"Fault kill-receiver 0: back at "_s), qPrintable(findings[1]));
    QVERIFY(ui::BatchDetailView::faultsOf(*s, *s->batch(kStart + Duration(3000))).isEmpty());
    // The fault is one of the run's options now: a run from the start repeats it exactly.
    const RunOptions o = ps.options();
    QCOMPARE(o.faults.size(), std::size_t(1));
    QCOMPARE(o.faults[0].first, kill->time.ms());
    QCOMPARE(o.faults[0].second, u"kill-receiver 0"_s);
    const SimTime firstTime = kill->time;
    const std::string firstFingerprint = s->fingerprint;
    ps.reset();
    ps.runUntilBatch(3);
    s = settle(3);
    QVERIFY(s);
    kill = killReport(*s);
    QVERIFY(kill);
    QCOMPARE(kill->time, firstTime);
    QCOMPARE(kill->lostInputs, std::vector<std::int64_t>{1});
    QCOMPARE(s->fingerprint, firstFingerprint);
}

void TestFaultSession::aBadActionIsIgnored()
{
    ProgramSession &ps = theSession();
    const auto before = ps.options().faults.size();
    ps.execute(command::InjectFault{u"explode-cluster"_s});
    QTest::qWait(50);
    QCOMPARE(ps.options().faults.size(), before);
}

QTEST_MAIN(TestFaultSession)
#include "tst_faultsession.moc"
