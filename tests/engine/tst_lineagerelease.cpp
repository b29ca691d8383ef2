// Qt Test: a checkpoint that truncates an RDD's lineage lets the old lineage go, including what a
// fused chain (MapPartitionsRDD::setFusedCompute) holds beyond the RDD's dependencies.
//
// Spark's rule (core/src/main/scala/org/apache/spark/rdd/MapPartitionsRDD.scala, clearDependencies:
// "prev = null; f = null"): once checkpointed, a MapPartitionsRDD keeps neither its parent nor its
// function, so nothing upstream of the checkpoint stays reachable from it. A fused chain is such a
// function: it holds the chain's root and every intermediate RDD. Without letting go of it, each
// state RDD of updateStateByKey (built from the previous one) kept every earlier state alive.
//
// Checkpoints, remember durations and metadata cleanup: docs/spark-semantics.md §8, §9. What each
// test holds is watched through std::weak_ptr: an expired pointer is an RDD freed.
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"

#include "engine/rdds.h"
#include "engine/statedstreams.h"
#include "engine/windowdstreams.h"
#endif

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <vector>

using namespace testkit;

namespace {

QList<qlonglong> ints(const Records &records)
{
    QList<qlonglong> out;
    for (const Value &v : records) out << static_cast<qlonglong>(v.asInt());
    return out;
}

/// Every RDD reachable through dependencies from `rdds`.
std::set<const RDD *> lineageOf(const std::map<SimTime, RDDPtr> &rdds)
{
    std::set<const RDD *> seen;
    std::vector<const RDD *> todo;
    for (const auto &[t, rdd] : rdds) todo.push_back(rdd.get());
    while (!todo.empty()) {
        const RDD *r = todo.back();
        todo.pop_back();
        if (!seen.insert(r).second) continue;
        for (const auto &dep : r->dependencies()) todo.push_back(dep.rdd.get());
    }
    return seen;
}

int alive(const std::vector<std::weak_ptr<RDD>> &watched)
{
    return static_cast<int>(std::count_if(watched.begin(), watched.end(), [](const auto &w) { return !w.expired(); }));
}

/// `rdd`.mapPartitions(f) with a fused compute that runs `chain` from its root in one call, as the
/// Python bridge builds one for a pipeline of Python operators. `f` adds `add` then multiplies
/// by 10; the fused form does the same from the root, counting its calls in `calls`.
RDDPtr fusedTimesTen(const RDDPtr &rdd, std::vector<RDDPtr> chain, int add, const std::shared_ptr<int> &calls)
{
    RDDPtr out = ops::mapPartitionsWithIndex(rdd, "map", [](int, Records &&in, TaskContext &) {
        Records r;
        for (const Value &v : in) r.emplace_back(v.asInt() * 10);
        return r;
    });
    static_cast<MapPartitionsRDD &>(*out).setFusedCompute(
        [chain = std::move(chain), add, calls](int split, TaskContext &ctx) -> std::optional<Records> {
            ++*calls;
            Records r;
            for (const Value &v : chain.front()->iterator(split, ctx)) r.emplace_back((v.asInt() + add) * 10);
            return r;
        });
    return out;
}

/// One updateStateByKey step as the Python bridge builds it: cogroup(previous state, batch)
/// and, fused over the cogroup, the new running total per key (PythonStateDStream).
RDDPtr nextState(SparkContext &sc, const RDDPtr &previous, const RDDPtr &batch)
{
    RDDPtr grouped = ops::cogroup(sc, {previous, batch}, Partitioner(2), "updateStateByKey");
    auto total = [](const Value &kv) {
        long long sum = 0;
        for (std::size_t side = 0; side < 2; ++side) // (previous state, this batch's values)
            for (const Value *v = kv.value()[side].itemsBegin(); v != kv.value()[side].itemsEnd(); ++v) sum += v->asInt();
        return Value::pair(kv.key(), Value(sum));
    };
    RDDPtr state = ops::mapPartitionsWithIndex(grouped, "updateStateByKey", [total](int, Records &&in, TaskContext &) {
        Records r;
        for (const Value &kv : in) r.push_back(total(kv));
        return r;
    }, true);
    static_cast<MapPartitionsRDD &>(*state).setFusedCompute(
        [chain = std::vector<RDDPtr>{grouped}, total](int split, TaskContext &ctx) -> std::optional<Records> {
            Records r;
            for (const Value &kv : chain.front()->iterator(split, ctx)) r.push_back(total(kv));
            return r;
        });
    return state;
}

} // namespace

