// Qt Test: updateStateByKey and mapWithState, as Spark computes them.
//
// 1. Spark's own Scala cases of MapWithStateSuite (tests/data/scala_cases.json) as data rows; the
//    C++ pipeline of each row is hand-written from the case's Scala text, and nothing expected is
//    computed by the engine. A coverage test fails when a case is neither run nor deferred.
// 2. Behaviour: the state metrics (keys added, updated, removed, timed out) of updateStateByKey
//    and mapWithState, batch by batch.

// moc cannot parse the C++20 standard headers the engine pulls in (<concepts>); it needs none of it.
#ifndef Q_MOC_RUN
#include "windowstatekit.h"
#endif

#include <ctime>

using namespace dsl;
using namespace scalakit;
using namespace wskit;

namespace {

// ---- cases and their bookkeeping ------------------------------------------------------------

const char *const kSuite = "MapWithStateSuite";

/// Cases that are not run at all (none at present; the coverage test keeps the list honest).
const std::vector<Deferred> kDeferred = {};

/// No case is partly deferred.
const std::vector<Deferred> kPartlyDeferred = {};

const CaseFile &cases()
{
    static const CaseFile file = loadCases(kCasesFile, {kSuite});
    return file;
}

// ---- MapWithStateSuite --------------------------------------------------------------------------

/// MapWithStateSuite.getOperationOutput: master "local", batch 1 s, TestInputStream with 2
/// partitions, inputStream.map(x => (x, 1)).mapWithState(spec); collects the mapped stream and
/// stateSnapshots() every batch; checkpoint dir set; runs numBatches batches.
struct MapWithStateRun {
    std::vector<Records> outputs, snapshots;
};

MapWithStateRun runMapWithState(const QJsonObject &c, StateSpec spec, int numBatches,
                                const std::function<void(StateSpec &, Harness &)> &finish = {})
{
    MapWithStateRun run;
    Harness h(batchOf(c), {}, "local");
    if (finish) finish(spec, h);
    DStreamPtr snapshots;
    const DStreamPtr mapped = ops::mapWithState(keyedBy(h.input(c, "input"), 1), std::move(spec), &snapshots);
    ops::foreachRDD(mapped, [&](const RDDPtr &rdd, SimTime) { run.outputs.push_back(h.sc->collect(rdd)); });
    ops::foreachRDD(snapshots, [&](const RDDPtr &rdd, SimTime) { run.snapshots.push_back(h.sc->collect(rdd)); });
    h.setCheckpointDir();
    h.run(numBatches);
    if (h.ssc->hasError()) std::rethrow_exception(h.ssc->takeError());
    h.ssc->stop(false);
    return run;
}

/// MapWithStateSuite.testOperation: outputs and snapshots, batch by batch, as sets.
void checkMapWithState(const QJsonObject &c, StateSpec spec, const Shape &mappedShape,
                       const std::function<void(StateSpec &, Harness &)> &finish = {})
{
    const QJsonArray expected = get(c, "expected").toArray();
    const QJsonArray snapshots = get(c, "expected_state_snapshots").toArray();
    QCOMPARE(expected.size(), snapshots.size());
    const MapWithStateRun run = runMapWithState(c, std::move(spec), static_cast<int>(expected.size()), finish);
    compareBatches(run.outputs, expected, mappedShape, true);
    compareBatches(run.snapshots, snapshots, Tup({S(), S()}), true);
}

void mapWithStateSimple(const QJsonObject &c)
{
    // (key, value: Option[Int], state: State[Int]) => { sum = value.getOrElse(0) + state.getOption.getOrElse(0);
    //   state.update(sum); sum }
    StateSpec spec;
    spec.function = [](SimTime, const Value &, const std::optional<Value> &value, MapState &state) -> std::optional<Value> {
        const long long sum = (value ? value->asInt() : 0) + (state.getOption() ? state.getOption()->asInt() : 0);
        state.update(Value(sum));
        return Value(sum);
    };
    checkMapWithState(c, spec, S());
}

void mapWithStateAdvanced(const QJsonObject &c)
{
    // (batchTime, key, value, state) => { state.update(sum); Some(key * 2) }
    StateSpec spec;
    spec.function = [](SimTime, const Value &key, const std::optional<Value> &value, MapState &state) -> std::optional<Value> {
        const long long sum = (value ? value->asInt() : 0) + (state.getOption() ? state.getOption()->asInt() : 0);
        state.update(Value(sum));
        return Value(std::string(key.asStr()) + std::string(key.asStr()));
    };
    checkMapWithState(c, spec, S());
}

void mapWithStateStatesAsMappedData(const QJsonObject &c)
{
    // (time, key, value, state) => { output = (key, sum); state.update(sum); Some(output) }
    StateSpec spec;
    spec.function = [](SimTime, const Value &key, const std::optional<Value> &value, MapState &state) -> std::optional<Value> {
        const long long sum = (value ? value->asInt() : 0) + (state.getOption() ? state.getOption()->asInt() : 0);
        state.update(Value(sum));
        return Value::pair(key, Value(sum));
    };
    checkMapWithState(c, spec, Tup({S(), S()}));
}

void mapWithStateInitialStates(const QJsonObject &c)
{
    // state.update(sum); None.asInstanceOf[Option[Int]]
    // StateSpec.function(mappingFunc).initialState(sc.makeRDD(Seq(("a", 5), ("b", 10), ("c", -20), ("d", 0))))
    StateSpec spec;
    spec.function = [](SimTime, const Value &, const std::optional<Value> &value, MapState &state) -> std::optional<Value> {
        const long long sum = (value ? value->asInt() : 0) + (state.getOption() ? state.getOption()->asInt() : 0);
        state.update(Value(sum));
        return std::nullopt;
    };
    checkMapWithState(c, spec, S(), [](StateSpec &s, Harness &h) {
        Records initial;
        for (const auto &[k, v] : std::vector<std::pair<const char *, int>>{{"a", 5}, {"b", 10}, {"c", -20}, {"d", 0}})
            initial.push_back(Value::pair(Value(k), Value(v)));
        s.initialState = h.sc->parallelize(std::move(initial));
    });
}

void mapWithStateRemoving(const QJsonObject &c)
{
    // if (state.exists) { state.remove(); Some(key) } else { state.update(value.get); None }
    // StateSpec.function(mappingFunc).numPartitions(1)
    StateSpec spec;
    spec.function = [](SimTime, const Value &key, const std::optional<Value> &value, MapState &state) -> std::optional<Value> {
        if (state.exists()) {
            state.remove();
            return key;
        }
        state.update(value.value());
        return std::nullopt;
    };
    spec.numPartitions = 1;
    checkMapWithState(c, spec, S());
}

void mapWithStateTimingOut(const QJsonObject &c)
{
    // if (value.isDefined) state.update(1); if (state.isTimingOut) Some(key) else None
    // StateSpec.function(mappingFunc).timeout(Seconds(3)); getOperationOutput(inputData, stateSpec, 20)
    const QJsonObject exp = get(c, "expected").toObject();
    StateSpec spec;
    spec.function = [](SimTime, const Value &key, const std::optional<Value> &value, MapState &state) -> std::optional<Value> {
        if (value) state.update(Value(1));
        if (state.isTimingOut()) return key;
        return std::nullopt;
    };
    spec.timeout = Duration(3000);
    const MapWithStateRun run = runMapWithState(c, spec, get(c, "num_batches_run").toInt());
    // collectedOutputs.flatten.sorted === Seq("b", "c")
    Records flat;
    for (const Records &r : run.outputs) flat.insert(flat.end(), r.begin(), r.end());
    std::sort(flat.begin(), flat.end(), engineOrderLess);
    QVERIFY2(flat == batchFromJson(get(exp, "all_outputs_flattened_sorted"), S()), show(flat).c_str());
    // collectedStateSnapshots.contains(Seq(("a", 1), ("b", 1), ("c", 1))): compared as a set, since
    // the order of a state map's entries is the map's own (OpenHashMapBasedStateMap in Spark).
    const Records some = asSet(batchFromJson(get(exp, "some_snapshot_equals"), Tup({S(), S()})));
    QVERIFY(std::any_of(run.snapshots.begin(), run.snapshots.end(), [&](const Records &r) { return asSet(r) == some; }));
    // collectedStateSnapshots.last.toSet === Set(("a", 1))
    QVERIFY(!run.snapshots.empty());
    QVERIFY2(asSet(run.snapshots.back()) == asSet(batchFromJson(get(exp, "last_snapshot"), Tup({S(), S()}))),
             show(run.snapshots.back()).c_str());
}

Duration durationText(const QJsonValue &v)
{
    // "100 ms", "1 s", "20 s"
    const QStringList parts = v.toString().split(QLatin1Char(' '));
    const long long n = parts.value(0).toLongLong();
    return parts.value(1) == QLatin1String("ms") ? Duration(n) : Duration(n * 1000);
}

void mapWithStateCheckpointDurations(const QJsonObject &c)
{
    // testCheckpointDuration(batchDuration, expectedCheckpointDuration, explicitCheckpointDuration)
    for (const QJsonValue &v : get(c, "expected").toArray()) {
        const QJsonObject row = v.toObject();
        const Duration batch = durationText(get(row, "batch"));
        Harness h(batch, {}, "local");
        // new TestInputStream(ssc, Seq.empty[Seq[Int]], 2).map(_ -> 1).mapWithState(StateSpec.function(dummyFunc))
        const DStreamPtr inputStream = keyedBy(h.input(std::vector<std::optional<Records>>{}, 2), 1);
        StateSpec spec;
        spec.function = [](SimTime, const Value &, const std::optional<Value> &, MapState &) -> std::optional<Value> {
            return Value(0);
        };
        const DStreamPtr mapWithStateStream = ops::mapWithState(inputStream, spec);
        const DStreamPtr internal = mapWithStateStream->dependencies().at(0);
        QCOMPARE(QString::fromStdString(internal->className()), QStringLiteral("InternalMapWithStateDStream"));
        if (!get(row, "explicit").isNull()) mapWithStateStream->checkpoint(durationText(get(row, "explicit")));
        ops::foreachRDD(mapWithStateStream, [](const RDDPtr &, SimTime) {}); // register()
        h.setCheckpointDir();
        h.ssc->start(); // should initialize all the checkpoint durations
        const std::string label = "batch " + str(get(row, "batch")) + ", explicit " +
                                  (get(row, "explicit").isNull() ? std::string("none") : str(get(row, "explicit")));
        QVERIFY2(!mapWithStateStream->checkpointDuration().has_value(), label.c_str());
        QVERIFY2(internal->checkpointDuration().has_value(), label.c_str());
        QCOMPARE(internal->checkpointDuration()->ms(), durationText(get(row, "internal_state_stream_checkpoint")).ms());
        h.ssc->stop(false);
    }
}

// ---- runners ---------------------------------------------------------------------------------

const std::map<QString, Runner> &runners()
{
    static const std::map<QString, Runner> table = [] {
        std::map<QString, Runner> t;
        const std::pair<const char *, Runner> mws[] = {
            {"mapWithState - basic operations with simple API", mapWithStateSimple},
            {"mapWithState - basic operations with advanced API", mapWithStateAdvanced},
            {"mapWithState - states as mapped data", mapWithStateStatesAsMappedData},
            {"mapWithState - initial states, with nothing returned as from mapping function", mapWithStateInitialStates},
            {"mapWithState - state removing", mapWithStateRemoving},
            {"mapWithState - state timing out", mapWithStateTimingOut},
            {"mapWithState - checkpoint durations", mapWithStateCheckpointDurations},
        };
        for (const auto &[name, run] : mws) t[QStringLiteral("MapWithStateSuite/") + QString::fromUtf8(name)] = run;
        return t;
    }();
    return table;
}

} // namespace

