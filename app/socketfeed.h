// What the real sockets of a run hand to the engine's thread: the lines they received, in the
// order they came, and notes about the connections. Filled by the sockets' threads (SocketClient,
// ClassroomListener), emptied on the engine's thread between two pacer slices (LiveSockets).
#pragma once

#include "lineframer.h"
#include "socketlimits.h"

#include "engine/inputlog.h"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <iterator>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace dsl::app {

/// One line received from a real socket, or (`server` set) what a real server did, in the order
/// the connection saw them: a SocketClient's "connected" comes before the server's first line,
/// "closed" after its last.
struct ReceivedLine {
    int port = 0;               ///< the program's socket port it goes to
    int connection = 0;         ///< ClassroomListener: the connection's number (1, 2, ...); 0 for a client
    std::size_t lineNumber = 0; ///< its line number on that connection (from 1)
    FramedLine line;            ///< the line (a Reset event: its reason in line.text)
    std::optional<ServerEvent> server = std::nullopt;
};

/// Which note it is, so that the dashboard can say it in the window's language
/// (SocketClientFeed::noteText); `text` is the English the CLI's stderr prints.
enum class NoteKind {
    Other,              ///< no translation: `text` as it is
    FlaggedLine,        ///< args: line number, source name, bytes cut, sequences replaced, line-byte limit
    FlaggedMore,        ///< args: source name
    StudentConnected,   ///< args: student name, the class port's address
    StudentLeft,        ///< args: student name, why (Connection::closedWhy), lines
    AcceptPaused,       ///< args: the system's error
    PortFull,           ///< args: the connection limit, refused since the last note
    ListenerStopped,    ///< args: the system's error
    ClientNotStarted,   ///< args: host:port, the system's error
    CannotResolve,      ///< args: host, port, the resolver's error, seconds between tries
    NotLoopback,        ///< args: host, port
    NothingListens,     ///< args: host:port, port, seconds between tries
    ServerConnected,    ///< args: host:port, host, port
    UnfinishedLineLost, ///< args: bytes, host:port
};

/// A note about a connection, for stderr: a WARN line in Spark's words (`source` the class that
/// logs it, e.g. ReceiverSupervisorImpl) or, with no source, a "DStream Lab: ..." line.
struct SocketNote {
    std::string source;
    std::string text;
    NoteKind kind = NoteKind::Other;
    std::vector<std::string> args;
};

/// The lines and notes of every socket of a run, bounded (kMaxQueuedLines, kMaxQueuedBytes):
/// a producer asks full() before reading more from its socket.
class SocketFeed {
public:
    void push(ReceivedLine line)
    {
        std::lock_guard lk(m_mutex);
        m_bytes += line.line.text.size();
        m_lines.push_back(std::move(line));
    }
    void note(std::string source, std::string text, NoteKind kind = NoteKind::Other, std::vector<std::string> args = {})
    {
        std::lock_guard lk(m_mutex);
        m_notes.push_back(SocketNote{std::move(source), std::move(text), kind, std::move(args)});
    }
    bool full() const
    {
        std::lock_guard lk(m_mutex);
        return m_lines.size() >= kMaxQueuedLines || m_bytes >= kMaxQueuedBytes;
    }
    std::vector<ReceivedLine> takeLines()
    {
        std::lock_guard lk(m_mutex);
        m_bytes = 0;
        return std::exchange(m_lines, {});
    }
    /// At most `max` of the oldest lines (the dashboard takes a bounded share per tick, so that a
    /// flood never stalls its thread; the rest wait here, and while the feed is full the sockets
    /// are not read).
    std::vector<ReceivedLine> takeLines(std::size_t max)
    {
        std::lock_guard lk(m_mutex);
        if (m_lines.size() <= max) {
            m_bytes = 0;
            return std::exchange(m_lines, {});
        }
        std::vector<ReceivedLine> out(std::make_move_iterator(m_lines.begin()),
                                      std::make_move_iterator(m_lines.begin() + static_cast<std::ptrdiff_t>(max)));
        m_lines.erase(m_lines.begin(), m_lines.begin() + static_cast<std::ptrdiff_t>(max));
        for (const ReceivedLine &l : out) m_bytes -= std::min(m_bytes, l.line.text.size());
        return out;
    }
    /// Lines waiting to be taken.
    std::size_t pendingLines() const
    {
        std::lock_guard lk(m_mutex);
        return m_lines.size();
    }
    std::vector<SocketNote> takeNotes()
    {
        std::lock_guard lk(m_mutex);
        return std::exchange(m_notes, {});
    }

private:
    mutable std::mutex m_mutex;
    std::vector<ReceivedLine> m_lines;
    std::size_t m_bytes = 0;
    std::vector<SocketNote> m_notes;
};

} // namespace dsl::app
