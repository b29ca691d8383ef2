// TypingFeed: the auto-typer's lines fed into a CLI run as its clock advances.
#include "typingfeed.h"

#include "engine/inputdstreams.h"
#include "engine/inputlog.h"
#include "engine/jobscheduler.h"
#include "engine/simulation.h"
#include "engine/streamingcontext.h"

#include <algorithm>
#include <charconv>
#include <sstream>

namespace dsl::app {

bool parseTypeOption(const std::string &value, session::AutoTyperSpec &spec, std::string &error)
{
    const auto colon = value.find(':');
    const std::string sample = value.substr(0, colon);
    if (sample == "english") spec.sample = session::AutoTyperSpec::Sample::English;
    else if (sample == "chinese") spec.sample = session::AutoTyperSpec::Sample::Chinese;
    else if (sample == "zipf") spec.sample = session::AutoTyperSpec::Sample::Zipf;
    else {
        error = "--type needs SAMPLE:RATE with SAMPLE english, chinese or zipf (e.g. --type english:1000), not '" + value + "'";
        return false;
    }
    double rate = 0;
    const std::string r = colon == std::string::npos ? std::string() : value.substr(colon + 1);
    const auto [end, ec] = std::from_chars(r.data(), r.data() + r.size(), rate);
    spec.linesPerSecond = rate;
    if (r.empty() || ec != std::errc() || end != r.data() + r.size() || !spec.isValid()) {
        std::ostringstream why;
        why << "--type " << value << ": RATE must be a number of lines per second from "
            << session::AutoTyperSpec::kMinRate << " to " << session::AutoTyperSpec::kMaxRate;
        error = why.str();
        return false;
    }
    return true;
}

void TypingFeed::feed(Simulation &sim, SimTime upTo)
{
    InputLog &log = sim.inputLog();
    for (;;) {
        const SimTime at = m_t0 + Duration(session::AutoTyper::arrivalOffsetMs(m_spec, m_next));
        if (at > upTo) break;
        log.addLine(at, session::AutoTyper::line(m_spec, m_next));
        ++m_next;
    }
    StreamingContext *ssc = StreamingContext::getActive(sim);
    if (!ssc || ssc->state() != StreamingState::ACTIVE || ssc->scheduler().receivers().empty()) return;
    // Only receivers read socket lines; a file stream reads the log by its own index.
    for (const auto &in : ssc->graph().inputStreams())
        if (std::dynamic_pointer_cast<FileInputDStream>(in)) return;
    std::size_t readByAll = log.size();
    for (const auto &rec : ssc->scheduler().receivers()) readByAll = std::min(readByAll, rec.inputLogAccepted);
    log.discardBefore(readByAll);
}

} // namespace dsl::app