class TestStateStreams : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qputenv("TZ", "UTC");
        tzset();
        QVERIFY2(cases().error.isEmpty(), cases().error.toUtf8().constData());
        QVERIFY(!cases().order.empty());
    }

    /// Every MapWithStateSuite case of the JSON is run by a row or deferred with a reason (windowstatekit.h).
    void coverage() { checkCoverage(cases(), {kSuite}, runners(), kDeferred, kPartlyDeferred); }

    void mapWithState_data() { addRows(cases(), "MapWithStateSuite", kDeferred); }
    void mapWithState()
    {
        QFETCH(QString, row);
        runRow(cases(), runners(), row);
    }

    // ---- state metrics ----

    void updateStateByKeyMetrics()
    {
        // update = values empty -> None (remove the key), else Some(values.sum + state.getOrElse(0))
        Lab lab(Duration(1000));
        const std::vector<Records> input = {strings({"a", "b"}), strings({"a", "a", "c"}), strings({"c"}), strings({})};
        const DStreamPtr state = ops::updateStateByKey(
            keyedBy(lab.input(input), 1),
            [](SimTime t, const Value &k, const Records &values, const std::optional<Value> &s) -> std::optional<Value> {
                if (values.empty()) return std::nullopt;
                return runningSum(t, k, values, s);
            });
        lab.collect(state);
        lab.run(5);
        QVERIFY(!lab.h.ssc->hasError());
        const auto metrics = dynamic_cast<const StatefulDStreamBase &>(*state).stateMetrics();
        struct Want {
            std::int64_t t, added, updated, removed, timedOut, total;
        };
        // batch 1 [a b]: a=1 b=1 added | 2 [a a c]: a=3 updated, b removed, c=1 added |
        // 3 [c]: a removed, c=2 updated | 4 []: c removed | 5 []: nothing left
        const Want want[] = {{1000, 2, 0, 0, 0, 2}, {2000, 1, 1, 1, 0, 2}, {3000, 0, 1, 1, 0, 1},
                             {4000, 0, 0, 1, 0, 0}, {5000, 0, 0, 0, 0, 0}};
        for (const Want &w : want) {
            QVERIFY2(metrics.count(SimTime(w.t)), ("no metrics at " + std::to_string(w.t)).c_str());
            const StateMetrics &m = metrics.at(SimTime(w.t));
            const std::string at = "batch " + std::to_string(w.t);
            QVERIFY2(m.added == w.added && m.updated == w.updated && m.removed == w.removed && m.timedOut == w.timedOut &&
                         m.totalKeys == w.total,
                     (at + ": added " + std::to_string(m.added) + " updated " + std::to_string(m.updated) + " removed " +
                      std::to_string(m.removed) + " timedOut " + std::to_string(m.timedOut) + " total " + std::to_string(m.totalKeys))
                         .c_str());
        }
        QCOMPARE(asSet(lab.outputs[1].second), asSet(pairs({{"a", 3}, {"c", 1}})));
        QVERIFY(lab.outputs[3].second.empty());
        lab.h.ssc->stop();
    }

    void mapWithStateMetrics()
    {
        // value < 0 -> state.remove(), else state.update(value + state); timeout 2 s; checkpoint
        // every 2 batches, so idle keys are found (full scan) at even batches only
        // (MapWithStateRDD.checkpoint sets doFullScan).
        Lab lab(Duration(1000));
        const std::vector<Records> input = {pairs({{"a", 1}, {"b", 1}}), pairs({{"a", 1}}), pairs({{"b", -1}, {"c", 5}}), {},
                                            pairs({{"c", 1}}), {}, {}, {}};
        StateSpec spec;
        spec.function = [](SimTime, const Value &key, const std::optional<Value> &value, MapState &state) -> std::optional<Value> {
            if (state.isTimingOut()) return Value::pair(key, Value("timed out"));
            if (value->asInt() < 0) {
                state.remove();
                return Value::pair(key, Value("removed"));
            }
            state.update(Value(value->asInt() + (state.exists() ? state.get().asInt() : 0)));
            return std::nullopt;
        };
        spec.timeout = Duration(2000);
        DStreamPtr snapshots;
        const DStreamPtr mapped = ops::mapWithState(lab.input(input), spec, &snapshots);
        mapped->checkpoint(Duration(2000));
        lab.collect(mapped);
        std::vector<Records> snaps;
        ops::foreachRDD(snapshots, [&](const RDDPtr &rdd, SimTime) { snaps.push_back(asSet(lab.h.sc->collect(rdd))); });
        // Step batch by batch, half a batch behind, reading the metrics of the batch just done
        // (they are kept for the stream's remember duration, 4 s here).
        const DStreamPtr internal = checkpointedStreamOf(mapped);
        std::map<SimTime, StateMetrics> metrics;
        lab.h.ssc->start();
        lab.h.ssc->awaitTerminationOrTimeout(Duration(500));
        for (int b = 1; b <= 8; ++b) {
            lab.h.ssc->awaitTerminationOrTimeout(Duration(1000));
            const auto now = dynamic_cast<const StatefulDStreamBase &>(*internal).stateMetrics();
            if (now.count(SimTime(1000LL * b))) metrics[SimTime(1000LL * b)] = now.at(SimTime(1000LL * b));
        }
        QVERIFY(!lab.h.ssc->hasError());
        struct Want {
            std::int64_t t, added, updated, removed, timedOut, total;
        };
        // 1: a, b added | 2: a updated (scan: threshold 0) | 3: b removed, c added |
        // 4: scan, threshold 2000: a (2000) and c (3000) stay | 5: c updated |
        // 6: scan, threshold 4000: a (last update 2000) times out | 7: nothing |
        // 8: scan, threshold 6000: c (5000) times out
        const Want want[] = {{1000, 2, 0, 0, 0, 2}, {2000, 0, 1, 0, 0, 2}, {3000, 1, 0, 1, 0, 2}, {4000, 0, 0, 0, 0, 2},
                             {5000, 0, 1, 0, 0, 2}, {6000, 0, 0, 0, 1, 1}, {7000, 0, 0, 0, 0, 1}, {8000, 0, 0, 0, 1, 0}};
        for (const Want &w : want) {
            QVERIFY2(metrics.count(SimTime(w.t)), ("no metrics at " + std::to_string(w.t)).c_str());
            const StateMetrics &m = metrics.at(SimTime(w.t));
            const std::string at = "batch " + std::to_string(w.t);
            QVERIFY2(m.added == w.added && m.updated == w.updated && m.removed == w.removed && m.timedOut == w.timedOut &&
                         m.totalKeys == w.total,
                     (at + ": added " + std::to_string(m.added) + " updated " + std::to_string(m.updated) + " removed " +
                      std::to_string(m.removed) + " timedOut " + std::to_string(m.timedOut) + " total " + std::to_string(m.totalKeys))
                         .c_str());
        }
        QCOMPARE(lab.outputs[2].second, (Records{Value::pair(Value("b"), Value("removed"))}));
        QCOMPARE(lab.outputs[5].second, (Records{Value::pair(Value("a"), Value("timed out"))}));
        QCOMPARE(lab.outputs[7].second, (Records{Value::pair(Value("c"), Value("timed out"))}));
        QCOMPARE(snaps[4], asSet(pairs({{"a", 2}, {"c", 6}})));
        QCOMPARE(snaps[5], asSet(pairs({{"c", 6}})));
        QVERIFY(snaps[7].empty());
        lab.h.ssc->stop();
    }

    void mapWithStateMetricsCountKeys()
    {
        // Two records of one key in a batch count once: batch 1 [a a b] adds a and b (a = 2);
        // batch 2 [a a] updates a once; batch 3 [b -1, c, c -1]: b removed, c added and removed
        // again within the batch (neither added nor removed).
        Lab lab(Duration(1000));
        const std::vector<Records> input = {pairs({{"a", 1}, {"a", 1}, {"b", 1}}), pairs({{"a", 1}, {"a", 1}}),
                                            pairs({{"b", -1}, {"c", 1}, {"c", -1}})};
        StateSpec spec;
        spec.function = [](SimTime, const Value &, const std::optional<Value> &value, MapState &state) -> std::optional<Value> {
            if (value->asInt() < 0) state.remove();
            else state.update(Value(value->asInt() + (state.exists() ? state.get().asInt() : 0)));
            return std::nullopt;
        };
        const DStreamPtr mapped = ops::mapWithState(lab.input(input), spec);
        lab.collect(mapped);
        lab.run(3);
        QVERIFY(!lab.h.ssc->hasError());
        const auto metrics = dynamic_cast<const StatefulDStreamBase &>(*checkpointedStreamOf(mapped)).stateMetrics();
        const std::vector<std::vector<std::int64_t>> want = {{2, 0, 0, 2}, {0, 1, 0, 2}, {0, 0, 1, 1}};
        for (std::size_t b = 0; b < want.size(); ++b) {
            const StateMetrics &m = metrics.at(SimTime(1000LL * static_cast<long long>(b + 1)));
            QCOMPARE((std::vector<std::int64_t>{m.added, m.updated, m.removed, m.totalKeys}), want[b]);
        }
        lab.h.ssc->stop();
    }
};

QTEST_APPLESS_MAIN(TestStateStreams)
#include "tst_statestreams.moc"
