// The `_dstreamlab` embedded module that the bundled pyspark package drives: its functions, the
// driver's waits (the engine's run loop, paced by the host), SparkContext and StreamingContext.
// RDD, DStream and State are bound in pyrddbindings.cpp.
#include "countingiter.h"
#include "interrupt.h"
#include "pybindings.h"
#include "watchdog.h"

#include "engine/costmodel.h"
#include "engine/dstreamops.h"
#include "engine/runloop.h"
#include "engine/sparkcontext.h"
#include "engine/streamingcontext.h"

#include <pybind11/embed.h>
#include <pybind11/functional.h>
#include <pybind11/stl.h>

namespace dsl::python {

PythonRuntime &runtime()
{
    auto *rt = PythonRuntime::current();
    if (!rt) throw std::runtime_error("DStream Lab runtime is not initialized");
    // The engine is single-threaded: a thread the program started must not enter it while the
    // program's thread runs a step (docs/hostile-programs.md).
    if (!rt->onProgramThread())
        throw std::runtime_error("pyspark was called from a thread the program started: DStream Lab's simulated Spark "
                                 "runs on the program's main thread only (a thread may compute, print and sleep, but "
                                 "not use SparkContext, StreamingContext, RDDs or DStreams)");
    return *rt;
}

StorageLevel levelFrom(const std::tuple<bool, bool, bool, bool, int> &t)
{
    return StorageLevel{std::get<0>(t), std::get<1>(t), std::get<2>(t), std::get<3>(t), std::get<4>(t)};
}

std::tuple<bool, bool, bool, bool, int> levelTo(const StorageLevel &l)
{
    return {l.useDisk, l.useMemory, l.useOffHeap, l.deserialized, l.replication};
}

RDDPtr fromRddObject(py::handle o)
{
    if (o.is_none()) return nullptr;
    return o.cast<RddHandle &>().rdd;
}

std::vector<RDDPtr> rddList(const std::vector<RddHandle> &hs)
{
    std::vector<RDDPtr> out;
    for (const auto &h : hs) out.push_back(h.rdd);
    return out;
}

namespace {

/// Ends the program as a finished run (pyspark._internal.RunComplete).
[[noreturn]] void raiseRunComplete(const char *why)
{
    py::object complete = py::module_::import("pyspark._internal").attr("RunComplete");
    PyErr_SetString(complete.ptr(), why);
    throw py::error_already_set();
}

/// The Pacer the driver's waits run the engine's loop with. The host's pacer
/// (PythonRuntime::pacer) decides how far simulated time may go; the bridge adds the delivery of
/// a pending Ctrl-C after each event, between two events (the wait's own EngineBusyScope is
/// open), whatever the host. A host that ends the run makes the wait raise RunComplete.
class DriverPacer final : public Pacer {
public:
    explicit DriverPacer(PythonRuntime &rt) : m_host(rt.pacer()) {}
    bool allow(SimTime upTo) override { return m_host.allow(upTo); }
    void afterEvent() override
    {
        m_host.afterEvent();
        deliverPendingInterrupt(1);
    }

private:
    Pacer &m_host;
};

/// The loop's ends that end the program as a finished run (pyspark._internal.RunComplete).
void finishIfRunEnded(AwaitEnd end, const char *atPolicyEnd)
{
    switch (end) {
    case AwaitEnd::Drained:
    case AwaitEnd::EndTimeReached: raiseRunComplete(atPolicyEnd);
    case AwaitEnd::HostEnded: raiseRunComplete("stopped by DStream Lab");
    // Nothing can happen any more; an endless wait ends the run.
    case AwaitEnd::NothingLeft: raiseRunComplete("nothing left to simulate");
    case AwaitEnd::Stopped:
    case AwaitEnd::DeadlineReached: break;
    }
}

/// Ends a polling loop that can never see anything again (PythonRuntime::noteTimedWait),
/// saying so on stderr.
void endPollingLoop(PythonRuntime &rt, bool idle, const std::string &site, const char *what)
{
    if (!rt.settings().finishWhenInputDone || rt.settings().maxDuration) idle = false;
    if (!rt.noteTimedWait(idle, site)) return;
    if (rt.stderrSink)
        rt.stderrSink("DStream Lab: all input is processed and the program keeps polling (" + std::string(what) +
                      " in a loop at " + site + ", " + std::to_string(PythonRuntime::kIdlePollLimit) +
                      " idle waits in a row): the run ends here, as if the driver had been stopped. "
                      "Use --seconds S to let it run longer.\n");
    raiseRunComplete("endless polling loop");
}

} // namespace

} // namespace dsl::python

