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
    // Bounded: whole chunks of the oldest lines go once the rest holds maxLines.
    std::size_t held = m_open ? m_open->size() : 0;
    for (const auto &c : m_sealed) held += c->size();
    while (!m_sealed.empty() && held - m_sealed.front()->size() >= m_max) {
        held -= m_sealed.front()->size();
        m_dropped += m_sealed.front()->size();
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

void EventLog::onReceiverStarted(SimTime t, int streamId, int core)
{
    // ReceiverTracker.registerReceiver; the core is DStream Lab's: where the receiver task runs.
    add({t, LogLevel::Info, "ReceiverTracker",
         "Registered receiver for stream " + std::to_string(streamId) + " from localhost (core " +
             std::to_string(core) + ")",
         std::nullopt});
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

void EventLog::onJobCompleted(const JobInfo &job)
{
    // TaskSetManager.handleSuccessfulTask for each task, in the order they finished, then
    // DAGScheduler's "Job N finished: <call site>, took <s> s" (%f: six decimals).
    std::vector<const TaskInfo *> tasks;
    for (const TaskInfo &t : job.tasks)
        if (!t.failed) tasks.push_back(&t);
    std::stable_sort(tasks.begin(), tasks.end(),
                     [](const TaskInfo *a, const TaskInfo *b) { return a->finishTime < b->finishTime; });
    std::map<int, int> done;
    for (const TaskInfo *t : tasks) {
        int total = 0;
        for (const StageInfo &s : job.stages)
            if (s.stageId == t->stageId) total = s.numTasks;
        add({t->finishTime, LogLevel::Info, "TaskSetManager",
             "Finished task " + std::to_string(t->partition) + "." + std::to_string(t->attempt) + " in stage " +
                 std::to_string(t->stageId) + ".0 (TID " + std::to_string(t->taskId) + ") in " +
                 std::to_string((t->finishTime - t->launchTime).ms()) + " ms on localhost (executor driver) (" +
                 std::to_string(++done[t->stageId]) + "/" + std::to_string(total) + ")",
             job.batchTime});
    }
    const SimTime end = job.completionTime.value_or(job.submissionTime.value_or(SimTime(0)));
    const Duration took = end - job.submissionTime.value_or(end);
    add({end, LogLevel::Info, "DAGScheduler",
         "Job " + std::to_string(job.jobId) + (job.succeeded ? " finished: " : " failed: ") + job.description +
             ", took " + fixed(static_cast<double>(took.ms()) / 1000.0, 6) + " s",
         job.batchTime});
}

} // namespace dsl
