// Qt Test: captureLineage over native RDDs — breadth-first order with each RDD once, narrow and
// shuffle edges, stages as DAGScheduler cuts them (the engine's map stage ids once a job ran),
// cache and checkpoint marks, and the node cap. Expected texts are written by hand:
// `Class[id](partitions) stage S` then marks, then `<- parent narrow|shuffle` edges; stages as
// `stage K result|map(id)` with their output node and parent stages.
#ifndef Q_MOC_RUN
#include "streamingtestkit.h"

#include "engine/lineagegraph.h"
#include "engine/rddops.h"
#endif

#include <QtTest>

#include <functional>

using namespace testkit;
using namespace Qt::StringLiterals;

using GraphBuilder = std::function<LineageGraph()>;
Q_DECLARE_METATYPE(GraphBuilder)

namespace {

QStringList describe(const LineageGraph &g)
{
    QStringList out;
    for (const LineageNode &n : g.nodes) {
        std::string s = n.className + "[" + std::to_string(n.rddId) + "](" + std::to_string(n.numPartitions) + ") stage " +
                        std::to_string(n.stage);
        if (n.cached()) s += " cached " + std::to_string(n.cachedPartitions);
        if (n.checkpointMarked) s += " marked";
        if (n.checkpointed) s += " checkpointed";
        if (n.parentsOmitted) s += " omitted";
        for (std::size_t k = 0; k < n.parents.size(); ++k)
            s += (k ? ", " : " <- ") + std::to_string(n.parents[k].parent) + (n.parents[k].shuffle ? " shuffle" : " narrow");
        out << QString::fromStdString(s);
    }
    for (std::size_t k = 0; k < g.stages.size(); ++k) {
        const LineageStage &st = g.stages[k];
        std::string s = "stage " + std::to_string(k) + (st.isShuffleMap ? " map(" + std::to_string(st.stageId) + ")" : " result") +
                        " ends " + std::to_string(st.output);
        if (st.outputsAvailable) s += " available";
        for (int p : st.parents) s += " after " + std::to_string(p);
        out << QString::fromStdString(s);
    }
    if (g.truncated) out << QStringLiteral("truncated");
    return out;
}

Value toPair(const Value &w) { return Value::pair(w, Value(1)); }
Value sum(const Value &a, const Value &b) { return Value(a.asInt() + b.asInt()); }

} // namespace

class TestLineageGraph : public QObject {
    Q_OBJECT

private slots:
    void graph_data();
    void graph();
};

