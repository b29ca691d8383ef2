// ClassroomListener: one poll() loop over the listening socket and the students' connections
// (non-blocking sockets; each connection read only while its rate allows and the run keeps up).
#include "classroomlistener.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <list>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace dsl::app {

using Clock = std::chrono::steady_clock;

namespace {

/// One read: small enough that the lines it may hold (a chunk of empty lines) stay few.
constexpr std::size_t kChunk = 16 * 1024;
constexpr int kFullRetryMs = 20;
constexpr auto kAcceptBackoff = std::chrono::milliseconds(200);

void closeFd(int &fd)
{
    if (fd >= 0) ::close(fd);
    fd = -1;
}

/// "127.0.0.1:50432", "[::1]:50432"
std::string numericName(const sockaddr *addr, socklen_t len)
{
    char host[NI_MAXHOST] = "?", serv[NI_MAXSERV] = "?";
    ::getnameinfo(addr, len, host, sizeof host, serv, sizeof serv, NI_NUMERICHOST | NI_NUMERICSERV);
    const std::string h = host;
    return (h.find(':') != std::string::npos ? "[" + h + "]" : h) + ":" + serv;
}

/// Best effort, never blocking, never SIGPIPE: a line for a client about to be closed.
void tell(int fd, const char *text)
{
    [[maybe_unused]] const ssize_t n = ::send(fd, text, std::strlen(text), MSG_NOSIGNAL | MSG_DONTWAIT);
}

bool allDigits(const std::string &s)
{
    return !s.empty() && s.size() <= 5 && s.find_first_not_of("0123456789") == std::string::npos;
}

} // namespace

bool parseListenAddress(const std::string &text, std::string &address, int &port, std::string &error)
{
    std::string portText = text;
    address = "127.0.0.1";
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string::npos || close + 1 >= text.size() || text[close + 1] != ':') {
            error = "--listen needs [ADDR:]PORT, e.g. --listen 9999 or --listen '[::1]:9999', not '" + text + "'";
            return false;
        }
        address = text.substr(1, close - 1);
        portText = text.substr(close + 2);
    } else if (const auto colon = text.rfind(':'); colon != std::string::npos) {
        if (text.find(':') != colon) {
            error = "--listen: an IPv6 address goes in brackets, e.g. --listen '[::1]:9999', not '" + text + "'";
            return false;
        }
        address = text.substr(0, colon);
        portText = text.substr(colon + 1);
    }
    port = allDigits(portText) ? std::stoi(portText) : 0;
    if (address.empty() || port < 1 || port > 65535) {
        error = "--listen needs [ADDR:]PORT with a TCP port from 1 to 65535, e.g. --listen 9999 or --listen "
                "0.0.0.0:9999, not '" + text + "'";
        return false;
    }
    return true;
}

struct ClassroomListener::Conn {
    int fd = -1;
    std::size_t index = 0; ///< into m_stats
    LineFramer framer;
    std::deque<FramedLine> pending; ///< framed, waiting for the rate or for the run
    double tokens = 0;
    Clock::time_point refilled, lastReceived;
    bool ended = false;    ///< the client closed (or reset) its side: nothing more to read
    std::string endWhy;
    bool closed = false;
    std::size_t lineNumber = 0;
    std::int64_t flagged = 0;
    // Students may use telnet: its commands are no text (RFC 854; LineFramer::Telnet).
    explicit Conn(std::size_t maxLine) : framer(maxLine, LineFramer::Telnet::Commands) {}
};

ClassroomListener::ClassroomListener(ListenLimits limits, int programPort, SocketFeed &feed)
    : m_limits(limits), m_programPort(programPort), m_feed(feed)
{
}

ClassroomListener::~ClassroomListener()
{
    stop();
}

