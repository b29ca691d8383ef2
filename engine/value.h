// Value: a Python-compatible record type (None, bool, int, float, str, bytes, tuple, list, dict, opaque).
#pragma once

#include <cstdint>
#include <cstring>
#include <exception>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dsl {

class Value;

namespace detail {
// wyhash's 128-bit multiply-fold and secrets: a single multiply hashes an inline string.
inline constexpr std::uint64_t kHashSeed0 = 0xa0761d6478bd642full;
inline constexpr std::uint64_t kHashSeed1 = 0xe7037ed1a0b428dbull;
inline std::uint64_t wyMix(std::uint64_t a, std::uint64_t b) noexcept
{
    __extension__ typedef unsigned __int128 U128;
    const U128 r = static_cast<U128>(a) * b;
    return static_cast<std::uint64_t>(r) ^ static_cast<std::uint64_t>(r >> 64);
}
} // namespace detail

/// An object the engine carries but does not understand (e.g. an arbitrary Python object held by
/// the Python bridge). The engine only asks it for repr/str, hash, equality and ordering.
class OpaqueObject {
public:
    virtual ~OpaqueObject() = default;
    virtual std::string repr() const = 0;
    virtual std::string str() const { return repr(); }
    /// Python's hash() of the object (used for partitioning); may throw ValueError (unhashable).
    virtual std::int64_t pyHash() const = 0;
    virtual bool equals(const OpaqueObject &other) const = 0;
    /// Strict weak ordering among opaque objects; throws ValueTypeError when Python would.
    virtual bool less(const OpaqueObject &other) const = 0;
    /// A short type name as Python's type(x).__name__.
    virtual std::string typeName() const = 0;

    // Intrusive reference count managed by Value; not thread-safe (the engine is single-threaded).
    mutable std::int32_t refCount = 0;
};

/// Thrown where Python would raise TypeError (e.g. ordering str against int, hashing a list).
class ValueTypeError : public std::exception {
public:
    explicit ValueTypeError(std::string msg) : m_msg(std::move(msg)) {}
    const char *what() const noexcept override { return m_msg.c_str(); }
private:
    std::string m_msg;
};

/// An immutable, cheaply copyable value with Python semantics for repr/str, ==, <, and hash.
/// Layout: 16 bytes; short strings (<= 14 UTF-8 bytes) are stored inline; everything else is
/// a reference-counted heap object shared between copies (copy = pointer copy + refcount).
class Value {
public:
    enum class Type : std::uint8_t { None, Bool, Int, Float, Str, Bytes, Tuple, List, Dict, Object };

    Value() noexcept; ///< None
    Value(std::nullptr_t) noexcept : Value() {}
    Value(bool b) noexcept;
    // long long is the one real int constructor: std::int64_t is `long` on LP64, so delegating
    // to std::int64_t from `long` would make that constructor delegate to itself.
    Value(int v) noexcept : Value(static_cast<long long>(v)) {}
    Value(long v) noexcept : Value(static_cast<long long>(v)) {}
    Value(long long v) noexcept;
    Value(double v) noexcept;
    Value(std::string_view utf8);           ///< str
    Value(const char *utf8) : Value(std::string_view(utf8)) {}
    Value(const std::string &utf8) : Value(std::string_view(utf8)) {}
    Value(OpaqueObject *obj);               ///< takes a reference; obj must be heap-allocated
    Value(const Value &o) noexcept;
    Value(Value &&o) noexcept;
    Value &operator=(const Value &o) noexcept;
    Value &operator=(Value &&o) noexcept;
    ~Value();

    static Value bytes(std::string_view raw);
    static Value tuple(std::vector<Value> items);
    static Value tuple(std::initializer_list<Value> items) { return tuple(std::vector<Value>(items)); }
    static Value pair(Value a, Value b);   ///< a 2-tuple, the (key, value) record of pair operations
    static Value list(std::vector<Value> items);
    static Value dict(std::vector<std::pair<Value, Value>> items); ///< insertion order kept; later duplicate keys win

    Type type() const noexcept;
    bool isNone() const noexcept { return type() == Type::None; }
    bool isBool() const noexcept { return type() == Type::Bool; }
    bool isInt() const noexcept { return type() == Type::Int; }
    bool isFloat() const noexcept { return type() == Type::Float; }
    bool isNumber() const noexcept { auto t = type(); return t == Type::Bool || t == Type::Int || t == Type::Float; }
    bool isStr() const noexcept { return type() == Type::Str; }
    bool isBytes() const noexcept { return type() == Type::Bytes; }
    bool isTuple() const noexcept { return type() == Type::Tuple; }
    bool isList() const noexcept { return type() == Type::List; }
    bool isDict() const noexcept { return type() == Type::Dict; }
    bool isObject() const noexcept { return type() == Type::Object; }
    /// A 2-tuple, i.e. usable as a (key, value) record.
    bool isPair() const noexcept;

