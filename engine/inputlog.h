// InputLog: every line typed into the nc panel or read from an input script, with its time.
#pragma once

#include "simtime.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace dsl {

/// The port of File records: no socket reads it, so a view listing socket lines (the nc panel)
/// can tell a dropped file from a typed line by it.
inline constexpr int kFileRecordPort = -1;

/// What the real server behind a socket port did, as a `--real-time` run's connection saw it
/// (SocketClient): the receiver of that port goes through Spark's states at these times, live and
/// in a replay from the recording (ReceiverSupervisor.restartReceiver, SocketReceiver.receive).
enum class ServerEvent {
    Connecting, ///< the port's receiver follows a real server from now (no state change yet)
    Connected,  ///< the connection is made
    Refused,    ///< a connection attempt failed: "Error connecting to HOST:PORT"
    Closed,     ///< the server closed the stream: "Socket data stream had no more data"
    Reset,      ///< reading failed ("Error receiving data"; InputRecord::text says why)
};

/// One input event: a line sent to a socket source, a file dropped into a directory, a Kafka
/// message, or what a real socket server did.
struct InputRecord {
    enum class Kind { SocketLine, File, KafkaMessage, Server };
    Kind kind = Kind::SocketLine;
    SimTime time;          ///< simulated arrival time
    int port = 0;          ///< SocketLine: destination port, 0 = every socket source; File: kFileRecordPort
    std::string path;      ///< File: the file's path (its directory is what textFileStream watches)
    std::string text;      ///< the line (no newline), the file's content or the message's value
    /// KafkaMessage: `path` is the topic; its key (nullopt: a null key), and a partition the
    /// producer chose (nullopt: the default partitioner places it).
    std::optional<std::string> key = std::nullopt;
    std::optional<int> partition = std::nullopt;
    /// SocketLine: who sent it when not the nc panel's keyboard (the dashboard's class port: "student
    /// 3 (192.168.1.20:50432)"; a real server: "localhost:9999"); null for a typed or scripted line.
    /// Shared by every line of one source. Only shown: the engine never reads it.
    std::shared_ptr<const std::string> source = nullptr;
    /// Server: what the server on `port` (0: every port that follows a server) did; Reset's
    /// reason is in `text`.
    ServerEvent server = ServerEvent::Connecting;
};

/// Append-only log of input, ordered by time (records with equal times keep insertion order).
/// It is the run's source of truth for replay: nothing typed is lost on step back or reset.
class InputLog {
public:
    /// Appends a record; if its time is earlier than the last record's, it is inserted in time
    /// order after all records with the same or earlier time. Returns its index.
    std::size_t append(InputRecord r);
    void addLine(SimTime t, std::string line, int port = 0)
    {
        append(InputRecord{InputRecord::Kind::SocketLine, t, port, {}, std::move(line)});
    }
    /// A file that appears whole at t (moved in, as Spark's guide asks): textFileStream of its
    /// directory reads it in the first batch at or after t.
    void addFile(SimTime t, std::string path, std::string content)
    {
        append(InputRecord{InputRecord::Kind::File, t, kFileRecordPort, std::move(path), std::move(content)});
    }
    /// A message produced to a Kafka topic at t (the simulated broker appends it then).
    void addKafkaMessage(SimTime t, std::string topic, std::optional<std::string> key, std::string value,
                         std::optional<int> partition = std::nullopt)
    {
        append(InputRecord{InputRecord::Kind::KafkaMessage, t, kFileRecordPort, std::move(topic), std::move(value),
                           std::move(key), partition});
    }
    /// What the real server on `port` did at t (a Server record).
    void addServerEvent(SimTime t, int port, ServerEvent e, std::string why = {})
    {
        InputRecord r{InputRecord::Kind::Server, t, port, {}, std::move(why)};
        r.server = e;
        append(std::move(r));
    }
    /// Room for records up to global index n (a loaded input script: no reallocation per line).
    void reserve(std::size_t n) { m_records.reserve(n > m_base ? n - m_base : 0); }
    /// The records still held (from firstIndex() on; all of them unless discardBefore was called).
    const std::vector<InputRecord> &records() const { return m_records; }
    /// Indices are global: size() counts discarded records too.
    std::size_t size() const { return m_base + m_records.size(); }
    const InputRecord &operator[](std::size_t i) const { return m_records[i - m_base]; }
    /// The first index still held.
    std::size_t firstIndex() const { return m_base; }
    /// Lets a host drop records every consumer has read (a dashboard running for hours); the
    /// last record is always kept. Indices of the rest do not change.
    void discardBefore(std::size_t index);
    /// Bumped on every change, so consumers holding an index can detect inserts before it.
    std::uint64_t version() const { return m_version; }
    /// Sockets listening (as `nc -lk PORT` would): a receiver connecting elsewhere is refused.
    void listen(int port);
    /// Listening on `port` from `from` on (the dashboard's port of a real server: from its first
    /// line, live and in every replay, so that the receiver connects at the same retry).
    void listen(int port, SimTime from);
    /// Listening at some time (from the start, or from a later time).
    bool isListening(int port) const;
    bool isListening(int port, SimTime at) const;
    /// When set, every port is considered listening (headless runs feeding all sockets).
    void setListenAll(bool on) { m_listenAll = on; }
    /// The receiver of `port` (0: of every port not given to listen()) connects to a real server
    /// whose behaviour the log's Server records give (a `--real-time` run, and its replay from
    /// the recording): instead of the simulated `nc -lk` (listen), those records decide when it
    /// is connected, refused or closed. Takes precedence over listen(port) for that port.
    void followServer(int port);
    bool followsServer(int port) const;
    /// The receiver of `port` (0: of every port, those given to listen() included) follows its
    /// real server from `from` on: the dashboard's port, from its server's first Server record,
    /// live and in every replay. Before `from` it is the simulated `nc -lk` (listen()); a receiver
    /// connected to it then follows from the first Server record for its port it reads
    /// (JobScheduler::pullInput). Repeated calls keep the earliest time.
    void followServer(int port, SimTime from);
    /// Following at `at`: followsServer(port), or followServer(port or 0, from) with from <= at.
    bool followsServer(int port, SimTime at) const;
    /// What `nc -lk PORT` has sent to connections that are closed now: a connection that ends
    /// at time t took every line for the port up to t (nc wrote them to it; a receiver stopped
    /// without a graceful stop drops what it had not stored), and the next connection gets
    /// only the lines after them. Records before the returned index are not sent again.
    void closeConnection(int port, SimTime t);
    std::size_t sentBefore(int port) const;

private:
    std::vector<InputRecord> m_records;
    std::size_t m_base = 0; ///< records discarded before m_records[0]
    std::vector<int> m_ports;
    std::map<int, SimTime> m_listenFrom; ///< port -> listening from then on
    std::map<int, std::size_t> m_sent; ///< port -> records before this index were sent
    bool m_listenAll = false;
    std::vector<int> m_followed;
    bool m_followAll = false;
    std::map<int, SimTime> m_followFrom; ///< port (0: every port) -> following from then on
    std::uint64_t m_version = 0;
};

} // namespace dsl
