// Qt Test: a PySpark program's stateful streams let go of the RDDs they forgot, over a long run.
//
// A state stream (updateStateByKey, reduceByKeyAndWindow with an inverse function) builds its
// RDD at t from its RDD at t - slide; PySpark pipelines the Python operators after the cogroup
// into one fused call whose chain holds the cogroup, and through it the previous RDD. A checkpoint
// cuts the lineage every 10 batches (the default interval for 1 s batches) and the stream forgets
// RDDs older than twice that (DStream.clearMetadata). An RDD it forgot must then be freed unless
// the lineage of one it remembers still shows it: as in Spark, where a checkpointed
// MapPartitionsRDD drops its parent and its function (clearDependencies in
// core/src/main/scala/org/apache/spark/rdd/MapPartitionsRDD.scala). Before the fused chain was
// dropped too, every earlier state RDD stayed alive, about 1.3 MB per batch.
//
// (docs/spark-semantics.md §7-§9.) The program runs in this process; after each batch an observer walks the streams and watches
// every RDD they generated through std::weak_ptr.
#ifndef Q_MOC_RUN // moc chokes on the system headers pybind11's include path brings in
#include "engine/dstream.h"
#include "engine/python/pyruntime.h"
#include "engine/streamingcontext.h"
#endif

#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>
#include <set>
#include <utility>
#include <vector>

using namespace dsl;
using namespace Qt::StringLiterals;

namespace {

constexpr SimTime kT0{1'795'514'400'000}; // 2026-11-24 10:00:00 UTC
constexpr int kBatches = 45;

/// What every program of the rows shares: a checkpointed context over `nc -lk 9999`. Each program
/// ends every batch with gc.collect(): the pyspark package's RDD wrappers form reference cycles
/// that only CPython's cyclic collector frees (those of the first batches outlive the run
/// without it); collected, what stays alive is what something still references.
const char *const kPrelude = R"(import gc
import sys
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", appName="StatefulLineage")
ssc = StreamingContext(sc, 1)
ssc.checkpoint(sys.argv[1])
pairs = ssc.socketTextStream("localhost", 9999).flatMap(lambda line: line.split(" ")).map(lambda w: (w, 1))
)";

const char *const kStateProgram = R"(totals = pairs.updateStateByKey(lambda new, last: sum(new) + (last or 0))
totals.pprint()
totals.foreachRDD(lambda rdd: gc.collect())
ssc.start()
ssc.awaitTermination()
)";

const char *const kWindowProgram = R"(windowed = pairs.reduceByKeyAndWindow(lambda a, b: a + b, lambda a, b: a - b, 5, 1)
windowed.pprint()
windowed.foreachRDD(lambda rdd: gc.collect())
ssc.start()
ssc.awaitTermination()
)";

/// Every RDD reachable through dependencies from the RDDs in `rdds`.
void addLineage(const std::map<SimTime, RDDPtr> &rdds, std::set<const RDD *> &out)
{
    std::vector<const RDD *> todo;
    for (const auto &[t, rdd] : rdds) todo.push_back(rdd.get());
    while (!todo.empty()) {
        const RDD *r = todo.back();
        todo.pop_back();
        if (!out.insert(r).second) continue;
        for (const auto &dep : r->dependencies()) todo.push_back(dep.rdd.get());
    }
}

