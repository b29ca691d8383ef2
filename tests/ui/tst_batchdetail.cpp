// The batch detail: TaskTimelineLayout (bars on cores, the bottleneck and skew), OutputOpsModel
// (through QAbstractItemModelTester) over hand-built batches whose numbers are worked out below,
// and BatchDetailView over a real run of the network word count.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/programsession.h"
#include "app/session/runsnapshot.h"
#include "ui/batchdetailview.h"
#include "ui/batchselection.h"
#include "ui/outputopsmodel.h"
#include "ui/simulationcontroller.h"
#include "ui/tasktimelinelayout.h"
#include "ui/tasktimelineview.h"
#endif

#include "wordcountprogram.h"

#include <QAbstractItemModelTester>
#include <QTableView>
#include <QTest>

using namespace dsl;
using namespace dsl::ui;
using namespace dsl::session;

namespace {

constexpr std::int64_t kT = 1'795'514'403'000; // the batch of 10:00:03 UTC

TaskInfo task(int tid, int stage, int partition, int core, qint64 launch, qint64 finish, bool failed = false,
              int attempt = 0)
{
    TaskInfo t;
    t.taskId = tid;
    t.stageId = stage;
    t.partition = partition;
    t.attempt = attempt;
    t.core = core;
    t.launchTime = SimTime(kT + launch);
    t.finishTime = SimTime(kT + finish);
    t.failed = failed;
    t.stageNumTasks = 2;
    return t;
}

StageInfo stage(int id, const std::string &name, int tasks, bool skipped = false)
{
    StageInfo s;
    s.stageId = id;
    s.name = name;
    s.numTasks = tasks;
    s.skipped = skipped;
    s.submissionTime = SimTime(kT);
    s.completionTime = SimTime(kT + 100);
    return s;
}

/// A word count's batch on local[3] with a receiver on core 0, processed from +10 ms to +90 ms:
/// job 4 (op 0): map stage 6 (two tasks: 10..20 on core 1, 10..50 on core 2: skewed, 40 vs the
/// median 10) then result stage 7 (two tasks, 50..60 and 50..62, one failed attempt 60..62
/// retried 62..70 on core 1); job 5 (op 1) ran one task 70..90 on core 2 in stage 9, stage 8
/// skipped (its shuffle output existed).
std::shared_ptr<BatchSnapshot> madeUpBatch()
{
    auto b = std::make_shared<BatchSnapshot>();
    b->info.batchTime = SimTime(kT);
    b->info.submissionTime = SimTime(kT + 5);
    b->info.processingStartTime = SimTime(kT + 10);
    b->info.processingEndTime = SimTime(kT + 90);
    OutputOperationInfo op0;
    op0.batchTime = SimTime(kT);
    op0.id = 0;
    op0.name = "pprint at wordcount.py:9";
    op0.startTime = SimTime(kT + 10);
    op0.endTime = SimTime(kT + 70);
    OutputOperationInfo op1 = op0;
    op1.id = 1;
    op1.name = "foreachRDD at wordcount.py:12";
    op1.startTime = SimTime(kT + 70);
    op1.endTime = SimTime(kT + 90);
    op1.failureReason = "Traceback (most recent call last):\n  ValueError: bad row";
    b->info.outputOperationInfos = {{0, op0}, {1, op1}};
    JobInfo j4;
    j4.jobId = 4;
    j4.batchTime = SimTime(kT);
    j4.outputOpId = 0;
    j4.submissionTime = SimTime(kT + 10);
    j4.completionTime = SimTime(kT + 70);
    j4.succeeded = true;
    j4.stages = {stage(6, "reduceByKey at wordcount.py:8", 2), stage(7, "runJob at PythonRDD.scala:166", 2)};
    j4.tasks = {task(10, 6, 0, 1, 10, 20), task(11, 6, 1, 2, 10, 50), task(12, 7, 0, 1, 50, 60),
                task(13, 7, 1, 2, 50, 62, true), task(14, 7, 1, 1, 62, 70, false, 1)};
    JobInfo j5;
    j5.jobId = 5;
    j5.batchTime = SimTime(kT);
    j5.outputOpId = 1;
    j5.submissionTime = SimTime(kT + 70);
    j5.completionTime = SimTime(kT + 90);
    j5.succeeded = false;
    j5.stages = {stage(8, "reduceByKey at wordcount.py:8", 2, true), stage(9, "foreachRDD at wordcount.py:12", 1)};
    j5.stages[1].failureReason = "ValueError: bad row";
    j5.tasks = {task(15, 9, 0, 2, 70, 90, true)};
    b->jobs = std::make_shared<const std::vector<JobInfo>>(std::vector<JobInfo>{j4, j5});
    return b;
}

std::vector<ReceiverInfo> receiverOnCore0()
{
    ReceiverInfo r;
    r.streamId = 0;
    r.core = 0;
    r.active = true;
    r.startTime = SimTime(kT - 3000);
    return {r};
}

const char *const kWordCount = uitest::kWordCountProgram;

} // namespace

