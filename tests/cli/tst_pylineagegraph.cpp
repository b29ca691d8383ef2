// Qt Test: the lineage graph (LineageGraph) a capture records for a real PySpark program — RDD
// classes, partitions, narrow and shuffle dependencies, scopes, stages, cache and checkpoint marks —
// against goldens written by hand in tests/data/lineage/graph-*.txt (tests/data/README.md).
//
// The rules the goldens follow (derivations beside each row below):
// - Every RDD a DStream generates for batch t gets the stream's scope "<op> @ <hh:mm:ss of t>" and
//   the stream's creation site as call site (DStream.getOrCompute sets the call site, and
//   createRDDWithLocalProperties the scope; the innermost stream wins), docs/spark-semantics.md §10.2.
// - Nodes are listed breadth-first from the stream's RDD, parents in dependency order.
// - DAGScheduler: the result stage holds the root and what it reaches through narrow
//   dependencies; each shuffle dependency ends a ShuffleMapStage at its parent.
// - Stage ids come from the engine's jobs: each job takes a new id for its result stage, and a
//   shuffle's map stage takes one the first time a job needs it (SparkContext::runJob).
#ifndef Q_MOC_RUN // moc chokes on the system headers pybind11's include path brings in
#include "engine/lineagegraph.h"
#include "engine/python/pyruntime.h"
#include "engine/streamingcontext.h"
#include "engine/timeformat.h"
#endif

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace dsl;
using namespace Qt::StringLiterals;

namespace {

constexpr SimTime kT0{1'795'514'400'000}; // 2026-11-24 10:00:00 UTC

struct LineageObserver : SimulationObserver {
    explicit LineageObserver(Simulation &s) : sim(s) {}
    bool wantsRddCapture() const override { return true; }
    void onRddsCaptured(const std::vector<RddCapture> &c) override
    {
        for (const auto &cap : c) last[{cap.streamId, cap.batchTime}] = cap.lineage;
    }
    void onBatchCompleted(const BatchInfo &) override
    {
        if (StreamingContext *ssc = sim.activeStreamingContext())
            for (const DStreamPtr &s : ssc->graph().allStreams()) classes[s->id()] = s->className();
    }
    Simulation &sim;
    std::map<std::pair<int, SimTime>, std::shared_ptr<const LineageGraph>> last; ///< the newest capture
    std::map<int, std::string> classes; ///< stream id -> DStream class
};

/// The graph as the golden files write it (ids: with RDD and stage ids; else whether a stage
/// id is assigned, for runs whose job count is not the point).
QString describe(const LineageGraph &g, bool ids)
{
    std::string s;
    for (std::size_t i = 0; i < g.nodes.size(); ++i) {
        const LineageNode &n = g.nodes[i];
        s += "node " + std::to_string(i) + " " + n.className + (ids ? "[" + std::to_string(n.rddId) + "]" : "") + " at " +
             n.callSite + "; partitions " + std::to_string(n.numPartitions) + "; scope " + n.scope + "; stage " +
             std::to_string(n.stage);
        if (n.cached()) s += "; cached " + n.storageLevel + " (" + std::to_string(n.cachedPartitions) + " in memory)";
        if (n.checkpointMarked && !n.checkpointed) s += "; checkpoint marked";
        if (n.checkpointed) s += "; checkpointed";
        if (n.parentsOmitted) s += "; parents omitted";
        s += "\n";
        for (const auto &e : n.parents) s += "  <- " + std::to_string(e.parent) + (e.shuffle ? " shuffle" : " narrow") + "\n";
    }
    for (std::size_t k = 0; k < g.stages.size(); ++k) {
        const LineageStage &st = g.stages[k];
        s += "stage " + std::to_string(k) + (st.isShuffleMap ? " shuffle map" : " result");
        if (st.isShuffleMap) {
            s += ids ? ", id " + std::to_string(st.stageId) : (st.stageId >= 0 ? ", id assigned" : ", no id");
            if (st.outputsAvailable) s += ", outputs available";
        }
        s += "; ends at node " + std::to_string(st.output);
        if (!st.parents.empty()) {
            s += "; parents";
            for (int p : st.parents) s += " " + std::to_string(p);
        }
        s += "\n";
    }
    if (g.truncated) s += "truncated\n";
    return QString::fromStdString(s);
}

/// The golden without its comment lines.
QString golden(const QString &name)
{
    QFile f(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/tests/data/lineage/") + name);
    if (!f.open(QIODevice::ReadOnly)) return u"<missing "_s + name + u">"_s;
    QStringList kept;
    for (const QString &line : QString::fromUtf8(f.readAll()).split(u'\n'))
        if (!line.startsWith(u'#') && !line.isEmpty()) kept << line;
    return kept.join(u'\n') + u'\n';
}

python::PythonRuntime &runtime(const python::RunSettings &settings)
{
    static python::PythonRuntime *rt = nullptr;
    if (!rt) rt = new python::PythonRuntime(settings);
    else rt->reset(settings);
    return *rt;
}

/// The course's word count, lessons/01-network-wordcount/program.py as it is.
QString lessonProgram()
{
    QFile f(QStringLiteral(DSTREAMLAB_SOURCE_DIR "/lessons/01-network-wordcount/program.py"));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

/// A window with an inverse function and a running total over one word-pair stream, with a
/// checkpoint directory (argv[1]). Line numbers matter: the call sites name them.
const char *const kWindowState = R"(import sys
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", appName="WindowState")
ssc = StreamingContext(sc, 1)
ssc.checkpoint(sys.argv[1])
lines = ssc.socketTextStream("localhost", 9999)
words = lines.flatMap(lambda line: line.split(" "))
pairs = words.map(lambda w: (w, 1))
windowed = pairs.reduceByKeyAndWindow(lambda a, b: a + b, lambda a, b: a - b, 5, 1)
totals = pairs.updateStateByKey(lambda new, last: sum(new) + (last or 0))
windowed.pprint()
totals.pprint()
ssc.start()
ssc.awaitTermination()
)";

} // namespace

class TestPyLineageGraph : public QObject {
    Q_OBJECT

private slots:
    void graphOfABatch_data();
    void graphOfABatch();
};

void TestPyLineageGraph::graphOfABatch_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("input");     // "MS\tTEXT", ms after 10:00:00
    QTest::addColumn<QString>("streamClass");   // the DStream whose RDD is the root
    QTest::addColumn<int>("batch");             // seconds after 10:00:00
    QTest::addColumn<bool>("ids");
    QTest::addColumn<QString>("goldenFile");
    // lessons/01's input.txt: batch 10:00:03 holds the line at 2.4 s only (one block).
    QTest::newRow("wordcount-batch-3-reduceByKey-shuffles-the-pipelined-map-stage")
        << lessonProgram()
        << QStringList{u"500\thello spark hello"_s, u"1200\thello world"_s, u"1700\tspark streaming is fast"_s,
                       u"2400\t你好 spark 你好"_s, u"3100\thello 你好 streaming"_s}
        << u"ShuffledDStream"_s << 3 << true << u"graph-wordcount-batch3.txt"_s;
    QStringList everySecond;
    for (int b = 0; b < 12; ++b) everySecond << u"%1\tspark streaming spark"_s.arg(300 + 1000 * b);
    QTest::newRow("state-after-its-checkpoint-reads-the-checkpoint-instead-of-older-batches")
        << QString::fromUtf8(kWindowState) << everySecond << u"PythonStateDStream"_s << 11 << false
        << u"graph-state-after-checkpoint.txt"_s;
}

