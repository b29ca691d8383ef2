// ClassroomListener: `dstreamlab run --listen [ADDR:]PORT`, the teacher's machine playing `nc -lk
// PORT` for a whole room. Students connect with `nc TEACHER PORT` or `telnet TEACHER PORT` and
// type; each connection is a named source ("student 3 (192.168.1.23:50432)") whose lines go to
// the program's socketTextStream on PORT. Plain POSIX sockets and one poll() loop on a thread of
// its own, with the limits of ListenLimits, so no client can stall the run or fill the memory.
// The port only carries data: what arrives is framed into lines of text and nothing else.
#pragma once

#include "lineframer.h"
#include "socketfeed.h"
#include "socketlimits.h"

#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace dsl::app {

/// `[ADDR:]PORT`: "9999", "0.0.0.0:9999", "192.168.1.5:9999", "[::1]:9999". Without an address
/// the port is bound to 127.0.0.1 only. False with `error` when it is not one.
bool parseListenAddress(const std::string &text, std::string &address, int &port, std::string &error);

class ClassroomListener {
public:
    /// One connection, as the summary and a GUI list it.
    struct Connection {
        int number = 0;         ///< 1, 2, ... in the order they were accepted
        std::string peer;       ///< "127.0.0.1:50432"
        std::int64_t lines = 0; ///< lines received (handed to the feed)
        std::int64_t flagged = 0; ///< of them, cut or with invalid UTF-8
        bool open = true;
        std::string closedWhy;  ///< "closed by the client", "idle for 600 s", ...
        /// "student 3 (127.0.0.1:50432)"
        std::string name() const { return "student " + std::to_string(number) + " (" + peer + ")"; }
    };

    /// Lines go to `feed` for the program's socket port `programPort`.
    ClassroomListener(ListenLimits limits, int programPort, SocketFeed &feed);
    ~ClassroomListener();
    ClassroomListener(const ClassroomListener &) = delete;
    ClassroomListener &operator=(const ClassroomListener &) = delete;

    /// Listens on address:port and starts the thread. False, with `error` naming the address and
    /// the reason ("127.0.0.1:9999 is in use (...): Address already in use"), when it cannot.
    bool start(const std::string &address, int port, std::string &error);
    /// Closes the port and every connection, and joins the thread. Lines already framed are in
    /// the feed; bytes still in the sockets were never received.
    void stop();

    /// "127.0.0.1:9999"
    const std::string &where() const { return m_where; }
    /// Every connection so far, open or closed, in order.
    std::vector<Connection> connections() const;
    /// Connections refused because maxConnections were open.
    std::int64_t refused() const;
    const ListenLimits &limits() const { return m_limits; }

private:
    struct Conn;
    void loop();
    void accept(std::vector<Conn> &conns, std::chrono::steady_clock::time_point now);
    /// Hands pending lines to the feed as the connection's rate allows; true when it gave any.
    void handOver(Conn &c); // not emit(): Qt code includes this header too
    void close(Conn &c, const std::string &why, const char *tellClient = nullptr);

    ListenLimits m_limits;
    int m_programPort;
    SocketFeed &m_feed;
    std::string m_where;
    int m_listen = -1;
    int m_wake[2] = {-1, -1};
    std::thread m_thread;
    mutable std::mutex m_mutex; ///< guards m_stats, m_refused
    std::vector<Connection> m_stats;
    std::int64_t m_refused = 0;
    std::int64_t m_refusedNoted = 0; ///< loop thread only
    std::chrono::steady_clock::time_point m_refusalNotedAt{};
    std::chrono::steady_clock::time_point m_acceptPausedUntil{};
};

} // namespace dsl::app
