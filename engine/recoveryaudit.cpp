#include "recoveryaudit.h"

#include "jobscheduler.h"
#include "simulation.h"
#include "sparkconf.h"
#include "sparkcontext.h"
#include "streamingcontext.h"

#include <algorithm>
#include <cstdlib>

namespace dsl {

namespace {

std::vector<std::string> linesOf(const Records &records)
{
    std::vector<std::string> out;
    const std::size_t n = std::min(records.size(), kLedgerLinesPerBlock);
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) out.push_back(records[i].str());
    return out;
}

/// Output operations of `info` that completed (ended without a failure).
std::set<int> completedOutputs(const BatchInfo &info)
{
    std::set<int> done;
    for (const auto &[id, op] : info.outputOperationInfos)
        if (op.endTime && !op.failureReason) done.insert(id);
    return done;
}

} // namespace

std::int64_t RecoveryReport::lostRecords() const
{
    std::int64_t n = 0;
    for (const auto &b : blocks)
        if (b.lost()) n += b.numRecords;
    return n;
}

std::int64_t RecoveryReport::twiceRecords() const
{
    std::int64_t n = 0;
    for (const auto &b : blocks)
        if (b.twice()) n += b.numRecords;
    return n;
}

std::set<SimTime> RecoveryReport::twiceBatches() const
{
    std::set<SimTime> out;
    for (const auto &b : blocks)
        if (b.twice() && b.batch) out.insert(*b.batch);
    return out;
}

DriverLedger ledgerOfDyingDriver(Simulation &sim)
{
    DriverLedger l;
    l.killedAt = sim.now();
    StreamingContext *ssc = sim.activeStreamingContext();
    if (!ssc) return l;
    const JobScheduler &js = ssc->scheduler();
    for (const auto &[time, info] : js.batches())
        for (const auto &[id, op] : info.outputOperationInfos) l.outputNames.emplace(id, op.name);
    for (const auto &[time, byStream] : js.allocatedBlocks()) {
        std::set<int> done;
        if (auto it = js.batches().find(time); it != js.batches().end()) done = completedOutputs(it->second);
        for (const auto &[streamId, blocks] : byStream)
            for (const BlockPtr &b : blocks)
                l.held.push_back({b->id, b->streamId, time, b->time, b->numRecords, linesOf(b->records), done});
    }
    for (const BlockPtr &b : js.unallocatedBlocks())
        l.held.push_back({b->id, b->streamId, std::nullopt, b->time, b->numRecords, linesOf(b->records), {}});
    for (const auto &[streamId, records] : js.receiverBuffers())
        l.held.push_back({std::string(), streamId, std::nullopt, std::nullopt, static_cast<std::int64_t>(records.size()),
                          linesOf(records), {}});
    return l;
}

RecoveryAudit::RecoveryAudit(Simulation &sim, DriverLedger previous, SimTime restartAt)
    : m_sim(sim), m_ledger(std::move(previous))
{
    m_report.killedAt = m_ledger.killedAt;
    m_report.restartAt = restartAt;
}

void RecoveryAudit::onLog(SimTime, LogLevel, const std::string &source, const std::string &message)
{
    // CheckpointReader's "Checkpoint successfully loaded from file checkpoint-<ms> in <dir>"
    static const std::string prefix = "Checkpoint successfully loaded from file checkpoint-";
    if (source == "CheckpointReader" && message.rfind(prefix, 0) == 0) {
        m_report.checkpointTime = SimTime(std::atoll(message.c_str() + prefix.size()));
        ++m_version;
    }
}

void RecoveryAudit::onOutputOperationCompleted(const OutputOperationInfo &op)
{
    StreamingContext *ssc = m_sim.activeStreamingContext();
    if (!ssc) return;
    if (!m_report.writeAheadLog)
        m_report.writeAheadLog =
            ssc->sparkContext().conf().getBoolean("spark.streaming.receiver.writeAheadLog.enable", false);
    m_report.outputNames.emplace(op.id, op.name);
    ++m_version;
    for (const auto &in : ssc->graph().inputStreams())
        for (const BlockPtr &b : ssc->scheduler().blocksOfBatch(op.batchTime, in->id())) {
            m_newBatch.emplace(b->id, op.batchTime);
            if (b->replayed) m_replayed[b->id] = true;
            // A lost block's records are gone: the operation saw none of them.
            if (!b->lost && op.endTime && !op.failureReason) m_seenNew[b->id].insert(op.id);
        }
}

void RecoveryAudit::onBatchCompleted(const BatchInfo &b)
{
    if (m_report.caughtUpAt || b.batchTime < m_report.killedAt || !b.processingEndTime) return;
    m_report.caughtUpBatch = b.batchTime;
    ++m_version;
    m_report.caughtUpAt = b.processingEndTime;
    // What decides how far back the state is restored from: the state streams' checkpoint
    // interval (max(batch interval, 10 s) unless the program sets one).
    if (const StreamingContext *ssc = m_sim.activeStreamingContext())
        for (const auto &st : ssc->graph().allStreams())
            if (st->checkpointDuration() &&
                (!m_report.stateCheckpointInterval || *st->checkpointDuration() < *m_report.stateCheckpointInterval))
                m_report.stateCheckpointInterval = st->checkpointDuration();
}

RecoveryReport RecoveryAudit::report() const
{
    RecoveryReport r = m_report;
    for (const auto &[id, name] : m_ledger.outputNames) r.outputNames.emplace(id, name);
    for (const DriverLedger::Held &h : m_ledger.held) {
        AuditedBlock a;
        a.blockId = h.blockId;
        a.streamId = h.streamId;
        a.batch = h.batch;
        a.cutAt = h.cutAt;
        if (!a.batch && !h.blockId.empty())
            if (auto it = m_newBatch.find(h.blockId); it != m_newBatch.end()) a.batch = it->second;
        a.numRecords = h.numRecords;
        a.lines = h.lines;
        a.replayed = m_replayed.count(h.blockId) > 0;
        const auto seen = h.blockId.empty() ? m_seenNew.end() : m_seenNew.find(h.blockId);
        for (const auto &[id, name] : r.outputNames) {
            const bool before = h.outputsDone.count(id) > 0;
            const bool after = seen != m_seenNew.end() && seen->second.count(id) > 0;
            if (before && after) a.outputsTwice.push_back(id);
            // Until the new driver has caught up, a batch it has yet to run is not lost.
            if (!before && !after && (r.settled() || h.blockId.empty())) a.outputsLost.push_back(id);
        }
        if (a.numRecords > 0 && (a.lost() || a.twice())) r.blocks.push_back(std::move(a));
    }
    return r;
}

} // namespace dsl
