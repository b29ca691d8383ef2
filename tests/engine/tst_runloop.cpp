// Qt Test: the one run loop (engine/runloop.h) as the hosts run it — what the pacer sees and can
// end, why a wait ends (stopped, deadline, drained, --seconds, nothing left), a graceful stop
// paced like any wait, a job's error rethrown by the wait, and the drained rule.
//
// Expected values are worked out by hand from the socket word count's timing: batches of 1 s from
// kT0 + 1 s, blocks cut every 200 ms from non-empty buffers, a line at t received in the block cut
// at the next multiple of 200 ms and processed in the batch at the next whole second after that.
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"

#include "engine/runloop.h"

#include <algorithm>
#endif

#include <QtTest>

using namespace testkit;

namespace {

constexpr int kPort = 9999;
constexpr int kUnreadPort = 7777;

/// A host's pacer that records what the loop asks, and can refuse.
struct RecordingPacer final : Pacer {
    std::vector<SimTime> asked; ///< every allow(upTo), in call order
    int events = 0;             ///< afterEvent() calls
    int refuseCall = 0;         ///< the 1-based allow() call that returns false (0: none)
    std::optional<SimTime> refuseAfter; ///< refuse any upTo later than this

    bool allow(SimTime upTo) override
    {
        asked.push_back(upTo);
        if (refuseCall != 0 && static_cast<int>(asked.size()) == refuseCall) return false;
        return !refuseAfter || upTo <= *refuseAfter;
    }
    void afterEvent() override { ++events; }
    bool inOrder() const { return std::is_sorted(asked.begin(), asked.end()); }
};

/// The socket word count on port 9999 with one line at each offset (ms after kT0), and lines for
/// a port no source reads; started by the test.
struct WordCountProgram {
    explicit WordCountProgram(const QList<qint64> &lineOffsets, const std::string &master = "local[2]",
                              const QList<qint64> &unreadLines = {})
        : d(master)
    {
        d.sim.inputLog().listen(kPort);
        for (qint64 off : lineOffsets) d.sim.inputLog().addLine(kT0 + Duration(off), "line " + std::to_string(off), kPort);
        for (qint64 off : unreadLines) d.sim.inputLog().addLine(kT0 + Duration(off), "unread", kUnreadPort);
        ssc = std::make_unique<StreamingContext>(*d.sc, 1_s);
        lines = ssc->socketTextStream("localhost", kPort);
        ops::pprint(wordCount(lines));
    }
    /// An output operation that stops the context (at once) in the batch of that time.
    void stopInBatch(qint64 batchMs)
    {
        ops::foreachRDD(lines, [this, batchMs](const RDDPtr &, SimTime t) {
            if (t == kT0 + Duration(batchMs)) ssc->stop(false, false);
        });
    }
    /// Input records of the completed batches.
    std::int64_t recordsProcessed() const
    {
        std::int64_t n = 0;
        for (const auto &b : d.rec.completed) n += b.numRecords();
        return n;
    }
    Driver d;
    std::unique_ptr<StreamingContext> ssc;
    DStreamPtr lines;
};

QByteArray endName(AwaitEnd e)
{
    return QByteArray(toString(e));
}

} // namespace

class TestRunLoop : public QObject {
    Q_OBJECT

private slots:
    void pacerSeesEveryEventInOrder_data();
    void pacerSeesEveryEventInOrder();
    void pacerCanEndTheRun_data();
    void pacerCanEndTheRun();
    void pacerCanEndAStreamingWait_data();
    void pacerCanEndAStreamingWait();
    void awaitEnds_data();
    void awaitEnds();
    void runPolicyEndTime_data();
    void runPolicyEndTime();
    void gracefulStopIsPaced_data();
    void gracefulStopIsPaced();
    void awaitRethrowsAJobError_data();
    void awaitRethrowsAJobError();
    void drainedFollowsTheRun_data();
    void drainedFollowsTheRun();
    void unusableInputIsWarnedOnce_data();
    void unusableInputIsWarnedOnce();

private:
    void awaitRows();
    void runAwaitRow();
};

// ---- the pacer ---------------------------------------------------------------------------------

