// Tests: the history at a batch (historyAt) and moving through it, over snapshot values.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "app/session/historyview.h"
#endif

#include <QTest>

using namespace dsl;
using namespace dsl::session;

namespace {
constexpr std::int64_t kStart = 1'795'514'400'000;

/// A head of `completed` completed 1 s batches (each printing "bN\n" and accepting one line
/// when it completes at +300 ms), one more generated batch, resting at `clockMs`.
RunSnapshotPtr head(int completed, std::int64_t clockMs)
{
    auto s = std::make_shared<RunSnapshot>();
    s->serial = 7 << 16;
    s->phase = RunPhase::Paused;
    s->startTime = SimTime(kStart);
    std::string console;
    auto input = std::make_shared<InputLogSnapshot>();
    auto chunk = std::make_shared<std::vector<InputLineSnapshot>>();
    for (int k = 1; k <= completed + 1; ++k) {
        auto b = std::make_shared<BatchSnapshot>();
        b->info.batchTime = SimTime(kStart + k * 1000);
        b->info.submissionTime = b->info.batchTime;
        chunk->push_back(InputLineSnapshot{SimTime(kStart + k * 1000 - 500), 9999, "line " + std::to_string(k)});
        if (k <= completed) {
            b->info.processingStartTime = b->info.batchTime;
            b->info.processingEndTime = b->info.batchTime + Duration(300);
            console += "b" + std::to_string(k) + "\n";
            b->consoleEnd = console.size() + 100; // 100 bytes printed before and dropped
            b->inputAccepted = static_cast<std::size_t>(k);
        }
        s->batches.emplace(b->info.batchTime, b);
    }
    input->chunks.push_back(chunk);
    input->size = chunk->size();
    s->input = input;
    s->console = std::make_shared<const std::string>(console);
    s->consoleDropped = 100;
    s->completedBatches = completed;
    s->now = s->clock = SimTime(clockMs);
    ReceiverInfo r;
    r.inputLogAccepted = static_cast<std::size_t>(completed + 1);
    s->receivers.push_back(r);
    return s;
}
} // namespace

class TestHistoryView : public QObject {
    Q_OBJECT
private slots:
    void historyAtShowsTheRunAsItWasThen_data();
    void historyAtShowsTheRunAsItWasThen();
    void previousAndNextBatch_data();
    void previousAndNextBatch();
    void aBatchNotInTheHistoryGivesTheHead();
};

void TestHistoryView::historyAtShowsTheRunAsItWasThen_data()
{
    QTest::addColumn<int>("cursorBatch");
    QTest::addColumn<int>("completed");
    QTest::addColumn<QString>("console");
    QTest::addColumn<int>("inputLines");
    QTest::newRow("first-batch-shows-its-own-output-only") << 1 << 1 << "b1\n" << 1;
    QTest::newRow("middle-batch-hides-later-batches-and-output") << 3 << 3 << "b1\nb2\nb3\n" << 3;
    QTest::newRow("newest-completed-batch-keeps-everything-printed") << 5 << 5 << "b1\nb2\nb3\nb4\nb5\n" << 5;
}

void TestHistoryView::historyAtShowsTheRunAsItWasThen()
{
    QFETCH(int, cursorBatch);
    QFETCH(int, completed);
    QFETCH(QString, console);
    QFETCH(int, inputLines);
    const auto h = head(5, kStart + 5'800);
    const SimTime cursor(kStart + cursorBatch * 1000);
    const auto v = historyAt(h, cursor, 3);
    QVERIFY(v != h);
    QCOMPARE(v->serial, h->serial + 3);
    QCOMPARE(*v->cursor, cursor);
    QCOMPARE(v->completedBatches, completed);
    QCOMPARE(v->headCompletedBatches, 5);
    QCOMPARE(v->batches.rbegin()->first, cursor); // no later batch, not even the waiting one
    QCOMPARE(v->clock, cursor + Duration(300));   // the batch's processing end
    QCOMPARE(QString::fromStdString(*v->console), console);
    QCOMPARE(static_cast<int>(v->input->size), inputLines); // lines that had arrived by then
    QCOMPARE(static_cast<int>(v->receivers.front().inputLogAccepted), cursorBatch);
    // Batch values are shared with the head, never copied.
    QCOMPARE(v->batches.begin()->second.get(), h->batches.begin()->second.get());
    QCOMPARE(h->batches.size(), std::size_t(6)); // the head is unchanged
}

void TestHistoryView::previousAndNextBatch_data()
{
    QTest::addColumn<qint64>("clock");
    QTest::addColumn<int>("from"); // 0: the head
    QTest::addColumn<int>("previous");
    QTest::addColumn<int>("next"); // 0: none (back at the head)
    // The head rests right at batch 5's completion: stepping back shows batch 4.
    QTest::newRow("head-resting-at-completion-goes-to-the-batch-before") << qint64(kStart + 5'300) << 0 << 4 << 0;
    // The head moved on after batch 5 completed: stepping back shows batch 5 itself.
    QTest::newRow("head-past-completion-goes-to-that-batch") << qint64(kStart + 5'800) << 0 << 5 << 0;
    QTest::newRow("from-a-middle-batch") << qint64(kStart + 5'800) << 3 << 2 << 4;
    QTest::newRow("first-batch-has-no-previous") << qint64(kStart + 5'800) << 1 << 0 << 2;
    QTest::newRow("next-of-the-newest-when-head-moved-on") << qint64(kStart + 5'800) << 4 << 3 << 5;
    QTest::newRow("next-reaching-the-resting-head-is-none") << qint64(kStart + 5'300) << 4 << 3 << 0;
    // An ended run shows its last batch first (its picture was "failed" or "ended").
    QTest::newRow("ended-run-steps-back-to-its-last-batch") << qint64(-kStart - 5'300) << 0 << 5 << 0;
}

void TestHistoryView::previousAndNextBatch()
{
    QFETCH(qint64, clock);
    QFETCH(int, from);
    QFETCH(int, previous);
    QFETCH(int, next);
    // A negative clock marks an ended (failed) run resting at that time.
    auto h = std::const_pointer_cast<RunSnapshot>(head(5, std::abs(clock)));
    if (clock < 0) h->phase = RunPhase::Failed;
    const auto batchTime = [](int k) { return SimTime(kStart + k * 1000); };
    const std::optional<SimTime> fromTime = from ? std::optional<SimTime>(batchTime(from)) : std::nullopt;
    const auto p = previousCompletedBatch(*h, fromTime);
    QCOMPARE(p.has_value(), previous != 0);
    if (previous) QCOMPARE(*p, batchTime(previous));
    if (from) {
        const auto n = nextCompletedBatch(*h, batchTime(from));
        QCOMPARE(n.has_value(), next != 0);
        if (next) QCOMPARE(*n, batchTime(next));
    }
}

void TestHistoryView::aBatchNotInTheHistoryGivesTheHead()
{
    const auto h = head(3, kStart + 3'300);
    QCOMPARE(historyAt(h, SimTime(kStart + 99'000)), h);
    QCOMPARE(historyAt(nullptr, SimTime(kStart)), RunSnapshotPtr());
}

QTEST_APPLESS_MAIN(TestHistoryView)
#include "tst_historyview.moc"
