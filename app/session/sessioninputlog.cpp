// SessionInputLog: script runs, typed lines and auto-typer runs merged in arrival order.
#include "sessioninputlog.h"

#include "engine/inputscript.h"

#include <algorithm>

namespace dsl::session {

std::string SessionInputLog::ScriptRun::at(std::size_t i) const
{
    const std::uint64_t b = i ? ends[i - 1] : 0;
    return text.substr(b, ends[i] - b);
}

void SessionInputLog::addScript(std::vector<std::pair<SimTime, std::string>> lines, int port)
{
    std::stable_sort(lines.begin(), lines.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    if (m_observer) m_observer->onScriptAdded(lines, port);
    ScriptRun run;
    run.port = port;
    run.times.reserve(lines.size());
    run.ends.reserve(lines.size());
    std::size_t bytes = 0;
    for (const auto &l : lines) bytes += l.second.size();
    run.text.reserve(bytes);
    for (auto &[t, s] : lines) {
        run.times.push_back(t.ms());
        run.text += s;
        run.ends.push_back(run.text.size());
        std::string().swap(s);
    }
    m_scripts.push_back(std::move(run));
}

void SessionInputLog::addTyped(InputRecord r)
{
    if (m_observer) m_observer->onTyped(r);
    m_typed.append(std::move(r));
}

void SessionInputLog::startAuto(const AutoTyperSpec &spec, SimTime t0, int port)
{
    stopAuto(t0 - Duration(1));
    m_auto.push_back(AutoRun{spec, t0, port, 0, true});
    if (m_observer) m_observer->onAutoStarted(spec, t0, port);
}

void SessionInputLog::stopAuto(SimTime at)
{
    if (!autoRunning()) return;
    advanceAuto(at);
    m_auto.back().open = false;
    if (m_observer) m_observer->onAutoStopped(at);
}

void SessionInputLog::advanceAuto(SimTime t)
{
    if (!autoRunning()) return;
    AutoRun &a = m_auto.back();
    if (t < a.t0) return;
    // The first k whose arrival is after t (arrival times are non-decreasing in k).
    const std::int64_t d = (t - a.t0).ms();
    auto k = static_cast<std::uint64_t>(static_cast<double>(d) * a.spec.totalRate() / 1000.0);
    while (k > 0 && a.time(k - 1) > t) --k;
    while (a.time(k) <= t) ++k;
    if (k <= a.count) return;
    a.count = k;
    if (m_observer) m_observer->onAutoAdvanced(t);
}

void SessionInputLog::clear()
{
    m_scripts.clear();
    m_typed = InputLog();
    m_auto.clear();
    if (m_observer) m_observer->onCleared();
}

std::size_t SessionInputLog::size() const
{
    std::size_t n = m_typed.size();
    for (const auto &s : m_scripts) n += s.times.size();
    for (const auto &a : m_auto) n += a.count;
    return n;
}

bool SessionInputLog::Cursor::next(SimTime upTo, InputRecord &out)
{
    if (!m_log) return false;
    m_script.resize(m_log->m_scripts.size(), 0);
    m_auto.resize(m_log->m_auto.size(), 0);
    // The earliest head; ties go to the first source in (scripts, typed, auto) order.
    int kind = -1;
    std::size_t which = 0;
    SimTime best;
    auto consider = [&](int k, std::size_t i, SimTime t) {
        if (t > upTo || (kind >= 0 && !(t < best))) return;
        kind = k;
        which = i;
        best = t;
    };
    for (std::size_t i = 0; i < m_script.size(); ++i) {
        const ScriptRun &s = m_log->m_scripts[i];
        if (m_script[i] < s.times.size()) consider(0, i, SimTime(s.times[m_script[i]]));
    }
    if (m_typed < m_log->m_typed.size()) consider(1, 0, m_log->m_typed[m_typed].time);
    for (std::size_t i = 0; i < m_auto.size(); ++i) {
        const AutoRun &a = m_log->m_auto[i];
        if (m_auto[i] < a.count) consider(2, i, a.time(m_auto[i]));
    }
    if (kind < 0) return false;
    if (kind == 0) {
        const ScriptRun &s = m_log->m_scripts[which];
        out = InputRecord{InputRecord::Kind::SocketLine, best, s.port, {}, s.at(m_script[which]++)};
    } else if (kind == 1) {
        out = m_log->m_typed[m_typed++];
    } else {
        const AutoRun &a = m_log->m_auto[which];
        const std::uint64_t k = m_auto[which]++;
        if (a.spec.isKafka()) // the auto-producer: a message as ProgramSession::apply(ProduceKafka) makes it
            out = InputRecord{InputRecord::Kind::KafkaMessage, best, kFileRecordPort, a.spec.topic,
                              AutoTyper::line(a.spec, k), AutoTyper::key(a.spec, k)};
        else
            out = InputRecord{InputRecord::Kind::SocketLine, best, a.port, {}, AutoTyper::line(a.spec, k)};
    }
    ++m_read;
    return true;
}

std::vector<InputRecord> SessionInputLog::records() const
{
    std::vector<InputRecord> out;
    Cursor c = cursor();
    InputRecord r;
    while (c.next(SimTime(INT64_MAX), r)) out.push_back(std::move(r));
    return out;
}

void SessionInputLog::writeScript(SimTime start, const std::function<void(const std::string &)> &write) const
{
    Cursor c = cursor();
    InputRecord r;
    std::string buf;
    while (c.next(SimTime(INT64_MAX), r)) {
        if (r.kind == InputRecord::Kind::File) appendScriptFile(buf, r.time - start, r.path, r.text);
        else if (r.kind == InputRecord::Kind::KafkaMessage) appendScriptKafka(buf, r.time - start, r.path, r.key, r.text);
        else if (r.kind == InputRecord::Kind::Server) appendScriptServer(buf, r.time - start, r.server, r.text);
        else appendScriptLine(buf, r.time - start, r.text, r.source ? std::string_view(*r.source) : std::string_view());
        if (buf.size() > (1 << 20)) {
            write(buf);
            buf.clear();
        }
    }
    if (!buf.empty()) write(buf);
}

} // namespace dsl::session