void TestRunLoop::pacerSeesEveryEventInOrder_data()
{
    // A driver with no active context (time.sleep before start): events at their own times, then
    // the clock moves to the deadline. Offsets in ms after kT0.
    QTest::addColumn<QList<qint64>>("events");
    QTest::addColumn<qint64>("waitMs");
    QTest::addColumn<QList<qint64>>("asked");      // every Pacer::allow, in order
    QTest::addColumn<qint64>("stillQueuedAt");    // the next event after the wait, -1: none

    QTest::newRow("each-event-then-the-deadline")
        << QList<qint64>{100, 250, 250, 900} << 1000LL << QList<qint64>{100, 250, 250, 900, 1000} << -1LL;
    QTest::newRow("an-event-at-the-deadline-runs-in-this-wait")
        << QList<qint64>{1000} << 1000LL << QList<qint64>{1000, 1000} << -1LL;
    QTest::newRow("an-event-after-the-deadline-waits-for-a-later-wait")
        << QList<qint64>{400, 1500} << 1000LL << QList<qint64>{400, 1000} << 1500LL;
    QTest::newRow("an-idle-wait-asks-once-for-its-deadline") << QList<qint64>{} << 1000LL << QList<qint64>{1000} << -1LL;
    QTest::newRow("a-zero-wait-still-gives-the-host-a-say") << QList<qint64>{} << 0LL << QList<qint64>{0} << -1LL;
}

void TestRunLoop::pacerSeesEveryEventInOrder()
{
    QFETCH(QList<qint64>, events);
    QFETCH(qint64, waitMs);
    QFETCH(QList<qint64>, asked);
    QFETCH(qint64, stillQueuedAt);
    Simulation sim(SimulationConfig{kT0, 42, 4});
    QList<qint64> ran;
    for (qint64 off : events)
        sim.schedule(kT0 + Duration(off), EventPriority::Control, "test", [&] { ran.push_back((sim.now() - kT0).ms()); });
    RecordingPacer pacer;

    const AwaitEnd end = awaitWithoutContext(sim, kT0 + Duration(waitMs), pacer);

    QCOMPARE(endName(end), QByteArray("DeadlineReached"));
    QList<qint64> seen;
    for (SimTime t : pacer.asked) seen.push_back((t - kT0).ms());
    QCOMPARE(seen, asked);
    // Every event asked for ran, at its time, each followed by afterEvent.
    QCOMPARE(ran, asked.mid(0, asked.size() - 1));
    QCOMPARE(pacer.events, static_cast<int>(ran.size()));
    QCOMPARE(sim.now(), kT0 + Duration(waitMs));
    if (stillQueuedAt < 0) QVERIFY(!sim.nextEventTime());
    else QCOMPARE(sim.nextEventTime().value_or(SimTime(0)), kT0 + Duration(stillQueuedAt));
}

void TestRunLoop::pacerCanEndTheRun_data()
{
    QTest::addColumn<QList<qint64>>("events");
    QTest::addColumn<int>("refuseCall");
    QTest::addColumn<int>("eventsRun");
    QTest::addColumn<qint64>("clockMs");

    QTest::newRow("refusing-the-first-event-runs-nothing") << QList<qint64>{100, 200} << 1 << 0 << 0LL;
    QTest::newRow("refusing-the-second-event-keeps-the-clock-at-the-first") << QList<qint64>{100, 200} << 2 << 1 << 100LL;
    QTest::newRow("refusing-the-deadline-leaves-the-clock-at-the-last-event")
        << QList<qint64>{100, 200} << 3 << 2 << 200LL;
}

void TestRunLoop::pacerCanEndTheRun()
{
    QFETCH(QList<qint64>, events);
    QFETCH(int, refuseCall);
    QFETCH(int, eventsRun);
    QFETCH(qint64, clockMs);
    Simulation sim(SimulationConfig{kT0, 42, 4});
    int ran = 0;
    for (qint64 off : events) sim.schedule(kT0 + Duration(off), EventPriority::Control, "test", [&] { ++ran; });
    RecordingPacer pacer;
    pacer.refuseCall = refuseCall;

    QCOMPARE(endName(awaitWithoutContext(sim, kT0 + 1_s, pacer)), QByteArray("HostEnded"));
    QCOMPARE(ran, eventsRun);
    QCOMPARE(pacer.events, eventsRun);
    QCOMPARE(static_cast<int>(pacer.asked.size()), refuseCall);
    QCOMPARE(sim.now(), kT0 + Duration(clockMs));
}

