// Qt Test: where a failed batch's error goes (docs/spark-semantics.md §15). JobScheduler.reportError
// hands it to the context's ContextWaiter (notifyError: a later error replaces an earlier one);
// only the waits (awaitTermination, awaitTerminationOrTimeout) rethrow it, and they keep it, so
// every later wait rethrows it again, also after stop (ContextWaiter.waitForStopOrError). Nothing
// else on the driver sees it: time.sleep (sleepOnDriver) runs to its deadline, stop() does not
// throw, and later batches run.
//
// Expected values by hand: a queueStream of 1 s batches from kT0 + 1 s, one RDD per batch; the
// output operation of batch i fails ("boom i") when i is a failing batch; a batch's jobs finish
// a few milliseconds after its time, well before the next batch.
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"

#include "engine/runloop.h"
#endif

#include <QtTest>

using namespace testkit;

namespace {

/// A queueStream of `batches` 1 s batches whose output operation fails in `failing` (1-based).
struct FailingProgram {
    explicit FailingProgram(const QList<int> &failing, int batches = 5)
    {
        ssc = std::make_unique<StreamingContext>(*d.sc, 1_s);
        auto q = std::make_shared<std::deque<RDDPtr>>();
        for (int i = 1; i <= batches; ++i) q->push_back(d.sc->parallelize({Value(i)}, 1));
        input = ssc->queueStream(q);
        auto checked = ops::map(input, [failing](const Value &v) {
            if (failing.contains(static_cast<int>(v.asInt())))
                throw UserCodeError("ValueError", "boom " + std::to_string(v.asInt()));
            return v;
        });
        ops::foreachRDD(checked, [this](const RDDPtr &rdd, SimTime t) {
            for (const Value &v : d.sc->collect(rdd)) seen.emplace_back(t, v.asInt());
        });
    }
    /// The message of what `wait` throws ("" when it returns).
    template <class F> std::string thrownBy(F &&wait)
    {
        try {
            wait();
        } catch (const SparkError &e) {
            return e.message();
        }
        return {};
    }
    int failedBatches() const
    {
        return static_cast<int>(std::count_if(d.rec.completed.begin(), d.rec.completed.end(),
                                              [](const BatchInfo &b) { return b.hasFailure(); }));
    }
    Driver d;
    AsFastAsPossiblePacer pacer;
    std::unique_ptr<StreamingContext> ssc;
    DStreamPtr input;
    std::vector<std::pair<SimTime, long long>> seen; ///< (batch time, record) of the batches that succeeded
};

bool mentions(const std::string &message, const std::string &what)
{
    return message.find(what) != std::string::npos;
}

} // namespace

class TestJobErrors : public QObject {
    Q_OBJECT

private slots:
    void awaitTerminationRethrowsTheLastReportedError_data()
    {
        QTest::addColumn<QList<int>>("failing");
        QTest::addColumn<QString>("rethrown");
        // ContextWaiter.notifyError sets `error = e`: the newest error is the one kept.
        QTest::newRow("one-failed-batch-its-error") << QList<int>{2} << QStringLiteral("boom 2");
        QTest::newRow("two-failed-batches-the-later-error") << QList<int>{2, 4} << QStringLiteral("boom 4");
        QTest::newRow("three-failed-batches-the-last-error") << QList<int>{1, 3, 5} << QStringLiteral("boom 5");
    }
    /// The driver sleeps through every batch; then awaitTerminationOrTimeout rethrows at once.
    void awaitTerminationRethrowsTheLastReportedError()
    {
        QFETCH(QList<int>, failing);
        QFETCH(QString, rethrown);
        FailingProgram p(failing);
        p.ssc->start();
        const AwaitEnd slept = sleepOnDriver(p.d.sim, kT0 + 5500_ms, p.pacer).end;
        QCOMPARE(QByteArray(toString(slept)), QByteArray("DeadlineReached"));
        QCOMPARE(p.failedBatches(), static_cast<int>(failing.size()));
        const std::string message = p.thrownBy([&] { p.ssc->awaitTermination(kT0 + 10_s, p.pacer); });
        QVERIFY2(mentions(message, rethrown.toStdString()), message.c_str());
        QCOMPARE(p.d.sim.now(), kT0 + 5500_ms); // thrown at entry: no simulated time passed
    }

    void theErrorIsKeptForEveryLaterWait()
    {
        FailingProgram p({2});
        p.ssc->start();
        // Thrown right after the event that failed batch 2, before batch 3.
        std::string first = p.thrownBy([&] { p.ssc->awaitTermination(kT0 + 5_s, p.pacer); });
        QVERIFY2(mentions(first, "boom 2"), first.c_str());
        QVERIFY(p.d.sim.now() >= kT0 + 2_s && p.d.sim.now() < kT0 + 3_s);
        const SimTime at = p.d.sim.now();
        // waitForStopOrError: "If already had error, then throw it" -- at once, every time.
        for (int i = 0; i < 3; ++i) {
            const std::string again = p.thrownBy([&] { p.ssc->awaitTermination(kT0 + 5_s, p.pacer); });
            QVERIFY2(mentions(again, "boom 2"), again.c_str());
            QCOMPARE(p.d.sim.now(), at);
        }
        // The batches go on meanwhile: time.sleep on the driver lets 3, 4 and 5 run.
        sleepOnDriver(p.d.sim, kT0 + 5500_ms, p.pacer);
        QCOMPARE(p.seen.size(), std::size_t(4));
        QCOMPARE(p.seen.back(), std::make_pair(kT0 + 5_s, 5LL));
        // After stop the error still comes first (the check precedes `stopped`).
        p.ssc->stop(false, false);
        const std::string afterStop = p.thrownBy([&] { p.ssc->awaitTermination(std::nullopt, p.pacer); });
        QVERIFY2(mentions(afterStop, "boom 2"), afterStop.c_str());
        QVERIFY(p.ssc->hasError());
    }

