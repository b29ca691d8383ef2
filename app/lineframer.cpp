// LineFramer: lines on "\n", "\r\n" or "\r", UTF-8 repaired, length bounded.
#include "lineframer.h"

#include <algorithm>
#include <utility>

namespace dsl::app {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD"; // U+FFFD

/// The length a UTF-8 sequence starting with `lead` has, and the range its second byte must be
/// in (Unicode's Table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF); 0 when
/// `lead` starts no sequence.
int sequenceLength(unsigned char lead, unsigned char &lo, unsigned char &hi)
{
    lo = 0x80;
    hi = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead == 0xE0) lo = 0xA0;
    else if (lead == 0xED) hi = 0x9F;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead == 0xF0) lo = 0x90;
    else if (lead == 0xF4) hi = 0x8F;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;
}

/// How many bytes at the end of `s` are the start of a sequence that `s` cuts short (0 when the
/// last character is whole or the tail is ill-formed anyway).
std::size_t incompleteTail(std::string_view s)
{
    const std::size_t n = s.size();
    for (std::size_t back = 1; back <= 3 && back <= n; ++back) {
        const auto c = static_cast<unsigned char>(s[n - back]);
        if ((c & 0xC0) == 0x80) continue; // a continuation byte: look further back
        unsigned char lo = 0, hi = 0;
        const int len = sequenceLength(c, lo, hi);
        return len > static_cast<int>(back) ? back : 0;
    }
    return 0;
}

} // namespace

std::size_t appendValidUtf8(std::string &out, std::string_view bytes)
{
    std::size_t replaced = 0;
    const std::size_t n = bytes.size();
    std::size_t i = 0;
    while (i < n) {
        // Runs of ASCII are copied as they are.
        std::size_t j = i;
        while (j < n && static_cast<unsigned char>(bytes[j]) < 0x80) ++j;
        out.append(bytes.data() + i, j - i);
        i = j;
        if (i >= n) break;
        unsigned char lo = 0, hi = 0;
        const int len = sequenceLength(static_cast<unsigned char>(bytes[i]), lo, hi);
        // The maximal subpart: the lead byte and the continuation bytes that fit, up to the first
        // that does not; an ill-formed one is replaced by one U+FFFD.
        std::size_t k = 1;
        if (len > 0) {
            while (k < static_cast<std::size_t>(len) && i + k < n) {
                const auto c = static_cast<unsigned char>(bytes[i + k]);
                const bool fits = k == 1 ? c >= lo && c <= hi : c >= 0x80 && c <= 0xBF;
                if (!fits) break;
                ++k;
            }
        }
        if (len > 0 && k == static_cast<std::size_t>(len)) {
            out.append(bytes.data() + i, k);
        } else {
            out += kReplacement;
            ++replaced;
        }
        i += k;
    }
    return replaced;
}

std::string flagDescription(const FramedLine &line, std::size_t maxLineBytes)
{
    std::string s;
    if (line.cutBytes > 0)
        s += "cut at the " + std::to_string(maxLineBytes) + "-byte limit (" + std::to_string(line.cutBytes) + " byte" +
             (line.cutBytes == 1 ? "" : "s") + " dropped)";
    if (line.replaced > 0)
        s += (s.empty() ? "" : "; ") + std::to_string(line.replaced) + " ill-formed UTF-8 sequence" +
             (line.replaced == 1 ? "" : "s") + " replaced by U+FFFD";
    return s;
}