void TestRunLoop::pacerCanEndAStreamingWait_data()
{
    // The host allows simulated time up to refuseAfterMs (as the dashboard's "run until a time").
    QTest::addColumn<qint64>("refuseAfterMs");
    QTest::addColumn<int>("completedBatches");

    QTest::newRow("refusing-past-half-a-second-leaves-no-batch-done") << 500LL << 0;
    QTest::newRow("refusing-past-2.5-s-leaves-two-batches-done") << 2500LL << 2;
    QTest::newRow("refusing-past-4.5-s-leaves-four-batches-done") << 4500LL << 4;
}

void TestRunLoop::pacerCanEndAStreamingWait()
{
    QFETCH(qint64, refuseAfterMs);
    QFETCH(int, completedBatches);
    WordCountProgram p({300, 1300, 2300, 3300});
    p.ssc->start();
    RecordingPacer pacer;
    pacer.refuseAfter = kT0 + Duration(refuseAfterMs);

    const AwaitResult r = p.ssc->await(std::nullopt, pacer);

    QCOMPARE(endName(r.end), QByteArray("HostEnded"));
    QVERIFY(pacer.inOrder());
    QVERIFY(pacer.asked.back() > kT0 + Duration(refuseAfterMs)); // the one refused
    QVERIFY(p.d.sim.now() <= kT0 + Duration(refuseAfterMs));
    QCOMPARE(static_cast<int>(p.d.rec.completed.size()), completedBatches);
    QCOMPARE(int(p.ssc->state()), int(StreamingState::ACTIVE)); // the run is paused, not stopped
}

// ---- why a wait ends ---------------------------------------------------------------------------

void TestRunLoop::awaitRows()
{
    QTest::addColumn<QList<qint64>>("lines");
    QTest::addColumn<bool>("start");
    QTest::addColumn<qint64>("stopInBatchMs");    // -1: the program never stops the context
    QTest::addColumn<qint64>("timeoutMs");        // -1: awaitTermination() without a timeout
    QTest::addColumn<qint64>("endTimeMs");        // RunPolicy::endTime, -1: none
    QTest::addColumn<bool>("endWhenDrained");     // RunPolicy::endWhenDrained
    QTest::addColumn<QByteArray>("end");
    QTest::addColumn<bool>("drainedOnTheWay");
    QTest::addColumn<qint64>("clockMs");          // -1: not checked
    QTest::addColumn<int>("completedBatches");
}

void TestRunLoop::runAwaitRow()
{
    QFETCH(QList<qint64>, lines);
    QFETCH(bool, start);
    QFETCH(qint64, stopInBatchMs);
    QFETCH(qint64, timeoutMs);
    QFETCH(qint64, endTimeMs);
    QFETCH(bool, endWhenDrained);
    QFETCH(QByteArray, end);
    QFETCH(bool, drainedOnTheWay);
    QFETCH(qint64, clockMs);
    QFETCH(int, completedBatches);
    WordCountProgram p(lines);
    if (stopInBatchMs >= 0) p.stopInBatch(stopInBatchMs);
    if (start) p.ssc->start();
    RecordingPacer pacer;
    RunPolicy policy;
    if (endTimeMs >= 0) policy.endTime = kT0 + Duration(endTimeMs);
    policy.endWhenDrained = endWhenDrained;
    std::optional<SimTime> deadline;
    if (timeoutMs >= 0) deadline = kT0 + Duration(timeoutMs);

    const AwaitResult r = p.ssc->await(deadline, pacer, policy);

    QCOMPARE(endName(r.end), end);
    QCOMPARE(r.drainedOnTheWay, drainedOnTheWay);
    if (clockMs >= 0) QCOMPARE(p.d.sim.now(), kT0 + Duration(clockMs));
    QCOMPARE(static_cast<int>(p.d.rec.completed.size()), completedBatches);
    // The pacer saw every event the wait ran, in time order, and the deadline it moved to.
    QVERIFY(pacer.inOrder());
    QCOMPARE(static_cast<int>(pacer.asked.size()), pacer.events + (r.end == AwaitEnd::DeadlineReached ? 1 : 0));
    if (deadline && !pacer.asked.empty()) QVERIFY(pacer.asked.back() <= *deadline);
}

