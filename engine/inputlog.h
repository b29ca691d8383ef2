// InputLog: every line typed into the nc panel or read from an input script, with its time.
#pragma once

#include "simtime.h"

#include <string>
#include <vector>

namespace dsl {

/// The port of File records: no socket reads it, so a view listing socket lines (the nc panel)
/// can tell a dropped file from a typed line by it.
inline constexpr int kFileRecordPort = -1;

/// One input event: a line sent to a socket source, or a file dropped into a directory.
struct InputRecord {
    enum class Kind { SocketLine, File };
    Kind kind = Kind::SocketLine;
    SimTime time;          ///< simulated arrival time
    int port = 0;          ///< SocketLine: destination port, 0 = every socket source; File: kFileRecordPort
    std::string path;      ///< File: the file's path (its directory is what textFileStream watches)
    std::string text;      ///< the line (no newline) or the file's content
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
    bool isListening(int port) const;
    /// When set, every port is considered listening (headless runs feeding all sockets).
    void setListenAll(bool on) { m_listenAll = on; }

private:
    std::vector<InputRecord> m_records;
    std::size_t m_base = 0; ///< records discarded before m_records[0]
    std::vector<int> m_ports;
    bool m_listenAll = false;
    std::uint64_t m_version = 0;
};

} // namespace dsl