void LineFramer::dropTelnetCommands(std::string_view bytes, std::string &data)
{
    // RFC 854, "TELNET COMMAND STRUCTURE": IAC (255) starts a command. IAC IAC is the data byte
    // 255; WILL (251), WONT (252), DO (253) and DONT (254) take an option byte; SB (250) starts a
    // subnegotiation that IAC SE (240) ends (RFC 855); SE, NOP, DM, BRK, IP, AO, AYT, EC, EL and
    // GA (240-249) stand alone. An IAC before any other byte is no command: both stay data.
    // "CR NUL" is a carriage return alone (NVT, RFC 854): the NUL is no character.
    constexpr unsigned char IAC = 255, SB = 250, SE = 240, WILL = 251, DONT = 254, FIRST = 240;
    for (const char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        switch (m_state) {
        case State::Data:
            if (c == IAC) {
                m_state = State::Iac;
            } else if (c == 0 && m_dataAfterCr) {
                m_dataAfterCr = false;
            } else {
                data += ch;
                m_dataAfterCr = c == '\r';
            }
            break;
        case State::Iac:
            m_state = State::Data;
            if (c == IAC) {
                data += ch; // the data byte 255
                m_dataAfterCr = false;
            } else if (c >= WILL && c <= DONT) {
                m_state = State::Option;
            } else if (c == SB) {
                m_sub.assign({static_cast<char>(IAC), static_cast<char>(SB)});
                m_state = State::Sub;
            } else if (c >= FIRST) {
                ++m_commands;
            } else {
                data += static_cast<char>(IAC);
                data += ch;
                m_dataAfterCr = c == '\r';
            }
            break;
        case State::Option:
            ++m_commands;
            m_state = State::Data;
            break;
        case State::Sub:
        case State::SubIac:
            m_sub += ch;
            if (m_state == State::SubIac && c == SE) {
                ++m_commands;
                m_sub.clear();
                m_state = State::Data;
                break;
            }
            m_state = m_state == State::Sub && c == IAC ? State::SubIac : State::Sub;
            if (m_sub.size() > kMaxSubnegotiationBytes) {
                // No subnegotiation ends this late: the bytes are data after all.
                data += m_sub;
                m_sub.clear();
                m_state = State::Data;
                m_dataAfterCr = false;
            }
            break;
        }
    }
}

void LineFramer::feed(std::string_view bytes, std::vector<FramedLine> &out)
{
    if (m_telnet == Telnet::Commands) {
        std::string data;
        data.reserve(bytes.size());
        dropTelnetCommands(bytes, data);
        frame(data, out);
    } else {
        frame(bytes, out);
    }
}

void LineFramer::frame(std::string_view bytes, std::vector<FramedLine> &out)
{
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        if (m_afterCr && bytes[pos] == '\n') { // the '\n' of "\r\n": that line has ended already
            m_afterCr = false;
            ++pos;
            continue;
        }
        m_afterCr = false;
        const std::size_t end = bytes.find_first_of("\r\n", pos);
        const std::size_t stop = end == std::string_view::npos ? bytes.size() : end;
        // Keep what fits under the limit; count the rest.
        const std::size_t room = m_raw.size() < m_max ? m_max - m_raw.size() : 0;
        const std::size_t take = std::min(room, stop - pos);
        m_raw.append(bytes.data() + pos, take);
        m_cut += stop - pos - take;
        if (end == std::string_view::npos) break;
        m_afterCr = bytes[end] == '\r';
        endLine(out);
        pos = end + 1;
    }
}

void LineFramer::finish(std::vector<FramedLine> &out)
{
    // A subnegotiation the stream ended in was none: its bytes are the last line's.
    if (!m_sub.empty()) frame(std::exchange(m_sub, {}), out);
    // So was an IAC the stream ended on (a command cut after its option's verb is dropped).
    if (m_state == State::Iac) frame("\xFF", out);
    if (!m_raw.empty() || m_cut > 0) endLine(out);
    m_afterCr = false;
    m_state = State::Data;
    m_dataAfterCr = false;
}

void LineFramer::reset()
{
    m_raw.clear();
    m_cut = 0;
    m_afterCr = false;
    m_state = State::Data;
    m_sub.clear();
    m_dataAfterCr = false;
}

void LineFramer::endLine(std::vector<FramedLine> &out)
{
    FramedLine line;
    std::string_view raw = m_raw;
    if (m_cut > 0) {
        // A character the limit cut in two is dropped whole, not replaced.
        const std::size_t tail = incompleteTail(raw);
        raw.remove_suffix(tail);
        line.cutBytes = m_cut + tail;
    }
    line.text.reserve(raw.size());
    line.replaced = appendValidUtf8(line.text, raw);
    out.push_back(std::move(line));
    m_raw.clear();
    m_cut = 0;
}

} // namespace dsl::app