class TestBatchDetail : public QObject {
    Q_OBJECT
private slots:
    void barsSitOnTheirCoresAndTimes();
    void stageLoads_data();
    void stageLoads();
    void bottleneckIsTheStageWithTheMostCoreTime();
    void findingsNameBottleneckSkewAndIdleCores();
    void noJobsNoBars();
    void lanesNameTheirExecutorOnALocalCluster();
    void restoredBlocksSayWhetherTheyWereReplayedOrLost();
    void outputOpsRowsAreOnePerJob_data();
    void outputOpsRowsAreOnePerJob();
    void aRealBatchShowsItsBlocksJobsAndTasks();
};

void TestBatchDetail::barsSitOnTheirCoresAndTimes()
{
    const auto b = madeUpBatch();
    // 800 px for 80 ms (+10..+90): 10 px per ms; three lanes of 30 px.
    const auto l = TaskTimelineLayout::make(*b, 3, receiverOnCore0(), QRectF(0, 0, 800, 90));
    QCOMPARE(l.lanes().size(), std::size_t(3));
    QCOMPARE(l.lanes()[0].receiverStream, std::optional<int>(0));
    QVERIFY(!l.lanes()[1].receiverStream);
    QCOMPARE(l.bars().size(), std::size_t(6)); // every attempt, the failed ones too
    QCOMPARE(l.startMs(), kT + 10);
    QCOMPARE(l.endMs(), kT + 90);
    const auto &skewed = l.bars()[1]; // TID 11: 10..50 on core 2
    QCOMPARE(skewed.taskId, 11);
    QCOMPARE(skewed.rect.left(), 0.0);
    QCOMPARE(skewed.rect.right(), 400.0);
    QVERIFY(skewed.rect.top() >= 60 && skewed.rect.bottom() <= 90);
    const auto &retry = l.bars()[4]; // TID 14: 62..70 on core 1
    QCOMPARE(retry.rect.left(), 520.0);
    QCOMPARE(retry.rect.width(), 80.0);
    QVERIFY(retry.rect.top() >= 30 && retry.rect.bottom() <= 60);
    QVERIFY(l.bars()[3].failed);
    QCOMPARE(l.barAt(QPointF(200, 75))->taskId, 11);
    QVERIFY(!l.barAt(QPointF(200, 15))); // the receiver's core runs no task
    // local[3]: one executor, the driver, so the lanes name cores only.
    for (const auto &lane : l.lanes()) QVERIFY(lane.executor.isEmpty());
}

void TestBatchDetail::restoredBlocksSayWhetherTheyWereReplayedOrLost()
{
    // A batch a restarted driver ran from the received block log (lesson 18): one block read back
    // from the write-ahead log, one whose records died with the old driver, one of its own.
    session::RunSnapshot run;
    session::BatchSnapshot b;
    b.info.batchTime = SimTime(kT);
    BlockInfo replayed{"input-0-1795514402800", 0, SimTime(kT - 200), 2, SimTime(kT)};
    replayed.replayed = true;
    BlockInfo lost{"input-0-1795514402600", 0, SimTime(kT - 400), 3, SimTime(kT)};
    lost.lost = true;
    BlockInfo fresh{"input-0-1795514402400", 0, SimTime(kT - 600), 1, SimTime(kT)};
    b.blocks = {lost, replayed, fresh};
    const QStringList lines = BatchDetailView::inputMetadataText(run, b).split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[1], QStringLiteral("  input-0-1795514402600: 3 records \u2014 lost with the stopped driver's memory (no "
                                      "write-ahead log)"));
    QCOMPARE(lines[2], QStringLiteral("  input-0-1795514402800: 2 records \u2014 read back from the write-ahead log"));
    QCOMPARE(lines[3], QStringLiteral("  input-0-1795514402400: 1 records"));
}

