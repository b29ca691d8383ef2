// Simulation::snapshot(): copies the observable state of the simulation into an EngineSnapshot.
#include "enginesnapshot.h"

#include "simulation.h"
#include "sparkcontext.h"
#include "streamingcontext.h"

namespace dsl {

EngineSnapshot Simulation::snapshot() const
{
    EngineSnapshot s;
    s.now = m_now;
    s.fingerprint = fingerprint();
    s.traceCount = m_traceCount;
    s.pendingEvents = m_queue.size();
    s.inputLogRecords = m_input.size();
    if (m_activeSc) {
        const auto &cores = m_activeSc->taskScheduler().cores();
        s.cores.assign(cores.begin(), cores.end());
    }
    const StreamingContext *ssc = m_activeSsc ? m_activeSsc : m_lastSsc;
    if (!ssc) return s;
    s.streamingState = ssc->state();
    s.batchDuration = ssc->batchDuration();
    const JobScheduler &js = ssc->scheduler();
    for (const auto &[t, b] : js.batches()) s.batches.push_back(b);
    s.receivers = js.receivers();
    s.recentBlocks.assign(js.recentBlocks().begin(), js.recentBlocks().end());
    s.waitingBatches = js.waitingBatches();
    s.lastCompletedBatch = js.lastCompletedBatch();
    return s;
}

} // namespace dsl
