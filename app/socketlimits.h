// Real sockets in a `--real-time` run (docs/realtime-sockets.md): every limit and delay, with its
// default, in one place. The receiver's own timing is Spark's; the rest protects the run from
// what a room full of clients (or one misbehaving server) can send.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace dsl::app {

/// ReceiverSupervisor's restart delay (spark.streaming.receiverRestartDelay, 2000 ms): how long a
/// socket receiver waits before connecting again after a refused connection or a dropped one.
inline constexpr std::chrono::milliseconds kReceiverRestartDelay{2000};
/// The longest a connection attempt to a host the user allowed (--allow-host) may take.
inline constexpr std::chrono::milliseconds kConnectTimeout{5000};

/// The longest line a socket client keeps from a real server (`nc -lk`): the rest of a longer
/// line is cut off and the line flagged. Spark's BufferedReader has no limit; this one only
/// keeps a server that never sends a newline from filling the memory.
inline constexpr std::size_t kClientMaxLineBytes = 1024 * 1024;

/// Lines received and not yet handed to the run, over all sockets: past either bound a socket is
/// not read until the run has taken its lines (TCP holds the rest back at the sender), so no
/// line that was read is ever dropped and memory stays bounded.
inline constexpr std::size_t kMaxQueuedLines = 100'000;
inline constexpr std::size_t kMaxQueuedBytes = 64 * 1024 * 1024;

/// How many flagged lines (cut, invalid UTF-8) of one connection get a WARN line of their own;
/// the rest are counted in the connection's summary.
inline constexpr int kFlagWarningsPerConnection = 5;

/// `--listen [ADDR:]PORT`, the classroom port: what one listener accepts. `--listen-limit
/// KEY=VALUE` changes one (keys: connections, line-bytes, lines-per-second, idle-seconds).
struct ListenLimits {
    /// Open connections at once; one more is told the port is full and closed.
    int maxConnections = 100;
    /// The longest line kept; the rest of a longer line is cut off and the line flagged.
    std::size_t maxLineBytes = 8192;
    /// Lines per second one connection may send (a burst of one second's worth); above it the
    /// connection is read more slowly, its lines wait in TCP's buffers, none is dropped.
    double linesPerSecond = 50;
    /// A connection that sends nothing for this long is closed (0: never).
    int idleSeconds = 600;
};

/// Parses one `--listen-limit KEY=VALUE` into `limits`; false with `error` naming the problem.
bool parseListenLimit(const std::string &keyValue, ListenLimits &limits, std::string &error);

/// The run options of real sockets: --listen, --listen-limit, --allow-host, --record-input.
struct LiveSocketOptions {
    std::optional<std::string> listen; ///< --listen as given
    std::string listenAddress;         ///< parsed from it (127.0.0.1 when it names none)
    int listenPort = 0;
    ListenLimits limits;
    bool limitsGiven = false;
    /// Hosts a socketTextStream may reach though they are not loopback addresses.
    std::vector<std::string> allowHosts;
    std::optional<std::string> recordInput; ///< --record-input FILE
    bool any() const { return listen || limitsGiven || !allowHosts.empty() || recordInput; }
};


} // namespace dsl::app