void TestBatchDetail::lanesNameTheirExecutorOnALocalCluster()
{
    // local-cluster[2,2,1024]: cores 0-1 are executor 0's, 2-3 executor 1's; a lane takes the
    // executor its tasks ran on (executor 0 was lost and replaced by "2" on core 1's lane).
    auto b = std::make_shared<session::BatchSnapshot>();
    b->info.batchTime = SimTime(kT);
    JobInfo j;
    j.stages.push_back(stage(1, "reduceByKey", 3));
    TaskInfo t1 = task(1, 1, 0, 1, 10, 20);
    t1.executor = "2";
    TaskInfo t2 = task(2, 1, 1, 2, 10, 20);
    t2.executor = "1";
    TaskInfo t3 = task(3, 1, 2, 3, 10, 30);
    t3.executor = "1";
    j.tasks = {t1, t2, t3};
    b->jobs = std::make_shared<std::vector<JobInfo>>(std::vector<JobInfo>{j});
    const auto l = TaskTimelineLayout::make(*b, 4, {}, QRectF(0, 0, 800, 120));
    QCOMPARE(l.lanes().size(), std::size_t(4));
    QCOMPARE(l.lanes()[0].executor, QString()); // no task: not known
    QCOMPARE(l.lanes()[1].executor, QStringLiteral("2"));
    QCOMPARE(l.lanes()[2].executor, QStringLiteral("1"));
    QCOMPARE(l.lanes()[3].executor, QStringLiteral("1"));
}

void TestBatchDetail::stageLoads_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("stageId");
    QTest::addColumn<int>("tasks");
    QTest::addColumn<qint64>("busy");
    QTest::addColumn<qint64>("median");
    QTest::addColumn<bool>("skewed");
    // Stage 6: 10 + 40 = 50 ms; durations {10, 40}: lower middle 10; 40 >= 2 x 10 and 30 >= 5: skewed.
    QTest::newRow("map-stage-with-one-slow-task-is-skewed") << 0 << 6 << 2 << 50LL << 10LL << true;
    // Stage 7: 10 + 12 + 8 = 30 ms; durations {8, 10, 12}: median 10; 12 < 20: not skewed.
    QTest::newRow("result-stage-with-a-retry-is-not-skewed") << 1 << 7 << 3 << 30LL << 10LL << false;
    // Stage 8 skipped: no load. Stage 9: one task of 20 ms: one task is never skewed.
    QTest::newRow("skipped-stage-is-left-out-single-task-never-skewed") << 2 << 9 << 1 << 20LL << 20LL << false;
}

void TestBatchDetail::stageLoads()
{
    QFETCH(int, index);
    QFETCH(int, stageId);
    QFETCH(int, tasks);
    QFETCH(qint64, busy);
    QFETCH(qint64, median);
    QFETCH(bool, skewed);
    const auto l = TaskTimelineLayout::make(*madeUpBatch(), 3, receiverOnCore0(), QRectF(0, 0, 800, 90));
    QCOMPARE(l.stages().size(), std::size_t(3));
    const StageLoad &s = l.stages()[static_cast<std::size_t>(index)];
    QCOMPARE(s.stageId, stageId);
    QCOMPARE(s.tasks, tasks);
    QCOMPARE(s.busyMs, busy);
    QCOMPARE(s.medianTaskMs, median);
    QCOMPARE(s.skewed, skewed);
}

void TestBatchDetail::bottleneckIsTheStageWithTheMostCoreTime()
{
    const auto l = TaskTimelineLayout::make(*madeUpBatch(), 3, receiverOnCore0(), QRectF(0, 0, 800, 90));
    QCOMPARE(l.bottleneck()->stageId, 6);
    QCOMPARE(l.stages()[0].maxPartition, 1);
    QCOMPARE(l.idleCores(), 0);
}

void TestBatchDetail::findingsNameBottleneckSkewAndIdleCores()
{
    // Four cores: core 3 ran nothing.
    const auto l = TaskTimelineLayout::make(*madeUpBatch(), 4, receiverOnCore0(), QRectF(0, 0, 800, 120));
    QCOMPARE(l.idleCores(), 1);
    const QStringList lines = BatchDetailView::findingsOf(l).split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0], QStringLiteral("Bottleneck: stage 6 (reduceByKey at wordcount.py:8) took the most core time, "
                                      "50 ms in 2 tasks."));
    QCOMPARE(lines[1], QStringLiteral("Skew: in stage 6 the task of partition 1 took 40 ms, the median task 10 ms."));
    QCOMPARE(lines[2], QStringLiteral("1 core(s) ran no task of this batch."));
}

void TestBatchDetail::noJobsNoBars()
{
    BatchSnapshot b;
    b.info.batchTime = SimTime(kT);
    const auto l = TaskTimelineLayout::make(b, 2, {}, QRectF(0, 0, 100, 40));
    QVERIFY(l.bars().empty());
    QVERIFY(!l.bottleneck());
    QVERIFY(BatchDetailView::findingsOf(l).isEmpty());
}