void TestPyLineageGraph::graphOfABatch()
{
    QFETCH(QString, program);
    QFETCH(QStringList, input);
    QFETCH(QString, streamClass);
    QFETCH(int, batch);
    QFETCH(bool, ids);
    QFETCH(QString, goldenFile);
    QVERIFY(!program.isEmpty());
    python::RunSettings settings;
    settings.pythonPackageDir = DSTREAMLAB_PYTHON_PACKAGE_DIR;
    settings.sim.startTime = kT0;
    python::PythonRuntime &rt = runtime(settings);
    std::string out, err;
    rt.stdoutSink = [&](const std::string &s) { out += s; };
    rt.stderrSink = [&](const std::string &s) { err += s; };
    LineageObserver obs(rt.simulation());
    rt.simulation().addObserver(&obs);
    rt.simulation().inputLog().listen(9999);
    for (const QString &l : input) {
        const auto tab = l.indexOf(u'\t');
        rt.simulation().inputLog().addLine(kT0 + Duration(l.left(tab).toLongLong()), l.mid(tab + 1).toStdString(), 9999);
    }
    QTemporaryDir checkpoint;
    const python::RunStatus status = rt.runSource(program.toStdString(), "program.py", {checkpoint.path().toStdString()});
    rt.simulation().removeObserver(&obs);
    QVERIFY2(status == python::RunStatus::Ok, err.c_str());
    int streamId = -1;
    for (const auto &[id, cls] : obs.classes)
        if (QString::fromStdString(cls) == streamClass) streamId = id;
    QVERIFY2(streamId >= 0, qPrintable(streamClass));
    const auto it = obs.last.find({streamId, kT0 + Duration(1000LL * batch)});
    QVERIFY(it != obs.last.end());
    QVERIFY(it->second);
    const QString got = describe(*it->second, ids);
    const QString want = golden(goldenFile);
    // Line by line, so that a failure names the first line that differs.
    const QStringList gotLines = got.split(u'\n'), wantLines = want.split(u'\n');
    for (qsizetype i = 0; i < std::min(gotLines.size(), wantLines.size()); ++i)
        QCOMPARE(gotLines[i], wantLines[i]);
    QCOMPARE(got, want);
}

QTEST_GUILESS_MAIN(TestPyLineageGraph)
#include "tst_pylineagegraph.moc"