void TestRunLoop::awaitEnds_data()
{
    awaitRows();
    QTest::newRow("timed-wait-reaches-its-deadline")
        << QList<qint64>{500} << true << -1LL << 3500LL << -1LL << false << QByteArray("DeadlineReached") << false
        << 3500LL << 3;
    // JobScheduler.stop(false) from inside the job abandons the batch that called it.
    QTest::newRow("stop-in-an-output-operation-ends-the-wait-as-stopped")
        << QList<qint64>{500} << true << 2000LL << 10000LL << -1LL << false << QByteArray("Stopped") << false << -1LL
        << 1;
    QTest::newRow("untimed-wait-ends-when-drained")
        << QList<qint64>{500, 1200} << true << -1LL << -1LL << -1LL << true << QByteArray("Drained") << false << -1LL
        << 2;
    QTest::newRow("timed-wait-notes-drained-but-runs-to-its-deadline")
        << QList<qint64>{500} << true << -1LL << 4500LL << -1LL << true << QByteArray("DeadlineReached") << true
        << 4500LL << 4;
    QTest::newRow("timed-wait-with-input-still-to-come-never-sees-drained")
        << QList<qint64>{500, 3800} << true << -1LL << 3500LL << -1LL << true << QByteArray("DeadlineReached") << false
        << 3500LL << 3;
    QTest::newRow("without-the-drained-policy-a-timed-wait-notes-nothing")
        << QList<qint64>{500} << true << -1LL << 4500LL << -1LL << false << QByteArray("DeadlineReached") << false
        << 4500LL << 4;
    // A deadline on a batch time: that batch is generated, its jobs still run.
    QTest::newRow("a-deadline-on-a-batch-time-leaves-that-batch-running")
        << QList<qint64>{500} << true << -1LL << 3000LL << -1LL << false << QByteArray("DeadlineReached") << false
        << 3000LL << 2;
    // Spark's awaitTermination would block for ever; here nothing can ever happen.
    QTest::newRow("awaiting-a-context-never-started-ends-with-nothing-left")
        << QList<qint64>{500} << false << -1LL << -1LL << -1LL << true << QByteArray("NothingLeft") << false << 0LL
        << 0;
}

void TestRunLoop::awaitEnds()
{
    runAwaitRow();
}

void TestRunLoop::runPolicyEndTime_data()
{
    // --seconds S: RunPolicy::endTime = start + S. The wait ends at the first check at or past
    // it, i.e. after the first event at or after that time (the block timer at a whole second
    // runs before the batch timer, so that batch is not generated).
    awaitRows();
    QTest::newRow("end-time-ends-an-untimed-wait")
        << QList<qint64>{500} << true << -1LL << -1LL << 3000LL << false << QByteArray("EndTimeReached") << false
        << 3000LL << 2;
    QTest::newRow("end-time-ends-a-timed-wait-before-its-deadline")
        << QList<qint64>{500} << true << -1LL << 10000LL << 2000LL << false << QByteArray("EndTimeReached") << false
        << 2000LL << 1;
    QTest::newRow("end-time-between-events-ends-at-the-next-event")
        << QList<qint64>{500} << true << -1LL << -1LL << 2900LL << false << QByteArray("EndTimeReached") << false
        << 3000LL << 2;
    QTest::newRow("a-deadline-before-the-end-time-wins")
        << QList<qint64>{500} << true << -1LL << 1500LL << 3000LL << false << QByteArray("DeadlineReached") << false
        << 1500LL << 1;
    QTest::newRow("with-an-end-time-drained-does-not-end-the-run")
        << QList<qint64>{500} << true << -1LL << -1LL << 5000LL << true << QByteArray("EndTimeReached") << false
        << 5000LL << 4;
    QTest::newRow("an-end-time-already-passed-ends-before-any-event")
        << QList<qint64>{500} << true << -1LL << -1LL << 0LL << false << QByteArray("EndTimeReached") << false << 0LL
        << 0;
}

