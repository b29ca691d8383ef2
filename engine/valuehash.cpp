// Value hashing: CPython 3.11's hash() (PYTHONHASHSEED=0), PySpark's portable_hash and fastHash.
#include "value.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace dsl {

namespace {

constexpr std::uint64_t kModulus = (std::uint64_t{1} << 61) - 1; // sys.hash_info.modulus
constexpr int kModulusBits = 61;
constexpr std::int64_t kHashInf = 314159;                          // sys.hash_info.inf
using detail::wyMix;
constexpr std::uint64_t kSeed0 = detail::kHashSeed0;
constexpr std::uint64_t kSeed1 = detail::kHashSeed1;
constexpr std::uint64_t kSeed2 = 0x8ebc6af09c88c6e3ull;
constexpr std::uint64_t kSeed3 = 0x589965cc75374cc3ull;

std::uint64_t rotl(std::uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

std::uint64_t load64(const unsigned char *p)
{
    std::uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v; // little-endian host assumed, as CPython's _le64toh is a no-op on x86-64/arm64
}

// CPython's Python/pyhash.c siphash13 (the 3.11 default, sys.hash_info.algorithm). With
// PYTHONHASHSEED=0 CPython zeroes _Py_HashSecret, so both key words are 0.
std::uint64_t siphash13(const unsigned char *in, std::size_t size)
{
    std::uint64_t b = static_cast<std::uint64_t>(size) << 56;
    std::uint64_t v0 = 0x736f6d6570736575ull, v1 = 0x646f72616e646f6dull;
    std::uint64_t v2 = 0x6c7967656e657261ull, v3 = 0x7465646279746573ull;
    auto round = [&] {
        v0 += v1, v2 += v3;
        v1 = rotl(v1, 13) ^ v0, v3 = rotl(v3, 16) ^ v2;
        v0 = rotl(v0, 32);
        v2 += v1, v0 += v3;
        v1 = rotl(v1, 17) ^ v2, v3 = rotl(v3, 21) ^ v0;
        v2 = rotl(v2, 32);
    };
    for (; size >= 8; in += 8, size -= 8) {
        const std::uint64_t m = load64(in);
        v3 ^= m;
        round();
        v0 ^= m;
    }
    std::uint64_t t = 0;
    for (std::size_t i = 0; i < size; ++i)
        t |= static_cast<std::uint64_t>(in[i]) << (8 * i);
    b |= t;
    v3 ^= b;
    round();
    v0 ^= b;
    v2 ^= 0xff;
    round();
    round();
    round();
    return (v0 ^ v1) ^ (v2 ^ v3);
}

// _Py_HashBytes: the empty string is special-cased to 0 and -1 is reserved for errors.
std::int64_t pyHashBytes(const unsigned char *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const auto h = static_cast<std::int64_t>(siphash13(data, size));
    return h == -1 ? -2 : h;
}

// CPython hashes a str over its PEP 393 storage: 1, 2 or 4 little-endian bytes per code point,
// chosen by the largest code point, so the UTF-8 must be re-encoded before hashing.
std::int64_t pyHashStr(std::string_view s)
{
    auto *p = reinterpret_cast<const unsigned char *>(s.data());
    auto *end = p + s.size();
    bool ascii = true;
    for (auto *q = p; q != end && ascii; ++q)
        ascii = *q < 0x80;
    if (ascii)
        return pyHashBytes(p, s.size());
    std::vector<char32_t> cps;
    cps.reserve(s.size());
    char32_t maxCp = 0;
    while (p != end) {
        cps.push_back(Value::decodeUtf8(p, end));
        maxCp = std::max(maxCp, cps.back());
    }
    const std::size_t kind = maxCp < 0x100 ? 1 : (maxCp < 0x10000 ? 2 : 4);
    std::vector<unsigned char> buf(cps.size() * kind);
    for (std::size_t i = 0; i < cps.size(); ++i) {
        for (std::size_t k = 0; k < kind; ++k)
            buf[i * kind + k] = static_cast<unsigned char>(cps[i] >> (8 * k));
    }
    return pyHashBytes(buf.data(), buf.size());
}

// long_hash: the value modulo 2**61 - 1, keeping the sign.
std::int64_t pyHashInt(std::int64_t v)
{
    const std::uint64_t mag = v < 0 ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
    const auto r = static_cast<std::int64_t>(mag % kModulus);
    const std::int64_t h = v < 0 ? -r : r;
    return h == -1 ? -2 : h;
}

// _Py_HashDouble, so that integral floats hash like the equal int and 0.5 like Fraction(1, 2).
std::int64_t pyHashDouble(double v)
{
    if (std::isinf(v))
        return v > 0 ? kHashInf : -kHashInf;
    if (std::isnan(v))
        return 0; // 3.10+ hashes NaN by object identity, which no engine can reproduce; 0 was the
                  // value before 3.10 and keeps partitioning deterministic
    int e = 0;
    double m = std::frexp(v, &e);
    std::uint64_t sign = 1;
    if (m < 0) {
        sign = ~std::uint64_t{0};
        m = -m;
    }
    std::uint64_t x = 0;
    while (m != 0.0) { // 28 bits at a time, exactly as CPython
        x = ((x << 28) & kModulus) | x >> (kModulusBits - 28);
        m *= 268435456.0;
        e -= 28;
        const auto y = static_cast<std::uint64_t>(m);
        m -= static_cast<double>(y);
        x += y;
        if (x >= kModulus)
            x -= kModulus;
    }
    e = e >= 0 ? e % kModulusBits : kModulusBits - 1 - ((-1 - e) % kModulusBits);
    x = ((x << e) & kModulus) | x >> (kModulusBits - e);
    x *= sign;
    if (x == ~std::uint64_t{0})
        x = ~std::uint64_t{0} - 1;
    return static_cast<std::int64_t>(x);
}

std::uint64_t hashLongBytes(std::string_view s, std::uint64_t seed)
{
    auto *p = reinterpret_cast<const unsigned char *>(s.data());
    std::size_t n = s.size();
    std::uint64_t h = wyMix(seed ^ n, kSeed2);
    for (; n > 16; p += 16, n -= 16)
        h = wyMix(load64(p) ^ kSeed3, load64(p + 8) ^ h);
    unsigned char tail[16] = {};
    std::memcpy(tail, p, n);
    return wyMix(load64(tail) ^ kSeed3 ^ h, load64(tail + 8) ^ h ^ kSeed2);
}

} // namespace

std::int64_t Value::pyHash() const
{
    switch (type()) {
    case Type::None:
        return 0; // CPython 3.11 hashes None by address; portable_hash maps None to 0 as well
    case Type::Bool:
    case Type::Int:
        return pyHashInt(asInt());
    case Type::Float:
        return pyHashDouble(asFloat());
    case Type::Str:
        return pyHashStr(asStr());
    case Type::Bytes: {
        const std::string_view s = asStr();
        return pyHashBytes(reinterpret_cast<const unsigned char *>(s.data()), s.size());
    }
    case Type::Tuple: {
        // tuplehash (Objects/tupleobject.c, 3.8+): an xxHash64-style accumulator over item hashes.
        constexpr std::uint64_t prime1 = 11400714785074694791ull;
        constexpr std::uint64_t prime2 = 14029467366897019727ull;
        constexpr std::uint64_t prime5 = 2870177450012600261ull;
        std::uint64_t acc = prime5;
        for (const Value *it = itemsBegin(); it != itemsEnd(); ++it) {
            acc += static_cast<std::uint64_t>(it->pyHash()) * prime2;
            acc = rotl(acc, 31);
            acc *= prime1;
        }
        acc += size() ^ (prime5 ^ 3527539ull);
        return acc == ~std::uint64_t{0} ? 1546275796 : static_cast<std::int64_t>(acc);
    }
    case Type::List:
    case Type::Dict:
        throw ValueTypeError("unhashable type: '" + typeName() + "'");
    case Type::Object:
        return object()->pyHash();
    }
    return 0;
}

std::int64_t portableHash(const Value &v)
{
    if (v.isNone())
        return 0;
    if (!v.isTuple())
        return v.pyHash();
    // Python ints are unbounded, but `h &= sys.maxsize` after each step keeps only the low 63 bits,
    // which wrapping 64-bit arithmetic computes identically (also for negative item hashes).
    std::uint64_t h = 0x345678;
    for (const Value *it = v.itemsBegin(); it != v.itemsEnd(); ++it) {
        h ^= static_cast<std::uint64_t>(portableHash(*it));
        h *= 1000003;
        h &= 0x7fffffffffffffffull;
    }
    h ^= v.size();
    return static_cast<std::int64_t>(h); // never -1: the result is masked non-negative
}

std::size_t Value::fastHashSlow() const noexcept
{
    switch (type()) {
    case Type::None:
        return kSeed3;
    case Type::Bool:
    case Type::Int:
        return wyMix(static_cast<std::uint64_t>(asInt()) ^ kSeed0, kSeed1);
    case Type::Float: {
        const double d = asFloat();
        // Integral floats must hash as the int they equal (1.0 == 1 == True).
        if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && d == std::floor(d))
            return wyMix(static_cast<std::uint64_t>(static_cast<std::int64_t>(d)) ^ kSeed0, kSeed1);
        std::uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        return wyMix(bits ^ kSeed2, kSeed3);
    }
    case Type::Str:
    case Type::Bytes:
        if (m_raw[1] != kHeapTag) { // inline bytes hash like inline strings do in fastHash()
            std::uint64_t w0, w1;
            std::memcpy(&w0, m_raw, 8);
            std::memcpy(&w1, m_raw + 8, 8);
            return wyMix(w0 ^ kSeed0, w1 ^ kSeed1);
        }
        return hashLongBytes(asStr(), static_cast<std::uint64_t>(type()));
    case Type::Tuple:
    case Type::List: {
        std::uint64_t h = wyMix(size() ^ static_cast<std::uint64_t>(type()) << 56 ^ kSeed0, kSeed2);
        for (const Value *it = itemsBegin(); it != itemsEnd(); ++it)
            h = wyMix(h ^ it->fastHash(), kSeed3);
        return h;
    }
    case Type::Dict: {
        // A sum, because dict equality ignores insertion order.
        std::uint64_t h = size();
        for (const auto &kv : dictItems())
            h += wyMix(kv.first.fastHash() ^ kSeed0, kv.second.fastHash() ^ kSeed1);
        return wyMix(h ^ kSeed2, kSeed3);
    }
    case Type::Object:
        try {
            return static_cast<std::size_t>(object()->pyHash());
        } catch (...) {
            return kSeed2; // unhashable objects still need a hash consistent with equals()
        }
    }
    return 0;
}

} // namespace dsl