    bool asBool() const;             ///< Bool only
    std::int64_t asInt() const;      ///< Int or Bool
    double asFloat() const;          ///< Float, Int or Bool
    std::string_view asStr() const;  ///< Str (UTF-8) or Bytes (raw)
    /// Items of a Tuple or List (empty span for other types).
    const Value *itemsBegin() const noexcept;
    const Value *itemsEnd() const noexcept;
    std::size_t size() const noexcept;              ///< len(): str (code points), bytes, tuple, list, dict
    const Value &operator[](std::size_t i) const;   ///< tuple/list item
    const Value &key() const { return (*this)[0]; }   ///< pair key
    const Value &value() const { return (*this)[1]; } ///< pair value
    const std::vector<std::pair<Value, Value>> &dictItems() const; ///< Dict only
    const OpaqueObject *object() const noexcept;    ///< Object only, else nullptr

    /// Python truthiness (bool(x)).
    bool truthy() const;

    /// Python repr(x): `'a'`, `('hello', 1)`, `[1, 2]`, `{'a': 1}`, `None`, `1.5`, `b'x'`.
    std::string repr() const;
    /// Python str(x): like repr except a str prints its raw text.
    std::string str() const;
    /// Python's type(x).__name__: "NoneType", "bool", "int", "float", "str", ...
    std::string typeName() const;

    /// Python ==: 1 == 1.0 == True; containers compare element-wise. A Value has no identity, so
    /// NaN never equals NaN, even inside containers (Python's `x is y` shortcut cannot apply).
    bool operator==(const Value &o) const;
    bool operator!=(const Value &o) const { return !(*this == o); }
    /// Python <: numbers by value, str by code point, tuples/lists lexicographically.
    /// Throws ValueTypeError("'<' not supported between instances of 'str' and 'int'") as Python does.
    bool operator<(const Value &o) const;

    /// Python's hash(x) with PYTHONHASHSEED=0 (CPython 3.11 siphash13 for str/bytes, int modulo
    /// 2^61-1, tuple xxHash-style). Throws ValueTypeError for list/dict ("unhashable type: 'list'").
    /// None and NaN return 0: CPython 3.11 hashes both by object address, which is not reproducible.
    std::int64_t pyHash() const;
    /// A fast hash consistent with operator== (1, 1.0 and True hash alike) for the engine's own hash
    /// tables; not Python's hash. Never throws, also for list/dict.
    std::size_t fastHash() const noexcept;

    /// Decodes the code point at p (p < end) and advances p: the decoding behind a str's len(),
    /// repr and hash. Invalid UTF-8 decodes one byte at a time to U+DC80..U+DCFF, as Python's
    /// surrogateescape error handler does, so any byte string has a well-defined meaning.
    static char32_t decodeUtf8(const unsigned char *&p, const unsigned char *end) noexcept;

private:
    // Shared header of every heap payload; the concrete layouts (string, sequence, dict) live in
    // value.cpp. Only the refcount is needed here so that copies can be inlined.
    struct Heap {
        std::int32_t refCount;
        Type type;
    };
    struct StrHeap;
    struct SeqHeap;
    struct DictHeap;

    static constexpr unsigned char kInlineMax = 14;
    // Byte 1 tags: the payload at m_raw + 8 is a Heap* (kHeapTag) or an OpaqueObject* (kObjectTag);
    // any smaller value is the length of an inline string (0 for scalars).
    static constexpr unsigned char kObjectTag = 0xFE;
    static constexpr unsigned char kHeapTag = 0xFF;

    bool ownsRef() const noexcept { return m_raw[1] >= kObjectTag; }
    bool isInlineStr() const noexcept { return m_raw[0] == static_cast<unsigned char>(Type::Str) && m_raw[1] <= kInlineMax; }
    void *payloadPtr() const noexcept;
    const Heap *heap() const noexcept { return static_cast<const Heap *>(payloadPtr()); }
    void retain() const noexcept;
    void release() noexcept;
    void destroy() noexcept;
    void initString(Type t, std::string_view raw);
    static Value fromHeap(Heap *h) noexcept;
    static SeqHeap *allocSeq(Type t, std::size_t n);
    bool equalsSlow(const Value &o) const;
    std::size_t fastHashSlow() const noexcept;
    std::size_t strCodePoints() const noexcept;

