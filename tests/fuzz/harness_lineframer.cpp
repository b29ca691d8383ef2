// Fuzz harness: the nc line framing (app/lineframer.h LineFramer), fed in arbitrary chunks.
#include "fuzzharness.h"

#include "app/lineframer.h"

#include <algorithm>

namespace dsl::fuzz {

namespace {

/// A raw line of the reference framing: its bytes (without the terminator).
struct RawLine {
    std::string_view bytes;
};

/// The input cut the plain way: "\n", "\r\n" and a lone "\r" end a line; what follows the last
/// terminator is a last line when it is not empty (LineFramer::finish).
std::vector<RawLine> referenceLines(std::string_view s, std::size_t &terminatorBytes)
{
    std::vector<RawLine> out;
    terminatorBytes = 0;
    std::size_t start = 0, i = 0;
    while (i < s.size()) {
        if (s[i] == '\n' || s[i] == '\r') {
            out.push_back({s.substr(start, i - start)});
            const std::size_t t = s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n' ? 2 : 1;
            terminatorBytes += t;
            i += t;
            start = i;
        } else {
            ++i;
        }
    }
    if (start < s.size()) out.push_back({s.substr(start)});
    return out;
}

bool validUtf8(const std::string &s)
{
    std::string copy;
    return app::appendValidUtf8(copy, s) == 0 && copy == s;
}

} // namespace

int fuzzLineFramer(const std::uint8_t *data, std::size_t size)
{
    // Byte 0: the line limit (1..64, or 8192 as the run's default when its top bit is set);
    // byte 1: the seed of the chunk sizes; the rest is the connection's bytes.
    if (size < 2) return 0;
    const std::size_t max = data[0] & 0x80 ? 8192 : 1 + (data[0] & 0x3f);
    std::uint32_t seed = data[1] | 1u;
    const std::string_view stream(reinterpret_cast<const char *>(data + 2), size - 2);

    app::LineFramer whole(max), chunked(max);
    std::vector<app::FramedLine> a, b;
    whole.feed(stream, a);
    FUZZ_CHECK(whole.pendingBytes() <= max, "pending past the limit");
    whole.finish(a);
    for (std::size_t pos = 0; pos < stream.size();) {
        seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5; // xorshift32
        const std::size_t n = std::min<std::size_t>(stream.size() - pos, seed % 9 == 0 ? 0 : 1 + seed % 17);
        chunked.feed(stream.substr(pos, n), b);
        FUZZ_CHECK(chunked.pendingBytes() <= max, "pending past the limit");
        pos += n;
    }
    chunked.finish(b);

    // How the bytes arrive in chunks never changes the lines.
    FUZZ_CHECK(a.size() == b.size(), std::to_string(a.size()) + " lines whole, " + std::to_string(b.size()) + " chunked");
    for (std::size_t i = 0; i < a.size(); ++i)
        FUZZ_CHECK(a[i].text == b[i].text && a[i].replaced == b[i].replaced && a[i].cutBytes == b[i].cutBytes,
                   "line " + std::to_string(i) + " differs chunked");

    // Every input byte is accounted for: a line's kept bytes (repaired as UTF-8) plus its cut
    // bytes are its raw bytes, and the terminators are the rest.
    std::size_t terminators = 0;
    const auto raw = referenceLines(stream, terminators);
    FUZZ_CHECK(raw.size() == a.size(), std::to_string(a.size()) + " lines, reference " + std::to_string(raw.size()));
    std::size_t accounted = terminators;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const std::string_view r = raw[i].bytes;
        const app::FramedLine &l = a[i];
        FUZZ_CHECK(l.cutBytes <= r.size(), "line " + std::to_string(i) + " cut more than it had");
        const std::size_t kept = r.size() - l.cutBytes;
        FUZZ_CHECK(kept <= max, "line " + std::to_string(i) + " keeps past the limit");
        // Only a character the limit cut in two is dropped below it (at most 3 bytes).
        if (l.cutBytes > 0) FUZZ_CHECK(r.size() > max && kept + 3 >= max, "line " + std::to_string(i) + " cut wrongly");
        std::string repaired;
        const std::size_t replaced = app::appendValidUtf8(repaired, r.substr(0, kept));
        FUZZ_CHECK(repaired == l.text && replaced == l.replaced, "line " + std::to_string(i) + " is not its bytes repaired");
        FUZZ_CHECK(validUtf8(l.text), "line " + std::to_string(i) + " is not valid UTF-8");
        FUZZ_CHECK(l.flagged() == (l.replaced > 0 || l.cutBytes > 0), "flagged() wrong");
        if (l.flagged()) FUZZ_CHECK(!app::flagDescription(l, max).empty(), "no description for a flagged line");
        accounted += r.size();
    }
    FUZZ_CHECK(accounted == stream.size(), "accounted for " + std::to_string(accounted) + " of " +
                                               std::to_string(stream.size()) + " bytes");
    return 0;
}

} // namespace dsl::fuzz
