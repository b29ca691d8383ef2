// Qt Test: LineageLayout over hand-written lineage graphs — columns by dependency depth, stages
// in bands, nothing overlapping, shuffle edges crossing stage boundaries, same input same output.
// moc (Qt 6.4) cannot parse <compare>, which the engine headers include.
#ifndef Q_MOC_RUN
#include "ui/lineagelayout.h"
#endif

#include <QTest>

using namespace dsl;
using namespace dsl::ui;

#ifndef Q_MOC_RUN
Q_DECLARE_METATYPE(dsl::LineageGraph)
#endif

namespace {

/// "Class/parts/scope/stage" plus parents as (index, shuffle).
LineageNode node(const std::string &cls, int parts, const std::string &scope, int stage,
                 std::vector<LineageEdge> parents = {})
{
    LineageNode n;
    n.className = cls;
    n.numPartitions = parts;
    n.scope = scope;
    n.stage = stage;
    n.callSite = "x at program.py:1";
    n.parents = std::move(parents);
    return n;
}

LineageStage stage(bool shuffleMap, int output, std::vector<int> parents = {})
{
    LineageStage s;
    s.isShuffleMap = shuffleMap;
    s.output = output;
    s.parents = std::move(parents);
    return s;
}

LineageGraph withIds(LineageGraph g)
{
    for (std::size_t i = 0; i < g.nodes.size(); ++i) g.nodes[i].rddId = static_cast<int>(100 - i);
    return g;
}

/// socketTextStream -> flatMap -> map -> reduceByKey (tests/data/lineage/graph-wordcount-batch3.txt).
LineageGraph wordCount()
{
    LineageGraph g;
    g.nodes = {node("ShuffledRDD", 2, "reduceByKey @ 10:00:03", 0, {{1, true}}),
               node("MapPartitionsRDD", 1, "map @ 10:00:03", 1, {{2, false}}),
               node("MapPartitionsRDD", 1, "flatMap @ 10:00:03", 1, {{3, false}}),
               node("BlockRDD", 1, "socketTextStream @ 10:00:03", 1)};
    g.stages = {stage(false, 0, {1}), stage(true, 1)};
    return withIds(g);
}

/// updateStateByKey after its checkpoint (tests/data/lineage/graph-state-after-checkpoint.txt).
LineageGraph stateAfterCheckpoint()
{
    const std::string s11 = "updateStateByKey @ 10:00:11", s10 = "updateStateByKey @ 10:00:10";
    LineageGraph g;
    g.nodes = {node("MapPartitionsRDD", 2, s11, 0, {{1, false}}),
               node("MapPartitionsRDD", 2, s11, 0, {{2, false}}),
               node("MapPartitionsRDD", 2, s11, 0, {{3, false}}),
               node("MapPartitionsRDD", 2, s11, 0, {{4, false}}),
               node("CoGroupedRDD", 2, s11, 0, {{5, false}, {6, false}}),
               node("MapPartitionsRDD", 2, s10, 0, {{7, false}}),
               node("ShuffledRDD", 2, s11, 0, {{8, true}}),
               node("ReliableCheckpointRDD", 2, s10, 0),
               node("MapPartitionsRDD", 1, "map @ 10:00:11", 1, {{9, false}}),
               node("MapPartitionsRDD", 1, "flatMap @ 10:00:11", 1, {{10, false}}),
               node("BlockRDD", 1, "socketTextStream @ 10:00:11", 1)};
    g.nodes[5].checkpointed = true;
    g.stages = {stage(false, 0, {1}), stage(true, 8)};
    return withIds(g);
}

/// A union of two batches' map outputs reduced by key: two map stages beside each other.
LineageGraph unionOfTwoBatches()
{
    LineageGraph g;
    g.nodes = {node("ShuffledRDD", 2, "reduceByKey @ 10:00:05", 0, {{1, true}}),
               node("UnionRDD", 3, "window @ 10:00:05", 1, {{2, false}, {3, false}}),
               node("MapPartitionsRDD", 1, "map @ 10:00:04", 1, {{4, false}}),
               node("MapPartitionsRDD", 2, "map @ 10:00:05", 1, {{5, false}}),
               node("BlockRDD", 1, "socketTextStream @ 10:00:04", 1),
               node("BlockRDD", 2, "socketTextStream @ 10:00:05", 1)};
    g.stages = {stage(false, 0, {1}), stage(true, 1)};
    return withIds(g);
}

/// A join of two shuffled streams whose map sides have different lengths: the longer one starts
/// further left, and the two map stages, overlapping in columns, take two bands.
LineageGraph joinOfTwoShuffles()
{
    LineageGraph g;
    g.nodes = {node("MapPartitionsRDD", 2, "join @ 10:00:02", 0, {{1, false}}),
               node("CoGroupedRDD", 2, "join @ 10:00:02", 0, {{2, true}, {3, true}}),
               node("MapPartitionsRDD", 1, "map @ 10:00:02", 1, {{4, false}}),
               node("MapPartitionsRDD", 1, "filter @ 10:00:02", 2, {{5, false}}),
               node("BlockRDD", 1, "socketTextStream @ 10:00:02", 1),
               node("MapPartitionsRDD", 1, "flatMap @ 10:00:02", 2, {{6, false}}),
               node("BlockRDD", 1, "socketTextStream @ 10:00:02", 2)};
    g.stages = {stage(false, 0, {1, 2}), stage(true, 2), stage(true, 3)};
    return withIds(g);
}

LineageGraph manyPartitions()
{
    LineageGraph g;
    g.nodes = {node("ShuffledRDD", 40, "", 0, {{1, true}}), node("ParallelCollectionRDD", 3, "", 1)};
    g.stages = {stage(false, 0, {1}), stage(true, 1)};
    return withIds(g);
}

bool overlaps(const QRectF &a, const QRectF &b)
{
    return a.intersects(b) && a.intersected(b).width() > 0.01 && a.intersected(b).height() > 0.01;
}

LineageLayoutMetrics metrics()
{
    LineageLayoutMetrics m;
    m.textWidth = [](const std::string &t) { return 7.0 * static_cast<double>(t.size()); };
    return m;
}

} // namespace

