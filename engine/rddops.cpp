// RDD transformations, built as Spark builds them (RDD.scala, PairRDDFunctions.scala).
#include "rddops.h"

#include "errors.h"
#include "keyindex.h"
#include "rdds.h"
#include "sparkcontext.h"

namespace dsl::ops {

namespace {
const Value &requirePairRecord(const Value &v, const char *op)
{
    if (!v.isPair())
        throw UserCodeError("org.apache.spark.SparkException",
                            std::string(op) + " needs (key, value) records, got " + v.repr());
    return v;
}
} // namespace

namespace {
OpaquePairUnpacker g_opaqueUnpacker = nullptr;
} // namespace

void setOpaquePairUnpacker(OpaquePairUnpacker unpacker)
{
    g_opaqueUnpacker = unpacker;
}

void throwUnpackError(long long n, const std::string &typeName)
{
    // CPython 3.11's unpack_iterable messages; the traceback has no frame of the program (the
    // unpacking happens in PySpark's own code), so it is the exception line alone.
    std::string line;
    if (n < 0) line = "TypeError: cannot unpack non-iterable " + typeName + " object";
    else if (n < 2) line = "ValueError: not enough values to unpack (expected 2, got " + std::to_string(n) + ")";
    else line = "ValueError: too many values to unpack (expected 2)";
    throw UserCodeError("org.apache.spark.api.python.PythonException", line + "\n", line + "\n");
}

Value unpackPair(const Value &record)
{
    switch (record.type()) {
    case Value::Type::Tuple:
    case Value::Type::List:
        if (record.size() == 2) return Value::pair(record[0], record[1]);
        throwUnpackError(static_cast<long long>(record.size()), {});
    case Value::Type::Str: {
        // A str unpacks into its characters (code points).
        const std::string_view s = record.asStr();
        if (record.size() != 2) throwUnpackError(static_cast<long long>(record.size()), {});
        const auto *p = reinterpret_cast<const unsigned char *>(s.data());
        const auto *end = p + s.size();
        const auto *first = p;
        Value::decodeUtf8(p, end);
        const std::size_t split = static_cast<std::size_t>(p - first);
        return Value::pair(Value(s.substr(0, split)), Value(s.substr(split)));
    }
    case Value::Type::Bytes: {
        // bytes unpack into ints.
        const std::string_view s = record.asStr();
        if (s.size() != 2) throwUnpackError(static_cast<long long>(s.size()), {});
        return Value::pair(Value(static_cast<int>(static_cast<unsigned char>(s[0]))),
                           Value(static_cast<int>(static_cast<unsigned char>(s[1]))));
    }
    case Value::Type::Dict: {
        // A dict unpacks into its keys.
        const auto &items = record.dictItems();
        if (items.size() != 2) throwUnpackError(static_cast<long long>(items.size()), {});
        return Value::pair(items[0].first, items[1].first);
    }
    case Value::Type::Object:
        if (g_opaqueUnpacker) return g_opaqueUnpacker(record);
        break;
    default: break;
    }
    throwUnpackError(-1, record.typeName());
}

RDDPtr mapPartitionsWithIndex(const RDDPtr &rdd, const std::string &op, PartitionFunction f, bool preservesPartitioning,
                              bool python)
{
    auto out = std::make_shared<MapPartitionsRDD>(rdd, op, std::move(f), preservesPartitioning);
    out->setPython(python);
    return out;
}

RDDPtr map(const RDDPtr &rdd, MapFn f)
{
    return mapPartitionsWithIndex(rdd, "map", [f = std::move(f)](int, Records &&in, TaskContext &) {
        for (auto &v : in) v = f(v);
        return std::move(in);
    });
}

RDDPtr flatMap(const RDDPtr &rdd, FlatMapFn f)
{
    return mapPartitionsWithIndex(rdd, "flatMap", [f = std::move(f)](int, Records &&in, TaskContext &) {
        Records out;
        out.reserve(in.size());
        for (const auto &v : in) f(v, out);
        return out;
    });
}

RDDPtr filter(const RDDPtr &rdd, PredicateFn f)
{
    return mapPartitionsWithIndex(
        rdd, "filter",
        [f = std::move(f)](int, Records &&in, TaskContext &) {
            Records out;
            for (auto &v : in)
                if (f(v)) out.push_back(std::move(v));
            return out;
        },
        true);
}

RDDPtr glom(const RDDPtr &rdd)
{
    return mapPartitionsWithIndex(rdd, "glom", [](int, Records &&in, TaskContext &) {
        return Records{Value::list(std::move(in))};
    });
}

RDDPtr mapValues(const RDDPtr &rdd, MapFn f)
{
    return mapPartitionsWithIndex(
        rdd, "mapValues",
        [f = std::move(f)](int, Records &&in, TaskContext &) {
            for (auto &v : in) {
                requirePairRecord(v, "mapValues");
                v = Value::pair(v.key(), f(v.value()));
            }
            return std::move(in);
        },
        true);
}

RDDPtr flatMapValues(const RDDPtr &rdd, FlatMapFn f)
{
    return mapPartitionsWithIndex(
        rdd, "flatMapValues",
        [f = std::move(f)](int, Records &&in, TaskContext &) {
            Records out, vals;
            for (const auto &v : in) {
                requirePairRecord(v, "flatMapValues");
                vals.clear();
                f(v.value(), vals);
                for (auto &x : vals) out.push_back(Value::pair(v.key(), std::move(x)));
            }
            return out;
        },
        true);
}

RDDPtr keys(const RDDPtr &rdd)
{
    return map(rdd, [](const Value &v) { return requirePairRecord(v, "keys").key(); });
}

RDDPtr values(const RDDPtr &rdd)
{
    return map(rdd, [](const Value &v) { return requirePairRecord(v, "values").value(); });
}

RDDPtr unionAll(SparkContext &sc, const std::vector<RDDPtr> &rdds)
{
    return sc.unionRDDs(rdds);
}

RDDPtr combineByKey(const RDDPtr &rdd, Aggregator agg, const Partitioner &part, bool mapSideCombine, const std::string &op)
{
    // PairRDDFunctions.combineByKeyWithClassTag: same partitioner -> mapPartitions, no shuffle
    if (rdd->partitioner() && *rdd->partitioner() == part) {
        return mapPartitionsWithIndex(
            rdd, op,
            [agg](int, Records &&in, TaskContext &) { return agg.combineValues(std::move(in)); }, true,
            agg.isPython);
    }
    auto out = std::make_shared<ShuffledRDD>(rdd, part, std::move(agg), mapSideCombine);
    out->setOpName(op);
    return out;
}

RDDPtr reduceByKey(const RDDPtr &rdd, ReduceFn f, int numPartitions)
{
    Aggregator agg;
    agg.createCombiner = [](const Value &v) { return v; };
    agg.mergeValue = f;
    agg.mergeCombiners = f;
    return combineByKey(rdd, std::move(agg), Partitioner(numPartitions), true, "reduceByKey");
}

RDDPtr groupByKey(const RDDPtr &rdd, int numPartitions)
{
    Aggregator agg;
    agg.createCombiner = [](const Value &v) { return Value::list({v}); };
    agg.mergeValue = [](const Value &c, const Value &v) {
        std::vector<Value> items(c.itemsBegin(), c.itemsEnd());
        items.push_back(v);
        return Value::list(std::move(items));
    };
    agg.mergeCombiners = [](const Value &a, const Value &b) {
        std::vector<Value> items(a.itemsBegin(), a.itemsEnd());
        items.insert(items.end(), b.itemsBegin(), b.itemsEnd());
        return Value::list(std::move(items));
    };
    // Group values in one pass per partition instead of re-copying the list per value.
    agg.combineValuesByKey = [](Records &&in) {
        KeyIndex index(in.size());
        std::vector<std::vector<Value>> groups;
        for (const auto &r : in) {
            requirePairRecord(r, "groupByKey");
            auto [i, inserted] = index.insert(r.key());
            if (inserted) groups.emplace_back();
            groups[i].push_back(r.value());
        }
        Records out;
        out.reserve(groups.size());
        std::vector<Value> &keys = index.keys();
        for (std::size_t i = 0; i < keys.size(); ++i)
            out.push_back(Value::pair(std::move(keys[i]), Value::list(std::move(groups[i]))));
        return out;
    };
    return combineByKey(rdd, std::move(agg), Partitioner(numPartitions), false, "groupByKey");
}

RDDPtr partitionBy(const RDDPtr &rdd, const Partitioner &part)
{
    if (rdd->partitioner() && *rdd->partitioner() == part) return rdd;
    auto out = std::make_shared<ShuffledRDD>(rdd, part, std::nullopt, false);
    out->setOpName("partitionBy");
    return out;
}

RDDPtr cogroup(SparkContext &sc, const std::vector<RDDPtr> &rdds, const Partitioner &part, const std::string &op)
{
    auto cg = std::make_shared<CoGroupedRDD>(sc, rdds, part);
    cg->setOpName(op);
    return cg;
}

namespace {
// PairRDDFunctions.join & co.: cogroup, then flatMapValues over the value lists.
RDDPtr joinWith(const RDDPtr &a, const RDDPtr &b, int numPartitions, const std::string &op, bool keepLeft, bool keepRight)
{
    auto cg = cogroup(a->context(), {a, b}, Partitioner(numPartitions), op);
    return mapPartitionsWithIndex(
        cg, op,
        [keepLeft, keepRight](int, Records &&in, TaskContext &) {
            Records out;
            for (const auto &r : in) {
                const Value &k = r.key();
                const Value &lists = r.value();
                const Value &left = lists[0], &right = lists[1];
                const bool l = left.size() > 0, rr = right.size() > 0;
                if (l && rr) {
                    for (auto x = left.itemsBegin(); x != left.itemsEnd(); ++x)
                        for (auto y = right.itemsBegin(); y != right.itemsEnd(); ++y)
                            out.push_back(Value::pair(k, Value::pair(*x, *y)));
                } else if (l && keepLeft) {
                    for (auto x = left.itemsBegin(); x != left.itemsEnd(); ++x)
                        out.push_back(Value::pair(k, Value::pair(*x, Value())));
                } else if (rr && keepRight) {
                    for (auto y = right.itemsBegin(); y != right.itemsEnd(); ++y)
                        out.push_back(Value::pair(k, Value::pair(Value(), *y)));
                }
            }
            return out;
        },
        true);
}
} // namespace

RDDPtr join(const RDDPtr &a, const RDDPtr &b, int n) { return joinWith(a, b, n, "join", false, false); }
RDDPtr leftOuterJoin(const RDDPtr &a, const RDDPtr &b, int n) { return joinWith(a, b, n, "leftOuterJoin", true, false); }
RDDPtr rightOuterJoin(const RDDPtr &a, const RDDPtr &b, int n) { return joinWith(a, b, n, "rightOuterJoin", false, true); }
RDDPtr fullOuterJoin(const RDDPtr &a, const RDDPtr &b, int n) { return joinWith(a, b, n, "fullOuterJoin", true, true); }

int byteswap32(int v)
{
    // scala.util.hashing.byteswap32: MurmurHash-style mix used to seed coalesce's Random
    auto hc = static_cast<std::uint32_t>(v) * 0x9e3775cdU;
    hc = ((hc & 0xffU) << 24) | ((hc & 0xff00U) << 8) | ((hc >> 8) & 0xff00U) | (hc >> 24);
    return static_cast<int>(hc * 0x9e3775cdU);
}

int javaRandomNextInt(std::int64_t seed, int bound)
{
    // java.util.Random(seed).nextInt(bound)
    std::uint64_t s = (static_cast<std::uint64_t>(seed) ^ 0x5DEECE66DULL) & ((1ULL << 48) - 1);
    auto next = [&s](int bits) {
        s = (s * 0x5DEECE66DULL + 0xBULL) & ((1ULL << 48) - 1);
        return static_cast<std::int32_t>(static_cast<std::int64_t>(s) >> (48 - bits));
    };
    if ((bound & -bound) == bound) return static_cast<int>((static_cast<std::int64_t>(bound) * next(31)) >> 31);
    int bits, val;
    do {
        bits = next(31);
        val = bits % bound;
    } while (bits - val + (bound - 1) < 0);
    return val;
}

RDDPtr repartition(const RDDPtr &rdd, int numPartitions)
{
    if (numPartitions <= 0)
        throw IllegalArgumentException("requirement failed: Number of partitions (" + std::to_string(numPartitions) +
                                       ") must be positive.");
    // RDD.coalesce(shuffle = true): distributePartition starts at a random position per input
    // partition, then round-robins; keys are those positions, hashed to the new partitions.
    auto distributed = mapPartitionsWithIndex(rdd, "repartition", [numPartitions](int index, Records &&in, TaskContext &) {
        int position = javaRandomNextInt(byteswap32(index), numPartitions);
        Records out;
        out.reserve(in.size());
        for (auto &v : in) {
            ++position;
            out.push_back(Value::pair(Value(position), std::move(v)));
        }
        return out;
    });
    auto shuffled = std::make_shared<ShuffledRDD>(distributed, Partitioner(numPartitions), std::nullopt, false);
    shuffled->setOpName("repartition");
    auto coalesced = std::make_shared<CoalescedRDD>(shuffled, numPartitions);
    coalesced->setOpName("repartition");
    return mapPartitionsWithIndex(coalesced, "repartition", [](int, Records &&in, TaskContext &) {
        for (auto &v : in) v = v.value();
        return std::move(in);
    });
}

RDDPtr countByValue(const RDDPtr &rdd, int numPartitions)
{
    auto pairs = map(rdd, [](const Value &v) { return Value::pair(v, Value(1)); });
    pairs->setOpName("countByValue");
    auto out = reduceByKey(pairs, [](const Value &a, const Value &b) { return Value(a.asInt() + b.asInt()); }, numPartitions);
    out->setOpName("countByValue");
    return out;
}

RDDPtr distinct(const RDDPtr &rdd, int numPartitions)
{
    auto pairs = map(rdd, [](const Value &v) { return Value::pair(v, Value()); });
    auto reduced = reduceByKey(pairs, [](const Value &a, const Value &) { return a; }, numPartitions);
    auto out = keys(reduced);
    for (auto *r : {pairs.get(), reduced.get(), out.get()}) r->setOpName("distinct");
    return out;
}

} // namespace dsl::ops
