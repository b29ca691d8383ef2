// RunPacer: the run-control modes as a decision over (next simulated time, run state, wall time).
#include "runpacer.h"

#include <algorithm>
#include <cmath>

namespace dsl::session {

SimTime nextBatchBoundary(SimTime now, SimTime firstBatch, Duration interval)
{
    if (now < firstBatch) return firstBatch;
    const std::int64_t k = (now - firstBatch).ms() / interval.ms() + 1;
    return firstBatch + interval * k;
}

void RunPacer::resetClock(SimTime start)
{
    m_clock = start;
    m_anchorPending = true;
}

void RunPacer::run(double speed)
{
    if (speed <= 0) {
        m_mode = Mode::Fast;
        return;
    }
    m_speed = speed;
    m_mode = Mode::Realtime;
    m_anchorPending = true;
}

void RunPacer::setSpeed(double speed)
{
    if (m_mode == Mode::Realtime || m_mode == Mode::Fast) {
        run(speed);
    } else if (speed > 0) {
        m_speed = speed;
    }
}

void RunPacer::stepEvent()
{
    if (m_mode != Mode::StepEvents) m_tokens = 0;
    m_mode = Mode::StepEvents;
    ++m_tokens;
}

void RunPacer::stepBatch()
{
    m_mode = Mode::StepBatch;
}

void RunPacer::runUntilBatch(int completedBatches)
{
    m_mode = Mode::UntilBatch;
    m_targetBatches = completedBatches;
    m_limit.reset();
    m_orGenerated = true;
}

void RunPacer::runUntilTime(SimTime t)
{
    m_mode = Mode::UntilTime;
    m_targetTime = t;
}

RunPacer::Decision RunPacer::allow(SimTime upTo)
{
    m_clock = std::max(m_clock, upTo);
    return Decision{true, std::nullopt};
}

RunPacer::Decision RunPacer::stop()
{
    m_mode = Mode::Paused;
    return Decision{false, std::nullopt};
}

RunPacer::Decision RunPacer::decide(SimTime upTo, const RunState &s, WallClock::time_point wall)
{
    m_clock = std::max(m_clock, s.now);
    if (m_mode == Mode::StepBatch) {
        m_mode = Mode::UntilBatch;
        m_targetBatches = s.completedBatches + 1;
        m_limit.reset();
        m_orGenerated = false;
        if (s.firstBatch && s.batchInterval.ms() > 0)
            m_limit = nextBatchBoundary(s.now, *s.firstBatch, s.batchInterval) + s.batchInterval - Duration(1);
    }
    switch (m_mode) {
    case Mode::Paused:
        return Decision{false, std::nullopt};
    case Mode::Fast:
        return allow(upTo);
    case Mode::StepEvents:
        if (m_tokens <= 0) return stop();
        --m_tokens;
        return allow(upTo);
    case Mode::StepBatch: // resolved above
    case Mode::UntilBatch:
        if (s.completedBatches >= m_targetBatches) return stop();
        if (m_orGenerated && !s.canProcess && s.firstBatch && m_targetBatches > 0) {
            // Starved: stop once batch N is generated (its time passed) rather than never.
            const SimTime nth = *s.firstBatch + s.batchInterval * (m_targetBatches - 1);
            if (upTo > nth) {
                m_clock = std::max(m_clock, std::max(s.now, nth));
                return stop();
            }
        }
        if (m_limit && upTo > *m_limit) {
            m_clock = std::max(m_clock, *m_limit);
            return stop();
        }
        return allow(upTo);
    case Mode::UntilTime:
        if (upTo > m_targetTime) {
            m_clock = std::max(m_clock, m_targetTime);
            return stop();
        }
        return allow(upTo);
    case Mode::Realtime: {
        if (m_anchorPending) {
            m_anchorPending = false;
            m_anchorSim = m_clock;
            m_anchorWall = wall;
        }
        const double elapsedMs = std::chrono::duration<double, std::milli>(wall - m_anchorWall).count();
        const SimTime permitted = m_anchorSim + Duration(static_cast<std::int64_t>(std::floor(elapsedMs * m_speed)));
        if (upTo <= permitted) {
            if (permitted - upTo > kMaxLag) {
                // The engine fell behind: let simulated time slow down rather than jump.
                m_anchorSim = upTo;
                m_anchorWall = wall;
            }
            return allow(upTo);
        }
        m_clock = std::max(m_clock, permitted);
        const double waitMs = static_cast<double>((upTo - m_anchorSim).ms()) / m_speed;
        const auto due = m_anchorWall + std::chrono::microseconds(static_cast<std::int64_t>(std::ceil(waitMs * 1000.0)));
        return Decision{false, std::max(due, wall)};
    }
    }
    return Decision{false, std::nullopt};
}

} // namespace dsl::session