void TestRunLoop::runPolicyEndTime()
{
    runAwaitRow();
}

// ---- graceful stop -----------------------------------------------------------------------------

void TestRunLoop::gracefulStopIsPaced_data()
{
    // stop(stopSparkContext = false, stopGracefully) at stopAtMs, after the batch of kT0 + 1 s.
    QTest::addColumn<QList<qint64>>("lines");
    QTest::addColumn<qint64>("stopAtMs");
    QTest::addColumn<bool>("graceful");
    QTest::addColumn<bool>("hostRefuses");       // the pacer refuses its first call
    QTest::addColumn<int>("recordsProcessed");
    QTest::addColumn<bool>("pacerSeesEvents");

    QTest::newRow("graceful-stop-processes-the-line-still-in-the-receiver-buffer")
        << QList<qint64>{500, 1450} << 1500LL << true << false << 2 << true;
    QTest::newRow("graceful-stop-processes-a-block-not-yet-in-a-batch")
        << QList<qint64>{500, 1100} << 1500LL << true << false << 2 << true;
    QTest::newRow("graceful-stop-processes-blocks-and-buffer-together")
        << QList<qint64>{500, 1100, 1450} << 1500LL << true << false << 3 << true;
    QTest::newRow("graceful-stop-with-every-record-processed-stops-at-once")
        << QList<qint64>{500} << 1500LL << true << false << 1 << false;
    QTest::newRow("stop-without-grace-drops-what-is-not-in-a-batch")
        << QList<qint64>{500, 1100} << 1500LL << false << false << 1 << false;
    QTest::newRow("host-ending-a-graceful-stop-abandons-the-rest")
        << QList<qint64>{500, 1100} << 1500LL << true << true << 1 << true;
}

void TestRunLoop::gracefulStopIsPaced()
{
    QFETCH(QList<qint64>, lines);
    QFETCH(qint64, stopAtMs);
    QFETCH(bool, graceful);
    QFETCH(bool, hostRefuses);
    QFETCH(int, recordsProcessed);
    QFETCH(bool, pacerSeesEvents);
    WordCountProgram p(lines);
    p.ssc->start();
    QCOMPARE(p.ssc->awaitTerminationOrTimeout(Duration(stopAtMs)), false);
    QCOMPARE(p.recordsProcessed(), std::int64_t(1));
    RecordingPacer pacer;
    if (hostRefuses) pacer.refuseCall = 1;

    QCOMPARE(p.ssc->stop(false, graceful, pacer), !hostRefuses);

    QCOMPARE(int(p.ssc->state()), int(StreamingState::STOPPED));
    QVERIFY(!StreamingContext::getActive(p.d.sim));
    QCOMPARE(p.recordsProcessed(), std::int64_t(recordsProcessed));
    QCOMPARE(!pacer.asked.empty(), pacerSeesEvents);
    QVERIFY(pacer.inOrder());
    QCOMPARE(static_cast<int>(pacer.asked.size()), pacer.events + (hostRefuses ? 1 : 0));
    for (SimTime t : pacer.asked) QVERIFY(t >= kT0 + Duration(stopAtMs));
    QCOMPARE(p.d.rec.count(LogLevel::Info, "StreamingContext stopped successfully (gracefully)"),
             graceful && !hostRefuses ? 1 : 0);
    QCOMPARE(p.d.rec.count(LogLevel::Warn, "Timed out while stopping the job generator"), 0);
    // Nothing of the stopped context runs any more: no batch after the stop.
    const std::size_t batches = p.d.rec.submitted.size();
    AsFastAsPossiblePacer fast;
    QCOMPARE(endName(awaitWithoutContext(p.d.sim, p.d.sim.now() + 10_s, fast)), QByteArray("DeadlineReached"));
    QCOMPARE(p.d.rec.submitted.size(), batches);
    QCOMPARE(p.recordsProcessed(), std::int64_t(recordsProcessed));
}

// ---- errors ------------------------------------------------------------------------------------

void TestRunLoop::awaitRethrowsAJobError_data()
{
    QTest::addColumn<int>("failingBatch");
    QTest::newRow("error-in-the-first-batch-is-rethrown-by-the-wait") << 1;
    QTest::newRow("error-in-the-third-batch-is-rethrown-by-the-wait") << 3;
}

