// LiveSockets: real socket clients and the classroom port of a `--real-time` run, fed from the pacer.
#include "livesockets.h"

#include "databaseoption.h"
#include "programrun.h"
#include "realtimepacer.h"

#include "engine/dstreamgraph.h"
#include "engine/inputdstreams.h"
#include "engine/inputscript.h"
#include "engine/simulation.h"
#include "engine/streamingcontext.h"
#include "engine/timeformat.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>

namespace dsl::app {

namespace {

/// A new file for this run's recording: socket-recordings/PROGRAM-YYYYMMDD-HHMMSS.input in the
/// app's data folder (next to --kafka-listen's recordings), with -2, -3 ... when taken.
std::string defaultRecordPath(const std::string &program, SimTime start)
{
    const std::time_t secs = static_cast<std::time_t>(start.ms() / 1000);
    std::tm tm{};
    localtime_r(&secs, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    const auto dir = std::filesystem::path(appDataDir()) / "socket-recordings";
    const std::string base = programDatabaseName(program) + "-" + stamp;
    auto path = dir / (base + ".input");
    for (int n = 2; std::filesystem::exists(path); ++n) path = dir / (base + "-" + std::to_string(n) + ".input");
    return path.string();
}

/// The recording of a second (third ...) port: words.input -> words-9998.input.
std::string portPath(const std::string &base, int port)
{
    const std::filesystem::path p(base);
    const std::string name = p.stem().string() + "-" + std::to_string(port) + p.extension().string();
    return (p.parent_path() / name).string();
}

/// An argument as a POSIX shell reads it back: as is when it is plain, else in single quotes.
std::string shellQuote(const std::string &s)
{
    const bool plain = !s.empty() && s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                         "0123456789_./=:,+@%-") == std::string::npos;
    if (plain) return s;
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// "6", "12.345": seconds with millisecond precision, as --seconds reads them back exactly.
std::string seconds(Duration d)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%lld.%03lld", static_cast<long long>(d.ms() / 1000), static_cast<long long>(d.ms() % 1000));
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

/// 50, 0.5: a rate as the user wrote it.
std::string decimal(double v)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

std::string plural(std::int64_t n, const char *word)
{
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

} // namespace

bool programReadsSockets(const std::string &source)
{
    return source.find("socketTextStream") != std::string::npos;
}

LiveSockets::LiveSockets(const ProgramRun &run, const LiveSocketOptions &options, SimTime start, std::set<int> scriptedPorts)
    : m_run(run), m_options(options), m_start(start), m_lastTime(start), m_scripted(std::move(scriptedPorts)),
      m_recordBase(options.recordInput ? *options.recordInput : defaultRecordPath(run.program, start))
{
}

LiveSockets::~LiveSockets()
{
    // Threads end before the feed they write to goes.
    for (auto &[port, c] : m_clients) c->stop();
    if (m_listener) m_listener->stop();
}

std::vector<const SocketClient *> LiveSockets::clients() const
{
    std::vector<const SocketClient *> out;
    for (const auto &[port, c] : m_clients) out.push_back(c.get());
    return out;
}

bool LiveSockets::start(std::string &error)
{
    // A recording the user named, or the class port's, is opened now, so that a path that cannot
    // be written ends the run before it starts; otherwise when the program's first socket stream
    // shows up (a real-time run without one records nothing).
    if (m_options.listen || m_options.recordInput) {
        const int first = m_options.listen ? m_options.listenPort : 0;
        if (!recording(first)) {
            error = "--record-input: cannot write " + m_recordBase;
            return false;
        }
    }
    if (!m_options.listen) return true;
    m_listener = std::make_unique<ClassroomListener>(m_options.limits, m_options.listenPort, m_feed);
    if (!m_listener->start(m_options.listenAddress, m_options.listenPort, error)) {
        error = "--listen: " + error;
        return false;
    }
    const ListenLimits &l = m_options.limits;
    const std::string port = std::to_string(m_options.listenPort);
    std::cerr << "DStream Lab: the class port is open at " << m_listener->where() << ": students connect with `nc "
              << (m_options.listenAddress == "0.0.0.0" || m_options.listenAddress == "::" ? std::string("THIS-HOST")
                                                                                           : m_options.listenAddress)
              << " " << port << "` (or telnet) and type; each line goes to the program's socketTextStream on port "
              << port << " and is recorded in " << m_recordBase << "\n";
    std::cerr << "DStream Lab: class port limits: " << l.maxConnections << " connections, lines up to " << l.maxLineBytes
              << " bytes (longer ones are cut), "
              << (l.linesPerSecond > 0 ? decimal(l.linesPerSecond) +
                                             " lines per second per connection"
                                       : std::string("no rate limit"))
              << ", "
              << (l.idleSeconds > 0 ? "idle connections closed after " + std::to_string(l.idleSeconds) + " s"
                                    : std::string("idle connections kept"))
              << " (--listen-limit KEY=VALUE changes them)\n";
    if (m_listener->where().starts_with("127.") || m_listener->where().starts_with("[::1]"))
        std::cerr << "DStream Lab: only this machine can connect; --listen 0.0.0.0:" << port
                  << " opens the port to the room\n";
    noteEndless();
    return true;
}

void LiveSockets::noteEndless()
{
    if (m_endlessNoted || m_run.settings.maxDuration) return;
    m_endlessNoted = true;
    std::cerr << "DStream Lab: input from real sockets never runs out: the run goes on until Ctrl-C (or SIGTERM); "
                 "--seconds S ends it after S seconds\n";
}

LiveSockets::Recording *LiveSockets::recording(int port)
{
    for (Recording &r : m_recordings)
        if (r.port == port || r.port == 0) {
            r.port = port; // the file opened before its port was known (0) is the first port's
            return &r;
        }
    Recording &r = m_recordings.emplace_back();
    r.port = port;
    r.path = m_recordings.size() == 1 ? m_recordBase : portPath(m_recordBase, port);
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::absolute(r.path, ec).parent_path(), ec);
    r.out.open(r.path, std::ios::binary | std::ios::trunc);
    if (!r.out) {
        m_recordings.pop_back();
        return nullptr;
    }
    return &r;
}

void LiveSockets::discover(Simulation &sim)
{
    StreamingContext *ssc = StreamingContext::getActive(sim);
    if (!ssc || ssc->state() != StreamingState::ACTIVE) return;
    bool readsListenPort = false;
    for (const auto &in : ssc->graph().inputStreams()) {
        const auto *s = dynamic_cast<const SocketInputDStream *>(in.get());
        if (!s) continue;
        const int port = s->port();
        if (m_options.listen && port == m_options.listenPort) readsListenPort = true;
        if (!m_known.insert(port).second) continue;
        if (m_scripted.count(port) || m_scripted.count(0)) continue; // --input [PORT=]FILE feeds it
        if (m_options.listen && port == m_options.listenPort) continue; // the class port feeds it
        if (Recording *rec = recording(port)) {
            // The replay's receiver of this port follows the recorded server from the start, as
            // this run's does (programrun: a script with @server records), even when the run ends
            // before the first connection attempt is reported.
            std::string header;
            appendScriptServer(header, Duration(0), ServerEvent::Connecting);
            rec->out << header;
        } else if (!m_recordFailed) {
            m_recordFailed = true;
            std::cerr << "DStream Lab: --record-input: cannot write " << portPath(m_recordBase, port)
                      << "; the run goes on, but cannot be replayed exactly\n";
        }
        const bool allowed = std::find(m_options.allowHosts.begin(), m_options.allowHosts.end(), s->host()) !=
                             m_options.allowHosts.end();
        auto client = std::make_unique<SocketClient>(s->host(), port, allowed, m_feed);
        client->start();
        m_clients.emplace(port, std::move(client));
        noteEndless();
    }
    if (m_options.listen && !m_listenChecked) {
        m_listenChecked = true;
        if (!readsListenPort)
            std::cerr << "DStream Lab: no socketTextStream of the program reads port " << m_options.listenPort
                      << ": the class port's lines reach no receiver\n";
    }
}

void LiveSockets::feed(Simulation &sim, const RealTimePacer &pacer)
{
    discover(sim);
    std::vector<ReceivedLine> lines = m_feed.takeLines();
    if (!lines.empty()) {
        // Every line and server event of this slice arrives at one time, after the simulation's
        // clock: the engine has read nothing past it, and a replay from the recording puts them
        // at the same time, in the same order for each port.
        const SimTime at = pacer.arrivalTime();
        std::vector<ClassroomListener::Connection> students;
        if (m_listener) students = m_listener->connections(); // read after the lines: every sender is listed
        std::string text;
        for (ReceivedLine &r : lines) {
            Recording *rec = recording(r.port);
            text.clear();
            if (r.server) {
                // The engine's receiver of that port follows it (InputLog::followServer): Spark's
                // WARN lines come from its log, at this simulated time, live and in the replay.
                if (rec) appendScriptServer(text, at - m_start, *r.server, r.line.text);
                sim.inputLog().addServerEvent(at, r.port, *r.server, std::move(r.line.text));
            } else {
                InputRecord in{InputRecord::Kind::SocketLine, at, r.port, {}, std::move(r.line.text)};
                in.source = sourceName(r, students);
                if (rec) {
                    appendScriptLine(text, at - m_start, in.text, *in.source);
                    ++rec->lines;
                }
                if (r.connection > 0) ++m_enteredByConnection[r.connection];
                ++m_entered;
                sim.inputLog().append(std::move(in));
            }
            if (rec) rec->out << text;
        }
        for (Recording &rec : m_recordings) rec.out.flush();
        for (Recording &rec : m_recordings)
            if (!rec.out && !m_recordFailed) {
                m_recordFailed = true;
                std::cerr << "DStream Lab: --record-input: writing " << rec.path
                          << " failed; the run goes on, but cannot be replayed exactly\n";
            }
    }
    m_lastTime = std::max(pacer.wallNow(), sim.now());
    printNotes(m_lastTime);
}

std::shared_ptr<const std::string> LiveSockets::sourceName(const ReceivedLine &r,
                                                           const std::vector<ClassroomListener::Connection> &students)
{
    // A student as the class port names one ("student 3 (127.0.0.1:50432)"), a server by its
    // host:port; one shared string per source.
    std::string name;
    if (r.connection > 0) {
        const auto c = std::find_if(students.begin(), students.end(), [&](const auto &s) { return s.number == r.connection; });
        name = c != students.end() ? c->name() : "student " + std::to_string(r.connection);
    } else {
        const auto c = m_clients.find(r.port);
        name = c != m_clients.end() ? c->second->location() : "localhost:" + std::to_string(r.port);
    }
    auto &shared = m_sources[name];
    if (!shared) shared = std::make_shared<const std::string>(name);
    return shared;
}

void LiveSockets::printNotes(SimTime at)
{
    for (const SocketNote &n : m_feed.takeNotes()) {
        if (n.source.empty()) std::cerr << "DStream Lab: " << n.text << "\n";
        else std::cerr << log4jTime(at) << " WARN " << n.source << ": " << n.text << "\n";
    }
}

void LiveSockets::finish(std::optional<SimTime> interruptedAt)
{
    if (m_finished) return;
    m_finished = true;
    for (auto &[port, c] : m_clients) c->stop();
    if (m_listener) m_listener->stop();
    // What came after the run's last slice never entered it (and is not in the recording).
    const auto late = static_cast<std::int64_t>(m_feed.takeLines().size());
    printNotes(m_lastTime);

    if (m_listener) {
        const auto conns = m_listener->connections();
        std::cerr << "DStream Lab: the class port " << m_listener->where() << " had " << plural(static_cast<std::int64_t>(conns.size()), "connection");
        if (const auto refused = m_listener->refused(); refused > 0)
            std::cerr << " (and refused " << refused << " over the limit of " << m_options.limits.maxConnections << ")";
        std::cerr << (conns.empty() ? "\n" : "; lines that entered the run:\n");
        for (const auto &c : conns) {
            const auto it = m_enteredByConnection.find(c.number);
            std::cerr << "  " << c.name() << ": " << plural(it == m_enteredByConnection.end() ? 0 : it->second, "line");
            if (c.flagged > 0) std::cerr << " (" << c.flagged << " flagged)";
            std::cerr << "\n";
        }
    }
    for (const auto &[port, c] : m_clients)
        std::cerr << "DStream Lab: " << c->location() << " (a real server): " << plural(c->lines(), "line") << " over "
                  << plural(c->connections(), "connection") << (c->flagged() > 0 ? " (" + std::to_string(c->flagged()) + " flagged)" : "")
                  << "\n";
    if (late > 0)
        std::cerr << "DStream Lab: " << plural(late, "line") << " arrived after the run's end and never entered it\n";

    // The recordings of ports the program never read (the file opened at the start for a port not
    // known yet) replay nothing.
    std::vector<const Recording *> used;
    for (const Recording &r : m_recordings)
        if (r.port != 0) used.push_back(&r);
    if (used.empty()) {
        for (const Recording &r : m_recordings) {
            std::error_code ec;
            if (r.lines == 0) std::filesystem::remove(r.path, ec);
        }
        return;
    }
    std::string args = "--start-time " + shellQuote(pythonDateTimeStr(m_start));
    if (m_run.settings.maxDuration) args += " --seconds " + seconds(*m_run.settings.maxDuration);
    else if (interruptedAt) args += " --seconds " + seconds(*interruptedAt - m_start);
    // One port and no other input: `--input FILE`, every socket, as the live run listened on every
    // port; otherwise each recording for its port.
    const bool plain = used.size() == 1 && m_run.inputs.empty();
    std::string files;
    for (const Recording *r : used) {
        args += " --input " + shellQuote(plain ? r->path : std::to_string(r->port) + "=" + r->path);
        files += (files.empty() ? "" : ", ") + r->path;
    }
    std::cerr << "DStream Lab: " << plural(m_entered, "line") << " from real sockets entered the run, recorded in " << files
              << (m_recordFailed ? " (incompletely: see above)" : "")
              << ". To replay this run deterministically, run the same program with the same options, without "
                 "--real-time, --listen, --listen-limit, --allow-host and --record-input, and with:\n"
              << "  " << args << "\n";
}

} // namespace dsl::app
