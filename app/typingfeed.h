// TypingFeed: `dstreamlab run --type SAMPLE:RATE`, the nc panel's auto-typer in the CLI. Its lines
// enter the input log as the clock advances and leave it once every receiver has read them, so a
// run of a simulated day holds a few seconds of input, not 86 million lines (a soak's memory).
#pragma once

#include "app/session/autotyper.h"
#include "engine/runloop.h"
#include "engine/simtime.h"

#include <cstdint>
#include <functional>
#include <string>

namespace dsl {
class Simulation;
}

namespace dsl::app {

/// Parses "english:1000" (SAMPLE english|chinese|zipf, RATE lines per simulated second within
/// AutoTyperSpec's bounds); false with `error` naming the option otherwise.
bool parseTypeOption(const std::string &value, session::AutoTyperSpec &spec, std::string &error);

class TypingFeed {
public:
    /// Line k arrives at t0 + AutoTyper::arrivalOffsetMs(spec, k) on every listening socket.
    TypingFeed(session::AutoTyperSpec spec, SimTime t0) : m_spec(std::move(spec)), m_t0(t0) {}
    /// Appends the lines that have arrived by upTo (none of them read yet: the engine has not
    /// gone past its clock) and lets go of the records every receiver of the active context has
    /// read, as the dashboard's session does (InputLog::discardBefore).
    void feed(Simulation &sim, SimTime upTo);
    std::uint64_t linesSent() const { return m_next; }

private:
    session::AutoTyperSpec m_spec;
    SimTime m_t0;
    std::uint64_t m_next = 0;
};

/// The CLI's pacer with a feed: as fast as possible, feeding before each step of the clock.
/// Like the dashboard's pacer and RealTimePacer::onSlice, the one way a pacer changes the
/// simulation: records at times the engine has not reached.
class FeedingPacer final : public Pacer {
public:
    /// `sim`: the running driver's simulation (a restarted driver has a new one).
    FeedingPacer(std::function<Simulation &()> sim, TypingFeed &feed) : m_sim(std::move(sim)), m_feed(feed) {}
    bool allow(SimTime upTo) override
    {
        m_feed.feed(m_sim(), upTo);
        return true;
    }

private:
    std::function<Simulation &()> m_sim;
    TypingFeed &m_feed;
};

} // namespace dsl::app
