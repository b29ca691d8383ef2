// Shared fixtures of the window, state and checkpoint tests (tst_windowops, tst_statestreams,
// tst_checkpoints, tst_recovery): the functions the pipelines use, the TestSuiteBase-like Lab, the
// stateful stream families, and the bookkeeping of Spark's Scala cases (rows, runners, coverage).
#pragma once

// moc cannot parse the C++20 standard headers the engine pulls in (<concepts>); it needs none of it.
#ifndef Q_MOC_RUN
#include "engine/checkpoint.h"
#include "engine/statedstreams.h"
#include "engine/windowdstreams.h"
#endif

#include "scalacaseskit.h"

#include <QStringList>

#include <functional>
#include <initializer_list>
#include <map>
#include <vector>

namespace wskit {

using namespace dsl;
using namespace scalakit;

// ---- cases and their bookkeeping ------------------------------------------------------------

inline bool listed(const std::vector<Deferred> &list, const QString &row)
{
    return std::any_of(list.begin(), list.end(), [&](const Deferred &d) { return row == QString::fromUtf8(d.name); });
}

/// Runs one Scala case (a row of tests/data/scala_cases.json) by its name.
using Runner = std::function<void(const QJsonObject &)>;

/// The rows of `suite` that are not deferred, in the JSON's order.
inline void addRows(const CaseFile &cases, const char *suite, const std::vector<Deferred> &deferred)
{
    QTest::addColumn<QString>("row");
    for (const QString &row : cases.order)
        if (row.startsWith(QLatin1String(suite) + QLatin1Char('/')) && !listed(deferred, row))
            QTest::newRow(row.toUtf8().constData()) << row;
}

inline void runRow(const CaseFile &cases, const std::map<QString, Runner> &runners, const QString &row)
{
    const auto it = runners.find(row);
    if (it == runners.end()) QFAIL(("no C++ runner for " + row.toStdString()).c_str());
    try {
        it->second(cases.byRow.at(row));
    } catch (const ShapeError &e) {
        QFAIL(("test data does not fit the declared shape: " + e.what).c_str());
    } catch (const std::exception &e) {
        QFAIL((std::string("unexpected exception: ") + e.what()).c_str());
    }
}

/// Every case of `suites` in the JSON is run by a row or deferred with a reason; partly deferred
/// cases are run; no runner or deferral names a case that is not in the JSON.
inline void checkCoverage(const CaseFile &cases, std::initializer_list<const char *> suites,
                          const std::map<QString, Runner> &runners, const std::vector<Deferred> &deferred,
                          const std::vector<Deferred> &partlyDeferred)
{
    QStringList uncovered, both, partlyNotRun;
    for (const QString &row : cases.order) {
        const bool run = runners.count(row) > 0, isDeferred = listed(deferred, row), partly = listed(partlyDeferred, row);
        if (!run && !isDeferred) uncovered << row;
        if (run && isDeferred) both << row;
        if (partly && !run) partlyNotRun << row;
    }
    QVERIFY2(uncovered.isEmpty(), ("cases neither run nor deferred: " + uncovered.join(QStringLiteral("; ")).toStdString()).c_str());
    QVERIFY2(both.isEmpty(), ("cases both run and deferred: " + both.join(QStringLiteral("; ")).toStdString()).c_str());
    QVERIFY2(partlyNotRun.isEmpty(), ("partly deferred cases not run: " + partlyNotRun.join(QStringLiteral("; ")).toStdString()).c_str());
    for (const auto &[row, run] : runners)
        QVERIFY2(cases.byRow.count(row), ("runner for a case not in the JSON: " + row.toStdString()).c_str());
    for (const auto *list : {&deferred, &partlyDeferred})
        for (const Deferred &d : *list) {
            QVERIFY2(cases.byRow.count(QString::fromUtf8(d.name)), (std::string("deferred case not in the JSON: ") + d.name).c_str());
            QVERIFY(std::string(d.reason).size() > 0);
        }
    // Every suite has cases (a renamed suite would otherwise pass silently).
    for (const char *suite : suites)
        QVERIFY2(std::any_of(cases.order.begin(), cases.order.end(),
                             [&](const QString &r) { return r.startsWith(QLatin1String(suite) + QLatin1Char('/')); }),
                 suite);
    for (const Deferred &d : deferred) qInfo("deferred: %s -- %s", d.name, d.reason);
    for (const Deferred &d : partlyDeferred) qInfo("partly deferred: %s -- %s", d.name, d.reason);
}

// ---- functions used by the pipelines -----------------------------------------------------------

inline Value plus(const Value &a, const Value &b)
{
    return Value(a.asInt() + b.asInt());
}
inline Value minus(const Value &a, const Value &b)
{
    return Value(a.asInt() - b.asInt());
}
inline DStreamPtr keyedBy(const DStreamPtr &s, Value v)
{
    return ops::map(s, [v](const Value &x) { return Value::pair(x, v); });
}
inline Duration secondsOf(const QJsonValue &v)
{
    return Duration(std::llround(v.toDouble() * 1000.0));
}
/// updateFunc = (values: Seq[Int], state: Option[Int]) => Some(values.sum + state.getOrElse(0))
inline std::optional<Value> runningSum(SimTime, const Value &, const Records &values, const std::optional<Value> &state)
{
    long long sum = state ? state->asInt() : 0;
    for (const Value &v : values) sum += v.asInt();
    return Value(sum);
}
/// Scala's x.toSet for a Seq value: a sorted list without duplicates (SetOf in the JSON shape).
inline Value toSet(const Value &seq)
{
    Records items(seq.itemsBegin(), seq.itemsEnd());
    return Value::list(asSet(std::move(items)));
}

// ---- cases run through TestSuiteBase.testOperation (WindowOperationsSuite, CheckpointSuite) ---------

/// A case run through TestSuiteBase.testOperation: input records of type `in`, output records of
/// type `out`, the pipeline written from the case's Scala text (window/slide from the case).
struct Operation {
    Shape in, out;
    std::function<DStreamPtr(Harness &h, const DStreamPtr &s, Duration window, Duration slide)> build;
    std::string master = "local[2]";
};
/// TestSuiteBase.testOperation(input, operation, expectedOutput, numBatches, useSet = true),
/// with the checkpoint directory setupStreams always sets.
inline void runOperation(const QJsonObject &c, const Operation &op)
{
    Harness h(batchOf(c), {}, op.master);
    h.setCheckpointDir();
    const Duration window = get(c, "window_s").isUndefined() ? h.batch : secondsOf(get(c, "window_s"));
    const Duration slide = get(c, "slide_s").isUndefined() ? h.batch : secondsOf(get(c, "slide_s"));
    h.collect(op.build(h, h.input(c, "input", op.in), window, slide));
    h.run(get(c, "num_batches_run").toInt());
    QVERIFY2(!h.ssc->hasError(), "a job failed");
    compareBatches(h.collected, get(c, "expected").toArray(), op.out, get(c, "order_insensitive").toBool());
    h.ssc->stop();
}

/// Row name -> runner, for a suite whose rows are all `Operation`s (`ops` must outlive the table).
inline std::map<QString, Runner> operationRunners(const std::map<QString, Operation> &ops)
{
    std::map<QString, Runner> t;
    for (const auto &[row, op] : ops) {
        const Operation *p = &op;
        t[row] = [p](const QJsonObject &c) { runOperation(c, *p); };
    }
    return t;
}

// ---- helpers for the behaviour tests ----------------------------------------------------------

/// A TestSuiteBase-like "JVM" (local[2], clock at 0) without JSON.
struct Lab {
    explicit Lab(Duration batch, bool withCheckpointDir = true) : h(batch)
    {
        if (withCheckpointDir) h.setCheckpointDir();
    }
    /// An input stream of keyed or plain records, one Records per batch (empty once they run out).
    DStreamPtr input(std::vector<Records> batches)
    {
        std::vector<std::optional<Records>> b(batches.begin(), batches.end());
        return h.input(std::move(b), 2);
    }
    /// Collects `s` every batch it produces an RDD, with the batch time.
    void collect(const DStreamPtr &s)
    {
        ops::foreachRDD(s, [this](const RDDPtr &rdd, SimTime t) { outputs.emplace_back(t, h.sc->collect(rdd)); });
    }
    /// Starts, then runs exactly `n` batches (the clock stops before batch n + 1).
    void run(int n) { h.run(n); }
    Harness h;
    std::vector<std::pair<SimTime, Records>> outputs;
};

inline Records strings(std::initializer_list<const char *> items)
{
    Records r;
    for (const char *s : items) r.emplace_back(s);
    return r;
}
inline Records ints(std::initializer_list<int> items)
{
    Records r;
    for (int i : items) r.emplace_back(i);
    return r;
}
inline Records pairs(std::vector<std::pair<const char *, int>> items)
{
    Records r;
    for (const auto &[k, v] : items) r.push_back(Value::pair(Value(k), Value(v)));
    return r;
}

/// Number of RDD nodes printed by toDebugString (each line naming an RDD "...RDD[<id>] at ...").
inline int debugStringNodes(const RDDPtr &rdd)
{
    int n = 0;
    for (const QString &line : QString::fromStdString(rdd->toDebugString()).split(QLatin1Char('\n')))
        if (line.contains(QStringLiteral("RDD["))) ++n;
    return n;
}

inline std::vector<std::int64_t> msOf(const std::vector<SimTime> &times)
{
    std::vector<std::int64_t> out;
    for (SimTime t : times) out.push_back(t.ms());
    return out;
}

using Ms = std::vector<std::int64_t>;

inline QStringList sl(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *s : items) out << QString::fromUtf8(s);
    return out;
}