using namespace dsl;
using namespace dsl::python;

PYBIND11_EMBEDDED_MODULE(_dstreamlab, m)
{
    m.doc() = "DStream Lab engine bindings used by the bundled pyspark package";
    // counted(iterable): a fused pipeline's per-stage record counter (countingiter.h).
    PyObject *counted = makeCountedType();
    if (!counted) throw py::error_already_set();
    m.attr("counted") = py::reinterpret_steal<py::object>(counted);

    m.def("output", [](const std::string &text) { runtime().simulation().output(text); });
    m.def("stderr_write", [](const std::string &text) {
        auto &rt = runtime();
        if (rt.stderrSink) rt.stderrSink(text);
    });
    m.def("log", [](const std::string &level, const std::string &source, const std::string &msg) {
        LogLevel l = level == "ERROR" ? LogLevel::Error : level == "WARN" ? LogLevel::Warn : LogLevel::Info;
        runtime().simulation().log(l, source, msg);
    });
    m.def("now_ms", [] { return runtime().simulation().now().ms(); });
    m.def("start_ms", [] { return runtime().startTime().ms(); });
    m.def("dispatching", [] { return runtime().simulation().isDispatching(); });
    /// True inside a task's Python function (TaskScope): what PySpark runs on a worker.
    m.def("in_task", [] { return runtime().taskDepth > 0; });
    /// Adds ns to the simulated cost of the task running now (a database call made by a task,
    /// resources/python/dstreamlab_db/cost.py); on the driver it does nothing.
    m.def("charge_ns", [](std::int64_t ns) {
        if (TaskContext *ctx = runtime().currentTask; ctx && ns > 0) ctx->costNs += ns;
    });
    /// The task running now as (batch time ms or None, partition, attempt, task id), None on the
    /// driver: who wrote a row and whose batch a statement counts for (dstreamlab_db/activity.py).
    m.def("current_task", []() -> py::object {
        const TaskContext *ctx = runtime().currentTask;
        if (!ctx) return py::none();
        py::object batch = ctx->batchTime ? py::object(py::int_(ctx->batchTime->ms())) : py::object(py::none());
        return py::make_tuple(batch, ctx->partitionId, ctx->attemptNumber, ctx->taskId);
    });
    /// engine/costmodel.h's database costs, by the names dstreamlab_db charges.
    m.def("db_costs", [] {
        py::dict d;
        d["connect"] = cost::dbConnectNs;
        d["statement"] = cost::dbStatementNs;
        d["row"] = cost::dbRowNs;
        d["commit"] = cost::dbCommitNs;
        d["close"] = cost::dbCloseNs;
        return d;
    });
    /// True while the engine records what jobs compute (an observer wants RddCaptures): fused
    /// Python pipelines then also return each skipped stage's records (pyspark.rdd._fused).
    m.def("capturing", [] {
        const SparkContext *sc = runtime().simulation().activeSparkContext();
        return sc && sc->captureRecorder();
    });
    m.def("set_watchdog_exception", [](py::object type) {
        type.inc_ref(); // kept for the process lifetime
        runtime().watchdog().setExceptionType(type.ptr());
    });
    m.def("task_timeout_ms", [] { return runtime().settings().taskTimeoutMs; });
    // The memory limit and the recursion cap (docs/hostile-programs.md).
    m.def("set_memory_exception", [](py::object type) {
        type.inc_ref(); // kept for the process lifetime
        runtime().watchdog().setMemoryExceptionType(type.ptr());
    });
    m.def("memory_limit_mb", [] { return runtime().settings().memoryLimitMb; });
    /// The resident size in MB when the limit was last found crossed in this run (0: never).
    m.def("memory_fired_mb", [] { return static_cast<long long>(runtime().watchdog().memoryFiredAt() >> 20); });
    /// The largest single allocation the guard refused since the last call, in bytes (0: none).
    m.def("take_refused_allocation", [] { return static_cast<long long>(takeRefusedAllocation()); });
    /// The program is ending (its error is being reported): the memory watch stops firing.
    m.def("end_memory_watch", [] { runtime().watchdog().unwatchMemory(); });
    m.def("max_recursion_limit", [] { return PythonRuntime::maxRecursionLimit(); });
    m.def("watchdog_nested_cap", [] { return Watchdog::kNestedCap; });
    m.def("master_override", []() -> std::optional<std::string> { return runtime().settings().master; });
    /// time.sleep on the driver: simulated time passes (events run as in awaitTermination) up
    /// to the deadline; a failed batch or a stop does not end it: a job's error goes to the
    /// context's waiter and only awaitTermination*() rethrows it (JobScheduler.reportError,
    /// ContextWaiter). Without an active streaming context the clock just moves on. Returns
    /// false inside a task (the caller then sleeps for real). `site`/`polling`: see
    /// PythonRuntime::noteTimedWait.
    m.def(
        "driver_sleep",
        [](double seconds, const std::string &site, bool polling) {
            PythonRuntime &rt = runtime();
            Simulation &sim = rt.simulation();
            // Inside a task (an action's, or a batch's): sleep for real, never step the simulation.
            if (sim.isDispatching() || engineBusy()) return false;
            StreamingContext *ssc = StreamingContext::getActive(sim);
            const Duration d(std::max<std::int64_t>(0, static_cast<std::int64_t>(seconds * 1000.0 + 0.5)));
            const SimTime deadline = sim.now() + d;
            DriverPacer pacer(rt);
            EngineBusyScope busy;
            if (!ssc) {
                // Events still queued (a stopped context's last ones) run at their own times.
                if (awaitWithoutContext(sim, deadline, pacer) == AwaitEnd::HostEnded)
                    raiseRunComplete("stopped by DStream Lab");
                return true;
            }
            // To the deadline, whatever the batches do; --seconds ends the run.
            const AwaitResult r = sleepOnDriver(sim, deadline, pacer, rt.runPolicy());
            finishIfRunEnded(r.end, "--seconds reached");
            endPollingLoop(rt, r.drainedOnTheWay && polling, site, "time.sleep()");
            return true;
        },
        py::arg("seconds"), py::arg("site") = std::string(), py::arg("polling") = false);

    // RDD, DStream and State first: the contexts' methods below take and return them.
    bindRddsAndStreams(m);

    // ---- SparkContext ----
    py::class_<SparkContextHandle>(m, "SparkContext")
        .def(py::init([](const std::vector<std::pair<std::string, std::string>> &conf) {
            SparkConf c;
            for (const auto &[k, v] : conf) c.set(k, v);
            if (auto master = runtime().settings().master) c.setMaster(*master);
            for (const auto &[k, v] : runtime().settings().confOverrides) c.set(k, v);
            return SparkContextHandle{&runtime().newSparkContext(std::move(c))};
        }))
        .def("master", [](const SparkContextHandle &h) { return h.sc->master(); })
        .def("appName", [](const SparkContextHandle &h) { return h.sc->appName(); })
        .def("defaultParallelism", [](const SparkContextHandle &h) { return h.sc->defaultParallelism(); })
        .def("conf", [](const SparkContextHandle &h) {
            std::vector<std::pair<std::string, std::string>> out(h.sc->conf().all().begin(), h.sc->conf().all().end());
            return out;
        })
        .def("stop", [](SparkContextHandle &h) { h.sc->stop(); })
        .def("isStopped", [](const SparkContextHandle &h) { return h.sc->isStopped(); })
        .def("setCheckpointDir", [](SparkContextHandle &h, const std::string &d) { h.sc->setCheckpointDir(d); })
        .def("checkpointDir", [](const SparkContextHandle &h) { return h.sc->checkpointDir(); })
        .def("setCallSite", [](SparkContextHandle &h, const std::string &s) { h.sc->setCallSite(s); })
        .def("callSite", [](const SparkContextHandle &h) { return h.sc->currentCallSite(); })
        .def("parallelize",
             [](SparkContextHandle &h, py::iterable data, std::optional<int> n) {
                 auto rdd = h.sc->parallelize(fromPyIterable(data), n);
                 return RddHandle{rdd};
             })
        .def("emptyRDD", [](SparkContextHandle &h) { return RddHandle{h.sc->emptyRDD()}; })
        .def("union", [](SparkContextHandle &h, const std::vector<RddHandle> &rs) {
            return RddHandle{h.sc->unionRDDs(rddList(rs))};
        });
    // ---- StreamingContext ----
    py::class_<StreamingContextHandle>(m, "StreamingContext")
        .def(py::init([](SparkContextHandle &sc, long batchMs) {
            const Duration batch = runtime().settings().batchDuration.value_or(Duration(batchMs));
            return StreamingContextHandle{&runtime().newStreamingContext(*sc.sc, batch)};
        }))
        .def("state", [](const StreamingContextHandle &h) { return std::string(toString(h.ssc->state())); })
        .def("batchDurationMs", [](const StreamingContextHandle &h) { return h.ssc->batchDuration().ms(); })
        .def("start", [](StreamingContextHandle &h, const std::string &site) {
            h.ssc->sparkContext().setCallSite(site);
            h.ssc->start();
        })
        .def("stop",
             [](StreamingContextHandle &h, bool stopSc, bool graceful) {
                 if (!graceful) {
                     h.ssc->stop(stopSc, false);
                     return;
                 }
                 // The drain runs through the run loop, paced by the host like every wait.
                 DriverPacer pacer(runtime());
                 bool going;
                 {
                     EngineBusyScope busy;
                     going = h.ssc->stop(stopSc, true, pacer);
                 }
                 if (!going) raiseRunComplete("stopped by DStream Lab");
                 deliverPendingInterrupt(0);
             })
        .def("checkpoint", [](StreamingContextHandle &h, const std::string &d) { h.ssc->checkpoint(d); })
        .def("remember", [](StreamingContextHandle &h, long ms) { h.ssc->remember(Duration(ms)); })
        .def("recoverFromCheckpoint", [](StreamingContextHandle &h, const std::string &dir) {
            return h.ssc->recoverFromCheckpoint(dir);
        })
        .def("isActive", [](const StreamingContextHandle &h) { return StreamingContext::getActive(h.ssc->simulation()) == h.ssc; })
        .def("socketTextStream",
             [](StreamingContextHandle &h, const std::string &host, int port, const std::tuple<bool, bool, bool, bool, int> &l) {
                 return DStreamHandle{h.ssc->socketTextStream(host, port, levelFrom(l))};
             })
        .def("textFileStream", [](StreamingContextHandle &h, const std::string &dir) {
            return DStreamHandle{h.ssc->textFileStream(dir)};
        })
        .def("kafkaStream",
             [](StreamingContextHandle &h, const std::map<std::string, int> &topics,
                const std::map<std::string, std::string> &params, const std::tuple<bool, bool, bool, bool, int> &l) {
                 return DStreamHandle{h.ssc->kafkaStream(topics, params, levelFrom(l))};
             })
        .def("directKafkaStream",
             [](StreamingContextHandle &h, const std::vector<std::string> &topics,
                const std::map<std::string, std::string> &params,
                const std::vector<std::tuple<std::string, int, std::int64_t>> &fromOffsets) {
                 std::map<kafka::TopicPartition, std::int64_t> from;
                 for (const auto &[topic, partition, offset] : fromOffsets) from[kafka::TopicPartition{topic, partition}] = offset;
                 return DStreamHandle{h.ssc->directKafkaStream(topics, params, from)};
             })
        .def("queueStream",
             [](StreamingContextHandle &h, const std::vector<RddHandle> &rdds, bool oneAtATime, py::object dflt) {
                 auto q = std::make_shared<std::deque<RDDPtr>>();
                 for (const auto &r : rdds) q->push_back(r.rdd);
                 return DStreamHandle{h.ssc->queueStream(q, oneAtATime, fromRddObject(dflt))};
             })
        .def("union", [](StreamingContextHandle &, const std::vector<DStreamHandle> &ss) {
            std::vector<DStreamPtr> v;
            for (const auto &s : ss) v.push_back(s.stream);
            return DStreamHandle{ops::unionStreams(v)};
        })
        /// Waits (running the simulation) for stop, an error, or timeoutMs of simulated time.
        /// A job's error (the last reported) is raised, and again by every later wait
        /// (ContextWaiter keeps it), even after stop.
        /// Without a timeout, ends the run (raises RunComplete) when the runtime says so. A
        /// timed wait runs to its deadline (the program's code after it runs: stop, print, a
        /// new context); only --seconds, or a polling loop of idle waits (noteTimedWait), ends
        /// the run early. `site`: the caller's file:line; `polling`: it is inside a while loop.
        .def(
            "awaitTermination",
            [](StreamingContextHandle &h, std::optional<long> timeoutMs, const std::string &site, bool polling) {
                PythonRuntime &rt = runtime();
                Simulation &sim = rt.simulation();
                const std::optional<SimTime> deadline =
                    timeoutMs ? std::optional<SimTime>(sim.now() + Duration(*timeoutMs)) : std::nullopt;
                DriverPacer pacer(rt);
                EngineBusyScope busy;
                const AwaitResult r = h.ssc->awaitTermination(deadline, pacer, rt.runPolicy());
                finishIfRunEnded(r.end, "run complete");
                if (r.end == AwaitEnd::Stopped) return true;
                endPollingLoop(rt, r.drainedOnTheWay && polling, site, "awaitTerminationOrTimeout()");
                return false;
            },
            py::arg("timeoutMs"), py::arg("site") = std::string(), py::arg("polling") = false)
        .def_static("getActive", []() -> std::optional<StreamingContextHandle> {
            auto *ssc = StreamingContext::getActive(runtime().simulation());
            if (!ssc) return std::nullopt;
            return StreamingContextHandle{ssc};
        })
        .def("same", [](const StreamingContextHandle &a, const StreamingContextHandle &b) { return a.ssc == b.ssc; });

    // C++ engine errors become py4j-style Py4JJavaError in Python, remembering the original
    // so they pass back through Python callbacks unchanged.
    py::register_exception_translator([](std::exception_ptr p) {
        if (!p) return;
        try {
            std::rethrow_exception(p);
        } catch (const SparkError &e) {
            // A Python error raised inside a task or callback re-raises as the original
            // exception object when it is not wrapped in a job failure.
            py::module_ internal = py::module_::import("pyspark._internal");
            py::object err = internal.attr("make_java_error")(e.className(), e.message());
            auto *keep = new std::exception_ptr(p);
            err.attr("_dsl_cpp_error") = py::capsule(keep, [](void *q) { delete static_cast<std::exception_ptr *>(q); });
            PyErr_SetObject(py::type::handle_of(err).ptr(), err.ptr());
        } catch (const ValueTypeError &e) {
            PyErr_SetString(PyExc_TypeError, e.what());
        }
    });
}

namespace dsl::python {
/// Referenced by PythonRuntime so the linker keeps this object file (and with it the static
/// registration of the embedded module) when linking the static library.
void linkEmbeddedModule() {}
} // namespace dsl::python