void TestRunLoop::awaitRethrowsAJobError()
{
    QFETCH(int, failingBatch);
    Driver d;
    StreamingContext ssc(*d.sc, 1_s);
    auto q = std::make_shared<std::deque<RDDPtr>>();
    for (int i = 1; i <= 4; ++i)
        q->push_back(d.sc->parallelize({Value(i == failingBatch ? std::string("boom") : std::string("ok"))}, 1));
    auto checked = ops::map(ssc.queueStream(q), [](const Value &v) {
        if (v.asStr() == "boom") throw UserCodeError("ValueError", "cannot handle boom");
        return v;
    });
    ops::pprint(checked);
    ssc.start();
    RecordingPacer pacer;

    std::string error;
    try {
        ssc.await(kT0 + 5_s, pacer);
    } catch (const SparkError &e) {
        error = e.message();
    }
    QVERIFY2(error.find("cannot handle boom") != std::string::npos, error.c_str());
    // Rethrown right after the event that failed the batch, before the next batch.
    const SimTime bad = kT0 + Duration(1000 * failingBatch);
    QVERIFY(d.sim.now() >= bad && d.sim.now() < bad + 1_s);
    // Reported once: waiting again goes on to the deadline.
    QCOMPARE(endName(ssc.await(kT0 + 5_s, pacer).end), QByteArray("DeadlineReached"));
    QCOMPARE(d.sim.now(), kT0 + 5_s);
    QCOMPARE(d.rec.completed.size(), std::size_t(4));
}

// ---- drained -----------------------------------------------------------------------------------

void TestRunLoop::drainedFollowsTheRun_data()
{
    QTest::addColumn<QList<qint64>>("lines");
    QTest::addColumn<QList<qint64>>("unreadLines"); // for port 7777, which no source reads
    QTest::addColumn<QString>("master");
    QTest::addColumn<qint64>("checkAtMs");
    QTest::addColumn<bool>("drained");

    const QString two = QStringLiteral("local[2]");
    QTest::newRow("input-still-to-come-is-not-drained") << QList<qint64>{500, 3500} << QList<qint64>{} << two << 2500LL
                                                         << false;
    QTest::newRow("a-line-in-the-receiver-buffer-is-not-drained")
        << QList<qint64>{500, 1450} << QList<qint64>{} << two << 1500LL << false;
    QTest::newRow("a-block-not-yet-in-a-batch-is-not-drained")
        << QList<qint64>{500, 1100} << QList<qint64>{} << two << 1500LL << false;
    QTest::newRow("a-batch-waiting-for-its-jobs-is-not-drained")
        << QList<qint64>{500, 1100} << QList<qint64>{} << two << 2000LL << false;
    QTest::newRow("every-record-processed-is-drained") << QList<qint64>{500, 1100} << QList<qint64>{} << two << 2900LL
                                                       << true;
    QTest::newRow("no-batch-generated-yet-is-not-drained") << QList<qint64>{} << QList<qint64>{} << two << 500LL << false;
    QTest::newRow("no-input-is-drained-once-a-batch-ran") << QList<qint64>{} << QList<qint64>{} << two << 1500LL << true;
    // A line for a port no source reads needs no batch after it; the receivers pass over it
    // only once its time has come, so until then it still holds the run open.
    QTest::newRow("input-for-a-port-no-source-reads-needs-no-batch-after-it")
        << QList<qint64>{500} << QList<qint64>{4100} << two << 4500LL << true;
    QTest::newRow("a-line-that-is-read-needs-its-batch") << QList<qint64>{500, 4100} << QList<qint64>{} << two << 4500LL
                                                         << false;
    QTest::newRow("input-for-a-port-no-source-reads-holds-the-run-until-its-time")
        << QList<qint64>{500} << QList<qint64>{4100} << two << 2500LL << false;
    // local[1] with a receiver: no core ever runs a task, batches never complete.
    QTest::newRow("no-core-for-tasks-with-a-block-not-in-a-batch-is-not-drained")
        << QList<qint64>{500} << QList<qint64>{} << QStringLiteral("local[1]") << 800LL << false;
    QTest::newRow("no-core-for-tasks-is-drained-once-the-input-is-in-a-batch")
        << QList<qint64>{500} << QList<qint64>{} << QStringLiteral("local[1]") << 1500LL << true;
}

