// Transformations that build new RDDs (Spark's RDD and PairRDDFunctions methods).
#pragma once

#include "rdd.h"

#include <functional>

namespace dsl::ops {

using MapFn = std::function<Value(const Value &)>;
using FlatMapFn = std::function<void(const Value &, Records &out)>;
using PredicateFn = std::function<bool(const Value &)>;
using ReduceFn = std::function<Value(const Value &, const Value &)>;

/// A narrow partition-level transformation; `op` names it in lineage ("map", "flatMap"...).
RDDPtr mapPartitionsWithIndex(const RDDPtr &rdd, const std::string &op, PartitionFunction f,
                              bool preservesPartitioning = false, bool python = false);
RDDPtr map(const RDDPtr &rdd, MapFn f);
RDDPtr flatMap(const RDDPtr &rdd, FlatMapFn f);
RDDPtr filter(const RDDPtr &rdd, PredicateFn f);
RDDPtr glom(const RDDPtr &rdd);
RDDPtr mapValues(const RDDPtr &rdd, MapFn f);
RDDPtr flatMapValues(const RDDPtr &rdd, FlatMapFn f);
RDDPtr keys(const RDDPtr &rdd);
RDDPtr values(const RDDPtr &rdd);

RDDPtr unionAll(SparkContext &sc, const std::vector<RDDPtr> &rdds);

/// combineByKey with a HashPartitioner; skips the shuffle when the parent is already
/// partitioned the same way (PairRDDFunctions.combineByKeyWithClassTag).
RDDPtr combineByKey(const RDDPtr &rdd, Aggregator agg, const Partitioner &part, bool mapSideCombine,
                    const std::string &op);
RDDPtr reduceByKey(const RDDPtr &rdd, ReduceFn f, int numPartitions);
/// (k, v) -> (k, [v...]) without map-side combine (PairRDDFunctions.groupByKey).
RDDPtr groupByKey(const RDDPtr &rdd, int numPartitions);
RDDPtr partitionBy(const RDDPtr &rdd, const Partitioner &part);

/// cogroup of several pair RDDs: (k, (list_0, ..., list_n)).
RDDPtr cogroup(SparkContext &sc, const std::vector<RDDPtr> &rdds, const Partitioner &part, const std::string &op);
/// Joins built on cogroup as Spark does; missing sides are None.
RDDPtr join(const RDDPtr &a, const RDDPtr &b, int numPartitions);
RDDPtr leftOuterJoin(const RDDPtr &a, const RDDPtr &b, int numPartitions);
RDDPtr rightOuterJoin(const RDDPtr &a, const RDDPtr &b, int numPartitions);
RDDPtr fullOuterJoin(const RDDPtr &a, const RDDPtr &b, int numPartitions);

/// coalesce(n, shuffle = true): Spark's random-start round-robin distribution, seeded by
/// partition index exactly as RDD.coalesce does (java.util.Random(byteswap32(index))).
RDDPtr repartition(const RDDPtr &rdd, int numPartitions);
/// countByValue as a transformation: (x, count) pairs (DStream.countByValue).
RDDPtr countByValue(const RDDPtr &rdd, int numPartitions);
RDDPtr distinct(const RDDPtr &rdd, int numPartitions);

/// PySpark's pair records are duck-typed: its shuffles unpack each record with Python's
/// `for k, v in iterator` (pyspark/rdd.py partitionBy's add_shuffle_key, pyspark/shuffle.py
/// ExternalMerger.mergeValues), so any 2-element sequence is a (key, value) record and the
/// shuffle re-packs it as a tuple: a list [k, v], a 2-character str, 2 bytes, a 2-key dict.
/// Returns `record` as a 2-tuple, or throws the error of Python's unpacking as PySpark's worker
/// reports it (org.apache.spark.api.python.PythonException: "ValueError: too many values to
/// unpack (expected 2)", "ValueError: not enough values to unpack (expected 2, got 1)",
/// "TypeError: cannot unpack non-iterable int object").
Value unpackPair(const Value &record);
/// Unpacks an opaque object (a Python object the engine carries, such as a namedtuple) as
/// unpackPair does; the Python bridge installs it (engine/python/pyconvert.cpp).
using OpaquePairUnpacker = Value (*)(const Value &record);
void setOpaquePairUnpacker(OpaquePairUnpacker unpacker);
/// The UserCodeError PySpark's worker raises when `k, v = record` fails with `n` items
/// (n < 0: not iterable at all; typeName then names the record's type).
[[noreturn]] void throwUnpackError(long long n, const std::string &typeName);

/// Java's java.util.Random(seed).nextInt(bound), and scala.util.hashing.byteswap32.
int javaRandomNextInt(std::int64_t seed, int bound);
int byteswap32(int v);

} // namespace dsl::ops
