// RecoveryAudit's judgement rules (engine/recoveryaudit.h) on hand-made ledgers, without a
// program: per block and per output operation, "lost" is seen by neither driver, "twice" by
// both; nothing counts as lost before the new driver has caught up, except a receiver's buffer,
// which no driver can ever see. (The end-to-end judgements, on real runs, are tst_faultmatrix's
// and tst_driverrestart's.)
#ifndef Q_MOC_RUN
#include "engine/recoveryaudit.h"
#include "engine/simulation.h"
#endif

#include <QTest>

using namespace dsl;

namespace {

constexpr SimTime kStart{1'795'514'400'000};

DriverLedger ledger()
{
    // The old driver died at 5.5 s. Batch 5 s: its pprint (0) completed, its foreachRDD (1) not.
    // Batch 4 s: both completed. Block of 5.2 s: not yet allocated. Buffer: one line.
    DriverLedger l;
    l.killedAt = kStart + Duration(5500);
    l.outputNames = {{0, "pprint at p.py:10"}, {1, "foreachRDD at p.py:11"}};
    l.held.push_back({"input-0-4", 0, kStart + Duration(4000), kStart + Duration(3600), 1, {"x"}, {0, 1}});
    l.held.push_back({"input-0-5", 0, kStart + Duration(5000), kStart + Duration(4800), 2, {"b c", "d"}, {0}});
    l.held.push_back({"input-0-52", 0, std::nullopt, kStart + Duration(5200), 1, {"e"}, {}});
    l.held.push_back({"", 0, std::nullopt, std::nullopt, 1, {"f"}, {}});
    return l;
}

BatchInfo completed(SimTime batch, SimTime end)
{
    BatchInfo b;
    b.batchTime = batch;
    b.submissionTime = batch;
    b.processingStartTime = batch;
    b.processingEndTime = end;
    return b;
}

const AuditedBlock *find(const RecoveryReport &r, const std::string &id)
{
    for (const auto &b : r.blocks)
        if (b.blockId == id) return &b;
    return nullptr;
}

} // namespace

class TestRecoveryAudit : public QObject {
    Q_OBJECT
private slots:
    void beforeCatchingUpOnlyTheBufferIsLost();
    void afterCatchingUpUnseenOutputsAreLost();
    void aBatchBeforeTheDeathDoesNotCatchUp();
};

void TestRecoveryAudit::beforeCatchingUpOnlyTheBufferIsLost()
{
    Simulation sim;
    RecoveryAudit audit(sim, ledger(), kStart + Duration(10500));
    const RecoveryReport r = audit.report();
    QVERIFY(!r.settled());
    QCOMPARE(r.blocks.size(), std::size_t(1));
    QCOMPARE(r.blocks[0].blockId, std::string());
    QCOMPARE(r.blocks[0].lines, std::vector<std::string>{"f"});
    QVERIFY(r.blocks[0].lost());
    // Both outputs are named as never having seen it.
    QCOMPARE(r.blocks[0].outputsLost, (std::vector<int>{0, 1}));
    QCOMPARE(r.lostRecords(), 1);
    QCOMPARE(r.twiceRecords(), 0);
}

void TestRecoveryAudit::afterCatchingUpUnseenOutputsAreLost()
{
    Simulation sim;
    RecoveryAudit audit(sim, ledger(), kStart + Duration(10500));
    const auto before = audit.version();
    // The new driver completed batch 6 s at 10.6 s and saw nothing of the old blocks (no log).
    audit.onBatchCompleted(completed(kStart + Duration(6000), kStart + Duration(10600)));
    QVERIFY(audit.version() != before);
    const RecoveryReport r = audit.report();
    QVERIFY(r.settled());
    QCOMPARE(*r.recoveryTime(), Duration(5100));
    QCOMPARE(r.caughtUpBatch, std::optional<SimTime>(kStart + Duration(6000)));
    // Batch 4 s: both outputs had completed: neither lost nor twice, so not listed.
    QVERIFY(!find(r, "input-0-4"));
    // Batch 5 s: the pprint saw it in the old driver; the foreachRDD never did.
    const AuditedBlock *five = find(r, "input-0-5");
    QVERIFY(five);
    QCOMPARE(five->outputsLost, std::vector<int>{1});
    QVERIFY(five->outputsTwice.empty());
    // The unallocated block: no output of either driver saw it.
    const AuditedBlock *unallocated = find(r, "input-0-52");
    QVERIFY(unallocated);
    QCOMPARE(unallocated->outputsLost, (std::vector<int>{0, 1}));
    QCOMPARE(r.lostRecords(), 2 + 1 + 1);
    QCOMPARE(r.twiceRecords(), 0);
    QVERIFY(r.twiceBatches().empty());
}

void TestRecoveryAudit::aBatchBeforeTheDeathDoesNotCatchUp()
{
    Simulation sim;
    RecoveryAudit audit(sim, ledger(), kStart + Duration(10500));
    // Batch 5 s, run again by the new driver, is before the death (5.5 s): not caught up yet.
    audit.onBatchCompleted(completed(kStart + Duration(5000), kStart + Duration(10520)));
    QVERIFY(!audit.report().settled());
    // A checkpoint named in CheckpointReader's words is the one recovered from.
    audit.onLog(kStart, LogLevel::Info, "CheckpointReader",
                "Checkpoint successfully loaded from file checkpoint-1795514405000 in checkpoint");
    QCOMPARE(audit.report().checkpointTime, std::optional<SimTime>(kStart + Duration(5000)));
}

QTEST_GUILESS_MAIN(TestRecoveryAudit)
#include "tst_recoveryaudit.moc"