void TestBatchDetail::outputOpsRowsAreOnePerJob_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    QTest::newRow("first-op-id") << 0 << int(OutputOpsModel::OpId) << QStringLiteral("0");
    QTest::newRow("description-is-the-call-site") << 0 << int(OutputOpsModel::Description)
                                                  << QStringLiteral("pprint at wordcount.py:9");
    QTest::newRow("op-duration-end-minus-start") << 0 << int(OutputOpsModel::OpDuration) << QStringLiteral("60 ms");
    QTest::newRow("succeeded-op") << 0 << int(OutputOpsModel::Status) << QStringLiteral("Succeeded");
    QTest::newRow("job-id") << 0 << int(OutputOpsModel::JobId) << QStringLiteral("4");
    QTest::newRow("job-duration") << 0 << int(OutputOpsModel::JobDuration) << QStringLiteral("60 ms");
    QTest::newRow("stages-succeeded-of-total") << 0 << int(OutputOpsModel::Stages) << QStringLiteral("2/2");
    // 4 successful attempts of 4 tasks, one failed attempt besides.
    QTest::newRow("tasks-count-failed-attempts-apart") << 0 << int(OutputOpsModel::Tasks)
                                                       << QStringLiteral("4/4 (1 failed)");
    QTest::newRow("failed-op") << 1 << int(OutputOpsModel::Status) << QStringLiteral("Failed");
    QTest::newRow("error-first-line") << 1 << int(OutputOpsModel::Error)
                                      << QStringLiteral("Traceback (most recent call last):");
    QTest::newRow("skipped-stage-counted-apart") << 1 << int(OutputOpsModel::Stages)
                                                 << QStringLiteral("0/1 (1 skipped)");
    QTest::newRow("failed-task") << 1 << int(OutputOpsModel::Tasks) << QStringLiteral("0/1 (1 failed)");
}

void TestBatchDetail::outputOpsRowsAreOnePerJob()
{
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(QString, text);
    OutputOpsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto b = madeUpBatch();
    model.setBatch(nullptr, b.get());
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(row, column)).toString(), text);
    QCOMPARE(model.data(model.index(1, 0), OutputOpsModel::FailedRole).toBool(), true);
    QCOMPARE(model.data(model.index(0, 0), OutputOpsModel::LineRole).toInt(), 9);
    model.setBatch(nullptr, nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestBatchDetail::aRealBatchShowsItsBlocksJobsAndTasks()
{
    ProgramSession::Config cfg;
    cfg.startTime = SimTime(1'795'514'400'000);
    cfg.pythonPackageDir = DSTREAMLAB_SOURCE_DIR "/resources/python";
    ProgramSession session(cfg);
    SimulationController controller(&session);
    BatchDetailView view(&controller);
    view.resize(1200, 400);
    view.show();
    controller.loadProgram(QStringLiteral("wordcount.py"), QString::fromUtf8(kWordCount));
    controller.sendLine(QStringLiteral("to be or not to be"));
    controller.runUntilBatch(3);
    QVERIFY(QTest::qWaitFor(
        [&] {
            const auto &s = controller.snapshot();
            return s && s->phase == RunPhase::Paused && s->completedBatches == 3;
        },
        30000));
    // The line arrives at the start (10:00:00, before the receiver connects): the first batch,
    // 10:00:01, takes the one block holding it.
    controller.selection()->selectBatch(1'795'514'401'000);
    QCOMPARE(view.shownBatch(), std::optional<qint64>(1'795'514'401'000));
    QVERIFY(view.summaryText().contains(QStringLiteral("Input data size: 1 records")));
    QVERIFY(view.summaryText().contains(QStringLiteral("Batch Duration: 1 s")));
    const QStringList input = view.inputText().split(QLatin1Char('\n'));
    QCOMPARE(input.size(), 2);
    QCOMPARE(input[0], QStringLiteral("SocketInputDStream [0]: 1 block(s), 1 records"));
    QVERIFY(input[1].startsWith(QStringLiteral("  input-0-")));
    QVERIFY(input[1].endsWith(QStringLiteral(": 1 records")));
    // One output operation (pprint) whose take ran at least one job, each with its stages.
    OutputOpsModel *m = view.model();
    QVERIFY(m->rowCount() >= 1);
    QCOMPARE(m->data(m->index(0, OutputOpsModel::OpId)).toString(), QStringLiteral("0"));
    QCOMPARE(m->data(m->index(0, OutputOpsModel::Status)).toString(), QStringLiteral("Succeeded"));
    QVERIFY(m->data(m->index(0, OutputOpsModel::Description)).toString().startsWith(QStringLiteral("pprint at")));
    // local[2] with a receiver: core 0 is held, the tasks run on core 1 only.
    const auto &layout = view.timeline()->layout();
    QCOMPARE(layout.lanes().size(), std::size_t(2));
    QVERIFY(layout.lanes()[0].receiverStream.has_value());
    QVERIFY(!layout.bars().empty());
    for (const auto &bar : layout.bars()) QCOMPARE(bar.core, 1);
}

QTEST_MAIN(TestBatchDetail)
#include "tst_batchdetail.moc"
