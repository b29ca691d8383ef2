// RealTimePacer: sleeping in slices until the wall clock reaches the simulated time asked for.
#include "realtimepacer.h"

#include "engine/python/interrupt.h"
#include "engine/simulation.h"

#include <algorithm>
#include <thread>

namespace dsl::app {

RealTimePacer::RealTimePacer(const Simulation &sim, SimTime simStart, Clock::time_point wallStart)
    : m_sim(sim), m_simStart(simStart), m_wallStart(wallStart)
{
}

SimTime RealTimePacer::wallNow() const
{
    const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - m_wallStart);
    return m_simStart + Duration(elapsed.count());
}

SimTime RealTimePacer::arrivalTime() const
{
    return std::max(wallNow(), m_sim.now() + Duration(1));
}

bool RealTimePacer::allow(SimTime upTo)
{
    if (m_endAt) return false; // the last event has run
    for (;;) {
        if (onSlice) onSlice();
        if (m_stopRequested || python::takePendingInterrupt()) {
            m_endAt = upTo;
            return true;
        }
        const SimTime wall = wallNow();
        if (wall >= upTo) return true;
        const auto slice = std::min<std::chrono::milliseconds>(kSlice, std::chrono::milliseconds((upTo - wall).ms()));
        const auto sleep = [slice] { std::this_thread::sleep_for(slice); };
        if (blocking) blocking(sleep);
        else sleep();
    }
}

void RealTimePacer::afterEvent()
{
    if (python::takePendingInterrupt()) m_stopRequested = true;
}

} // namespace dsl::app
