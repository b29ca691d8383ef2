// The `_dstreamlab` module's two halves share these: pymodule.cpp binds the module, the
// driver's waits, SparkContext and StreamingContext; pyrddbindings.cpp binds RDD, DStream and
// State with the Python functions they run inside tasks.
#pragma once

#include "pyconvert.h"
#include "pyruntime.h"
#include "watchdog.h"

#include "engine/dstream.h"
#include "engine/rdd.h"
#include "engine/storagelevel.h"

#include <pybind11/pybind11.h>

#include <tuple>
#include <vector>

namespace dsl::python {

/// The runtime of this process; throws when there is none (a binding called outside a run).
PythonRuntime &runtime();

/// What the Python objects of the bundled pyspark package hold: engine objects by shared
/// pointer (RDD, DStream) or by address (contexts live as long as the runtime).
/// A task's Python function runs (a partition function, a fused chain, a combine, a
/// mapWithState function): the watchdog is armed with the task timeout, and
/// `_dstreamlab.in_task()` is true.
/// With the task's context, `_dstreamlab.charge_ns(n)` adds n to its cost (a database call).
class TaskScope {
public:
    explicit TaskScope(PythonRuntime &rt, TaskContext *ctx = nullptr)
        : m_rt(rt), m_watchdog(rt.watchdog(), rt.settings().taskTimeoutMs), m_outerTask(rt.currentTask)
    {
        ++m_rt.taskDepth;
        if (ctx) m_rt.currentTask = ctx;
    }
    ~TaskScope()
    {
        --m_rt.taskDepth;
        m_rt.currentTask = m_outerTask;
    }
    TaskScope(const TaskScope &) = delete;
    TaskScope &operator=(const TaskScope &) = delete;

private:
    PythonRuntime &m_rt;
    WatchdogScope m_watchdog;
    TaskContext *m_outerTask;
};

struct RddHandle {
    RDDPtr rdd;
};

struct SparkContextHandle {
    SparkContext *sc = nullptr;
};

struct StreamingContextHandle {
    StreamingContext *ssc = nullptr;
};

struct DStreamHandle {
    DStreamPtr stream;
};

/// StorageLevel as pyspark passes it: (useDisk, useMemory, useOffHeap, deserialized, replication).
StorageLevel levelFrom(const std::tuple<bool, bool, bool, bool, int> &t);
std::tuple<bool, bool, bool, bool, int> levelTo(const StorageLevel &l);
/// An RDD handle, or nullptr for None.
RDDPtr fromRddObject(py::handle o);
std::vector<RDDPtr> rddList(const std::vector<RddHandle> &hs);

/// Registers RDD, DStream and State on the module (pyrddbindings.cpp).
void bindRddsAndStreams(py::module_ &m);

} // namespace dsl::python