class TestLineageLayout : public QObject {
    Q_OBJECT

private slots:
    void layout_data();
    void layout();
    void partitionSquaresAreCapped();
    void emptyGraphHasOnlyMargins();
};

void TestLineageLayout::layout_data()
{
    QTest::addColumn<LineageGraph>("graph");
    QTest::addColumn<QList<int>>("ranks"); // by node
    QTest::addColumn<int>("bands");
    QTest::newRow("wordcount-sources-left-root-right-two-stages-share-one-band")
        << wordCount() << QList<int>{3, 2, 1, 0} << 1;
    // Depths from the root 0..8; the map stage (columns 0-2) overlaps the result stage
    // (columns 2-8, the checkpoint data in column 2), so it takes a band of its own.
    QTest::newRow("state-after-checkpoint-map-stage-in-a-band-of-its-own-under-the-state")
        << stateAfterCheckpoint() << QList<int>{8, 7, 6, 5, 4, 3, 3, 2, 2, 1, 0} << 2;
    QTest::newRow("union-of-two-batches-each-batch-chain-one-column-per-step")
        << unionOfTwoBatches() << QList<int>{3, 2, 1, 1, 0, 0} << 1;
    QTest::newRow("join-longer-map-side-starts-further-left-in-a-second-band")
        << joinOfTwoShuffles() << QList<int>{4, 3, 2, 2, 1, 1, 0} << 2;
    QTest::newRow("many-partitions-one-shuffle") << manyPartitions() << QList<int>{1, 0} << 1;
}

