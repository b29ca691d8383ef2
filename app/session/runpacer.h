// RunPacer: how far the dashboard lets simulated time run (at a speed, as fast as possible,
// one event, one batch, until a batch or a time) — a pure decision the program thread consults.
#pragma once

#include "engine/simtime.h"

#include <chrono>
#include <optional>

namespace dsl::session {

/// Not thread-safe: the session guards it with its mutex. Three clocks meet here (docs/conventions.md §8):
/// the engine's (RunState::now), the displayed simulated clock (clock()) and wall time.
class RunPacer {
public:
    using WallClock = std::chrono::steady_clock;
    enum class Mode { Paused, Realtime, Fast, StepEvents, StepBatch, UntilBatch, UntilTime };

    /// What the run looks like when it asks to move on.
    struct RunState {
        SimTime now;                       ///< the engine's clock
        int completedBatches = 0;
        std::optional<SimTime> firstBatch; ///< first batch time, once the context started
        Duration batchInterval{1000};
        /// A core is free for tasks (local[1] with a receiver has none: batches never complete).
        bool canProcess = true;
    };
    struct Decision {
        bool allow = false;
        /// When to ask again (Realtime: the wall time the event becomes due); nullopt = wait
        /// for a command.
        std::optional<WallClock::time_point> wakeAt;
    };

    /// Starts a new run with the clock at `start` (the mode, set by the command that started
    /// the run, is kept).
    void resetClock(SimTime start);
    void pause() { m_mode = Mode::Paused; }
    /// speed: simulated seconds per wall second; <= 0 runs as fast as possible.
    void run(double speed);
    void setSpeed(double speed);
    double speed() const { return m_speed; }
    void stepEvent();
    /// Until the next batch completes; if it cannot (no free core), until just before the
    /// boundary after next, so each step still moves one batch interval on.
    void stepBatch();
    /// Until that many batches have completed; when no core can run tasks, until batch
    /// `completedBatches` has been generated (its time), so the growing queue can be seen.
    void runUntilBatch(int completedBatches);
    void runUntilTime(SimTime t);

    Mode mode() const { return m_mode; }
    bool isPaused() const { return m_mode == Mode::Paused; }
    /// The simulated time to display: never behind the engine's, ahead of it while the run
    /// waits for its next event in real time.
    SimTime clock() const { return m_clock; }

    /// Called before the run reaches `upTo` (its next event or a wait's deadline).
    Decision decide(SimTime upTo, const RunState &s, WallClock::time_point wall);

    /// Realtime: how far the displayed clock may run ahead of a slow engine before the anchor
    /// moves (so a host that falls behind slows simulated time instead of jumping).
    static constexpr Duration kMaxLag{500};

private:
    Decision allow(SimTime upTo);
    Decision stop();
    Mode m_mode = Mode::Paused;
    double m_speed = 1.0;
    SimTime m_clock;
    int m_tokens = 0;
    int m_targetBatches = 0;
    bool m_orGenerated = false; ///< runUntilBatch (not stepBatch): starved, stop at batch N's time
    std::optional<SimTime> m_limit;
    SimTime m_targetTime;
    bool m_anchorPending = true;
    SimTime m_anchorSim;
    WallClock::time_point m_anchorWall;
};

/// The first batch boundary strictly after `now` (firstBatch + k * interval).
SimTime nextBatchBoundary(SimTime now, SimTime firstBatch, Duration interval);

} // namespace dsl::session
