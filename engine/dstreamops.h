// DStream transformations and output operations (DStream.scala, PairDStreamFunctions.scala),
// with native C++ functions. The Python bridge builds on the same primitives.
#pragma once

#include "dstream.h"
#include "rddops.h"

#include <functional>
#include <optional>
#include <ostream>

namespace dsl::ops {

/// A narrow per-partition stream transformation named `op` in lineage (`className` for the
/// DStream, e.g. "MappedDStream").
DStreamPtr mapPartitionsWithIndex(const DStreamPtr &s, const std::string &op, const std::string &className,
                                  PartitionFunction f, bool preservesPartitioning = false, bool python = false);
DStreamPtr map(const DStreamPtr &s, MapFn f);
DStreamPtr flatMap(const DStreamPtr &s, FlatMapFn f);
DStreamPtr filter(const DStreamPtr &s, PredicateFn f);
DStreamPtr mapPartitions(const DStreamPtr &s, std::function<Records(Records &&)> f);
DStreamPtr glom(const DStreamPtr &s);
DStreamPtr mapValues(const DStreamPtr &s, MapFn f);
DStreamPtr flatMapValues(const DStreamPtr &s, FlatMapFn f);
DStreamPtr repartition(const DStreamPtr &s, int numPartitions);
/// union of streams with equal slide durations (UnionDStream).
DStreamPtr unionStreams(const std::vector<DStreamPtr> &streams);

/// count(): one record per batch, 0 for an empty batch (DStream.count unions (null, 0L)).
DStreamPtr count(const DStreamPtr &s);
DStreamPtr countByValue(const DStreamPtr &s, std::optional<int> numPartitions = std::nullopt);
/// reduce: map to (null, x), reduceByKey with 1 partition, values (DStream.reduce).
DStreamPtr reduce(const DStreamPtr &s, ReduceFn f);

DStreamPtr reduceByKey(const DStreamPtr &s, ReduceFn f, std::optional<int> numPartitions = std::nullopt);
DStreamPtr groupByKey(const DStreamPtr &s, std::optional<int> numPartitions = std::nullopt);
DStreamPtr combineByKey(const DStreamPtr &s, Aggregator agg, std::optional<int> numPartitions = std::nullopt,
                        bool mapSideCombine = true);
DStreamPtr cogroup(const DStreamPtr &a, const DStreamPtr &b, std::optional<int> numPartitions = std::nullopt);
DStreamPtr join(const DStreamPtr &a, const DStreamPtr &b, std::optional<int> numPartitions = std::nullopt);
DStreamPtr leftOuterJoin(const DStreamPtr &a, const DStreamPtr &b, std::optional<int> numPartitions = std::nullopt);
DStreamPtr rightOuterJoin(const DStreamPtr &a, const DStreamPtr &b, std::optional<int> numPartitions = std::nullopt);
DStreamPtr fullOuterJoin(const DStreamPtr &a, const DStreamPtr &b, std::optional<int> numPartitions = std::nullopt);

using TransformFn = std::function<RDDPtr(const RDDPtr &rdd, SimTime time)>;
using TransformWithFn = std::function<RDDPtr(const RDDPtr &a, const RDDPtr &b, SimTime time)>;
using TransformManyFn = std::function<RDDPtr(const std::vector<RDDPtr> &rdds, SimTime time)>;
/// transform: the function may return nullptr, which fails the batch with Spark's message.
DStreamPtr transform(const DStreamPtr &s, TransformFn f);
DStreamPtr transformWith(const DStreamPtr &a, const DStreamPtr &b, TransformWithFn f);
/// StreamingContext.transform over several streams.
DStreamPtr transformMany(const std::vector<DStreamPtr> &streams, TransformManyFn f);

// ---- output operations ----
using ForeachFn = std::function<void(const RDDPtr &rdd, SimTime time)>;
/// foreachRDD: registers a ForEachDStream (an output operation) and returns it.
DStreamPtr foreachRDD(const DStreamPtr &s, ForeachFn f, const std::string &op = "foreachRDD");
/// Scala print(num): "Time: <ms> ms" header; records with Value::str().
DStreamPtr print(const DStreamPtr &s, int num = 10);
/// PySpark pprint(num): "Time: <local datetime>" header; records with Python str().
DStreamPtr pprint(const DStreamPtr &s, int num = 10);
/// saveAsTextFiles(prefix, suffix): a directory "prefix-<ms>[.suffix]" per batch with one
/// part-NNNNN file per partition (PySpark rddToFileName).
DStreamPtr saveAsTextFiles(const DStreamPtr &s, const std::string &prefix, const std::string &suffix = {});

/// PySpark's pprint text block for one batch: header, at most num records, "..." if more.
std::string pprintBlock(const std::string &timeText, const Records &firstNumPlusOne, int num);

} // namespace dsl::ops