class TestLineageRelease : public QObject {
    Q_OBJECT

private slots:
    void checkpointReleasesTheFusedChain_data();
    void checkpointReleasesTheFusedChain();
    void stateRddsBeforeTheLastCheckpointAreReleased_data();
    void stateRddsBeforeTheLastCheckpointAreReleased();
    void forgottenStreamRddsAreReleased_data();
    void forgottenStreamRddsAreReleased();
};

void TestLineageRelease::checkpointReleasesTheFusedChain_data()
{
    QTest::addColumn<int>("intermediates"); // uncached RDDs between the chain's root and the fused RDD
    QTest::addColumn<bool>("checkpoint");
    QTest::addColumn<int>("alive");         // of the root and the intermediates, after the job
    QTest::newRow("MapPartitionsRDD.scala-clearDependencies-drops-the-fused-root") << 0 << true << 0;
    QTest::newRow("MapPartitionsRDD.scala-clearDependencies-drops-every-intermediate-of-the-chain") << 3 << true << 0;
    // The control: the same chain, not checkpointed, keeps its ancestors (its lineage).
    QTest::newRow("without-a-checkpoint-the-lineage-keeps-root-and-intermediates") << 3 << false << 4;
}

void TestLineageRelease::checkpointReleasesTheFusedChain()
{
    QFETCH(int, intermediates);
    QFETCH(bool, checkpoint);
    QFETCH(int, alive);
    Driver d;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    d.sc->setCheckpointDir(dir.path().toStdString());
    auto calls = std::make_shared<int>(0);
    std::vector<std::weak_ptr<RDD>> ancestors;
    RDDPtr top;
    {
        RDDPtr root = d.sc->parallelize({Value(1), Value(2), Value(3), Value(4), Value(5)}, 2);
        std::vector<RDDPtr> chain{root};
        for (int i = 0; i < intermediates; ++i)
            chain.push_back(ops::map(chain.back(), [](const Value &v) { return Value(v.asInt() + 1); }));
        top = fusedTimesTen(chain.back(), chain, intermediates, calls);
        ancestors.assign(chain.begin(), chain.end());
    }
    if (checkpoint) top->markCheckpoint();
    QList<qlonglong> expected;
    for (qlonglong v = 1; v <= 5; ++v) expected << (v + intermediates) * 10;
    QCOMPARE(ints(d.sc->collect(top)), expected);
    QVERIFY(*calls > 0); // the job went through the fused chain
    QCOMPARE(top->isCheckpointed(), checkpoint);
    QCOMPARE(::alive(ancestors), alive);
    if (!checkpoint) return;
    // Read back from the checkpoint: the same records, the chain never called again.
    const int callsBefore = *calls;
    QCOMPARE(top->dependencies().size(), std::size_t(1));
    QCOMPARE(top->dependencies().front().rdd->className(), std::string("ReliableCheckpointRDD"));
    QCOMPARE(ints(d.sc->collect(top)), expected);
    QCOMPARE(*calls, callsBefore);
}

void TestLineageRelease::stateRddsBeforeTheLastCheckpointAreReleased_data()
{
    QTest::addColumn<int>("batches");
    QTest::addColumn<int>("checkpointEvery"); // 0: never
    QTest::addColumn<int>("alive");           // state RDDs still alive after the last batch
    // Batch b's state is checkpointed when b is a multiple of checkpointEvery; the newest state
    // reaches back to the last checkpointed one, and nothing before it stays (StateDStream with
    // MapPartitionsRDD.scala's clearDependencies).
    QTest::newRow("state-checkpointed-every-batch-keeps-only-the-newest") << 30 << 1 << 1;
    QTest::newRow("state-checkpointed-every-10-batches-keeps-those-since-the-last-checkpoint") << 35 << 10 << 6;
    QTest::newRow("state-checkpointed-on-the-last-batch-keeps-only-it") << 40 << 10 << 1;
    // The control: never checkpointed, every state is in the newest one's lineage.
    QTest::newRow("never-checkpointed-state-keeps-its-whole-lineage") << 20 << 0 << 20;
}

