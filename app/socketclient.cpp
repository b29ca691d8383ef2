// SocketClient: connect, read lines, restart after 2 s on a refused or dropped connection.
#include "socketclient.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace dsl::app {

namespace {

constexpr std::size_t kChunk = 64 * 1024;
/// How often a reader whose feed is full looks again (the engine takes lines every <= 50 ms).
constexpr int kFullRetryMs = 20;

void closeFd(int &fd)
{
    if (fd >= 0) ::close(fd);
    fd = -1;
}

/// ReceiverSupervisor.restartReceiver's WARN line (ReceiverSupervisor.scala).
std::string restarting(const std::string &why)
{
    return "Restarting receiver with delay " + std::to_string(kReceiverRestartDelay.count()) + " ms: " + why;
}

} // namespace

std::vector<SocketNote> serverEventWarnings(ServerEvent event, const std::string &location, const std::string &why)
{
    switch (event) {
    case ServerEvent::Connecting:
    case ServerEvent::Connected: return {};
    case ServerEvent::Refused: return {{"ReceiverSupervisorImpl", restarting("Error connecting to " + location)}};
    case ServerEvent::Closed: return {{"ReceiverSupervisorImpl", restarting("Socket data stream had no more data")}};
    case ServerEvent::Reset:
        return {{"SocketReceiver", "Error receiving data" + (why.empty() ? std::string() : ": " + why)},
                {"ReceiverSupervisorImpl", restarting("Error receiving data")}};
    }
    return {};
}

void SocketClient::event(ServerEvent e, std::string why)
{
    ReceivedLine r{m_port, 0, 0, FramedLine{}};
    r.line.text = std::move(why);
    r.server = e;
    m_feed.push(std::move(r));
}

bool isLoopbackAddress(const sockaddr *addr)
{
    if (addr->sa_family == AF_INET) {
        const auto *a = reinterpret_cast<const sockaddr_in *>(addr);
        return (ntohl(a->sin_addr.s_addr) >> 24) == 127;
    }
    if (addr->sa_family == AF_INET6) {
        const auto *a = reinterpret_cast<const sockaddr_in6 *>(addr);
        if (IN6_IS_ADDR_LOOPBACK(&a->sin6_addr)) return true;
        return IN6_IS_ADDR_V4MAPPED(&a->sin6_addr) && a->sin6_addr.s6_addr[12] == 127;
    }
    return false;
}

SocketClient::SocketClient(std::string host, int port, bool allowed, SocketFeed &feed)
    : m_host(std::move(host)), m_port(port), m_allowed(allowed), m_feed(feed),
      m_location(m_host + ":" + std::to_string(port)), m_framer(kClientMaxLineBytes)
{
}

SocketClient::~SocketClient()
{
    stop();
}

void SocketClient::start()
{
    if (m_thread.joinable()) return;
    if (::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0) {
        m_feed.note({}, "cannot start the connection to " + m_location + ": " + std::strerror(errno),
                    NoteKind::ClientNotStarted, {m_location, std::strerror(errno)});
        return;
    }
    m_thread = std::thread([this] { loop(); });
}

void SocketClient::stop()
{
    if (m_thread.joinable()) {
        const char c = 'q';
        [[maybe_unused]] const ssize_t n = ::write(m_wake[1], &c, 1);
        m_thread.join();
    }
    closeFd(m_wake[0]);
    closeFd(m_wake[1]);
}

bool SocketClient::pause(std::chrono::milliseconds ms)
{
    pollfd p{m_wake[0], POLLIN, 0};
    const auto until = std::chrono::steady_clock::now() + ms;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
        if (left.count() <= 0) return true;
        const int r = ::poll(&p, 1, static_cast<int>(left.count()));
        if (r > 0) return false;
        if (r < 0 && errno != EINTR) return true;
    }
}

int SocketClient::connectOnce(std::string &why, bool &refuseForever)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *found = nullptr;
    const int gai = ::getaddrinfo(m_host.c_str(), std::to_string(m_port).c_str(), &hints, &found);
    if (gai != 0) {
        // java.net.UnknownHostException: Spark's receiver fails to start, and the tracker starts it
        // again; the host may come (an /etc/hosts edit), so it is tried again.
        if (!m_resolveNoted)
            m_feed.note({}, "socketTextStream(\"" + m_host + "\", " + std::to_string(m_port) +
                                "): cannot resolve " + m_host + " (" + ::gai_strerror(gai) + "); tried again every " +
                                std::to_string(kReceiverRestartDelay.count() / 1000) + " s",
                        NoteKind::CannotResolve,
                        {m_host, std::to_string(m_port), ::gai_strerror(gai),
                         std::to_string(kReceiverRestartDelay.count() / 1000)});
        m_resolveNoted = true;
        why = "Error connecting to " + m_location;
        return -1;
    }
    int fd = -1;
    bool anyAllowed = false;
    why = "Error connecting to " + m_location;
    for (addrinfo *a = found; a && fd < 0; a = a->ai_next) {
        if (!m_allowed && !isLoopbackAddress(a->ai_addr)) continue;
        anyAllowed = true;
        fd = ::socket(a->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0) continue;
        int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
        if (rc != 0 && errno == EINPROGRESS) {
            // Loopback answers at once; an allowed remote host gets kConnectTimeout.
            pollfd p[2] = {{fd, POLLOUT, 0}, {m_wake[0], POLLIN, 0}};
            const int r = ::poll(p, 2, static_cast<int>(kConnectTimeout.count()));
            if (r > 0 && p[1].revents) {
                closeFd(fd);
                break; // stop()
            }
            int err = ETIMEDOUT;
            socklen_t len = sizeof err;
            if (r > 0) ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            rc = err == 0 ? 0 : -1;
            errno = err;
        }
        if (rc != 0) closeFd(fd);
    }
    ::freeaddrinfo(found);
    if (!anyAllowed) {
        refuseForever = true;
        return -1;
    }
    return fd;
}

