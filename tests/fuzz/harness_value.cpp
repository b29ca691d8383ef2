// Fuzz harness: the engine's Value (engine/value.h): values built from the bytes; repr never
// fails, equality, hashes and the engine's order keep their contracts.
#include "fuzzharness.h"

#include "engine/checkpoint.h"
#include "engine/value.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace dsl::fuzz {

namespace {

/// Reads a value from the bytes: a tag byte, then what the tag needs (missing bytes read as 0).
class Builder {
public:
    Builder(const std::uint8_t *p, const std::uint8_t *end) : m_p(p), m_end(end) {}
    bool done() const { return m_p >= m_end; }

    Value build(int depth = 0)
    {
        const std::uint8_t tag = byte();
        switch (tag % 10) {
        case 0: return Value();
        case 1: return Value((tag & 0x10) != 0);
        case 2: return (tag & 0x80) ? Value(static_cast<long long>(static_cast<std::int8_t>(byte()))) : Value(
                                                                                                         static_cast<long long>(word()));
        case 3: return Value(number(tag));
        case 4: return Value(text());
        case 5: return Value::bytes(text());
        case 9:
            if (depth < kMaxDepth) return Value::pair(build(depth + 1), build(depth + 1));
            return Value();
        default: break;
        }
        if (depth >= kMaxDepth) return Value();
        const std::size_t n = byte() % 5;
        if (tag % 10 == 8) {
            std::vector<std::pair<Value, Value>> items;
            for (std::size_t i = 0; i < n; ++i) {
                Value k = build(depth + 1);
                items.emplace_back(std::move(k), build(depth + 1));
            }
            try {
                return Value::dict(std::move(items));
            } catch (const ValueTypeError &) { // an unhashable key, as Python's TypeError
                return Value();
            }
        }
        std::vector<Value> items;
        for (std::size_t i = 0; i < n; ++i) items.push_back(build(depth + 1));
        return tag % 10 == 6 ? Value::tuple(std::move(items)) : Value::list(std::move(items));
    }

private:
    static constexpr int kMaxDepth = 6;
    std::uint8_t byte() { return m_p < m_end ? *m_p++ : 0; }
    std::uint64_t word()
    {
        std::uint64_t w = 0;
        for (int i = 0; i < 8; ++i) w |= std::uint64_t(byte()) << (8 * i);
        return w;
    }
    double number(std::uint8_t tag)
    {
        static const double kSpecial[] = {0.0, -0.0, 1.0, -1.0, 0.5, 1e308, -1e308, 9007199254740992.0,
                                          9223372036854775808.0, -9223372036854775808.0, 2305843009213693951.0,
                                          std::numeric_limits<double>::infinity(),
                                          -std::numeric_limits<double>::infinity(),
                                          std::numeric_limits<double>::quiet_NaN(), 5e-324, 1.5};
        if (tag & 0x80) return kSpecial[byte() % std::size(kSpecial)];
        const std::uint64_t bits = word();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return d;
    }
    std::string text()
    {
        const std::size_t n = std::min<std::size_t>(byte() % 40, static_cast<std::size_t>(m_end - m_p));
        std::string s(reinterpret_cast<const char *>(m_p), n);
        m_p += n;
        return s;
    }

    const std::uint8_t *m_p, *m_end;
};

bool hasNaN(const Value &v)
{
    if (v.isFloat()) return std::isnan(v.asFloat());
    if (v.isTuple() || v.isList()) return std::any_of(v.itemsBegin(), v.itemsEnd(), hasNaN);
    if (v.isDict())
        return std::any_of(v.dictItems().begin(), v.dictItems().end(),
                           [](const auto &kv) { return hasNaN(kv.first) || hasNaN(kv.second); });
    return false;
}

bool validUtf8(std::string_view s)
{
    auto *p = reinterpret_cast<const unsigned char *>(s.data());
    auto *end = p + s.size();
    while (p < end) {
        const unsigned char c = *p;
        const char32_t cp = Value::decodeUtf8(p, end);
        if (c >= 0x80 && cp >= 0xDC80 && cp <= 0xDCFF) return false; // an undecodable byte
    }
    return true;
}

std::optional<std::int64_t> pyHash(const Value &v)
{
    try {
        return v.pyHash();
    } catch (const ValueTypeError &) { // unhashable: list, dict (documented)
        FUZZ_CHECK(v.isList() || v.isDict() || v.isTuple(), "pyHash of a " + v.typeName() + " threw");
        return std::nullopt;
    }
}

std::optional<bool> pyLess(const Value &a, const Value &b)
{
    try {
        return a < b;
    } catch (const ValueTypeError &) { // '<' not supported between ... (documented)
        return std::nullopt;
    }
}

} // namespace

