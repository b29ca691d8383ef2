// Value: storage, construction, accessors and Python ==/< of the engine's record type.
#include "value.h"

#include <algorithm>
#include <cmath>
#include <new>
#include <stdexcept>
#include <unordered_map>

namespace dsl {

// Long str/bytes: the bytes follow the header in the same allocation.
struct Value::StrHeap : Heap {
    std::size_t length;
    mutable std::size_t codePoints; // len() is computed on first use: most strings never need it
    const char *data() const noexcept { return reinterpret_cast<const char *>(this + 1); }
};

// Tuple/list: the items follow the header, so a pair is a single allocation.
struct Value::SeqHeap : Heap {
    std::size_t count;
    Value *items() noexcept { return reinterpret_cast<Value *>(this + 1); }
    const Value *items() const noexcept { return reinterpret_cast<const Value *>(this + 1); }
};

struct Value::DictHeap : Heap {
    std::vector<std::pair<Value, Value>> items;
};

namespace {

constexpr std::size_t kUnknownLength = ~std::size_t{0};

// Returns -1/0/1, or 2 when unordered (NaN). Ints and floats compare exactly as in Python instead
// of converting the int to double (2**53 + 1 != 2.0**53).
int compareIntDouble(std::int64_t i, double d) noexcept
{
    if (std::isnan(d))
        return 2;
    if (d >= 9223372036854775808.0)
        return -1;
    if (d < -9223372036854775808.0)
        return 1;
    const double f = std::floor(d);
    const auto fi = static_cast<std::int64_t>(f);
    if (i != fi)
        return i < fi ? -1 : 1;
    return f < d ? -1 : 0;
}

int compareNumbers(const Value &a, const Value &b) noexcept
{
    const bool af = a.isFloat(), bf = b.isFloat();
    if (!af && !bf) {
        const std::int64_t x = a.asInt(), y = b.asInt();
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    if (af && bf) {
        const double x = a.asFloat(), y = b.asFloat();
        if (x < y)
            return -1;
        if (x > y)
            return 1;
        return x == y ? 0 : 2;
    }
    if (bf)
        return compareIntDouble(a.asInt(), b.asFloat());
    const int c = compareIntDouble(b.asInt(), a.asFloat());
    return c == 2 ? 2 : -c;
}

[[noreturn]] void throwWrongType(const Value &v, const char *wanted)
{
    throw ValueTypeError("expected " + std::string(wanted) + ", got '" + v.typeName() + "'");
}

// Python raises TypeError for an unhashable dict key.
void requireHashable(const Value &v)
{
    switch (v.type()) {
    case Value::Type::List:
    case Value::Type::Dict:
        throw ValueTypeError("unhashable type: '" + v.typeName() + "'");
    case Value::Type::Tuple:
        for (const Value *it = v.itemsBegin(); it != v.itemsEnd(); ++it)
            requireHashable(*it);
        break;
    case Value::Type::Object:
        (void)v.pyHash();
        break;
    default:
        break;
    }
}

// A linear scan beats building an index for the small dicts that records usually carry.
constexpr std::size_t kDictIndexThreshold = 16;

} // namespace

// ---- storage ----------------------------------------------------------------------------------

Value Value::fromHeap(Heap *h) noexcept
{
    Value v;
    v.m_raw[0] = static_cast<unsigned char>(h->type);
    v.m_raw[1] = kHeapTag;
    std::memcpy(v.m_raw + 8, &h, sizeof h);
    return v;
}

void Value::initString(Type t, std::string_view raw)
{
    m_raw[0] = static_cast<unsigned char>(t);
    if (raw.size() <= kInlineMax) {
        m_raw[1] = static_cast<unsigned char>(raw.size());
        if (!raw.empty())
            std::memcpy(m_raw + 2, raw.data(), raw.size());
        return;
    }
    void *mem = ::operator new(sizeof(StrHeap) + raw.size());
    auto *h = new (mem) StrHeap;
    h->refCount = 1;
    h->type = t;
    h->length = raw.size();
    h->codePoints = kUnknownLength;
    std::memcpy(static_cast<char *>(mem) + sizeof(StrHeap), raw.data(), raw.size());
    m_raw[1] = kHeapTag;
    std::memcpy(m_raw + 8, &h, sizeof h);
}

void Value::destroy() noexcept
{
    if (m_raw[1] == kObjectTag) {
        delete static_cast<OpaqueObject *>(payloadPtr());
        return;
    }
    auto *h = static_cast<Heap *>(payloadPtr());
    switch (h->type) {
    case Type::Tuple:
    case Type::List: {
        auto *s = static_cast<SeqHeap *>(h);
        for (std::size_t i = 0; i < s->count; ++i)
            s->items()[i].~Value();
        s->~SeqHeap();
        ::operator delete(s);
        break;
    }
    case Type::Dict:
        delete static_cast<DictHeap *>(h);
        break;
    default:
        static_cast<StrHeap *>(h)->~StrHeap();
        ::operator delete(h);
        break;
    }
}

Value::Value(std::string_view utf8) : m_raw{}
{
    initString(Type::Str, utf8);
}

Value::Value(OpaqueObject *obj) : m_raw{}
{
    if (!obj)
        return;
    ++obj->refCount;
    m_raw[0] = static_cast<unsigned char>(Type::Object);
    m_raw[1] = kObjectTag;
    std::memcpy(m_raw + 8, &obj, sizeof obj);
}

Value Value::bytes(std::string_view raw)
{
    Value v;
    v.initString(Type::Bytes, raw);
    return v;
}

Value::SeqHeap *Value::allocSeq(Type t, std::size_t n)
{
    void *mem = ::operator new(sizeof(SeqHeap) + n * sizeof(Value));
    auto *h = new (mem) SeqHeap;
    h->refCount = 1;
    h->type = t;
    h->count = n;
    return h;
}

Value Value::tuple(std::vector<Value> items)
{
    SeqHeap *h = allocSeq(Type::Tuple, items.size());
    for (std::size_t i = 0; i < items.size(); ++i)
        new (h->items() + i) Value(std::move(items[i]));
    return fromHeap(h);
}

Value Value::pair(Value a, Value b)
{
    SeqHeap *h = allocSeq(Type::Tuple, 2);
    new (h->items()) Value(std::move(a));
    new (h->items() + 1) Value(std::move(b));
    return fromHeap(h);
}

Value Value::list(std::vector<Value> items)
{
    SeqHeap *h = allocSeq(Type::List, items.size());
    for (std::size_t i = 0; i < items.size(); ++i)
        new (h->items() + i) Value(std::move(items[i]));
    return fromHeap(h);
}

Value Value::dict(std::vector<std::pair<Value, Value>> items)
{
    auto *h = new DictHeap;
    h->refCount = 1;
    h->type = Type::Dict;
    Value result = fromHeap(h); // owns h from here on, so a throw below cannot leak it
    h->items.reserve(items.size());
    // Python keeps the first equal key object, at its first position, with the last value:
    // {1: 'a', 1.0: 'b'} == {1: 'b'}.
    std::unordered_map<Value, std::size_t, ValueHash> index;
    const bool useIndex = items.size() > kDictIndexThreshold;
    for (auto &kv : items) {
        requireHashable(kv.first);
        std::size_t found = h->items.size();
        if (useIndex) {
            auto it = index.find(kv.first);
            if (it != index.end())
                found = it->second;
            else
                index.emplace(kv.first, h->items.size());
        } else {
            for (std::size_t i = 0; i < h->items.size(); ++i) {
                if (h->items[i].first == kv.first) {
                    found = i;
                    break;
                }
            }
        }
        if (found < h->items.size())
            h->items[found].second = std::move(kv.second);
        else
            h->items.emplace_back(std::move(kv.first), std::move(kv.second));
    }
    return result;
}

// ---- accessors --------------------------------------------------------------------------------

bool Value::isPair() const noexcept
{
    return type() == Type::Tuple && static_cast<const SeqHeap *>(heap())->count == 2;
}

bool Value::asBool() const
{
    if (type() != Type::Bool)
        throwWrongType(*this, "bool");
    return m_raw[8] != 0;
}

std::int64_t Value::asInt() const
{
    if (type() == Type::Bool)
        return m_raw[8];
    if (type() != Type::Int)
        throwWrongType(*this, "int");
    std::int64_t v;
    std::memcpy(&v, m_raw + 8, sizeof v);
    return v;
}

double Value::asFloat() const
{
    if (type() == Type::Float) {
        double d;
        std::memcpy(&d, m_raw + 8, sizeof d);
        return d;
    }
    if (type() != Type::Int && type() != Type::Bool)
        throwWrongType(*this, "float");
    return static_cast<double>(asInt());
}

std::string_view Value::asStr() const
{
    if (type() != Type::Str && type() != Type::Bytes)
        throwWrongType(*this, "str");
    if (m_raw[1] == kHeapTag) {
        auto *h = static_cast<const StrHeap *>(heap());
        return {h->data(), h->length};
    }
    return {reinterpret_cast<const char *>(m_raw + 2), m_raw[1]};
}

const Value *Value::itemsBegin() const noexcept
{
    if (type() != Type::Tuple && type() != Type::List)
        return nullptr;
    return static_cast<const SeqHeap *>(heap())->items();
}

const Value *Value::itemsEnd() const noexcept
{
    if (type() != Type::Tuple && type() != Type::List)
        return nullptr;
    auto *s = static_cast<const SeqHeap *>(heap());
    return s->items() + s->count;
}

std::size_t Value::size() const noexcept
{
    switch (type()) {
    case Type::Str:
        if (m_raw[1] == kHeapTag) {
            auto *h = static_cast<const StrHeap *>(heap());
            if (h->codePoints == kUnknownLength)
                h->codePoints = strCodePoints();
            return h->codePoints;
        }
        return strCodePoints();
    case Type::Bytes:
        return m_raw[1] == kHeapTag ? static_cast<const StrHeap *>(heap())->length : m_raw[1];
    case Type::Tuple:
    case Type::List:
        return static_cast<const SeqHeap *>(heap())->count;
    case Type::Dict:
        return static_cast<const DictHeap *>(heap())->items.size();
    default:
        return 0;
    }
}

const Value &Value::operator[](std::size_t i) const
{
    if (type() != Type::Tuple && type() != Type::List)
        throw ValueTypeError("'" + typeName() + "' object is not subscriptable by position");
    auto *s = static_cast<const SeqHeap *>(heap());
    if (i >= s->count)
        throw std::out_of_range(typeName() + " index out of range");
    return s->items()[i];
}

const std::vector<std::pair<Value, Value>> &Value::dictItems() const
{
    if (type() != Type::Dict)
        throwWrongType(*this, "dict");
    return static_cast<const DictHeap *>(heap())->items;
}

const OpaqueObject *Value::object() const noexcept
{
    return m_raw[1] == kObjectTag ? static_cast<const OpaqueObject *>(payloadPtr()) : nullptr;
}

bool Value::truthy() const
{
    switch (type()) {
    case Type::None:
        return false;
    case Type::Bool:
    case Type::Int:
        return asInt() != 0;
    case Type::Float:
        return asFloat() != 0.0; // NaN is truthy in Python too
    case Type::Object:
        return true; // OpaqueObject cannot be asked; Python objects default to truthy
    case Type::Str:
    case Type::Bytes:
        return m_raw[1] != 0;
    default:
        return size() != 0;
    }
}

std::string Value::typeName() const
{
    switch (type()) {
    case Type::None: return "NoneType";
    case Type::Bool: return "bool";
    case Type::Int: return "int";
    case Type::Float: return "float";
    case Type::Str: return "str";
    case Type::Bytes: return "bytes";
    case Type::Tuple: return "tuple";
    case Type::List: return "list";
    case Type::Dict: return "dict";
    case Type::Object: return object()->typeName();
    }
    return "?";
}

// ---- equality and ordering --------------------------------------------------------------------

static const Value *dictLookup(const std::vector<std::pair<Value, Value>> &items, const Value &key)
{
    for (const auto &kv : items) {
        if (kv.first == key)
            return &kv.second;
    }
    return nullptr;
}

bool Value::equalsSlow(const Value &o) const
{
    if (isNumber() && o.isNumber())
        return compareNumbers(*this, o) == 0;
    if (type() != o.type())
        return false;
    switch (type()) {
    case Type::None:
        return true;
    case Type::Str:
    case Type::Bytes:
        return asStr() == o.asStr();
    case Type::Tuple:
    case Type::List:
        // Python also short-cuts identical items (`x is y`), which makes [nan] == [nan] for one
        // nan object; a Value has no identity, so NaN items always compare unequal.
        return size() == o.size() && std::equal(itemsBegin(), itemsEnd(), o.itemsBegin());
    case Type::Dict: {
        const auto &a = dictItems(), &b = o.dictItems();
        if (a.size() != b.size())
            return false;
        if (a.size() <= kDictIndexThreshold) {
            for (const auto &kv : a) {
                const Value *other = dictLookup(b, kv.first);
                if (!other || !(kv.second == *other))
                    return false;
            }
            return true;
        }
        std::unordered_map<Value, const Value *, ValueHash> index;
        for (const auto &kv : b)
            index.emplace(kv.first, &kv.second);
        for (const auto &kv : a) {
            auto it = index.find(kv.first);
            if (it == index.end() || !(kv.second == *it->second))
                return false;
        }
        return true;
    }
    case Type::Object:
        return object()->equals(*o.object());
    default:
        return false;
    }
}

bool Value::operator<(const Value &o) const
{
    if (isNumber() && o.isNumber())
        return compareNumbers(*this, o) == -1;
    if (type() == o.type()) {
        switch (type()) {
        case Type::Str:
        case Type::Bytes:
            return asStr() < o.asStr(); // char_traits compares as unsigned: code point order
        case Type::Tuple:
        case Type::List: {
            // Python compares the first items that differ by ==, then falls back to the length.
            const Value *a = itemsBegin(), *ae = itemsEnd(), *b = o.itemsBegin(), *be = o.itemsEnd();
            for (; a != ae && b != be; ++a, ++b) {
                if (!(*a == *b))
                    return *a < *b;
            }
            return a == ae && b != be;
        }
        case Type::Object:
            return object()->less(*o.object());
        default:
            break;
        }
    }
    throw ValueTypeError("'<' not supported between instances of '" + typeName() + "' and '" + o.typeName() + "'");
}

static int engineRank(Value::Type t)
{
    switch (t) {
    case Value::Type::None: return 0;
    case Value::Type::Bool:
    case Value::Type::Int:
    case Value::Type::Float: return 1;
    case Value::Type::Str: return 2;
    case Value::Type::Bytes: return 3;
    case Value::Type::Tuple: return 4;
    case Value::Type::List: return 5;
    case Value::Type::Dict: return 6;
    case Value::Type::Object: return 7;
    }
    return 8;
}

static int engineCompare(const Value &a, const Value &b);

static bool engineItemLess(const std::pair<Value, Value> *x, const std::pair<Value, Value> *y)
{
    return engineCompare(x->first, y->first) < 0;
}

static int engineCompare(const Value &a, const Value &b)
{
    const int ra = engineRank(a.type()), rb = engineRank(b.type());
    if (ra != rb)
        return ra < rb ? -1 : 1;
    switch (a.type()) {
    case Value::Type::None:
        return 0;
    case Value::Type::Bool:
    case Value::Type::Int:
    case Value::Type::Float: {
        const int c = compareNumbers(a, b);
        if (c != 2)
            return c;
        // NaN sorts after every other number and is equivalent to any other NaN.
        const bool na = a.isFloat() && std::isnan(a.asFloat()), nb = b.isFloat() && std::isnan(b.asFloat());
        return na == nb ? 0 : (na ? 1 : -1);
    }
    case Value::Type::Str:
    case Value::Type::Bytes: {
        const int c = a.asStr().compare(b.asStr());
        return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Value::Type::Tuple:
    case Value::Type::List: {
        const Value *x = a.itemsBegin(), *xe = a.itemsEnd(), *y = b.itemsBegin(), *ye = b.itemsEnd();
        for (; x != xe && y != ye; ++x, ++y) {
            if (const int c = engineCompare(*x, *y))
                return c;
        }
        return x != xe ? 1 : (y != ye ? -1 : 0);
    }
    case Value::Type::Dict: {
        // Dict equality ignores insertion order, so compare the items sorted by key.
        if (a.size() != b.size())
            return a.size() < b.size() ? -1 : 1;
        std::vector<const std::pair<Value, Value> *> x, y;
        for (const auto &kv : a.dictItems())
            x.push_back(&kv);
        for (const auto &kv : b.dictItems())
            y.push_back(&kv);
        std::sort(x.begin(), x.end(), engineItemLess);
        std::sort(y.begin(), y.end(), engineItemLess);
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (const int c = engineCompare(x[i]->first, y[i]->first))
                return c;
            if (const int c = engineCompare(x[i]->second, y[i]->second))
                return c;
        }
        return 0;
    }
    case Value::Type::Object: {
        const int c = a.typeName().compare(b.typeName());
        if (c != 0)
            return c < 0 ? -1 : 1;
        try {
            if (a.object()->less(*b.object()))
                return -1;
            return b.object()->less(*a.object()) ? 1 : 0;
        } catch (...) {
            // Unorderable objects of one type still need a deterministic place: use their repr.
            const int r = a.repr().compare(b.repr());
            return r < 0 ? -1 : (r > 0 ? 1 : 0);
        }
    }
    }
    return 0;
}

bool engineOrderLess(const Value &a, const Value &b)
{
    return engineCompare(a, b) < 0;
}

} // namespace dsl