void TestLineageGraph::graph_data()
{
    QTest::addColumn<GraphBuilder>("build");
    QTest::addColumn<QStringList>("expected");

    // reduceByKey over a union: the shuffle ends a map stage at the union, which reads both
    // collections narrowly. No job ran: the map stage has no id yet, its outputs are not written.
    QTest::newRow("union-then-shuffle-one-map-stage-without-an-id-before-any-job") << GraphBuilder([] {
        Driver d;
        auto a = d.sc->parallelize({toPair(Value("x")), toPair(Value("y"))}, 2);
        auto b = d.sc->parallelize({toPair(Value("x"))}, 1);
        return captureLineage(*ops::reduceByKey(d.sc->unionRDDs({a, b}), sum, 2));
    }) << QStringList{u"ShuffledRDD[3](2) stage 0 <- 1 shuffle"_s, u"UnionRDD[2](3) stage 1 <- 2 narrow, 3 narrow"_s,
                      u"ParallelCollectionRDD[0](2) stage 1"_s, u"ParallelCollectionRDD[1](1) stage 1"_s,
                      u"stage 0 result ends 0 after 1"_s, u"stage 1 map(-1) ends 1"_s};

    // After collect: job 0 gave the map stage id 0 (its result stage took 1); the cached parent
    // holds its 3 partitions, the root is not persisted.
    QTest::newRow("after-a-job-the-map-stage-has-its-id-and-the-cache-its-partitions") << GraphBuilder([] {
        Driver d;
        auto base = d.sc->parallelize({Value("a"), Value("b"), Value("a")}, 3);
        auto pairs = ops::map(base, toPair);
        pairs->cache();
        auto counts = ops::reduceByKey(pairs, sum, 2);
        d.sc->collect(counts);
        return captureLineage(*counts);
    }) << QStringList{u"ShuffledRDD[2](2) stage 0 <- 1 shuffle"_s, u"MapPartitionsRDD[1](3) stage 1 cached 3 <- 2 narrow"_s,
                      u"ParallelCollectionRDD[0](3) stage 1"_s, u"stage 0 result ends 0 after 1"_s,
                      u"stage 1 map(0) ends 1 available"_s};

    // A diamond: the shared source is listed once, both branches point at it.
    QTest::newRow("diamond-lists-the-shared-source-once") << GraphBuilder([] {
        Driver d;
        auto base = d.sc->parallelize({Value(1), Value(2)}, 2);
        auto left = ops::map(base, [](const Value &v) { return v; });
        auto right = ops::map(base, [](const Value &v) { return v; });
        return captureLineage(*d.sc->unionRDDs({left, right}));
    }) << QStringList{u"UnionRDD[3](4) stage 0 <- 1 narrow, 2 narrow"_s, u"MapPartitionsRDD[1](2) stage 0 <- 3 narrow"_s,
                      u"MapPartitionsRDD[2](2) stage 0 <- 3 narrow"_s, u"ParallelCollectionRDD[0](2) stage 0"_s,
                      u"stage 0 result ends 0"_s};

    // Ten maps over a collection, at most 4 nodes: breadth-first, the fourth keeps no parent.
    QTest::newRow("the-cap-keeps-the-nearest-rdds-and-says-it-cut") << GraphBuilder([] {
        Driver d;
        RDDPtr r = d.sc->parallelize({Value(1)}, 1);
        for (int i = 0; i < 10; ++i) r = ops::map(r, [](const Value &v) { return v; });
        return captureLineage(*r, 4);
    }) << QStringList{u"MapPartitionsRDD[10](1) stage 0 <- 1 narrow"_s, u"MapPartitionsRDD[9](1) stage 0 <- 2 narrow"_s,
                      u"MapPartitionsRDD[8](1) stage 0 <- 3 narrow"_s, u"MapPartitionsRDD[7](1) stage 0 omitted"_s,
                      u"stage 0 result ends 0"_s, u"truncated"_s};

    // A marked RDD is written after its job (RDD.doCheckpoint): its lineage is cut to the
    // ReliableCheckpointRDD (a new id, 3) holding its partitions.
    QTest::newRow("a-checkpointed-rdd-reads-its-checkpoint-and-nothing-older") << GraphBuilder([] {
        Driver d;
        auto base = d.sc->parallelize({Value("a"), Value("b")}, 2);
        auto pairs = ops::map(base, toPair);
        auto counts = ops::reduceByKey(pairs, sum, 2);
        counts->markCheckpoint();
        d.sc->collect(counts);
        return captureLineage(*counts);
    }) << QStringList{u"ShuffledRDD[2](2) stage 0 marked checkpointed <- 1 narrow"_s, u"ReliableCheckpointRDD[3](2) stage 0"_s,
                      u"stage 0 result ends 0"_s};

    // Marked but no job yet: still the whole lineage.
    QTest::newRow("a-marked-rdd-keeps-its-lineage-until-written") << GraphBuilder([] {
        Driver d;
        auto base = d.sc->parallelize({Value("a")}, 1);
        auto pairs = ops::map(base, toPair);
        pairs->markCheckpoint();
        return captureLineage(*pairs);
    }) << QStringList{u"MapPartitionsRDD[1](1) stage 0 marked <- 1 narrow"_s, u"ParallelCollectionRDD[0](1) stage 0"_s,
                      u"stage 0 result ends 0"_s};
}

void TestLineageGraph::graph()
{
    QFETCH(GraphBuilder, build);
    QFETCH(QStringList, expected);
    const QStringList got = describe(build());
    for (qsizetype i = 0; i < std::min(got.size(), expected.size()); ++i) QCOMPARE(got[i], expected[i]);
    QCOMPARE(got, expected);
}

QTEST_APPLESS_MAIN(TestLineageGraph)
#include "tst_lineagegraph.moc"
