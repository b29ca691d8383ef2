// The run's events as Spark's driver logs them (eventlog.h).
#include "eventlog.h"

#include "batchinfo.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

namespace dsl {

namespace {

/// String.format("%.Nf", v) as Spark's messages use it.
std::string fixed(double v, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string seconds3(Duration d)
{
    return fixed(static_cast<double>(d.ms()) / 1000.0, 3);
}

} // namespace

std::size_t EventLogSnapshot::size() const
{
    std::size_t n = 0;
    for (const auto &c : chunks) n += c->size();
    return n;
}

const EventLogLine &EventLogSnapshot::at(std::size_t i) const
{
    // Every chunk but the last holds exactly EventLog::kChunkLines lines.
    if (const std::size_t c = i / EventLog::kChunkLines; c < chunks.size() && i % EventLog::kChunkLines < chunks[c]->size())
        return (*chunks[c])[i % EventLog::kChunkLines];
    for (const auto &c : chunks) {
        if (i < c->size()) return (*c)[i];
        i -= c->size();
    }
    return chunks.back()->back(); // out of range: the caller's bug; never past the end
}

EventLog::EventLog(std::size_t maxLines) : m_max(std::max<std::size_t>(maxLines, kChunkLines)) {}

void EventLog::clear()
{
    m_sealed.clear();
    m_open.reset();
    m_dropped = 0;
    m_total = 0;
    m_finishedInStage.clear();
}

void EventLog::add(EventLogLine line)
{
    if (m_open && m_open.use_count() > 1) m_open = std::make_shared<std::vector<EventLogLine>>(*m_open);
    if (!m_open) {
        m_open = std::make_shared<std::vector<EventLogLine>>();
        m_open->reserve(kChunkLines);
    }
    m_open->push_back(std::move(line));
    ++m_total;
    if (m_open->size() == kChunkLines) {
        m_sealed.push_back(std::move(m_open));
        m_open.reset();
    }
    // Bounded: whole chunks of the oldest lines go once the rest holds maxLines (every sealed
    // chunk holds kChunkLines, so what is held follows from the counts).
    const std::size_t held = m_total - m_dropped;
    if (!m_sealed.empty() && held - kChunkLines >= m_max) {
        m_dropped += kChunkLines;
        m_sealed.erase(m_sealed.begin());
    }
}

std::shared_ptr<const EventLogSnapshot> EventLog::snapshot()
{
    auto s = std::make_shared<EventLogSnapshot>();
    s->chunks = m_sealed;
    if (m_open && !m_open->empty()) s->chunks.push_back(m_open); // shared: the next add copies it
    s->dropped = m_dropped;
    return s;
}

std::optional<SimTime> EventLog::batchNamedIn(const std::string &message)
{
    // Time.toString is "<ms> ms": the first such number after "time " or "job ".
    for (const char *lead : {"time ", "job streaming job "}) {
        for (std::size_t at = message.find(lead); at != std::string::npos; at = message.find(lead, at + 1)) {
            std::size_t p = at + std::char_traits<char>::length(lead), q = p;
            while (q < message.size() && std::isdigit(static_cast<unsigned char>(message[q]))) ++q;
            if (q > p && q - p <= 15 && message.compare(q, 3, " ms") == 0) return SimTime(std::stoll(message.substr(p, q - p)));
        }
    }
    return std::nullopt;
}

void EventLog::onLog(SimTime t, LogLevel level, const std::string &source, const std::string &message)
{
    add({t, level, source, message, batchNamedIn(message)});
}

void EventLog::onReceiverStarted(SimTime t, int streamId, int)
{
    // What a receiver's start logs on the driver and its executor, in this order:
    // BlockGenerator.start, BlockGenerator.keepPushingBlocks, ReceiverTracker.registerReceiver,
    // ReceiverSupervisor.startReceiver (streaming/receiver/*.scala, streaming/scheduler/ReceiverTracker.scala).
    const std::string id = std::to_string(streamId);
    add({t, LogLevel::Info, "BlockGenerator", "Started BlockGenerator", std::nullopt});
    add({t, LogLevel::Info, "BlockGenerator", "Started block pushing thread", std::nullopt});
    add({t, LogLevel::Info, "ReceiverTracker", "Registered receiver for stream " + id + " from localhost", std::nullopt});
    add({t, LogLevel::Info, "ReceiverSupervisorImpl", "Starting receiver " + id, std::nullopt});
    add({t, LogLevel::Info, "ReceiverSupervisorImpl", "Called receiver " + id + " onStart", std::nullopt});
}

void EventLog::onBlockGenerated(SimTime t, const BlockInfo &block)
{
    // ReceivedBlockTracker.addBlock (a DEBUG line in Spark).
    add({t, LogLevel::Debug, "ReceivedBlockTracker",
         "Stream " + std::to_string(block.streamId) + " received block " + block.blockId, std::nullopt});
}

void EventLog::onBatchSubmitted(const BatchInfo &info)
{
    // JobScheduler.submitJobSet
    add({info.submissionTime, LogLevel::Info, "JobScheduler", "Added jobs for time " + info.batchTime.toString(),
         info.batchTime});
}

void EventLog::onOutputOperationStarted(const OutputOperationInfo &op)
{
    // JobScheduler.handleJobStart
    add({op.startTime.value_or(op.batchTime), LogLevel::Info, "JobScheduler",
         "Starting job streaming job " + op.batchTime.toString() + "." + std::to_string(op.id) +
             " from job set of time " + op.batchTime.toString(),
         op.batchTime});
}

void EventLog::onOutputOperationCompleted(const OutputOperationInfo &op)
{
    // JobScheduler.handleJobCompletion: a failed job is logged by the engine ("Error running job").
    if (op.failureReason) return;
    add({op.endTime.value_or(op.batchTime), LogLevel::Info, "JobScheduler",
         "Finished job streaming job " + op.batchTime.toString() + "." + std::to_string(op.id) +
             " from job set of time " + op.batchTime.toString(),
         op.batchTime});
}

void EventLog::onBatchCompleted(const BatchInfo &info)
{
    // JobScheduler.handleJobCompletion, once the job set completes: JobSet.totalDelay counts
    // from the batch time, processingDelay from the first job's start.
    if (!info.processingEndTime) return;
    const Duration total = *info.processingEndTime - info.batchTime;
    const Duration execution = info.processingDelay().value_or(Duration(0));
    add({*info.processingEndTime, LogLevel::Info, "JobScheduler",
         "Total delay: " + seconds3(total) + " s for time " + info.batchTime.toString() + " (execution: " +
             seconds3(execution) + " s)",
         info.batchTime});
}

void EventLog::onTaskEnd(const TaskInfo &t)
{
    // TaskSetManager.handleSuccessfulTask, as each task ends; a failed attempt's "Lost task"
    // WARN is the engine's own line (SparkContext::runStage).
    if (t.failed) return;
    add({t.finishTime, LogLevel::Info, "TaskSetManager",
         "Finished task " + std::to_string(t.partition) + "." + std::to_string(t.attempt) + " in stage " +
             std::to_string(t.stageId) + ".0 (TID " + std::to_string(t.taskId) + ") in " +
             std::to_string((t.finishTime - t.launchTime).ms()) + " ms on localhost (executor " + t.executor + ") (" +
             std::to_string(++m_finishedInStage[t.stageId]) + "/" + std::to_string(t.stageNumTasks) + ")",
         t.batchTime});
}

void EventLog::onJobCompleted(const JobInfo &job)
{
    // DAGScheduler.handleJobCompletion / failJobAndIndependentStages: "Job N finished: <call
    // site>, took <s> s" (%f: six decimals). The job's tasks then belong to its batch.
    for (const StageInfo &s : job.stages) m_finishedInStage.erase(s.stageId);
    const SimTime end = job.completionTime.value_or(job.submissionTime.value_or(SimTime(0)));
    const Duration took = end - job.submissionTime.value_or(end);
    add({end, LogLevel::Info, "DAGScheduler",
         "Job " + std::to_string(job.jobId) + (job.succeeded ? " finished: " : " failed: ") + job.description +
             ", took " + fixed(static_cast<double>(took.ms()) / 1000.0, 6) + " s",
         job.batchTime});
}

} // namespace dsl
