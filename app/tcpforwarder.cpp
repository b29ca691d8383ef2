// TcpForwarder: one poll() loop relaying loopback connections (non-blocking sockets, one bounded
// buffer per direction, so a client that stops reading never blocks the others or stop()).
#include "tcpforwarder.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <list>
#include <utility>

namespace dsl::app {

namespace {

constexpr std::size_t kChunk = 64 * 1024;

sockaddr_in loopback(int port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

void closeFd(int &fd)
{
    if (fd >= 0) ::close(fd);
    fd = -1;
}

/// One relayed connection: the client's socket, the target's, and the bytes read from one side
/// and not yet written to the other.
struct Pair {
    int client = -1, target = -1;
    std::string toTarget, toClient;
    bool closed = false;
};

/// Moves bytes from `from` into `buffer` (only when it is empty: at most one chunk in flight per
/// direction). False when the connection ended or failed.
bool readInto(int from, std::string &buffer)
{
    if (!buffer.empty()) return true;
    char chunk[kChunk];
    const ssize_t n = ::recv(from, chunk, sizeof chunk, 0);
    if (n > 0) {
        buffer.assign(chunk, static_cast<std::size_t>(n));
        return true;
    }
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
}

/// Writes what it can of `buffer` to `to`. MSG_NOSIGNAL: a peer that went away must not raise
/// SIGPIPE, which would end the whole run.
bool writeFrom(int to, std::string &buffer)
{
    if (buffer.empty()) return true;
    const ssize_t n = ::send(to, buffer.data(), buffer.size(), MSG_NOSIGNAL);
    if (n >= 0) {
        buffer.erase(0, static_cast<std::size_t>(n));
        return true;
    }
    return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
}

} // namespace

TcpForwarder::~TcpForwarder()
{
    stop();
}

bool TcpForwarder::start(int port, int targetPort, std::string &error)
{
    const std::string where = "127.0.0.1:" + std::to_string(port);
    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (m_listen < 0) {
        error = "cannot open a socket for " + where + ": " + std::strerror(errno);
        return false;
    }
    // SO_REUSEADDR only lets a port whose last connections are in TIME_WAIT be used again (a run
    // right after another); a port another process listens on still fails with EADDRINUSE.
    const int on = 1;
    ::setsockopt(m_listen, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    const sockaddr_in addr = loopback(port);
    if (::bind(m_listen, reinterpret_cast<const sockaddr *>(&addr), sizeof addr) != 0 || ::listen(m_listen, 16) != 0) {
        const int e = errno;
        error = where + (e == EADDRINUSE ? " is in use (another Kafka broker, or a run already listening there?)"
                                         : " cannot be listened on") +
                ": " + std::strerror(e);
        closeFd(m_listen);
        return false;
    }
    if (::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0) {
        error = std::string("cannot make a pipe for the forwarder's thread: ") + std::strerror(errno);
        closeFd(m_listen);
        return false;
    }
    m_targetPort = targetPort;
    m_thread = std::thread([this] { loop(); });
    return true;
}

void TcpForwarder::stop()
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

std::vector<std::string> TcpForwarder::takeNotes()
{
    std::lock_guard lk(m_mutex);
    return std::exchange(m_notes, {});
}

void TcpForwarder::note(std::string text)
{
    std::lock_guard lk(m_mutex);
    m_notes.push_back(std::move(text));
}

void TcpForwarder::loop()
{
    std::list<Pair> pairs;
    std::vector<pollfd> fds;
    for (;;) {
        fds.clear();
        fds.push_back({m_wake[0], POLLIN, 0});
        fds.push_back({m_listen, POLLIN, 0});
        for (const Pair &p : pairs) {
            // Read a side only while its buffer is empty; wait to write while the other's is not.
            fds.push_back({p.client, static_cast<short>((p.toTarget.empty() ? POLLIN : 0) | (p.toClient.empty() ? 0 : POLLOUT)), 0});
            fds.push_back({p.target, static_cast<short>((p.toClient.empty() ? POLLIN : 0) | (p.toTarget.empty() ? 0 : POLLOUT)), 0});
        }
        if (::poll(fds.data(), fds.size(), -1) < 0 && errno != EINTR) {
            note(std::string("the forwarder stopped: poll failed: ") + std::strerror(errno));
            break;
        }
        if (fds[0].revents) break; // stop()
        std::size_t i = 2;
        for (Pair &p : pairs) {
            const short c = fds[i++].revents, t = fds[i++].revents;
            bool ok = true;
            if ((c | t) & POLLERR) ok = false;
            if (c & (POLLIN | POLLHUP)) ok = ok && readInto(p.client, p.toTarget);
            if (t & (POLLIN | POLLHUP)) ok = ok && readInto(p.target, p.toClient);
            if (ok && (t & POLLOUT)) ok = writeFrom(p.target, p.toTarget);
            if (ok && (c & POLLOUT)) ok = writeFrom(p.client, p.toClient);
            // Either side gone (a client disconnecting mid-request included): drop both ends,
            // as a broker drops a connection whose peer went away.
            if (!ok) p.closed = true;
        }
        for (auto it = pairs.begin(); it != pairs.end();) {
            if (!it->closed) {
                ++it;
                continue;
            }
            closeFd(it->client);
            closeFd(it->target);
            it = pairs.erase(it);
        }
        if (fds[1].revents & POLLIN) {
            const int client = ::accept4(m_listen, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (client < 0) continue; // the client gave up already, or EMFILE: it may retry
            Pair p;
            p.client = client;
            p.target = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
            const sockaddr_in to = loopback(m_targetPort);
            // A blocking connect on loopback returns at once (accepted or refused).
            if (p.target < 0 || ::connect(p.target, reinterpret_cast<const sockaddr *>(&to), sizeof to) != 0) {
                note("a client's connection could not be passed on to the mock broker at 127.0.0.1:" +
                     std::to_string(m_targetPort) + ": " + std::strerror(errno));
                closeFd(p.client);
                closeFd(p.target);
                continue;
            }
            ::fcntl(p.target, F_SETFL, ::fcntl(p.target, F_GETFL) | O_NONBLOCK);
            pairs.push_back(std::move(p));
        }
    }
    for (Pair &p : pairs) {
        closeFd(p.client);
        closeFd(p.target);
    }
}

} // namespace dsl::app