    // Byte 0 is the Type; byte 1 the inline-string length or a tag above; bytes 2..15 the inline
    // string (zero-padded so inline strings compare and hash as two words), or bytes 8..15 the
    // int64 / double / pointer payload.
    alignas(8) unsigned char m_raw[16];
};

static_assert(sizeof(Value) == 16, "Value must stay two words");
static_assert(sizeof(void *) == 8, "Value stores a pointer in its second word");

// Copies, moves and destruction are inline: they run several times per record in the hot path and
// are free for scalars and inline strings.
inline void *Value::payloadPtr() const noexcept
{
    void *p;
    std::memcpy(&p, m_raw + 8, sizeof p);
    return p;
}

inline void Value::retain() const noexcept
{
    if (m_raw[1] == kHeapTag)
        ++static_cast<Heap *>(payloadPtr())->refCount;
    else
        ++static_cast<OpaqueObject *>(payloadPtr())->refCount;
}

inline void Value::release() noexcept
{
    std::int32_t left = m_raw[1] == kHeapTag ? --static_cast<Heap *>(payloadPtr())->refCount
                                             : --static_cast<OpaqueObject *>(payloadPtr())->refCount;
    if (left == 0)
        destroy();
}

inline Value::Value() noexcept : m_raw{} {}

inline Value::Value(bool b) noexcept : m_raw{}
{
    m_raw[0] = static_cast<unsigned char>(Type::Bool);
    m_raw[8] = b ? 1 : 0;
}

inline Value::Value(long long v) noexcept : m_raw{}
{
    m_raw[0] = static_cast<unsigned char>(Type::Int);
    std::memcpy(m_raw + 8, &v, sizeof v);
}

inline Value::Value(double v) noexcept : m_raw{}
{
    m_raw[0] = static_cast<unsigned char>(Type::Float);
    std::memcpy(m_raw + 8, &v, sizeof v);
}

inline Value::Value(const Value &o) noexcept
{
    std::memcpy(m_raw, o.m_raw, sizeof m_raw);
    if (ownsRef())
        retain();
}

inline Value::Value(Value &&o) noexcept
{
    std::memcpy(m_raw, o.m_raw, sizeof m_raw);
    std::memset(o.m_raw, 0, sizeof o.m_raw);
}

// Both assignments snapshot the source before releasing the target: the source may live inside
// the target's own payload (`t = t[0]`), which the release can free.
inline Value &Value::operator=(const Value &o) noexcept
{
    unsigned char src[sizeof m_raw];
    std::memcpy(src, o.m_raw, sizeof src);
    if (o.ownsRef())
        o.retain();
    if (ownsRef())
        release();
    std::memcpy(m_raw, src, sizeof m_raw);
    return *this;
}

inline Value &Value::operator=(Value &&o) noexcept
{
    unsigned char src[sizeof m_raw];
    std::memcpy(src, o.m_raw, sizeof src);
    std::memset(o.m_raw, 0, sizeof o.m_raw); // also makes self-move a no-op: nothing left to release
    if (ownsRef())
        release();
    std::memcpy(m_raw, src, sizeof m_raw);
    return *this;
}

inline Value::~Value()
{
    if (ownsRef())
        release();
}

inline Value::Type Value::type() const noexcept { return static_cast<Type>(m_raw[0]); }

inline bool Value::operator==(const Value &o) const
{
    // Short strings are canonical (never on the heap), so their 16 bytes are the whole value.
    if (isInlineStr() || o.isInlineStr())
        return std::memcmp(m_raw, o.m_raw, sizeof m_raw) == 0;
    return equalsSlow(o);
}

inline std::size_t Value::fastHash() const noexcept
{
    if (isInlineStr()) {
        std::uint64_t w0, w1;
        std::memcpy(&w0, m_raw, 8);
        std::memcpy(&w1, m_raw + 8, 8);
        return detail::wyMix(w0 ^ detail::kHashSeed0, w1 ^ detail::kHashSeed1);
    }
    return fastHashSlow();
}

/// PySpark's portable_hash (pyspark/rdd.py): None -> 0; tuples combined with 0x345678 / 1000003
/// masked to sys.maxsize; everything else hash(x). Used by HashPartitioner for Python-compatible
/// placement of keys.
std::int64_t portableHash(const Value &v);

/// Hash functor/equality for std::unordered_map<Value, ...> keyed by Value::fastHash.
struct ValueHash {
    std::size_t operator()(const Value &v) const noexcept { return v.fastHash(); }
};

/// Total order used only where the engine must sort mixed values deterministically (never
/// observable as Python ordering): by type rank, then Python order within a type.
bool engineOrderLess(const Value &a, const Value &b);

} // namespace dsl