    void nativeAwaitClearsWhatItRethrows()
    {
        // StreamingContext::await, the engine's own wait for native hosts, reports an error once.
        FailingProgram p({2});
        p.ssc->start();
        QVERIFY(mentions(p.thrownBy([&] { p.ssc->await(kT0 + 5_s, p.pacer); }), "boom 2"));
        QVERIFY(!p.ssc->hasError());
        QCOMPARE(QByteArray(toString(p.ssc->await(kT0 + 5_s, p.pacer).end)), QByteArray("DeadlineReached"));
    }

    void sleepRunsToItsDeadlineThroughFailedBatches_data()
    {
        QTest::addColumn<QList<int>>("failing");
        QTest::addColumn<QList<int>>("succeeded");
        QTest::newRow("second-batch-fails-the-others-run") << QList<int>{2} << QList<int>{1, 3, 4, 5};
        QTest::newRow("first-and-last-fail") << QList<int>{1, 5} << QList<int>{2, 3, 4};
        QTest::newRow("every-batch-fails") << QList<int>{1, 2, 3, 4, 5} << QList<int>{};
    }
    void sleepRunsToItsDeadlineThroughFailedBatches()
    {
        QFETCH(QList<int>, failing);
        QFETCH(QList<int>, succeeded);
        FailingProgram p(failing);
        p.ssc->start();
        const AwaitResult r = sleepOnDriver(p.d.sim, kT0 + 5500_ms, p.pacer);
        QCOMPARE(QByteArray(toString(r.end)), QByteArray("DeadlineReached"));
        QCOMPARE(p.d.sim.now(), kT0 + 5500_ms);
        QCOMPARE(p.d.rec.completed.size(), std::size_t(5));
        QCOMPARE(p.failedBatches(), static_cast<int>(failing.size()));
        QList<int> got;
        for (const auto &[t, v] : p.seen) {
            QCOMPARE(t, kT0 + Duration(1000 * v));
            got << static_cast<int>(v);
        }
        QCOMPARE(got, succeeded);
        QCOMPARE(p.ssc->state(), StreamingState::ACTIVE);
        QCOMPARE(p.ssc->hasError(), !failing.isEmpty());
    }

    void sleepIsNotEndedByAStop()
    {
        // A real time.sleep does not end when the context stops (ssc.stop() in foreachRDD).
        FailingProgram p({});
        ops::foreachRDD(p.input, [&](const RDDPtr &, SimTime t) {
            if (t == kT0 + 2_s) p.ssc->stop(false, false);
        });
        p.ssc->start();
        const AwaitResult r = sleepOnDriver(p.d.sim, kT0 + 5_s, p.pacer);
        QCOMPARE(QByteArray(toString(r.end)), QByteArray("DeadlineReached"));
        QCOMPARE(p.d.sim.now(), kT0 + 5_s);
        QCOMPARE(p.ssc->state(), StreamingState::STOPPED);
        QCOMPARE(p.seen.size(), std::size_t(2));
    }

    void sleepEndsAtTheRunPolicysEndTime()
    {
        FailingProgram p({1});
        p.ssc->start();
        RunPolicy policy;
        policy.endTime = kT0 + 3_s;
        const AwaitResult r = sleepOnDriver(p.d.sim, kT0 + 10_s, p.pacer, policy);
        QCOMPARE(QByteArray(toString(r.end)), QByteArray("EndTimeReached"));
        QVERIFY(p.d.sim.now() >= kT0 + 3_s && p.d.sim.now() < kT0 + 4_s);
    }

    void stopDoesNotRethrow_data()
    {
        QTest::addColumn<bool>("gracefully");
        QTest::addColumn<int>("failedBatches");
        // StreamingContext.stop: scheduler.stop, then waiter.notifyStop(); no error is thrown.
        QTest::newRow("stop-at-once-abandons-batch-2") << false << 1;
        QTest::newRow("graceful-stop-whose-drain-runs-failing-batch-2") << true << 2;
    }
    void stopDoesNotRethrow()
    {
        QFETCH(bool, gracefully);
        QFETCH(int, failedBatches);
        FailingProgram p({1, 2});
        p.ssc->start();
        // Batch 1 failed; batch 2 is generated at 2 s (the deadline's event runs), its job not yet.
        sleepOnDriver(p.d.sim, kT0 + 2_s, p.pacer);
        QCOMPARE(p.thrownBy([&] { p.ssc->stop(false, gracefully); }), std::string());
        QCOMPARE(p.ssc->state(), StreamingState::STOPPED);
        QCOMPARE(p.failedBatches(), failedBatches);
        QCOMPARE(p.thrownBy([&] { p.ssc->stop(false, false); }), std::string());
        QVERIFY(p.ssc->hasError());
    }
};

QTEST_APPLESS_MAIN(TestJobErrors)
#include "tst_joberrors.moc"