bool ClassroomListener::start(const std::string &address, int port, std::string &error)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo *found = nullptr;
    const std::string portText = std::to_string(port);
    const std::string named = (address.find(':') != std::string::npos ? "[" + address + "]" : address) + ":" + portText;
    if (const int gai = ::getaddrinfo(address.c_str(), portText.c_str(), &hints, &found); gai != 0) {
        error = "cannot listen on " + named + ": " + ::gai_strerror(gai);
        return false;
    }
    m_listen = ::socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_listen < 0) {
        error = "cannot open a socket for " + named + ": " + std::strerror(errno);
        ::freeaddrinfo(found);
        return false;
    }
    const int on = 1;
    ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (found->ai_family == AF_INET6) {
        // "::" is every network, IPv4 too (v4-mapped peers), whatever net.ipv6.bindv6only says.
        const int off = 0;
        ::setsockopt(m_listen, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off);
    }
    if (::bind(m_listen, found->ai_addr, found->ai_addrlen) != 0 || ::listen(m_listen, 128) != 0) {
        const int e = errno;
        error = named + (e == EADDRINUSE ? " is in use (another `nc -lk`, or a run already listening there?)"
                                         : " cannot be listened on") +
                ": " + std::strerror(e);
        closeFd(m_listen);
        ::freeaddrinfo(found);
        return false;
    }
    m_where = numericName(found->ai_addr, found->ai_addrlen);
    ::freeaddrinfo(found);
    if (::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0) {
        error = std::string("cannot make a pipe for the listener's thread: ") + std::strerror(errno);
        closeFd(m_listen);
        return false;
    }
    m_thread = std::thread([this] { loop(); });
    return true;
}

void ClassroomListener::stop()
{
    if (m_thread.joinable()) {
        const char c = 'q';
        [[maybe_unused]] const ssize_t n = ::write(m_wake[1], &c, 1);
        m_thread.join();
    }
    closeFd(m_listen);
    closeFd(m_wake[0]);
    closeFd(m_wake[1]);
}

std::vector<ClassroomListener::Connection> ClassroomListener::connections() const
{
    std::lock_guard lk(m_mutex);
    return m_stats;
}

std::int64_t ClassroomListener::refused() const
{
    std::lock_guard lk(m_mutex);
    return m_refused;
}

void ClassroomListener::handOver(Conn &c)
{
    const bool limited = m_limits.linesPerSecond > 0;
    while (!c.pending.empty() && (!limited || c.tokens >= 1) && !m_feed.full()) {
        FramedLine line = std::move(c.pending.front());
        c.pending.pop_front();
        if (limited) c.tokens -= 1;
        const std::size_t number = ++c.lineNumber;
        std::string name;
        {
            std::lock_guard lk(m_mutex);
            Connection &s = m_stats[c.index];
            ++s.lines;
            if (line.flagged()) ++s.flagged;
            if (line.flagged() && c.flagged < kFlagWarningsPerConnection) name = s.name();
        }
        if (line.flagged()) {
            ++c.flagged;
            if (!name.empty())
                m_feed.note("DStreamLab", "line " + std::to_string(number) + " from " + name + ": " +
                                              flagDescription(line, m_limits.maxLineBytes),
                            NoteKind::FlaggedLine,
                            {std::to_string(number), name, std::to_string(line.cutBytes), std::to_string(line.replaced),
                             std::to_string(m_limits.maxLineBytes)});
            if (c.flagged == kFlagWarningsPerConnection)
                m_feed.note({}, "further flagged lines from " + m_stats[c.index].name() + " are counted, not shown",
                            NoteKind::FlaggedMore, {m_stats[c.index].name()});
        }
        m_feed.push(ReceivedLine{m_programPort, m_stats[c.index].number, number, std::move(line)});
    }
}

