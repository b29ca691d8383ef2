// Injected faults (`dstreamlab run --faults FILE`, a lesson's "fault" action): what may go wrong in
// a run and when, as data the run records like its input (docs/database.md, "Faults").
#pragma once

#include "simtime.h"

#include <optional>
#include <string>
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
    /// "fail-task stage=2 partition=0 at 3.5 s", the fault as the trace and messages show it.
    std::string describe(SimTime runStart) const;
};

/// One line of a faults file: offset from the run's start and the action.
struct FaultLine {
    Duration offset{0};
    TaskFault fault; ///< `at` is left at 0: the host adds the run's start time
};

/// Parses a faults file: `SECONDS<TAB>ACTION [ARGS]` per line; blank lines and lines starting
/// with '#' are skipped. On a bad line returns false with `error` naming the file and the line
/// ("faults.tsv line 2: unknown action 'kill-executor' (known: fail-task)").
bool parseFaultScript(const std::string &text, const std::string &fileName, std::vector<FaultLine> &out,
                      std::string &error);

/// Parses one action ("fail-task stage=1"); `where` prefixes an error ("faults.tsv line 2").
bool parseFaultAction(const std::string &action, const std::string &where, TaskFault &out, std::string &error);

} // namespace dsl
