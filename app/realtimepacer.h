// RealTimePacer: `dstreamlab run --real-time`, simulated time following the wall clock (one
// simulated ms per wall ms), so that input from outside (real Kafka clients) arrives while the
// program runs, as on a real cluster.
#pragma once

#include "engine/runloop.h"

#include <chrono>
#include <functional>
#include <optional>

namespace dsl {
class Simulation;
}

namespace dsl::app {

class RealTimePacer final : public Pacer {
public:
    using Clock = std::chrono::steady_clock;
    /// The longest sleep between two looks at new input and at a pending Ctrl-C.
    static constexpr std::chrono::milliseconds kSlice{50};

    /// Simulated time `simStart` is the wall clock's `wallStart`.
    RealTimePacer(const Simulation &sim, SimTime simStart, Clock::time_point wallStart);

    /// Runs one slice's sleep; the CLI releases the GIL around it (PythonRuntime::withoutGil),
    /// as the dashboard's pacer does. Unset: sleeps as is.
    std::function<void(const std::function<void()> &)> blocking;
    /// Called on the engine's thread before each slice, the engine between two events: where
    /// the host feeds input that has arrived (at times after the simulation's clock, see
    /// arrivalTime) into the simulation's input log. Like the dashboard's pacer, it is the one
    /// exception to "a pacer never changes the simulation": nothing in the engine has read the
    /// log past the clock yet.
    std::function<void()> onSlice;

    /// Sleeps in slices until the wall clock reaches upTo. A Ctrl-C or SIGTERM (the pending
    /// interrupt, python/interrupt.h) ends the run where a `--seconds` replay ends too: this
    /// call allows upTo at once, so the first event at or after it runs, and the next call
    /// returns false (AwaitEnd::HostEnded). RunPolicy::endTime = upTo stops the same event.
    bool allow(SimTime upTo) override;
    /// Takes an interrupt that came while an event ran, before the bridge would deliver it as
    /// KeyboardInterrupt (DriverPacer calls the host's afterEvent first).
    void afterEvent() override;

    /// The simulated time the wall clock stands at.
    SimTime wallNow() const;
    /// When input arriving now enters the run: at the wall clock's time, but always after the
    /// simulation's clock (the events at the clock's time may have run already, and a replay
    /// from the recorded times must see the input where the live run did).
    SimTime arrivalTime() const;
    /// The time a Ctrl-C or SIGTERM ended the run at (the `--seconds` that replays it), if one did.
    std::optional<SimTime> interruptedAt() const { return m_endAt; }

private:
    const Simulation &m_sim;
    SimTime m_simStart;
    Clock::time_point m_wallStart;
    bool m_stopRequested = false;
    std::optional<SimTime> m_endAt;
};

} // namespace dsl::app
