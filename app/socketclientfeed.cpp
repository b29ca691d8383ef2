// SocketClientFeed: the class port's and real servers' lines into the session as the nc panel's SendLine.
#include "socketclientfeed.h"

#include "app/session/runsnapshot.h"
#include "ui/simulationcontroller.h"
#include "ui/timelinepainter.h"

#include <QRegularExpression>
#include <QTimer>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <iterator>

namespace dsl::app {

SocketClientFeed::SocketClientFeed(ui::SimulationController *controller, QObject *parent)
    : ui::SocketClientListener(parent), m_controller(controller), m_timer(new QTimer(this))
{
    m_timer->setInterval(kPollMs);
    connect(m_timer, &QTimer::timeout, this, &SocketClientFeed::poll);
    // The program's socket streams come and go with its runs.
    connect(controller, &ui::SimulationController::snapshotChanged, this, [this] {
        if (m_real) syncClients();
    });
}

SocketClientFeed::~SocketClientFeed()
{
    m_timer->stop();
    // Every thread joined before the feed it writes to and the controller it feeds go.
    for (auto &[location, c] : m_clients) c->stop();
    if (m_listener) m_listener->stop();
}

int SocketClientFeed::ncPort() const
{
    const ui::RunSnapshotPtr &s = m_controller->snapshot();
    return s ? s->listenPort : 9999;
}

ui::ClassPortSettings SocketClientFeed::defaultSettings() const
{
    const ListenLimits l; // `dstreamlab run --listen`'s
    ui::ClassPortSettings s;
    s.address = QStringLiteral("127.0.0.1");
    s.port = ncPort();
    s.maxConnections = l.maxConnections;
    s.maxLineBytes = static_cast<int>(l.maxLineBytes);
    s.linesPerSecond = l.linesPerSecond;
    s.idleSeconds = l.idleSeconds;
    return s;
}

bool SocketClientFeed::openClassPort(const ui::ClassPortSettings &settings, QString *error)
{
    closeClassPort();
    auto fail = [&](const std::string &why) {
        if (error) *error = QString::fromStdString(why);
        return false;
    };
    // The bounds of `--listen-limit` (app/socketlimits.cpp).
    if (settings.port < 1 || settings.port > 65535) return fail("the port must be from 1 to 65535");
    if (settings.address.trimmed().isEmpty()) return fail("no address to listen on");
    if (settings.maxConnections < 1 || settings.maxConnections > 100000)
        return fail("the connections must be from 1 to 100000");
    if (settings.maxLineBytes < 16) return fail("a line must be allowed at least 16 bytes");
    if (!(settings.linesPerSecond >= 0 && settings.linesPerSecond <= 1e6))
        return fail("the lines per second must be from 0 (no limit) to 1000000");
    if (settings.idleSeconds < 0) return fail("the idle seconds must be 0 (never) or more");
    ListenLimits limits;
    limits.maxConnections = settings.maxConnections;
    limits.maxLineBytes = static_cast<std::size_t>(settings.maxLineBytes);
    limits.linesPerSecond = settings.linesPerSecond;
    limits.idleSeconds = settings.idleSeconds;
    // Its lines go to the program's socket on the nc panel's port, as typed ones do.
    auto listener = std::make_unique<ClassroomListener>(limits, ncPort(), m_feed);
    std::string why;
    if (!listener->start(settings.address.trimmed().toStdString(), settings.port, why)) {
        listener->stop();
        return fail(why);
    }
    m_listener = std::move(listener);
    m_settings = settings;
    m_students.clear();
    if (m_real) syncClients(); // a stream on the class port's port is the class port's now
    updateTimer();
    emit changed();
    return true;
}

void SocketClientFeed::closeClassPort()
{
    if (!m_listener) return;
    m_listener->stop(); // refuses from now on; its threads have ended
    // What was received before the close still enters the run.
    take(SIZE_MAX, true);
    m_students = m_listener->connections();
    for (auto &c : m_students)
        if (c.open) {
            c.open = false;
            c.closedWhy = "the class port closed";
        }
    m_listener.reset();
    if (m_real) syncClients(); // a real server may serve that port again
    updateTimer();
    emit changed();
}

QString SocketClientFeed::classPortWhere() const
{
    return m_listener ? QString::fromStdString(m_listener->where()) : QString();
}

qint64 SocketClientFeed::refused() const
{
    return m_listener ? m_listener->refused() : 0;
}

void SocketClientFeed::setRealServers(bool on)
{
    if (m_real == on) return;
    m_real = on;
    syncClients();
    if (!on) take(SIZE_MAX, true); // what the servers sent before still enters the run
    updateTimer();
    emit changed();
}

void SocketClientFeed::close()
{
    setRealServers(false);
    closeClassPort();
    m_timer->stop();
}

void SocketClientFeed::syncClients()
{
    // The program's socket receivers of the current run, as Spark would connect them: one
    // connection per host:port.
    std::set<std::string> wanted;
    std::map<std::string, std::pair<std::string, int>> where;
    const ui::RunSnapshotPtr &s = m_controller->snapshot();
    // While the program runs (an ended program's receivers are stopped, as Spark stops them);
    // active or not: a receiver whose simulated port is not listened on yet retries, and
    // what its real server sends makes it listen (ProgramSession::lineRecord).
    const bool runs = s && s->phase != session::RunPhase::NotStarted && s->phase != session::RunPhase::Finished &&
                      s->phase != session::RunPhase::Failed;
    if (m_real && runs)
        for (const auto &r : s->receivers) {
            if (r.name != "SocketReceiver") continue;
            const auto colon = r.location.rfind(':');
            if (colon == std::string::npos) continue;
            const std::string host = r.location.substr(0, colon);
            const int port = std::atoi(r.location.c_str() + colon + 1);
            // A stream on the class port's own port would connect to the class port itself:
            // that port is served by the class port (as `dstreamlab run --listen` serves it).
            if (port <= 0 || (m_listener && port == m_settings.port)) continue;
            wanted.insert(r.location);
            where[r.location] = {host, port};
        }
    bool changedAny = false;
    for (auto it = m_clients.begin(); it != m_clients.end();) {
        if (wanted.count(it->first)) {
            ++it;
            continue;
        }
        it->second->stop();
        it = m_clients.erase(it);
        changedAny = true;
    }
    for (const std::string &location : wanted) {
        if (m_clients.count(location)) continue;
        const auto &[host, port] = where[location];
        // Loopback hosts only (`dstreamlab run` without --allow-host): a program cannot make the
        // dashboard connect elsewhere; SocketClient notes a host it does not reach.
        auto client = std::make_unique<SocketClient>(host, port, /*allowed=*/false, m_feed);
        client->start();
        m_serverNames[port] = location;
        m_clients.emplace(location, std::move(client));
        changedAny = true;
    }
    if (changedAny) {
        updateTimer();
        emit changed();
    }
}

bool SocketClientFeed::held() const
{
    // Browsing the history (or replaying to a browsed batch): a line now would change the past.
    const ui::RunSnapshotPtr &s = m_controller->snapshot();
    return s && (s->cursor || s->phase == session::RunPhase::Replaying);
}

void SocketClientFeed::updateTimer()
{
    const bool on = m_listener || !m_clients.empty() || m_real || m_feed.pendingLines() > 0;
    if (on && !m_timer->isActive()) m_timer->start();
    if (!on) m_timer->stop();
}

void SocketClientFeed::poll()
{
    take(kLinesPerPoll, false);
    updateTimer();
}

void SocketClientFeed::take(std::size_t max, bool force)
{
    if (force || !held()) {
        std::vector<ReceivedLine> got = m_feed.takeLines(max);
        // Read after the lines: every connection a line came from is listed by now.
        if (m_listener) m_students = m_listener->connections();
        for (ReceivedLine &r : got) {
            if (r.server) {
                // What a real server did enters the run in order with its lines: the session's
                // receiver of that port follows the server from now on, and the engine logs
                // Spark's WARN lines (the Log tab), live and in every replay.
                m_controller->execute(ui::command::RealServerEvent{r.port, *r.server, QString::fromStdString(r.line.text)});
                continue;
            }
            std::string source;
            int port = 0; // the nc panel's
            if (r.connection > 0) {
                const auto c = std::find_if(m_students.begin(), m_students.end(),
                                            [&](const auto &s) { return s.number == r.connection; });
                source = c != m_students.end() ? c->name() : "student " + std::to_string(r.connection);
            } else {
                const auto n = m_serverNames.find(r.port);
                source = n != m_serverNames.end() ? n->second : "localhost:" + std::to_string(r.port);
                if (r.port != ncPort()) port = r.port;
            }
            ++m_entered[source];
            // As the nc panel sends a typed line (NcInputPanel::onLineEntered): text only.
            m_controller->execute(ui::command::SendLine{QString::fromStdString(r.line.text), QString::fromStdString(source), port});
            ++m_lines;
        }
    } else if (m_listener) {
        m_students = m_listener->connections();
    }
    for (const SocketNote &n : m_feed.takeNotes()) {
        if (!n.source.empty()) {
            // Spark's WARN lines (a receiver restarting every 2 s) go to the log on stderr; the nc
            // panel's header shows the connection's state.
            std::cerr << "WARN " << n.source << ": " << n.text << "\n";
            if (n.source != "DStreamLab") continue;
        } else {
            std::cerr << "DStream Lab: " << n.text << "\n";
        }
        emit note(noteText(n));
    }
    reportIfChanged();
}

QString SocketClientFeed::leftWhyText(const std::string &why)
{
    // The reasons ClassroomListener and closeClassPort give.
    const QString w = QString::fromStdString(why);
    if (w == QLatin1String("closed by the client")) return tr("closed by the client");
    if (w == QLatin1String("the run ended")) return tr("the run ended");
    if (w == QLatin1String("the class port closed")) return tr("the class port closed");
    static const QRegularExpression idle(QStringLiteral("^idle for (\\d+) s$"));
    if (const auto m = idle.match(w); m.hasMatch()) return tr("idle for %1 s").arg(m.captured(1));
    const QLatin1String error("connection error: ");
    if (w.startsWith(error)) return tr("connection error: %1").arg(w.mid(error.size()));
    return w;
}

QString SocketClientFeed::noteText(const SocketNote &n)
{
    const std::vector<std::string> &a = n.args;
    auto arg = [&](std::size_t i) { return i < a.size() ? QString::fromStdString(a[i]) : QString(); };
    auto number = [&](std::size_t i) { return i < a.size() ? std::atoll(a[i].c_str()) : 0LL; };
    // A student as the nc panel names one, a server as "nc at localhost:9999".
    auto who = [&](std::size_t i) { return i < a.size() ? ui::TimelinePainter::sourceLongLabel(a[i]) : QString(); };
    const std::size_t want = [&]() -> std::size_t {
        switch (n.kind) {
        case NoteKind::Other: return 0;
        case NoteKind::FlaggedLine: return 5;
        case NoteKind::FlaggedMore:
        case NoteKind::AcceptPaused:
        case NoteKind::ListenerStopped: return 1;
        case NoteKind::StudentConnected:
        case NoteKind::PortFull:
        case NoteKind::ClientNotStarted:
        case NoteKind::NotLoopback:
        case NoteKind::UnfinishedLineLost: return 2;
        case NoteKind::StudentLeft:
        case NoteKind::NothingListens:
        case NoteKind::ServerConnected: return 3;
        case NoteKind::CannotResolve: return 4;
        }
        return 0;
    }();
    if (n.kind == NoteKind::Other || a.size() < want) return QString::fromStdString(n.text);
    switch (n.kind) {
    case NoteKind::Other: break;
    case NoteKind::FlaggedLine: {
        QStringList what;
        // Singular and plural spelled out (no %n): the English needs no translation file.
        if (number(2) == 1) what << tr("cut at the %1-byte limit (1 byte dropped)").arg(arg(4));
        else if (number(2) > 1) what << tr("cut at the %1-byte limit (%2 bytes dropped)").arg(arg(4), arg(2));
        if (number(3) == 1) what << tr("1 ill-formed UTF-8 sequence replaced by U+FFFD");
        else if (number(3) > 1) what << tr("%1 ill-formed UTF-8 sequences replaced by U+FFFD").arg(arg(3));
        return tr("line %1 from %2: %3").arg(arg(0), who(1), what.join(tr("; ")));
    }
    case NoteKind::FlaggedMore: return tr("further flagged lines from %1 are counted, not shown").arg(who(0));
    case NoteKind::StudentConnected: return tr("%1 connected to the class port %2").arg(who(0), arg(1));
    case NoteKind::StudentLeft:
        return number(2) == 1 ? tr("%1 left (%2) after 1 line").arg(who(0), leftWhyText(a[1]))
                              : tr("%1 left (%2) after %3 lines").arg(who(0), leftWhyText(a[1]), arg(2));
    case NoteKind::AcceptPaused: return tr("the class port cannot accept more connections now: %1").arg(arg(0));
    case NoteKind::PortFull:
        return number(1) == 1 ? tr("the class port is full (%1 connections): refused 1 more connection; Run > Open the "
                                   "class port… allows more")
                                    .arg(arg(0))
                              : tr("the class port is full (%1 connections): refused %2 more connections; Run > Open the "
                                   "class port… allows more")
                                    .arg(arg(0), arg(1));
    case NoteKind::ListenerStopped: return tr("the class port stopped: %1").arg(arg(0));
    case NoteKind::ClientNotStarted: return tr("cannot start the connection to %1: %2").arg(arg(0), arg(1));
    case NoteKind::CannotResolve:
        return tr("socketTextStream(\"%1\", %2): cannot resolve %1 (%3); tried again every %4 s").arg(arg(0), arg(1), arg(2), arg(3));
    case NoteKind::NotLoopback:
        return tr("socketTextStream(\"%1\", %2): %1 is not this computer, so the dashboard does not connect to it; its "
                  "receiver gets no lines")
            .arg(arg(0), arg(1));
    case NoteKind::NothingListens:
        return tr("nothing listens on %1 yet: start the server (nc -lk %2); the receiver tries again every %3 s, as "
                  "Spark's does")
            .arg(arg(0), arg(1), arg(2));
    case NoteKind::ServerConnected:
        return tr("connected to %1 (a real server): its lines go to socketTextStream(\"%2\", %3)").arg(arg(0), arg(1), arg(2));
    case NoteKind::UnfinishedLineLost:
        return tr("%1 bytes of an unfinished line from %2 are lost with the connection").arg(arg(0), arg(1));
    }
    return QString::fromStdString(n.text);
}

std::vector<ui::SocketSource> SocketClientFeed::sources() const
{
    // Who is there first (students, then servers), then who left: a short list shows the room.
    std::vector<ui::SocketSource> out, left;
    const std::vector<ClassroomListener::Connection> students = m_listener ? m_listener->connections() : m_students;
    for (const auto &c : students) {
        ui::SocketSource s;
        s.kind = ui::SocketSource::Kind::Student;
        s.name = QString::fromStdString(c.name());
        s.number = c.number;
        s.peer = QString::fromStdString(c.peer);
        s.state = c.open ? ui::SocketSource::State::Connected : ui::SocketSource::State::Closed;
        s.closedWhy = leftWhyText(c.closedWhy);
        const auto it = m_entered.find(c.name());
        s.lines = it == m_entered.end() ? 0 : it->second;
        s.flagged = c.flagged;
        (c.open ? out : left).push_back(std::move(s));
    }
    for (const auto &[location, c] : m_clients) {
        ui::SocketSource s;
        s.kind = ui::SocketSource::Kind::Server;
        s.name = QString::fromStdString(location);
        s.peer = s.name;
        switch (c->state()) {
        case SocketClient::State::Connecting: s.state = ui::SocketSource::State::Connecting; break;
        case SocketClient::State::Connected: s.state = ui::SocketSource::State::Connected; break;
        case SocketClient::State::Retrying: s.state = ui::SocketSource::State::Retrying; break;
        case SocketClient::State::NotAllowed: s.state = ui::SocketSource::State::NotAllowed; break;
        }
        const auto it = m_entered.find(location);
        s.lines = it == m_entered.end() ? 0 : it->second;
        s.flagged = c->flagged();
        out.push_back(std::move(s));
    }
    out.insert(out.end(), std::make_move_iterator(left.begin()), std::make_move_iterator(left.end()));
    return out;
}

void SocketClientFeed::reportIfChanged()
{
    std::vector<ui::SocketSource> now = sources();
    if (now == m_reported && m_lines == m_reportedLines) return;
    m_reported = std::move(now);
    m_reportedLines = m_lines;
    emit changed();
}

} // namespace dsl::app
