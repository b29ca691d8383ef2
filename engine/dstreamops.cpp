// DStream transformations and output operations, composed as in Spark's DStream.scala.
#include "dstreamops.h"

#include "errors.h"
#include "simulation.h"
#include "sparkcontext.h"
#include "streamingcontext.h"
#include "timeformat.h"

#include <filesystem>
#include <fstream>

namespace dsl::ops {

namespace {
int defaultPartitions(const DStreamPtr &s, std::optional<int> n)
{
    // PairDStreamFunctions.defaultPartitioner: ssc.sc.defaultParallelism
    // Validated here, at definition, as Spark's `new HashPartitioner(numPartitions)` is.
    return Partitioner(n.value_or(s->context().sparkContext().defaultParallelism())).numPartitions();
}

DStreamPtr derived(std::vector<DStreamPtr> parents, const std::string &className, const std::string &op,
                   DerivedDStream::RddFunction f,
                   DerivedDStream::MissingParent rule = DerivedDStream::MissingParent::Skip)
{
    return std::make_shared<DerivedDStream>(std::move(parents), className, op, std::move(f), rule);
}

// A stream applying an RDD-level operation to its single parent.
DStreamPtr unary(const DStreamPtr &s, const std::string &className, const std::string &op,
                 std::function<RDDPtr(const RDDPtr &)> f)
{
    return derived({s}, className, op, [f = std::move(f)](const std::vector<RDDPtr> &p, SimTime) { return f(p[0]); });
}
} // namespace

DStreamPtr mapPartitionsWithIndex(const DStreamPtr &s, const std::string &op, const std::string &className,
                                  PartitionFunction f, bool preservesPartitioning, bool python)
{
    return unary(s, className, op, [=](const RDDPtr &r) {
        return ops::mapPartitionsWithIndex(r, op, f, preservesPartitioning, python);
    });
}

DStreamPtr map(const DStreamPtr &s, MapFn f)
{
    return unary(s, "MappedDStream", "map", [f](const RDDPtr &r) { return ops::map(r, f); });
}

DStreamPtr flatMap(const DStreamPtr &s, FlatMapFn f)
{
    return unary(s, "FlatMappedDStream", "flatMap", [f](const RDDPtr &r) { return ops::flatMap(r, f); });
}

DStreamPtr filter(const DStreamPtr &s, PredicateFn f)
{
    return unary(s, "FilteredDStream", "filter", [f](const RDDPtr &r) { return ops::filter(r, f); });
}

DStreamPtr mapPartitions(const DStreamPtr &s, std::function<Records(Records &&)> f)
{
    return mapPartitionsWithIndex(s, "mapPartitions", "MapPartitionedDStream",
                                  [f](int, Records &&in, TaskContext &) { return f(std::move(in)); });
}

DStreamPtr glom(const DStreamPtr &s)
{
    return unary(s, "GlommedDStream", "glom", [](const RDDPtr &r) { return ops::glom(r); });
}

DStreamPtr mapValues(const DStreamPtr &s, MapFn f)
{
    return unary(s, "MapValuedDStream", "mapValues", [f](const RDDPtr &r) { return ops::mapValues(r, f); });
}

DStreamPtr flatMapValues(const DStreamPtr &s, FlatMapFn f)
{
    return unary(s, "FlatMapValuedDStream", "flatMapValues", [f](const RDDPtr &r) { return ops::flatMapValues(r, f); });
}

DStreamPtr repartition(const DStreamPtr &s, int numPartitions)
{
    return unary(s, "TransformedDStream", "repartition",
                 [numPartitions](const RDDPtr &r) { return ops::repartition(r, numPartitions); });
}

DStreamPtr unionStreams(const std::vector<DStreamPtr> &streams)
{
    if (streams.empty()) throw IllegalArgumentException("requirement failed: Empty array of parents");
    return derived(
        streams, "UnionDStream", "union",
        [](const std::vector<RDDPtr> &rdds, SimTime) {
            // UnionDStream.compute: PartitionerAwareUnionRDD when all share a partitioner,
            // else UnionRDD; DStream Lab always builds the UnionRDD.
            return rdds[0]->context().unionRDDs(rdds);
        },
        DerivedDStream::MissingParent::FailUnion);
}

DStreamPtr count(const DStreamPtr &s)
{
    // DStream.count: map(_ => (null, 1L)).transform(_.union(makeRDD(Seq((null, 0L)), 1)))
    //                .reduceByKey(_ + _).map(_._2)
    auto ones = map(s, [](const Value &) { return Value::pair(Value(), Value(1)); });
    auto withZero = transform(ones, [](const RDDPtr &r, SimTime) {
        SparkContext &sc = r->context();
        return sc.unionRDDs({r, sc.parallelize({Value::pair(Value(), Value(0))}, 1)});
    });
    auto counts = reduceByKey(withZero, [](const Value &a, const Value &b) { return Value(a.asInt() + b.asInt()); });
    return map(counts, [](const Value &kv) { return kv.value(); });
}

DStreamPtr countByValue(const DStreamPtr &s, std::optional<int> numPartitions)
{
    const int n = defaultPartitions(s, numPartitions);
    auto pairs = map(s, [](const Value &v) { return Value::pair(v, Value(1)); });
    return reduceByKey(pairs, [](const Value &a, const Value &b) { return Value(a.asInt() + b.asInt()); }, n);
}

DStreamPtr reduce(const DStreamPtr &s, ReduceFn f)
{
    // DStream.reduce: map((null, _)).reduceByKey(reduceFunc, 1).map(_._2)
    auto keyed = map(s, [](const Value &v) { return Value::pair(Value(), v); });
    return map(reduceByKey(keyed, std::move(f), 1), [](const Value &kv) { return kv.value(); });
}

DStreamPtr reduceByKey(const DStreamPtr &s, ReduceFn f, std::optional<int> numPartitions)
{
    const int n = defaultPartitions(s, numPartitions);
    return unary(s, "ShuffledDStream", "reduceByKey", [f, n](const RDDPtr &r) { return ops::reduceByKey(r, f, n); });
}

DStreamPtr groupByKey(const DStreamPtr &s, std::optional<int> numPartitions)
{
    const int n = defaultPartitions(s, numPartitions);
    return unary(s, "ShuffledDStream", "groupByKey", [n](const RDDPtr &r) { return ops::groupByKey(r, n); });
}

DStreamPtr combineByKey(const DStreamPtr &s, Aggregator agg, std::optional<int> numPartitions, bool mapSideCombine)
{
    const int n = defaultPartitions(s, numPartitions);
    return unary(s, "ShuffledDStream", "combineByKey", [agg, n, mapSideCombine](const RDDPtr &r) {
        return ops::combineByKey(r, agg, Partitioner(n), mapSideCombine, "combineByKey");
    });
}

namespace {
DStreamPtr joinLike(const DStreamPtr &a, const DStreamPtr &b, std::optional<int> numPartitions, const std::string &op,
                    RDDPtr (*f)(const RDDPtr &, const RDDPtr &, int))
{
    const int n = defaultPartitions(a, numPartitions);
    // PairDStreamFunctions.join & co. are transformWith over the two streams' RDDs.
    return derived({a, b}, "TransformedDStream", op,
                   [f, n](const std::vector<RDDPtr> &r, SimTime) { return f(r[0], r[1], n); },
                   DerivedDStream::MissingParent::FailTransform);
}
} // namespace

DStreamPtr cogroup(const DStreamPtr &a, const DStreamPtr &b, std::optional<int> numPartitions)
{
    const int n = defaultPartitions(a, numPartitions);
    return derived({a, b}, "TransformedDStream", "cogroup",
                   [n](const std::vector<RDDPtr> &r, SimTime) {
                       return ops::cogroup(r[0]->context(), r, Partitioner(n), "cogroup");
                   },
                   DerivedDStream::MissingParent::FailTransform);
}

DStreamPtr join(const DStreamPtr &a, const DStreamPtr &b, std::optional<int> n) { return joinLike(a, b, n, "join", ops::join); }
DStreamPtr leftOuterJoin(const DStreamPtr &a, const DStreamPtr &b, std::optional<int> n)
{
    return joinLike(a, b, n, "leftOuterJoin", ops::leftOuterJoin);
}
DStreamPtr rightOuterJoin(const DStreamPtr &a, const DStreamPtr &b, std::optional<int> n)
{
    return joinLike(a, b, n, "rightOuterJoin", ops::rightOuterJoin);
}
DStreamPtr fullOuterJoin(const DStreamPtr &a, const DStreamPtr &b, std::optional<int> n)
{
    return joinLike(a, b, n, "fullOuterJoin", ops::fullOuterJoin);
}

DStreamPtr transform(const DStreamPtr &s, TransformFn f)
{
    return derived({s}, "TransformedDStream", "transform",
                   [f](const std::vector<RDDPtr> &r, SimTime t) { return f(r[0], t); },
                   DerivedDStream::MissingParent::FailTransform);
}

DStreamPtr transformWith(const DStreamPtr &a, const DStreamPtr &b, TransformWithFn f)
{
    return derived({a, b}, "TransformedDStream", "transformWith",
                   [f](const std::vector<RDDPtr> &r, SimTime t) { return f(r[0], r[1], t); },
                   DerivedDStream::MissingParent::FailTransform);
}

DStreamPtr transformMany(const std::vector<DStreamPtr> &streams, TransformManyFn f)
{
    return derived(streams, "TransformedDStream", "transform", std::move(f), DerivedDStream::MissingParent::FailTransform);
}

// ---- output operations -----------------------------------------------------------------------

DStreamPtr foreachRDD(const DStreamPtr &s, ForeachFn f, const std::string &op)
{
    auto out = std::make_shared<ForEachDStream>(s, std::move(f), op);
    s->context().registerOutputStream(out);
    return out;
}

std::string pprintBlock(const std::string &timeText, const Records &taken, int num)
{
    // DStream.print / PySpark pprint: 43 dashes, Time line, dashes, records, "..." if more, blank
    static const std::string dashes(43, '-');
    std::string s = dashes + "\nTime: " + timeText + "\n" + dashes + "\n";
    for (std::size_t i = 0; i < taken.size() && static_cast<int>(i) < num; ++i) s += taken[i].str() + "\n";
    if (static_cast<int>(taken.size()) > num) s += "...\n";
    s += "\n";
    return s;
}

DStreamPtr print(const DStreamPtr &s, int num)
{
    return foreachRDD(
        s,
        [num](const RDDPtr &rdd, SimTime t) {
            SparkContext &sc = rdd->context();
            Records taken = sc.take(rdd, num + 1);
            sc.simulation().output(pprintBlock(t.toString(), taken, num));
        },
        "print");
}

DStreamPtr pprint(const DStreamPtr &s, int num)
{
    return foreachRDD(
        s,
        [num](const RDDPtr &rdd, SimTime t) {
            SparkContext &sc = rdd->context();
            Records taken = sc.take(rdd, num + 1);
            sc.simulation().output(pprintBlock(pythonDateTimeStr(t), taken, num));
        },
        "pprint");
}

DStreamPtr saveAsTextFiles(const DStreamPtr &s, const std::string &prefix, const std::string &suffix)
{
    return foreachRDD(
        s,
        [prefix, suffix](const RDDPtr &rdd, SimTime t) {
            // PySpark rddToFileName: prefix + "-" + str(ms) [+ "." + suffix]
            std::string dir = prefix + "-" + std::to_string(t.ms());
            if (!suffix.empty()) dir += "." + suffix;
            namespace fs = std::filesystem;
            std::error_code ec;
            if (fs::exists(dir, ec)) return; // FileAlreadyExistsException is swallowed by PySpark
            SparkContext &sc = rdd->context();
            std::vector<int> parts;
            for (int p = 0; p < rdd->numPartitions(); ++p) parts.push_back(p);
            auto data = sc.runJob(rdd, parts, "saveAsTextFiles");
            fs::create_directories(dir, ec);
            if (ec) throw SparkException("Could not create output directory " + dir + ": " + ec.message());
            for (std::size_t p = 0; p < data.size(); ++p) {
                char name[32];
                std::snprintf(name, sizeof name, "part-%05zu", p);
                std::ofstream out(fs::path(dir) / name, std::ios::binary);
                for (const auto &v : data[p]) out << v.str() << '\n';
            }
            std::ofstream(fs::path(dir) / "_SUCCESS");
        },
        "saveAsTextFiles");
}

} // namespace dsl::ops