void TestRunLoop::drainedFollowsTheRun()
{
    QFETCH(QList<qint64>, lines);
    QFETCH(QList<qint64>, unreadLines);
    QFETCH(QString, master);
    QFETCH(qint64, checkAtMs);
    QFETCH(bool, drained);
    WordCountProgram p(lines, master.toStdString(), unreadLines);
    p.ssc->start();
    QCOMPARE(p.ssc->awaitTerminationOrTimeout(Duration(checkAtMs)), false);
    QCOMPARE(p.ssc->isDrained(), drained);
    // An untimed wait with the drained policy ends right here exactly when drained.
    RecordingPacer pacer;
    RunPolicy policy;
    policy.endWhenDrained = true;
    if (drained) {
        QCOMPARE(endName(p.ssc->await(std::nullopt, pacer, policy).end), QByteArray("Drained"));
        QVERIFY(pacer.asked.empty());
    }
}

void TestRunLoop::unusableInputIsWarnedOnce_data()
{
    QTest::addColumn<QString>("master");
    QTest::addColumn<QList<int>>("ports");        // one socket source per port
    QTest::addColumn<QList<qint64>>("unreadLines"); // for port 7777
    QTest::addColumn<QStringList>("warnings");

    QTest::newRow("input-for-a-port-no-source-reads-is-named")
        << QStringLiteral("local[2]") << QList<int>{9999} << QList<qint64>{500, 700}
        << QStringList{QStringLiteral("DStream Lab: the input for port 7777 is never read: the program's socket "
                                      "sources read port 9999. That input is ignored; the run ends once the rest is "
                                      "processed.\n")};
    QTest::newRow("receivers-holding-every-core-are-named")
        << QStringLiteral("local[2]") << QList<int>{9999, 9998} << QList<qint64>{}
        << QStringList{QStringLiteral(
               "DStream Lab: local[2] gives 2 cores and the program runs 2 receivers (each holds a core for good), so "
               "no core is left to process the received data: batches are generated but their jobs never run. Use "
               "local[n] with n > the number of receivers (Spark Streaming Programming Guide, \"Points to "
               "remember\"). The run ends once all input is received.\n")};
    // StreamingContext's constructor already warns about local[1] in Spark's own words.
    QTest::newRow("local-1-is-left-to-sparks-own-warning")
        << QStringLiteral("local[1]") << QList<int>{9999} << QList<qint64>{} << QStringList{};
    QTest::newRow("a-program-that-reads-its-input-gets-no-warning")
        << QStringLiteral("local[2]") << QList<int>{9999} << QList<qint64>{} << QStringList{};
}

void TestRunLoop::unusableInputIsWarnedOnce()
{
    QFETCH(QString, master);
    QFETCH(QList<int>, ports);
    QFETCH(QList<qint64>, unreadLines);
    QFETCH(QStringList, warnings);
    Driver d(master.toStdString());
    for (int port : ports) d.sim.inputLog().listen(port);
    for (qint64 off : unreadLines) d.sim.inputLog().addLine(kT0 + Duration(off), "unread", kUnreadPort);
    StreamingContext ssc(*d.sc, 1_s);
    for (int port : ports) ops::pprint(ssc.socketTextStream("localhost", port));
    ssc.start();
    // Through the loop, as the CLI's untimed wait sees them (the receivers launch after start).
    QStringList given;
    RunPolicy policy;
    policy.endWhenDrained = true;
    policy.warn = [&given](const std::string &w) { given << QString::fromStdString(w); };
    RecordingPacer pacer;
    const AwaitResult r = ssc.await(kT0 + 3_s, pacer, policy);
    QCOMPARE(endName(r.end), QByteArray("DeadlineReached"));
    QCOMPARE(given, warnings);
    QVERIFY(ssc.takeUnusableInputWarnings().empty());
}

QTEST_APPLESS_MAIN(TestRunLoop)
#include "tst_runloop.moc"