void ClassroomListener::close(Conn &c, const std::string &why, const char *tellClient)
{
    if (tellClient) tell(c.fd, tellClient);
    closeFd(c.fd);
    c.closed = true;
    std::string text;
    std::vector<std::string> args;
    {
        std::lock_guard lk(m_mutex);
        Connection &s = m_stats[c.index];
        s.open = false;
        s.closedWhy = why;
        text = s.name() + " disconnected (" + why + ") after " + std::to_string(s.lines) + " line" +
               (s.lines == 1 ? "" : "s");
        args = {s.name(), why, std::to_string(s.lines)};
    }
    m_feed.note({}, text, NoteKind::StudentLeft, std::move(args));
}

void ClassroomListener::accept(std::vector<Conn> &conns, Clock::time_point now)
{
    for (;;) {
        sockaddr_storage peer{};
        socklen_t len = sizeof peer;
        int fd = ::accept4(m_listen, reinterpret_cast<sockaddr *>(&peer), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                // Out of descriptors: the waiting clients stay in the backlog; look again later
                // rather than spinning on a socket that stays readable.
                m_feed.note({}, std::string("the class port cannot accept more connections now: ") + std::strerror(errno),
                            NoteKind::AcceptPaused, {std::strerror(errno)});
                m_acceptPausedUntil = now + kAcceptBackoff;
            }
            if (errno == EINTR || errno == ECONNABORTED) continue;
            return;
        }
        const std::string name = numericName(reinterpret_cast<sockaddr *>(&peer), len);
        if (static_cast<int>(conns.size()) >= m_limits.maxConnections) {
            const std::string text = "DStream Lab: the class port is full (" + std::to_string(m_limits.maxConnections) +
                                     " connections); try again later\n";
            tell(fd, text.c_str());
            closeFd(fd);
            std::lock_guard lk(m_mutex);
            ++m_refused;
            continue;
        }
        Conn c(m_limits.maxLineBytes);
        c.fd = fd;
        c.tokens = std::max(1.0, m_limits.linesPerSecond);
        c.refilled = c.lastReceived = now;
        std::string named;
        {
            std::lock_guard lk(m_mutex);
            Connection s;
            s.number = static_cast<int>(m_stats.size()) + 1;
            s.peer = name;
            c.index = m_stats.size();
            named = s.name();
            m_stats.push_back(std::move(s));
        }
        m_feed.note({}, named + " connected to the class port " + m_where, NoteKind::StudentConnected, {named, m_where});
        conns.push_back(std::move(c));
    }
}