/// The stream families that must be checkpointed (mustCheckpoint = true).
enum class Stateful { UpdateStateByKey, MapWithState, ReduceByKeyAndWindowInv, CountByWindow, CountByValueAndWindow, ReduceByWindowInv };

/// Builds a stateful pipeline over `s` (pairs of (word, 1)), returns the stream to register.
inline DStreamPtr buildStateful(Stateful kind, const DStreamPtr &pairStream, Duration window, Duration slide)
{
    switch (kind) {
    case Stateful::UpdateStateByKey: return ops::updateStateByKey(pairStream, runningSum);
    case Stateful::MapWithState: {
        StateSpec spec;
        spec.function = [](SimTime, const Value &, const std::optional<Value> &value, MapState &state) -> std::optional<Value> {
            state.update(Value((value ? value->asInt() : 0) + (state.exists() ? state.get().asInt() : 0)));
            return state.get();
        };
        return ops::mapWithState(pairStream, spec);
    }
    case Stateful::ReduceByKeyAndWindowInv: return ops::reduceByKeyAndWindow(pairStream, plus, minus, window, slide);
    case Stateful::CountByWindow: return ops::countByWindow(pairStream, window, slide);
    case Stateful::CountByValueAndWindow: return ops::countByValueAndWindow(pairStream, window, slide);
    case Stateful::ReduceByWindowInv:
        return ops::reduceByWindow(ops::map(pairStream, [](const Value &kv) { return kv.value(); }), plus, minus, window, slide);
    }
    return {};
}

/// The stream that carries the checkpoint interval: the stateful stream itself, or
/// mapWithState's InternalMapWithStateDStream, or the ReducedWindowedDStream under a map.
inline DStreamPtr checkpointedStreamOf(const DStreamPtr &built)
{
    std::vector<DStreamPtr> todo{built};
    while (!todo.empty()) {
        DStreamPtr s = todo.back();
        todo.pop_back();
        if (s->mustCheckpoint()) return s;
        for (const auto &p : s->dependencies()) todo.push_back(p);
    }
    return {};
}

} // namespace wskit

Q_DECLARE_METATYPE(wskit::Stateful)
