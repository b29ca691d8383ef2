// Injected faults (`dstreamlab run --faults FILE`, a lesson's "fault" action): what may go wrong in
// a run and when, as data the run records like its input (docs/database.md, "Faults").
#pragma once

#include "simtime.h"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace dsl {

/// `fail-task [stage=N] [output=N] [partition=N]`: the first task attempt computed at or after
/// `at` that matches the selectors fails after its function ran (its side effects stand), and is
/// retried as any failed task (spark.task.maxFailures). Fires once.
struct TaskFault {
    SimTime at;
    std::optional<int> stageId;
    /// The batch's output operation (Spark's outputOpId, from 0): the result-stage tasks of its
    /// jobs, i.e. the tasks that run the output's own function (foreachPartition's writes).
    std::optional<int> outputOpId;
    std::optional<int> partition;
    std::string origin; ///< where it was written, for messages: "faults.tsv line 3"
    bool fired = false;

    bool matches(SimTime now, int stage, int outputOp, int part) const
    {
        return !fired && now >= at && (!stageId || *stageId == stage) && (!outputOpId || *outputOpId == outputOp) &&
               (!partition || *partition == part);
    }
    /// "fail-task stage=2 partition=0", the action as written (parseFaultAction reads it back).
    std::string action() const;
    /// "fail-task stage=2 partition=0 at 3.5 s", the fault as the trace and messages show it.
    std::string describe(SimTime runStart) const;
};

/// A fault of a part of the cluster, at a moment (docs/faults.md):
/// - `kill-receiver N`: the receiver of input stream N dies; what its BlockGenerator had buffered
///   and not yet stored is lost, and the ReceiverTracker launches it again (ReceiverTracker.scala,
///   startReceiver's onComplete: "Restarting Receiver N").
/// - `kill-executor N`: executor N of a local-cluster master is lost; its running tasks fail
///   (ExecutorLostFailure, not counted against spark.task.maxFailures) and run again elsewhere,
///   a receiver on it is launched again elsewhere, and the Worker launches a new executor.
/// - `kill-driver`: the driver process dies; nothing of it runs any more. The host may start the
///   program again (StreamingContext.getOrCreate recovers from its checkpoint).
/// - `slow-executor N FACTOR`: tasks launched on executor N from then on take FACTOR times as long
///   (a straggler: a busy or throttled machine).
struct ClusterFault {
    enum class Kind { KillReceiver, KillExecutor, KillDriver, SlowExecutor };
    Kind kind = Kind::KillReceiver;
    SimTime at;
    int target = 0;     ///< the stream id (kill-receiver) or executor index (kill/slow-executor)
    double factor = 1;  ///< slow-executor's factor
    std::string origin; ///< where it was written, for messages: "faults.tsv line 3"

    /// "kill-receiver 0", the action as written.
    std::string action() const;
    /// "kill-receiver 0 at 3.5 s (faults.tsv line 3)".
    std::string describe(SimTime runStart) const;
};

/// Any injected fault: a task's failure or a part of the cluster failing.
using Fault = std::variant<TaskFault, ClusterFault>;
inline void setFaultTime(Fault &f, SimTime at)
{
    std::visit([at](auto &v) { v.at = at; }, f);
}

/// The fault's action as written ("kill-receiver 0", "fail-task output=1"), without its time.
std::string faultActionText(const Fault &f);

/// One line of a faults file: offset from the run's start and the action.
struct FaultLine {
    Duration offset{0};
    Fault fault; ///< `at` is left at 0: the host adds the run's start time
};

/// What `dstreamlab run --help` and error messages list: every action with its arguments.
std::string faultActionsHelp();

/// Parses a faults file: `SECONDS<TAB>ACTION [ARGS]` per line; blank lines and lines starting
/// with '#' are skipped. On a bad line returns false with `error` naming the file and the line
/// ("faults.tsv line 2: unknown action 'kill-exec' (known: ...)").
bool parseFaultScript(const std::string &text, const std::string &fileName, std::vector<FaultLine> &out,
                      std::string &error);

/// Parses one action ("fail-task stage=1", "kill-receiver 0"); `where` prefixes an error
/// ("faults.tsv line 2").
bool parseFaultAction(const std::string &action, const std::string &where, Fault &out, std::string &error);

} // namespace dsl