void TestLineageRelease::stateRddsBeforeTheLastCheckpointAreReleased()
{
    QFETCH(int, batches);
    QFETCH(int, checkpointEvery);
    QFETCH(int, alive);
    Driver d;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    d.sc->setCheckpointDir(dir.path().toStdString());
    std::vector<std::weak_ptr<RDD>> states;
    RDDPtr state = d.sc->parallelize({}, 2);
    for (int b = 1; b <= batches; ++b) {
        // Each batch: one (k, 1) per key k of "a", "b", "c".
        const RDDPtr batch = d.sc->parallelize(
            {Value::pair(Value("a"), Value(1)), Value::pair(Value("b"), Value(1)), Value::pair(Value("c"), Value(1))}, 2);
        state = nextState(*d.sc, state, batch);
        states.push_back(state);
        if (checkpointEvery && b % checkpointEvery == 0) state->markCheckpoint();
        QCOMPARE(d.sc->count(state), std::int64_t(3)); // the batch's output operation
    }
    long long total = 0;
    for (const Value &kv : d.sc->collect(state)) total += kv.value().asInt();
    QCOMPARE(total, 3LL * batches);
    QCOMPARE(::alive(states), alive);
}

void TestLineageRelease::forgottenStreamRddsAreReleased_data()
{
    QTest::addColumn<bool>("window"); // reduceByKeyAndWindow with an inverse function, else updateStateByKey
    // The engine's own stateful streams, end to end: a stream forgets an RDD at clearMetadata
    // (remember duration: twice its checkpoint interval, 10 s by default for 1 s batches); an
    // RDD it forgot must be freed unless the lineage of one it remembers still shows it. The
    // native window step is fused over its cogroup (the previous window and the reduced
    // batches) but holds it weakly; the Python bridge's chains are checked in tst_pylineage.
    QTest::newRow("reduceByKeyAndWindow-with-inverse-frees-the-windows-it-forgot") << true;
    QTest::newRow("updateStateByKey-frees-the-states-it-forgot") << false;
}

void TestLineageRelease::forgottenStreamRddsAreReleased()
{
    QFETCH(bool, window);
    constexpr int kBatches = 60;
    Driver d;
    auto ssc = std::make_unique<StreamingContext>(*d.sc, 1_s);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ssc->checkpoint(dir.path().toStdString());
    SparkContext *sc = d.sc.get();
    const DStreamPtr lines = ssc->functionStream([sc](SimTime t) -> std::optional<RDDPtr> {
        return sc->parallelize({Value("a"), Value("b"), Value(t.ms() % 2000 ? "c" : "d")}, 2);
    });
    const DStreamPtr pairs = ops::map(lines, [](const Value &w) { return Value::pair(w, Value(1)); });
    auto plus = [](const Value &a, const Value &b) { return Value(a.asInt() + b.asInt()); };
    auto minus = [](const Value &a, const Value &b) { return Value(a.asInt() - b.asInt()); };
    const DStreamPtr stream =
        window ? ops::reduceByKeyAndWindow(pairs, plus, minus, 3_s, 1_s)
               : ops::updateStateByKey(pairs, [](SimTime, const Value &, const Records &values,
                                                 const std::optional<Value> &s) -> std::optional<Value> {
                     long long sum = s ? s->asInt() : 0;
                     for (const Value &v : values) sum += v.asInt();
                     return Value(sum);
                 });
    std::map<SimTime, std::weak_ptr<RDD>> seen;
    int heldOutsideTheLineage = 0, forgotten = 0;
    ops::foreachRDD(stream, [&](const RDDPtr &rdd, SimTime t) {
        sc->count(rdd);
        seen[t] = rdd;
        // Every RDD of this stream still alive is one it remembers or one in the lineage of those
        // (the lineage reaches back to the last checkpoint): nothing holds what the lineage hides.
        const std::set<const RDD *> lineage = lineageOf(stream->generatedRDDs());
        forgotten = 0;
        for (const auto &[time, w] : seen) {
            const RDDPtr held = w.lock();
            if (!stream->generatedRDDs().count(time)) ++forgotten;
            if (held && !lineage.count(held.get())) ++heldOutsideTheLineage;
        }
    });
    ssc->start();
    ssc->awaitTerminationOrTimeout(Duration(1000LL * kBatches + 500));
    QVERIFY(!ssc->hasError());
    const std::size_t remembered = stream->generatedRDDs().size();
    ssc->stop();
    QCOMPARE(seen.size(), std::size_t(kBatches));
    QCOMPARE(remembered, std::size_t(20));
    // At the last output, before that batch's clearMetadata, 21 were remembered: the check ran
    // over 39 forgotten RDDs (none forgotten would check nothing).
    QCOMPARE(forgotten, kBatches - 21);
    QCOMPARE(heldOutsideTheLineage, 0);
}

QTEST_APPLESS_MAIN(TestLineageRelease)
#include "tst_lineagerelease.moc"