/// After each batch: the RDDs the state streams generated, and how many of those still alive
/// neither are remembered nor in the lineage of one that is.
struct LineageWatcher : SimulationObserver {
    explicit LineageWatcher(Simulation &s) : sim(s) {}
    void onBatchCompleted(const BatchInfo &) override
    {
        StreamingContext *ssc = sim.activeStreamingContext();
        if (!ssc) return;
        std::set<const RDD *> lineage;
        std::vector<DStreamPtr> stateStreams;
        for (const DStreamPtr &s : ssc->graph().allStreams())
            if (s->carriesState()) {
                stateStreams.push_back(s);
                addLineage(s->generatedRDDs(), lineage);
                for (const auto &[t, rdd] : s->generatedRDDs()) seen[{s->id(), t}] = rdd;
            }
        streams = static_cast<int>(stateStreams.size());
        forgotten = 0;
        for (const auto &[key, w] : seen) {
            bool remembered = false;
            for (const DStreamPtr &s : stateStreams)
                if (s->id() == key.first) remembered = s->generatedRDDs().count(key.second) > 0;
            if (!remembered) ++forgotten;
            const RDDPtr held = w.lock();
            if (held && !lineage.count(held.get())) ++heldOutsideTheLineage;
        }
        ++batches;
    }
    Simulation &sim;
    std::map<std::pair<int, SimTime>, std::weak_ptr<RDD>> seen;
    int streams = 0;
    int batches = 0;
    int forgotten = 0;             ///< at the last batch
    int heldOutsideTheLineage = 0; ///< over the whole run
};

} // namespace

class TestPyLineage : public QObject {
    Q_OBJECT

private slots:
    void forgottenStateRddsAreFreed_data();
    void forgottenStateRddsAreFreed();
};

void TestPyLineage::forgottenStateRddsAreFreed_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("lastTotals"); // pprint's last block holds this record
    QTest::newRow("updateStateByKey-state-rdds-are-freed-once-forgotten")
        << QString::fromUtf8(kStateProgram) << u"('spark', %1)"_s.arg(2 * kBatches);
    QTest::newRow("reduceByKeyAndWindow-with-inverse-window-rdds-are-freed-once-forgotten")
        << QString::fromUtf8(kWindowProgram) << u"('spark', 10)"_s;
}

void TestPyLineage::forgottenStateRddsAreFreed()
{
    QFETCH(QString, program);
    QFETCH(QString, lastTotals);
    python::RunSettings settings;
    settings.pythonPackageDir = DSTREAMLAB_PYTHON_PACKAGE_DIR;
    settings.sim.startTime = kT0;
    // The one interpreter of this process (CPython initializes once), reset for each row.
    static python::PythonRuntime *rt = nullptr;
    if (!rt) rt = new python::PythonRuntime(settings);
    else rt->reset(settings);
    std::string out, err;
    rt->stdoutSink = [&](const std::string &s) { out += s; };
    rt->stderrSink = [&](const std::string &s) { err += s; };
    LineageWatcher watcher(rt->simulation());
    rt->simulation().addObserver(&watcher);
    rt->simulation().inputLog().listen(9999);
    for (int b = 0; b < kBatches; ++b)
        rt->simulation().inputLog().addLine(kT0 + Duration(300 + 1000LL * b), "spark streaming spark", 9999);
    QTemporaryDir checkpoint;
    QVERIFY(checkpoint.isValid());
    const python::RunStatus status = rt->runSource(kPrelude + program.toStdString(), "stateful.py", {checkpoint.path().toStdString()});
    rt->simulation().removeObserver(&watcher);
    QVERIFY2(status == python::RunStatus::Ok, err.c_str());
    const qsizetype lastBlock = QString::fromStdString(out).lastIndexOf(u"Time: "_s);
    QVERIFY2(QString::fromStdString(out).mid(lastBlock).contains(lastTotals), out.c_str());
    QVERIFY(watcher.streams >= 1);
    QVERIFY(watcher.batches >= kBatches);
    // Remembered: 20 batches (twice the checkpoint interval) per state stream; the rest was
    // forgotten, so the check below ran over them.
    QVERIFY2(watcher.forgotten >= watcher.streams * (kBatches - 21), qPrintable(QString::number(watcher.forgotten)));
    QCOMPARE(watcher.heldOutsideTheLineage, 0);
}

QTEST_GUILESS_MAIN(TestPyLineage)
#include "tst_pylineage.moc"