int fuzzValue(const std::uint8_t *data, std::size_t size)
{
    Builder builder(data, data + size);
    std::vector<Value> values;
    while (!builder.done() && values.size() < 4) values.push_back(builder.build());

    for (const Value &v : values) {
        const std::string repr = v.repr(), str = v.str();
        FUZZ_CHECK(!repr.empty() && !v.typeName().empty(), "empty repr or type name");
        FUZZ_CHECK(validUtf8(repr), "repr is not valid UTF-8: " + printable(repr));
        (void)v.truthy();
        (void)v.size();
        (void)v.fastHash();
        (void)pyHash(v);
        const Value copy = v;
        if (!hasNaN(v)) FUZZ_CHECK(v == copy, "not equal to its copy: " + repr);
        FUZZ_CHECK(!engineOrderLess(v, v), "engine order not irreflexive: " + repr);
        if (!hasNaN(v) && !v.isDict()) {
            const auto less = pyLess(v, v);
            FUZZ_CHECK(!less || !*less, "v < v: " + repr);
        }
        // A checkpoint writes and reads it back equal.
        std::string bytes;
        CheckpointFiles::serialize(v, bytes);
        const char *p = bytes.data();
        const Value back = CheckpointFiles::deserialize(p, bytes.data() + bytes.size());
        FUZZ_CHECK(p == bytes.data() + bytes.size(), "checkpoint bytes not read to the end");
        FUZZ_CHECK(back.repr() == repr, "checkpoint round trip changes " + repr + " to " + back.repr());
        if (!hasNaN(v)) FUZZ_CHECK(back == v, "checkpoint round trip is not equal: " + repr);
    }
    for (const Value &a : values) {
        for (const Value &b : values) {
            const std::string what = a.repr() + " and " + b.repr();
            const bool eq = a == b;
            FUZZ_CHECK(eq == (b == a), "== not symmetric: " + what);
            const bool la = engineOrderLess(a, b), lb = engineOrderLess(b, a);
            FUZZ_CHECK(!(la && lb), "engine order not asymmetric: " + what);
            if (eq) {
                FUZZ_CHECK(a.fastHash() == b.fastHash(), "equal values, fastHash differs: " + what);
                const auto ha = pyHash(a), hb = pyHash(b);
                FUZZ_CHECK(ha.has_value() == hb.has_value() && ha == hb, "equal values, pyHash differs: " + what);
                if (ha) FUZZ_CHECK(portableHash(a) == portableHash(b), "equal values, portableHash differs: " + what);
                FUZZ_CHECK(!la && !lb, "equal values ordered by the engine: " + what);
                const auto pa = pyLess(a, b);
                FUZZ_CHECK(!pa || !*pa, "equal values, a < b: " + what);
            }
            const auto pa = pyLess(a, b), pb = pyLess(b, a);
            if (pa && pb) FUZZ_CHECK(!(*pa && *pb), "a < b and b < a: " + what);
            for (const Value &c : values) {
                // A strict weak order: transitive, and so is being unordered.
                const bool bc = engineOrderLess(b, c), cb = engineOrderLess(c, b);
                const bool ac = engineOrderLess(a, c), ca = engineOrderLess(c, a);
                if (la && bc) FUZZ_CHECK(ac, "engine order not transitive: " + what + " and " + c.repr());
                if (!la && !lb && !bc && !cb)
                    FUZZ_CHECK(!ac && !ca, "engine order's equivalence not transitive: " + what + " and " + c.repr());
            }
        }
    }
    std::vector<Value> sorted = values;
    std::sort(sorted.begin(), sorted.end(), engineOrderLess);
    FUZZ_CHECK(std::is_sorted(sorted.begin(), sorted.end(), engineOrderLess), "engine order does not sort");
    return 0;
}

} // namespace dsl::fuzz
