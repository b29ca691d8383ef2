// LineFramer: the bytes of one TCP connection cut into lines as Spark's SocketReceiver reads them
// (SocketReceiver.bytesToLines: a BufferedReader over an InputStreamReader in UTF-8), with a
// bound on a line's length that Spark does not have; for the class port, whose students may use
// telnet, without the telnet protocol's commands (RFC 854).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dsl::app {

/// One line, as text, and what was wrong with its bytes.
struct FramedLine {
    std::string text;          ///< valid UTF-8, without its line terminator
    std::size_t replaced = 0;  ///< ill-formed UTF-8 sequences replaced by U+FFFD
    std::size_t cutBytes = 0;  ///< bytes past the length limit that were dropped
    bool flagged() const { return replaced > 0 || cutBytes > 0; }
};

/// What is wrong with a flagged line, for a WARN line: "cut at the 8192-byte limit (991808 bytes
/// dropped)", "2 ill-formed UTF-8 sequences replaced by U+FFFD", or both joined by "; ".
std::string flagDescription(const FramedLine &line, std::size_t maxLineBytes);

/// Replaces each maximal ill-formed subsequence of `bytes` by U+FFFD (as Java's UTF-8 decoder and
/// Unicode's "best practice" do), appending to `out`; returns how many it replaced.
std::size_t appendValidUtf8(std::string &out, std::string_view bytes);

class LineFramer {
public:
    /// Whether the bytes may carry telnet commands.
    enum class Telnet {
        /// A server's bytes, taken as Spark's receiver takes them (a byte 0xFF is ill-formed UTF-8).
        Data,
        /// A telnet client's (the class port): the commands RFC 854 defines are dropped before the
        /// bytes are framed. Debian's telnet sends IAC IP and IAC DO TIMING-MARK for Ctrl-C,
        /// IAC AYT, IAC DO SGA and IAC DO ECHO from its `telnet>` prompt; none of them is text.
        Commands,
    };
    /// Lines longer than maxLineBytes bytes keep their first maxLineBytes bytes (cut on a
    /// character boundary) and are flagged.
    explicit LineFramer(std::size_t maxLineBytes, Telnet telnet = Telnet::Data) : m_max(maxLineBytes), m_telnet(telnet) {}

    /// Appends the lines `bytes` completes to `out`. A line ends at "\n", "\r\n" or a lone "\r",
    /// as BufferedReader.readLine ends one (telnet sends "\r\n"); an empty line is a line.
    void feed(std::string_view bytes, std::vector<FramedLine> &out);
    /// The stream ended (the peer closed or half-closed it): what follows the last terminator,
    /// if anything, is a last line, as readLine returns it at the end of the stream.
    void finish(std::vector<FramedLine> &out);
    /// Forgets a partial line (the connection failed: readLine threw, the line never came).
    void reset();
    /// Bytes of the line being read (at most maxLineBytes).
    std::size_t pendingBytes() const { return m_raw.size(); }
    /// Telnet commands dropped so far (Telnet::Commands).
    std::size_t telnetCommands() const { return m_commands; }

    /// The longest subnegotiation (IAC SB ... IAC SE) taken as one: past it, the bytes were no
    /// subnegotiation and are framed as data (ill-formed UTF-8 for the 0xFF). The class port never
    /// agrees to an option, so a telnet client sends none.
    static constexpr std::size_t kMaxSubnegotiationBytes = 256;

private:
    void endLine(std::vector<FramedLine> &out);
    void frame(std::string_view bytes, std::vector<FramedLine> &out);
    /// Appends `bytes` without the telnet commands to `data` (the state carries over calls).
    void dropTelnetCommands(std::string_view bytes, std::string &data);

    std::size_t m_max;
    std::string m_raw;        ///< the current line's bytes, up to m_max
    std::size_t m_cut = 0;    ///< its bytes past m_max
    bool m_afterCr = false;   ///< the last byte was a '\r': a '\n' right after it ends nothing
    Telnet m_telnet;
    /// Where the telnet parser is: in data, after IAC, after IAC WILL/WONT/DO/DONT, in IAC SB ...
    /// (and after an IAC there).
    enum class State { Data, Iac, Option, Sub, SubIac } m_state = State::Data;
    std::string m_sub;        ///< the subnegotiation so far (from its IAC SB), to frame if it is none
    bool m_dataAfterCr = false; ///< the last data byte was '\r' (RFC 854: CR NUL is a bare CR)
    std::size_t m_commands = 0;
};

} // namespace dsl::app