void SocketClient::deliver(std::vector<FramedLine> &lines)
{
    for (FramedLine &l : lines) {
        const std::int64_t number = ++m_lines;
        if (l.flagged()) {
            const std::int64_t n = ++m_flagged;
            if (n <= kFlagWarningsPerConnection)
                m_feed.note("DStreamLab", "line " + std::to_string(number) + " from " + m_location + ": " +
                                              flagDescription(l, kClientMaxLineBytes),
                            NoteKind::FlaggedLine,
                            {std::to_string(number), m_location, std::to_string(l.cutBytes), std::to_string(l.replaced),
                             std::to_string(kClientMaxLineBytes)});
            if (n == kFlagWarningsPerConnection)
                m_feed.note({}, "further flagged lines from " + m_location + " are counted, not shown", NoteKind::FlaggedMore,
                            {m_location});
        }
        m_feed.push(ReceivedLine{m_port, 0, static_cast<std::size_t>(number), std::move(l)});
    }
    lines.clear();
}

SocketClient::End SocketClient::receive(int fd, std::string &why)
{
    std::vector<FramedLine> lines;
    std::string chunk(kChunk, '\0');
    for (;;) {
        // While the run has not taken what came, the socket is not read: the server's writes wait
        // in TCP's buffers instead of in memory here.
        const bool full = m_feed.full();
        pollfd p[2] = {{m_wake[0], POLLIN, 0}, {fd, static_cast<short>(full ? 0 : POLLIN), 0}};
        const int r = ::poll(p, 2, full ? kFullRetryMs : -1);
        if (r < 0 && errno != EINTR) {
            why = std::string("Error receiving data: ") + std::strerror(errno);
            return End::Error;
        }
        if (p[0].revents) return End::Stopped;
        if (!(p[1].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        const ssize_t n = ::recv(fd, chunk.data(), chunk.size(), 0);
        if (n > 0) {
            m_framer.feed(std::string_view(chunk.data(), static_cast<std::size_t>(n)), lines);
            deliver(lines);
        } else if (n == 0) {
            // readLine returns the unterminated rest as a last line at the end of the stream.
            m_framer.finish(lines);
            deliver(lines);
            return End::NoMoreData;
        } else if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            why = std::strerror(errno);
            return End::Error;
        }
    }
}

void SocketClient::loop()
{
    bool refusedNoted = false;
    for (;;) {
        std::string why;
        bool refuseForever = false;
        int fd = connectOnce(why, refuseForever);
        if (refuseForever) {
            m_state = State::NotAllowed;
            m_feed.note({}, "socketTextStream(\"" + m_host + "\", " + std::to_string(m_port) + "): " + m_host +
                                " is not a loopback address, so this run does not connect to it (--allow-host " +
                                m_host + " allows it); its receiver gets no lines",
                        NoteKind::NotLoopback, {m_host, std::to_string(m_port)});
            return;
        }
        if (fd < 0) {
            // SocketReceiver.onStart: a ConnectException restarts the receiver (ReceiverSupervisor):
            // the run's receiver logs it when the event reaches it.
            event(ServerEvent::Refused);
            if (!refusedNoted)
                m_feed.note({}, "nothing listens on " + m_location + " yet: start the server (e.g. `nc -lk " +
                                    std::to_string(m_port) + "`); the receiver tries again every " +
                                    std::to_string(kReceiverRestartDelay.count() / 1000) + " s, as Spark's does",
                            NoteKind::NothingListens,
                            {m_location, std::to_string(m_port), std::to_string(kReceiverRestartDelay.count() / 1000)});
            refusedNoted = true;
            m_state = State::Retrying;
            if (!pause(kReceiverRestartDelay)) return;
            continue;
        }
        refusedNoted = false;
        m_resolveNoted = false;
        m_connected = true;
        m_state = State::Connected;
        ++m_connections;
        event(ServerEvent::Connected);
        m_feed.note({}, "connected to " + m_location + " (a real server): its lines go to socketTextStream(\"" + m_host +
                            "\", " + std::to_string(m_port) + ")",
                    NoteKind::ServerConnected, {m_location, m_host, std::to_string(m_port)});
        const End end = receive(fd, why);
        m_connected = false;
        m_state = State::Retrying;
        closeFd(fd);
        if (end == End::Stopped) return;
        if (end == End::NoMoreData) {
            // SocketReceiver.receive: the stream ended while the receiver runs.
            event(ServerEvent::Closed);
        } else {
            // A reset connection: readLine throws, the line it was reading is lost.
            if (m_framer.pendingBytes() > 0)
                m_feed.note({}, std::to_string(m_framer.pendingBytes()) + " bytes of an unfinished line from " +
                                    m_location + " are lost with the connection",
                            NoteKind::UnfinishedLineLost, {std::to_string(m_framer.pendingBytes()), m_location});
            m_framer.reset();
            event(ServerEvent::Reset, why);
        }
        if (!pause(kReceiverRestartDelay)) return;
    }
}

} // namespace dsl::app
