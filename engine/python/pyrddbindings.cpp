// The `_dstreamlab` module's RDD, DStream and State bindings, and the adapters that run the
// program's Python functions inside tasks and batches (watchdog, capture, error mapping).
#include "interrupt.h"
#include "pybindings.h"
#include "watchdog.h"

#include "engine/kafkadstream.h"
#include "engine/capturerecorder.h"
#include "engine/costmodel.h"
#include "engine/dstreamops.h"
#include "engine/rdds.h"
#include "engine/sparkcontext.h"
#include "engine/statedstreams.h"
#include "engine/windowdstreams.h"

#include <pybind11/functional.h>
#include <pybind11/stl.h>

#include <set>

namespace dsl::python {

namespace {

/// The C++ exception (if any) that a Python error stands for, so that it can pass back
/// through Python callbacks unchanged (a job failure seen inside foreachRDD, say).
std::exception_ptr originalCppError(py::error_already_set &e)
{
    py::object v = e.value();
    if (v && py::hasattr(v, "_dsl_cpp_error")) {
        auto cap = v.attr("_dsl_cpp_error");
        if (py::isinstance<py::capsule>(cap)) {
            auto *p = static_cast<std::exception_ptr *>(cap.cast<py::capsule>().get_pointer());
            if (p) return *p;
        }
    }
    return nullptr;
}

/// Errors of driver-side Python callbacks (transform, foreachRDD functions), as PySpark's
/// TransformFunction reports them: "An exception was raised by Python:\n<traceback>".
[[noreturn]] void rethrowDriverError(py::error_already_set &e)
{
    if (auto orig = originalCppError(e)) std::rethrow_exception(orig);
    UserCodeError u = toUserCodeError(e);
    throw UserCodeError("org.apache.spark.SparkException", "An exception was raised by Python:\n" + u.traceback(),
                        u.traceback(), u.payload());
}

/// Where a job a driver function started returns to it: the outer call's cap (Watchdog::kNestedCap)
/// passed while the job ran raises TaskWatchdogTimeout here, at the function's line that started it.
void deliverWatchdogCap()
{
    Watchdog &w = runtime().watchdog();
    if (!w.takeCapReached()) return;
    PyErr_SetNone(static_cast<PyObject *>(w.exceptionType()));
    throw py::error_already_set();
}

/// A watchdog timeout of a driver-side call names the user's function (TaskWatchdogTimeout.where).
void markDriverTimeout(py::error_already_set &e, const std::string &what)
{
    py::module_ internal = py::module_::import("pyspark._internal");
    if (!what.empty() && e.matches(internal.attr("TaskWatchdogTimeout")) && e.value()) {
        e.value().attr("where") = what;
        e.value().attr("capped") = runtime().watchdog().firedByCap();
    }
}

PartitionFunction pyPartitionFunction(py::object f)
{
    auto holder = std::make_shared<py::object>(std::move(f));
    return [holder](int index, Records &&in, TaskContext &ctx) -> Records {
        PythonRuntime &rt = runtime();
        try {
            TaskScope task(rt, &ctx);
            py::object result = (*holder)(index, toPyList(in));
            return fromPyIterable(result);
        } catch (py::error_already_set &e) {
            if (auto orig = originalCppError(e)) std::rethrow_exception(orig);
            throw toUserCodeError(e);
        }
    };
}

std::function<Records(Records &&)> pyRecordsFunction(py::object f)
{
    auto holder = std::make_shared<py::object>(std::move(f));
    return [holder](Records &&in) -> Records {
        PythonRuntime &rt = runtime();
        try {
            TaskScope task(rt);
            py::object result = (*holder)(toPyList(in));
            return fromPyIterable(result);
        } catch (py::error_already_set &e) {
            throw toUserCodeError(e);
        }
    };
}

/// Reports what a fused call computed for the RDDs it skipped: taps[j] is the output of
/// chain[j + 1] for partition `split`; `last`, when given, is the output of the RDD `lastId`
/// whose partition the call computed (a chain without a map-side combine returns it rather than
/// tapping it). sinks[j], when the chain's root holds input lines (a receiver's block), gives
/// each record of stage j the index of the root record it came from (pyspark.rdd._fused): its
/// provenance. Never throws: a capture must not change the run.
void recordFusedTaps(const std::vector<RDDPtr> &chain, int split, py::handle taps, py::handle sinks = {},
                     const Records *last = nullptr, int lastId = -1)
{
    CaptureRecorder *rec = chain[0]->context().captureRecorder();
    if (!rec || !taps || taps.is_none()) return;
    try {
        const std::vector<std::int64_t> *rootOrigins = chain[0]->inputOrigins(split);
        py::list sinkList = rootOrigins && sinks && !sinks.is_none() ? py::reinterpret_borrow<py::list>(sinks)
                                                                     : py::list();
        std::vector<std::int64_t> inputs;
        auto trace = [&](std::size_t stage, int rddId, const Records &records) {
            if (stage >= sinkList.size()) return;
            py::list sink = sinkList[stage];
            if (sink.size() != records.size()) return;
            inputs.assign(records.size(), -1);
            for (std::size_t i = 0; i < records.size(); ++i) {
                const auto at = sink[i].cast<std::int64_t>();
                if (at >= 0 && static_cast<std::size_t>(at) < rootOrigins->size())
                    inputs[i] = (*rootOrigins)[static_cast<std::size_t>(at)];
            }
            rec->recordOrigins(rddId, split, records, inputs);
        };
        std::size_t j = 0;
        for (auto tap : py::reinterpret_borrow<py::list>(taps)) {
            if (j + 1 >= chain.size()) break;
            const RDD &rdd = *chain[j + 1];
            const bool traced = j < sinkList.size() && rec->wantsOrigins(rdd.id(), split);
            if (traced || rec->wantsPartition(rdd.id(), split)) {
                const Records records = fromPyIterable(tap);
                if (rec->wantsPartition(rdd.id(), split)) rec->recordPartition(rdd.id(), split, records);
                if (traced) trace(j, rdd.id(), records);
            }
            ++j;
        }
        if (last && lastId >= 0 && rec->wantsOrigins(lastId, split)) trace(j, lastId, *last);
    } catch (...) {
        if (PyErr_Occurred()) PyErr_Clear();
    }
}

/// A fused call raised at stage s (pyspark.rdd._fused sets `_dsl_capture = (s, taps)` while
/// capturing): the stages before s computed their records, chain[s + 1..] were being computed.
void recordFusedFailure(const std::vector<RDDPtr> &chain, int split, py::error_already_set &e, const std::string &msg)
{
    CaptureRecorder *rec = chain[0]->context().captureRecorder();
    if (!rec) return;
    try {
        py::object v = e.value();
        if (!v || !py::hasattr(v, "_dsl_capture")) return;
        py::tuple info = v.attr("_dsl_capture");
        py::delattr(v, "_dsl_capture"); // the exception may live on (re-raised on the driver)
        const auto stage = info[0].cast<std::size_t>();
        recordFusedTaps(chain, split, info[1]);
        for (std::size_t j = stage + 1; j < chain.size(); ++j) rec->recordFailure(chain[j]->id(), split, msg);
    } catch (...) {
        if (PyErr_Occurred()) PyErr_Clear();
    }
}

/// A fused chain of Python operators: fn(index, root_records) -> (records, input_counts
/// [, taps, sinks]), run straight from chain[0] while chain[1..] (the skipped intermediates) are
/// not persisted. While capturing, taps holds each skipped RDD's records and sinks their origins
/// (recordFusedTaps; `outId` is the RDD whose partitions the call computes, -1 for a map-side
/// combine); they are converted after the watchdog's scope, so capturing never changes what a
/// task may spend.
std::function<std::optional<Records>(int, TaskContext &)> pyFusedFunction(std::vector<RDDPtr> chain, py::object fn,
                                                                         int outId = -1)
{
    auto holder = std::make_shared<py::object>(std::move(fn));
    return [chain = std::move(chain), holder, outId](int split, TaskContext &ctx) -> std::optional<Records> {
        for (std::size_t i = 1; i < chain.size(); ++i)
            if (chain[i]->storageLevel() != StorageLevel::NONE()) return std::nullopt;
        Records in = chain[0]->iterator(split, ctx);
        PythonRuntime &rt = runtime();
        Records out;
        py::object taps, sinks;
        try {
            TaskScope task(rt, &ctx);
            py::tuple res = (*holder)(split, toPyList(in));
            for (auto c : py::list(res[1]))
                ctx.costNs += c.cast<std::int64_t>() * (cost::nativeRecordNs + cost::pythonRecordNs);
            out = fromPyIterable(res[0]);
            if (res.size() > 2) taps = res[2];
            if (res.size() > 3) sinks = res[3];
        } catch (py::error_already_set &e) {
            if (auto orig = originalCppError(e)) {
                try {
                    std::rethrow_exception(orig);
                } catch (const std::exception &x) {
                    recordFusedFailure(chain, split, e, x.what());
                } catch (...) {
                    recordFusedFailure(chain, split, e, "unknown error");
                }
                std::rethrow_exception(orig);
            }
            UserCodeError u = toUserCodeError(e);
            recordFusedFailure(chain, split, e, u.what());
            throw u;
        }
        recordFusedTaps(chain, split, taps, sinks, &out, outId);
        return out;
    };
}

/// An RDD-level Python function f(a_or_None, b, time_ms) -> RDD or None, for the state and
/// window streams of PySpark (PythonStateDStream, PythonReducedWindowedDStream).
std::function<RDDPtr(const RDDPtr &, const RDDPtr &, SimTime)> pyRddPairFunction(py::object f)
{
    if (f.is_none()) return {};
    auto holder = std::make_shared<py::object>(std::move(f));
    return [holder](const RDDPtr &a, const RDDPtr &b, SimTime t) -> RDDPtr {
        try {
            py::object pa = a ? py::cast(RddHandle{a}) : py::none();
            return fromRddObject((*holder)(pa, RddHandle{b}, t.ms()));
        } catch (py::error_already_set &e) {
            rethrowDriverError(e);
        }
    };
}

/// Builds a DStream whose RDD per batch comes from a Python function(rdds, time_ms) -> RDD.
DStreamPtr pyDerived(const std::vector<DStreamPtr> &parents, const std::string &className, const std::string &op,
                     py::object f, int missingRule)
{
    auto holder = std::make_shared<py::object>(std::move(f));
    auto fn = [holder](const std::vector<RDDPtr> &rdds, SimTime t) -> RDDPtr {
        try {
            py::list l;
            for (const auto &r : rdds) l.append(RddHandle{r});
            py::object out = (*holder)(l, t.ms());
            return fromRddObject(out);
        } catch (py::error_already_set &e) {
            rethrowDriverError(e);
        }
    };
    return std::make_shared<DerivedDStream>(parents, className, op, fn,
                                            static_cast<DerivedDStream::MissingParent>(missingRule));
}

int actionPartitions(const RDDPtr &r, const std::optional<std::vector<int>> &parts, std::vector<int> &out)
{
    if (parts) {
        out = *parts;
    } else {
        for (int i = 0; i < r->numPartitions(); ++i) out.push_back(i);
    }
    return static_cast<int>(out.size());
}

} // namespace

void bindRddsAndStreams(py::module_ &m)
{
    // ---- RDD ----
    py::class_<RddHandle>(m, "RDD")
        .def_property_readonly("id", [](const RddHandle &h) { return h.rdd->id(); })
        .def("numPartitions", [](const RddHandle &h) { return h.rdd->numPartitions(); })
        .def("toDebugString", [](const RddHandle &h) { return h.rdd->toDebugString(); })
        .def("className", [](const RddHandle &h) { return h.rdd->className(); })
        .def("offsetRanges",
             [](const RddHandle &h) -> py::object {
                 // KafkaUtilsPythonHelper.offsetRangesOfKafkaRDD: the one KafkaRDD among the
                 // RDD's narrow ancestors (itself included), its ranges as (topic, partition,
                 // from, until).
                 std::vector<const KafkaRDD *> found;
                 std::vector<const RDD *> todo{h.rdd.get()};
                 std::set<int> seen;
                 while (!todo.empty()) {
                     const RDD *r = todo.back();
                     todo.pop_back();
                     if (!seen.insert(r->id()).second) continue;
                     if (const auto *k = dynamic_cast<const KafkaRDD *>(r)) found.push_back(k);
                     for (const auto &d : r->dependencies())
                         if (!d.isShuffle) todo.push_back(d.rdd.get());
                 }
                 if (found.size() != 1)
                     throw IllegalArgumentException("requirement failed: Cannot get offset ranges, as there may be multiple "
                                                    "Kafka RDDs or no Kafka RDD associated with this RDD, please call this "
                                                    "method only on a Kafka RDD.");
                 const KafkaRDD *k = found.front();
                 py::list out;
                 for (const auto &r : k->offsetRanges())
                     out.append(py::make_tuple(r.tp.topic, r.tp.partition, r.fromOffset, r.untilOffset));
                 return out;
             })
        .def("setName", [](RddHandle &h, const std::string &n) { h.rdd->setName(n); })
        .def("name", [](const RddHandle &h) { return h.rdd->name(); })
        .def("creationSite", [](const RddHandle &h) { return h.rdd->creationSite(); })
        .def("partitionerCount", [](const RddHandle &h) -> std::optional<int> {
            if (h.rdd->partitioner()) return h.rdd->partitioner()->numPartitions();
            return std::nullopt;
        })
        .def("persist", [](RddHandle &h, const std::tuple<bool, bool, bool, bool, int> &l) { h.rdd->persist(levelFrom(l)); })
        .def("unpersist", [](RddHandle &h) { h.rdd->unpersist(); })
        .def("storageLevel", [](const RddHandle &h) { return levelTo(h.rdd->storageLevel()); })
        .def(
            "mapPartitionsWithIndex",
            [](const RddHandle &h, const std::string &op, py::object f, bool preserves, py::object fused,
               const std::vector<RddHandle> &chain) {
                RDDPtr out = ops::mapPartitionsWithIndex(h.rdd, op, pyPartitionFunction(std::move(f)), preserves, true);
                if (!fused.is_none())
                    static_cast<MapPartitionsRDD &>(*out).setFusedCompute(pyFusedFunction(rddList(chain), std::move(fused), out->id()));
                return RddHandle{out};
            },
            py::arg("op"), py::arg("f"), py::arg("preserves"), py::arg("fused") = py::none(),
            py::arg("chain") = std::vector<RddHandle>{})
        .def(
            "combineByKey",
            [](const RddHandle &h, const std::string &op, py::object combineLocally, py::object mergeCombiners,
               int numPartitions, bool mapSideCombine, py::object fused, const std::vector<RddHandle> &chain) {
                Aggregator agg;
                agg.isPython = true;
                agg.combineValuesByKey = pyRecordsFunction(combineLocally);
                agg.combineCombinersByKey = pyRecordsFunction(mergeCombiners);
                if (!fused.is_none()) agg.fusedMapSideCombine = pyFusedFunction(rddList(chain), std::move(fused));
                return RddHandle{ops::combineByKey(h.rdd, agg, Partitioner(numPartitions), mapSideCombine, op)};
            },
            py::arg("op"), py::arg("combineLocally"), py::arg("mergeCombiners"), py::arg("numPartitions"),
            py::arg("mapSideCombine"), py::arg("fused") = py::none(), py::arg("chain") = std::vector<RddHandle>{})
        .def("partitionBy", [](const RddHandle &h, int n) { return RddHandle{ops::partitionBy(h.rdd, Partitioner(n))}; })
        .def("cogroup",
             [](const RddHandle &h, const std::vector<RddHandle> &others, int n, const std::string &op) {
                 std::vector<RDDPtr> all{h.rdd};
                 for (const auto &o : others) all.push_back(o.rdd);
                 return RddHandle{ops::cogroup(h.rdd->context(), all, Partitioner(n), op)};
             })
        .def("repartition", [](const RddHandle &h, int n) { return RddHandle{ops::repartition(h.rdd, n)}; })
        .def("runJob",
             [](const RddHandle &h, std::optional<std::vector<int>> parts, const std::string &site) {
                 std::vector<int> ps;
                 actionPartitions(h.rdd, parts, ps);
                 std::vector<Records> res;
                 {
                     EngineBusyScope busy;
                     res = h.rdd->context().runJob(h.rdd, ps, site);
                 }
                 deliverPendingInterrupt(0);
            deliverWatchdogCap();
                 py::list out;
                 for (const auto &p : res) out.append(toPyList(p));
                 return out;
             })
        .def("take",
             [](const RddHandle &h, long n) {
                 Records r;
                 {
                     EngineBusyScope busy;
                     r = h.rdd->context().take(h.rdd, n);
                 }
                 deliverPendingInterrupt(0);
            deliverWatchdogCap();
                 return toPyList(r);
             })
        .def("count", [](const RddHandle &h) {
            long c;
            {
                EngineBusyScope busy;
                c = h.rdd->context().count(h.rdd);
            }
            deliverPendingInterrupt(0);
            deliverWatchdogCap();
            return c;
        });
    // ---- DStream ----
    py::class_<DStreamHandle>(m, "DStream")
        .def_property_readonly("id", [](const DStreamHandle &h) { return h.stream->id(); })
        .def("slideDurationMs", [](const DStreamHandle &h) { return h.stream->slideDuration().ms(); })
        .def("className", [](const DStreamHandle &h) { return h.stream->className(); })
        .def("creationSite", [](const DStreamHandle &h) { return h.stream->creationSite(); })
        .def("commitAsync",
             [](const DStreamHandle &h, const std::vector<std::tuple<std::string, int, std::int64_t, std::int64_t>> &ranges) {
                 // CanCommitOffsets.commitAsync: only the direct stream itself can commit.
                 auto *direct = dynamic_cast<DirectKafkaInputDStream *>(h.stream.get());
                 if (!direct) throw IllegalArgumentException("commitAsync: not a direct Kafka stream");
                 std::vector<KafkaOffsetRange> rs;
                 for (const auto &[topic, partition, from, until] : ranges)
                     rs.push_back(KafkaOffsetRange{kafka::TopicPartition{topic, partition}, from, until});
                 direct->commitAsync(rs);
             })
        .def("derive",
             [](const DStreamHandle &h, const std::vector<DStreamHandle> &others, const std::string &className,
                const std::string &op, py::object f, int missingRule) {
                 std::vector<DStreamPtr> parents{h.stream};
                 for (const auto &o : others) parents.push_back(o.stream);
                 return DStreamHandle{pyDerived(parents, className, op, std::move(f), missingRule)};
             })
        /// `what`: the user's function as "NAME (FILE:LINE)", named by the watchdog when one
        /// call runs longer than the task timeout on the driver (it would hang the app).
        .def(
            "foreachRDD",
            [](DStreamHandle &h, py::object f, const std::string &op, const std::string &what) {
                auto holder = std::make_shared<py::object>(std::move(f));
                return DStreamHandle{ops::foreachRDD(
                    h.stream,
                    [holder, what](const RDDPtr &rdd, SimTime t) {
                        PythonRuntime &rt = runtime();
                        try {
                            WatchdogScope guard(rt.watchdog(), rt.settings().taskTimeoutMs);
                            (*holder)(RddHandle{rdd}, t.ms());
                        } catch (py::error_already_set &e) {
                            markDriverTimeout(e, what);
                            rethrowDriverError(e);
                        }
                    },
                    op)};
            },
            py::arg("f"), py::arg("op"), py::arg("what") = std::string())
        /// DStream.slice: the RDDs of the valid times in [fromMs, toMs].
        .def("slice",
             [](DStreamHandle &h, long fromMs, long toMs) {
                 std::vector<RddHandle> out;
                 for (const auto &r : h.stream->slice(SimTime(fromMs), SimTime(toMs))) out.push_back(RddHandle{r});
                 return out;
             })
        .def("window", [](DStreamHandle &h, long windowMs, std::optional<long> slideMs) {
            std::optional<Duration> slide;
            if (slideMs) slide = Duration(*slideMs);
            return DStreamHandle{ops::window(h.stream, Duration(windowMs), slide)};
        })
        .def("reducedWindow",
             [](DStreamHandle &h, py::object reduce, py::object inv, long windowMs, long slideMs) {
                 return DStreamHandle{std::make_shared<RddReducedWindowedDStream>(
                     h.stream, pyRddPairFunction(std::move(reduce)), pyRddPairFunction(std::move(inv)),
                     Duration(windowMs), Duration(slideMs))};
             })
        .def("stateStream",
             [](DStreamHandle &h, py::object f, py::object initial) {
                 return DStreamHandle{std::make_shared<RddStateDStream>(h.stream, pyRddPairFunction(std::move(f)),
                                                                        fromRddObject(initial))};
             })
        .def("mapWithState",
             [](DStreamHandle &h, py::object f, std::optional<int> numPartitions, std::optional<long> timeoutMs,
                py::object initial) {
                 auto holder = std::make_shared<py::object>(std::move(f));
                 StateSpec spec;
                 spec.numPartitions = numPartitions;
                 if (timeoutMs) spec.timeout = Duration(*timeoutMs);
                 spec.initialState = fromRddObject(initial);
                 spec.function = [holder](SimTime t, const Value &key, const std::optional<Value> &value,
                                          MapState &state) -> std::optional<Value> {
                     PythonRuntime &rt = runtime();
                     try {
                         TaskScope task(rt);
                         py::object v = value ? toPy(*value) : py::none();
                         py::object r = (*holder)(t.ms(), toPy(key), v, py::cast(&state, py::return_value_policy::reference));
                         if (r.is_none()) return std::nullopt;
                         return fromPy(r);
                     } catch (py::error_already_set &e) {
                         if (auto orig = originalCppError(e)) std::rethrow_exception(orig);
                         throw toUserCodeError(e);
                     }
                 };
                 DStreamPtr snapshots;
                 DStreamPtr mapped = ops::mapWithState(h.stream, std::move(spec), &snapshots);
                 return std::make_pair(DStreamHandle{mapped}, DStreamHandle{snapshots});
             })
        .def("persist", [](DStreamHandle &h, const std::tuple<bool, bool, bool, bool, int> &l) { h.stream->persist(levelFrom(l)); })
        .def("checkpoint", [](DStreamHandle &h, long ms) { h.stream->checkpoint(Duration(ms)); })
        .def("storageLevel", [](const DStreamHandle &h) { return levelTo(h.stream->storageLevel()); });

    // ---- State (mapWithState's State[S]) ----
    py::class_<MapState>(m, "State")
        .def("exists", &MapState::exists)
        .def("get", [](const MapState &s) { return toPy(s.get()); })
        .def("getOption", [](const MapState &s) -> py::object {
            auto v = s.getOption();
            return v ? toPy(*v) : py::none();
        })
        .def("update", [](MapState &s, py::handle v) { s.update(fromPy(v)); })
        .def("remove", &MapState::remove)
        .def("isTimingOut", &MapState::isTimingOut);
}

} // namespace dsl::python