void TestLineageLayout::layout()
{
    QFETCH(LineageGraph, graph);
    QFETCH(QList<int>, ranks);
    QFETCH(int, bands);
    const LineageLayout l = LineageLayout::compute(graph, metrics());
    QCOMPARE(l.boxes.size(), graph.nodes.size());
    QList<int> got;
    for (const auto &b : l.boxes) got << b.rank;
    QCOMPARE(got, ranks);
    QCOMPARE(l.bands, bands);

    // Boxes: none overlaps another; inside the size; one column = one x range.
    const QRectF all(QPointF(0, 0), l.size);
    for (std::size_t i = 0; i < l.boxes.size(); ++i) {
        QVERIFY(all.contains(l.boxes[i].rect));
        for (std::size_t j = i + 1; j < l.boxes.size(); ++j) {
            QVERIFY2(!overlaps(l.boxes[i].rect, l.boxes[j].rect), qPrintable(QStringLiteral("%1 %2").arg(i).arg(j)));
            if (l.boxes[i].rank == l.boxes[j].rank) QCOMPARE(l.boxes[i].rect.left(), l.boxes[j].rect.left());
            if (l.boxes[i].rank < l.boxes[j].rank) QVERIFY(l.boxes[i].rect.right() < l.boxes[j].rect.left());
        }
    }
    // Stage clusters hold their boxes (and their scope clusters) and never overlap each other.
    for (const auto &c : l.stages) {
        QVERIFY(all.contains(c.rect));
        for (int n : c.nodes) QVERIFY(c.rect.contains(l.boxes[static_cast<std::size_t>(n)].rect));
        for (const auto &d : l.stages)
            if (&c != &d && !c.nodes.empty() && !d.nodes.empty()) QVERIFY(!overlaps(c.rect, d.rect));
    }
    // Scope clusters: inside their stage, around their boxes, never overlapping one another,
    // and every box with a scope is in exactly one.
    std::vector<int> scoped(graph.nodes.size(), 0);
    for (const auto &s : l.scopes) {
        const QRectF &stageRect = l.stages[static_cast<std::size_t>(s.stage)].rect;
        QVERIFY(stageRect.contains(s.rect));
        for (int n : s.nodes) {
            QVERIFY(s.rect.contains(l.boxes[static_cast<std::size_t>(n)].rect));
            QCOMPARE(graph.nodes[static_cast<std::size_t>(n)].scope, s.scope);
            ++scoped[static_cast<std::size_t>(n)];
        }
        for (const auto &t : l.scopes)
            if (&s != &t) QVERIFY2(!overlaps(s.rect, t.rect), (s.scope + " / " + t.scope).c_str());
    }
    for (std::size_t i = 0; i < graph.nodes.size(); ++i) QCOMPARE(scoped[i], graph.nodes[i].scope.empty() ? 0 : 1);
    // Edges: one per dependency, from the parent's right side to the child's left side,
    // left to right; exactly the shuffles cross stage boundaries.
    std::size_t deps = 0;
    for (const auto &n : graph.nodes) deps += n.parents.size();
    QCOMPARE(l.edges.size(), deps);
    for (const auto &e : l.edges) {
        const auto &parent = l.boxes[static_cast<std::size_t>(e.parent)].rect;
        const auto &child = l.boxes[static_cast<std::size_t>(e.child)].rect;
        QCOMPARE(e.points.front().x(), parent.right());
        QCOMPARE(e.points.back().x(), child.left());
        for (std::size_t k = 1; k < e.points.size(); ++k) QVERIFY(e.points[k].x() >= e.points[k - 1].x());
        QCOMPARE(e.crossesStages, e.shuffle);
        if (e.shuffle) {
            const QRectF &from = l.stages[static_cast<std::size_t>(graph.nodes[static_cast<std::size_t>(e.parent)].stage)].rect;
            const QRectF &to = l.stages[static_cast<std::size_t>(graph.nodes[static_cast<std::size_t>(e.child)].stage)].rect;
            QVERIFY(!from.contains(e.points.back()));
            QVERIFY(!to.contains(e.points.front()));
        }
    }
    // Deterministic.
    const LineageLayout again = LineageLayout::compute(graph, metrics());
    for (std::size_t i = 0; i < l.boxes.size(); ++i) QCOMPARE(again.boxes[i].rect, l.boxes[i].rect);
    QCOMPARE(again.size, l.size);
    QCOMPARE(l.nodeAt(l.boxes.back().rect.center()), static_cast<int>(l.boxes.size() - 1));
    QCOMPARE(l.nodeAt(QPointF(-5, -5)), -1);
}

void TestLineageLayout::partitionSquaresAreCapped()
{
    LineageLayoutMetrics m = metrics();
    m.maxPartitionSquares = 16;
    const LineageLayout l = LineageLayout::compute(manyPartitions(), m);
    QCOMPARE(l.boxes[0].partitions.size(), std::size_t(16));
    QCOMPARE(l.boxes[0].morePartitions, 24);
    QCOMPARE(l.boxes[1].partitions.size(), std::size_t(3));
    QCOMPARE(l.boxes[1].morePartitions, 0);
    for (const QRectF &sq : l.boxes[0].partitions) QVERIFY(l.boxes[0].rect.contains(sq));
}

void TestLineageLayout::emptyGraphHasOnlyMargins()
{
    const LineageLayout l = LineageLayout::compute(LineageGraph{}, metrics());
    QVERIFY(l.boxes.empty());
    QVERIFY(l.edges.empty());
    QCOMPARE(l.size, QSizeF(20, 20));
}

QTEST_APPLESS_MAIN(TestLineageLayout)
#include "tst_lineagelayout.moc"
