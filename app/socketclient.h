// SocketClient: the real connection behind a socketTextStream(host, port) in a `--real-time` run,
// made as Spark's SocketReceiver makes it (SocketInputDStream.scala): connect, read lines until
// the server closes the stream, and after a refused or dropped connection connect again after
// ReceiverSupervisor's restart delay, saying so in Spark's words. A thread of its own; what it
// receives goes to a SocketFeed, and so does what the server did (connected, refused, closed, reset),
// in order with the lines, for the engine's receiver to follow. It never sends anything, and nothing it receives is more than
// a line of text for the program.
#pragma once

#include "lineframer.h"
#include "socketfeed.h"

#include <atomic>
#include <string>
#include <thread>

struct sockaddr;

namespace dsl::app {

class SocketClient {
public:
    /// host:port as the program named them; `allowed`: the user allowed this host (--allow-host),
    /// else only loopback addresses are connected to. Lines go to `feed` for `port`.
    SocketClient(std::string host, int port, bool allowed, SocketFeed &feed);
    ~SocketClient();
    SocketClient(const SocketClient &) = delete;
    SocketClient &operator=(const SocketClient &) = delete;

    void start();
    /// Closes the connection and joins the thread (a pending connect or wait ends at once).
    void stop();

    /// "host:port", as Spark's messages name it.
    const std::string &location() const { return m_location; }
    bool connected() const { return m_connected; }
    /// Where the connection stands, for a status line: trying for the first time, connected,
    /// waiting kReceiverRestartDelay to try again (refused, or the server closed), or never (a
    /// host that is not loopback and not allowed).
    enum class State { Connecting, Connected, Retrying, NotAllowed };
    State state() const { return m_state; }
    /// Connections made so far, and lines received over all of them.
    int connections() const { return m_connections; }
    std::int64_t lines() const { return m_lines; }
    /// Lines flagged (cut or with invalid UTF-8).
    std::int64_t flagged() const { return m_flagged; }

private:
    enum class End { Stopped, NoMoreData, Error };
    void loop();
    /// Waits `ms` unless stop() comes first; false when it did.
    bool pause(std::chrono::milliseconds ms);
    /// A connected socket, or -1 with `why` (strerror's words) set.
    int connectOnce(std::string &why, bool &refuseForever);
    End receive(int fd, std::string &why);
    void deliver(std::vector<FramedLine> &lines);
    /// Puts what the server did into the feed, after the lines delivered so far.
    void event(ServerEvent e, std::string why = {});

    std::string m_host;
    int m_port;
    bool m_allowed;
    SocketFeed &m_feed;
    std::string m_location;
    LineFramer m_framer;
    int m_wake[2] = {-1, -1};
    std::thread m_thread;
    std::atomic<bool> m_connected{false};
    std::atomic<State> m_state{State::Connecting};
    std::atomic<int> m_connections{0};
    std::atomic<std::int64_t> m_lines{0};
    std::atomic<std::int64_t> m_flagged{0};
    bool m_resolveNoted = false;
};

/// The WARN lines Spark's receiver logs for a server event (ReceiverSupervisor.restartReceiver,
/// SocketReceiver.receive), as SocketNotes: the engine logs them itself for a run's receivers
/// (JobScheduler::applyServerEvent); the dashboard, whose receivers do not follow the server,
/// prints these. Empty for connecting and connected.
std::vector<SocketNote> serverEventWarnings(ServerEvent event, const std::string &location, const std::string &why);

/// True for a loopback address: 127.0.0.0/8, ::1 or ::ffff:127.x.y.z.
bool isLoopbackAddress(const ::sockaddr *addr);

} // namespace dsl::app