void ClassroomListener::loop()
{
    std::vector<Conn> conns;
    std::vector<pollfd> fds;
    std::vector<Conn *> polled; // the connection of fds[2 + i]
    std::string chunk(kChunk, '\0');
    std::vector<FramedLine> framed;
    const bool limited = m_limits.linesPerSecond > 0;
    const double burst = std::max(1.0, m_limits.linesPerSecond);
    const auto idle = std::chrono::seconds(m_limits.idleSeconds);
    for (;;) {
        const auto now = Clock::now();
        int timeoutMs = -1;
        auto wakeIn = [&](Clock::duration d) {
            const auto ms = std::max<std::int64_t>(1, std::chrono::ceil<std::chrono::milliseconds>(d).count());
            if (timeoutMs < 0 || ms < timeoutMs) timeoutMs = static_cast<int>(std::min<std::int64_t>(ms, 60'000));
        };
        for (Conn &c : conns) {
            if (limited) {
                const double dt = std::chrono::duration<double>(now - c.refilled).count();
                c.tokens = std::min(burst, c.tokens + dt * m_limits.linesPerSecond);
                c.refilled = now;
            }
            handOver(c);
            if (c.ended && c.pending.empty()) close(c, c.endWhy);
            else if (m_limits.idleSeconds > 0 && !c.ended && c.pending.empty() && now - c.lastReceived >= idle) {
                const std::string text = "DStream Lab: nothing received for " + std::to_string(m_limits.idleSeconds) +
                                         " s; the connection is closed\n";
                close(c, "idle for " + std::to_string(m_limits.idleSeconds) + " s", text.c_str());
            }
        }
        std::erase_if(conns, [](const Conn &c) { return c.closed; });
        {
            std::int64_t refused = 0;
            {
                std::lock_guard lk(m_mutex);
                refused = m_refused;
            }
            // At most one note a second: a room retrying a full port is one line, not hundreds.
            if (refused > m_refusedNoted && now - m_refusalNotedAt >= std::chrono::seconds(1)) {
                m_refusalNotedAt = now;
                m_feed.note({}, "the class port is full (" + std::to_string(m_limits.maxConnections) + " connections): refused " +
                                    std::to_string(refused - m_refusedNoted) + " more connection" +
                                    (refused - m_refusedNoted == 1 ? "" : "s") +
                                    " (--listen-limit connections=N allows more)",
                            NoteKind::PortFull,
                            {std::to_string(m_limits.maxConnections), std::to_string(refused - m_refusedNoted)});
                m_refusedNoted = refused;
            } else if (refused > m_refusedNoted) {
                wakeIn(m_refusalNotedAt + std::chrono::seconds(1) - now);
            }
        }

        fds.clear();
        polled.clear();
        fds.push_back({m_wake[0], POLLIN, 0});
        fds.push_back({now < m_acceptPausedUntil ? -1 : m_listen, POLLIN, 0});
        if (now < m_acceptPausedUntil) wakeIn(m_acceptPausedUntil - now);
        const bool full = m_feed.full();
        for (Conn &c : conns) {
            // Read only what can go on: nothing pending, the rate allows a line, the run keeps up.
            // A connection not read is left out of poll() (a hung-up socket would report POLLHUP
            // at every call), and the loop wakes when its next line is due.
            const bool waitingForRate = limited && c.tokens < 1;
            if (!c.pending.empty() || waitingForRate || full) {
                if (full) wakeIn(std::chrono::milliseconds(kFullRetryMs));
                else if (waitingForRate)
                    wakeIn(std::chrono::duration_cast<Clock::duration>(
                        std::chrono::duration<double>((1 - c.tokens) / m_limits.linesPerSecond)));
                else wakeIn(std::chrono::milliseconds(1));
                continue;
            }
            if (m_limits.idleSeconds > 0) wakeIn(c.lastReceived + idle - now);
            fds.push_back({c.fd, POLLIN, 0});
            polled.push_back(&c);
        }
        if (::poll(fds.data(), fds.size(), timeoutMs) < 0 && errno != EINTR) {
            m_feed.note({}, std::string("the class port stopped: poll failed: ") + std::strerror(errno),
                        NoteKind::ListenerStopped, {std::strerror(errno)});
            break;
        }
        if (fds[0].revents) break; // stop()
        const auto after = Clock::now();
        for (std::size_t i = 0; i < polled.size(); ++i) {
            Conn &c = *polled[i];
            if (!(fds[2 + i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = ::recv(c.fd, chunk.data(), chunk.size(), 0);
            if (n > 0) {
                c.lastReceived = after;
                c.framer.feed(std::string_view(chunk.data(), static_cast<std::size_t>(n)), framed);
            } else if (n == 0) {
                // The client closed its side (nc at the end of its input, -N; Ctrl-D): what
                // follows its last newline is a last line, as readLine returns it.
                c.framer.finish(framed);
                c.ended = true;
                c.endWhy = "closed by the client";
            } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                c.framer.reset(); // an unfinished line never came
                c.ended = true;
                c.endWhy = std::string("connection error: ") + std::strerror(errno);
            }
            for (FramedLine &l : framed) c.pending.push_back(std::move(l));
            framed.clear();
        }
        // New connections after the reads: `conns` may grow, and `polled` points into it.
        if (fds[1].revents & POLLIN) accept(conns, after);
    }
    for (Conn &c : conns) close(c, "the run ended");
}

} // namespace dsl::app
