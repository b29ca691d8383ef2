// What the real sockets of a run hand to the engine's thread: the lines they received, in the
// order they came, and notes about the connections. Filled by the sockets' threads (SocketClient,
// ClassroomListener), emptied on the engine's thread between two pacer slices (LiveSockets).
#pragma once

#include "lineframer.h"
#include "socketlimits.h"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <iterator>
#include <cstdint>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace dsl::app {

/// One line received from a real socket.
struct ReceivedLine {
    int port = 0;               ///< the program's socket port it goes to
    int connection = 0;         ///< ClassroomListener: the connection's number (1, 2, ...); 0 for a client
    std::size_t lineNumber = 0; ///< its line number on that connection (from 1)
    FramedLine line;
};

/// A note about a connection, for stderr: a WARN line in Spark's words (`source` the class that
/// logs it, e.g. ReceiverSupervisorImpl) or, with no source, a "DStream Lab: ..." line.
struct SocketNote {
    std::string source;
    std::string text;
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
    void note(std::string source, std::string text)
    {
        std::lock_guard lk(m_mutex);
        m_notes.push_back(SocketNote{std::move(source), std::move(text)});
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
