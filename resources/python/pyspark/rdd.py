"""RDD, as pyspark/rdd.py (PySpark 3.5): the operations streaming programs use inside
transform/foreachRDD, and on the driver.

Narrow operations run the user's function once per partition in Python; shuffles, unions and
cogroups are done by the engine, so lineage and stages are Spark's. Pair records are duck-typed
as in PySpark: any 2-element sequence is a (key, value) record (the engine's shuffle unpacks it
as PySpark's ``for k, v in iterator`` does, engine/rddops.h ``unpackPair``). The methods PySpark
has and DStream Lab does not simulate are listed in ``RDD._UNSUPPORTED`` with the reason, and in
docs/pyspark-api.md.
"""

import bisect
import copy
import heapq
import itertools
import operator
import os
import random
import sys
import warnings
from collections import defaultdict
from functools import reduce as _reduce
from math import ceil, isinf, isnan, log, pow, sqrt
from typing import Generic, Hashable, TypeVar

import _dstreamlab
from pyspark import _internal
from pyspark.resultiterable import ResultIterable
from pyspark.storagelevel import StorageLevel

__all__ = ["RDD"]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
U = TypeVar("U")
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_MISSING = object()
# DSTREAMLAB_NO_PIPELINE=1 turns operator pipelining off (tests compare both paths).
_PIPELINE = os.environ.get("DSTREAMLAB_NO_PIPELINE", "") in ("", "0")


def portable_hash(x):
    """pyspark/rdd.py portable_hash (hash of str is fixed: the interpreter runs with
    PYTHONHASHSEED=0)."""
    if x is None:
        return 0
    if isinstance(x, tuple):
        h = 0x345678
        for i in x:
            h ^= portable_hash(i)
            h *= 1000003
            h &= 0x7FFFFFFFFFFFFFFF
        h ^= len(x)
        if h == -1:
            h = -2
        return int(h)
    return hash(x)


class BoundedFloat(float):
    """A value computed by an approximate job, with its confidence and bounds (pyspark/rdd.py)."""

    def __new__(cls, mean, confidence, low, high):
        obj = float.__new__(cls, mean)
        obj.confidence = confidence
        obj.low = low
        obj.high = high
        return obj


class Partitioner(object):
    """How an RDD's records are placed (pyspark/rdd.py): partitionFunc(key) % numPartitions."""

    def __init__(self, numPartitions, partitionFunc):
        self.numPartitions = numPartitions
        self.partitionFunc = partitionFunc

    def __eq__(self, other):
        return (isinstance(other, Partitioner) and self.numPartitions == other.numPartitions
                and self.partitionFunc == other.partitionFunc)

    def __call__(self, k):
        return self.partitionFunc(k) % self.numPartitions


def _chunks(iterator, size):
    """Lists of up to size consecutive records (BatchedSerializer's batches)."""
    it = iter(iterator)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def _unsupported(cls, name, reason=None):
    """The error for a PySpark method DStream Lab does not simulate: with a reason, why it is
    not supported; without one, that it is not simulated yet."""
    if reason is None:
        raise NotImplementedError(
            "%s.%s is part of PySpark, but DStream Lab does not simulate it yet." % (cls, name))
    raise NotImplementedError("%s.%s is not supported in DStream Lab: %s" % (cls, name, reason))


def _unpack_pairs(iterator):
    """PySpark's ``for k, v in iterator`` re-packed as tuples (rdd.py add_shuffle_key)."""
    for k, v in iterator:
        yield (k, v)


_counted = _dstreamlab.counted


def _tag(e, stage):
    """Names the stage of a fused chain an error came from (the first to see it)."""
    try:
        if getattr(e, "_dsl_stage", None) is None:
            e._dsl_stage = stage
    except Exception:
        pass


def _guard(stage, records):
    """records, passed on one by one; an error raised while producing them is the stage's."""
    try:
        for r in records:
            yield r
    except GeneratorExit:
        raise
    except BaseException as e:
        _tag(e, stage)
        raise


def _close(generators):
    for g in generators:
        g.close()


def _fused(funcs, tail=None):
    """One Python call running a chain of partition functions (then an optional map-side
    combine); returns (records, input count of each operator) so costs stay per operator.

    While the engine records what it computes (``_dstreamlab.capturing()``), it also returns the
    output of every stage whose RDD the call skips (each func's output but the last one's when
    there is no tail: that one is the fused RDD's own result), and an error raised at stage s
    carries ``_dsl_capture = (s, outputs so far)``. The functions run exactly as without it.

    Captured, it also returns each stage's provenance: for every record a stage produced, the
    index of the input record being read when it came out. A record-wise stage (see
    _recordwise) pulls one input record and yields what that record gives before pulling the
    next, so that index is the record's origin; from the first stage that is not record-wise
    (mapPartitions may read ahead), no origins are returned."""
    tapped = len(funcs) if tail is not None else len(funcs) - 1

    def fused(index, records):
        counts = []
        data = records
        if not _dstreamlab.capturing():
            # Streamed as PySpark's PipelinedRDD: each function pulls its records from the
            # previous one's iterator, so the stages interleave and no stage's whole output is
            # held (building each stage's list tripled the cost of a word count). Each stage's
            # input passes through a counting iterator written in C (_dstreamlab.counted: its
            # `n` is the number of records the stage took).
            counters = []
            for i, fn in enumerate(funcs):
                if i == 0:
                    data = fn(index, data)
                    continue
                c = _counted(data)
                counters.append(c)
                data = fn(index, c)
            if tail is not None:
                data = tail(data)
            elif not isinstance(data, list):
                data = list(data)
            counts.append(len(records))
            counts.extend(c.n for c in counters)
            return data, counts
        # Captured, the stages stream in the same order as above (the user's functions run
        # interleaved exactly as in `dstreamlab run`); each tapped stage's output is teed and
        # listed once the chain is done. A stage that raises is named by the guard around its
        # output (the innermost guard sees an error first), or by the call that made it.
        tees, guards, sinks = [], [], []
        src = data = _counted(records)
        traced = True
        try:
            for s, fn in enumerate(funcs):
                try:
                    out = _guard(s, fn(index, data))
                except BaseException as e:
                    _tag(e, s)
                    raise
                guards.append(out)
                traced = traced and getattr(fn, "_dsl_recordwise", False)
                if traced:
                    sink = []
                    sinks.append(sink)
                    out = _attributed(out, src, sink)
                if s < tapped:
                    out, copy = itertools.tee(out)
                    tees.append(copy)
                data = out
            if tail is not None:
                data = tail(data)
            elif not isinstance(data, list):
                data = list(data)
        except BaseException as e:
            _tag(e, len(funcs))
            _close(guards)
            try:
                e._dsl_capture = (e._dsl_stage, [list(c) for c in tees[:e._dsl_stage]])
            except Exception:
                pass
            raise
        # Closed first, a tap lists what its stage produced, not more: listing it must not run
        # the user's functions past where the chain stopped.
        _close(guards)
        taps = [list(c) for c in tees]
        counts.append(len(records))
        counts.extend(len(t) for t in taps[:len(funcs) - 1])
        return data, counts, taps, sinks
    return fused


def _recordwise(f):
    """Marks a partition function that turns each input record into its outputs, in order,
    before it reads the next record (map, flatMap, filter...): _fused can name each output's
    input record."""
    f._dsl_recordwise = True
    return f


def _attributed(records, src, sink):
    """records, passed on; for each, the index of the record `src` handed out last."""
    append = sink.append
    for r in records:
        append(src.n - 1)
        yield r


class RDD(Generic[T_co]):
    """A Resilient Distributed Dataset of the simulated Spark. Generic as PySpark's:
    ``RDD[Tuple[str, int]]`` works in type hints."""

    def __init__(self, jrdd, ctx, jrdd_deserializer=None):
        self._jrdd = jrdd
        self.ctx = ctx
        self.is_cached = False
        self.is_checkpointed = False
        self.has_resource_profile = False
        self.partitioner = None

    def __getnewargs__(self):
        # pyspark/rdd.py (2.4): pickling an RDD (captured by a function shipped to executors)
        # is always an error.
        raise Exception(
            "It appears that you are attempting to broadcast an RDD or reference an RDD from an "
            "action or transformation. RDD transformations and actions can only be invoked by the "
            "driver, not inside of other transformations; for example, "
            "rdd1.map(lambda x: rdd2.values.count() * x) is invalid because the values "
            "transformation and count action cannot be performed inside of the rdd1.map "
            "transformation. For more information, see SPARK-5063."
        )

    # ---- plumbing ----
    def _site(self, op):
        if not _dstreamlab.dispatching():
            self.ctx._jsc.setCallSite(_internal.callsite(op))

    def _action_site(self, op):
        """An action's first step: PySpark runs every job inside SCCallSiteSync, whose
        __enter__ calls self._context._jsc.setCallSite(...) (pyspark/traceback_utils.py), so
        after sc.stop() (which sets _jsc = None) an action fails there, in Python; a
        transformation, lazy, still returns an RDD."""
        self.ctx._jsc_gone("setCallSite")
        self._site(op)

    def _call(self, method):
        return _internal.java_call(self._jrdd.id, method)

    def _mpwi(self, op, f, preservesPartitioning=False, user_fn=None):
        if user_fn is not None:
            _internal.check_serializable(user_fn)
        self._site(op)
        pipe = getattr(self, "_pipe", None) if _PIPELINE else None
        with self._call(op):
            if pipe is None:
                out = RDD(self._jrdd.mapPartitionsWithIndex(op, f, bool(preservesPartitioning)), self.ctx)
                out._pipe = (self._jrdd, [f], [out._jrdd])
            else:
                # Pipeline consecutive Python operators (as PySpark's PipelinedRDD): the engine
                # may run the whole chain in one Python call from the chain's root, unless an
                # intermediate RDD is persisted. Every RDD still appears in the lineage. The
                # pipe names the engine's RDDs, not their Python wrappers: a wrapper holding
                # itself through its pipe would live until the cycle collector ran.
                root, funcs, jrdds = pipe
                funcs = funcs + [f]
                out = RDD(self._jrdd.mapPartitionsWithIndex(op, f, bool(preservesPartitioning),
                                                            _fused(funcs), [root] + jrdds),
                          self.ctx)
                out._pipe = (root, funcs, jrdds + [out._jrdd])
        if preservesPartitioning:
            out.partitioner = self.partitioner
        return out

    def _defaultReducePartitions(self):
        if self.ctx._conf.contains("spark.default.parallelism"):
            return self.ctx.defaultParallelism
        return self.getNumPartitions()

    def _memory_limit(self):
        return 512 * 1024 * 1024

    def __repr__(self):
        return "%s[%d] at %s" % (self._jrdd.className(), self._jrdd.id, self._jrdd.creationSite())

    def id(self):
        return self._jrdd.id

    @property
    def context(self):
        return self.ctx

    def getNumPartitions(self):
        return self._jrdd.numPartitions()

    def toDebugString(self):
        return self._jrdd.toDebugString().encode("utf-8")

    def setName(self, name):
        self._jrdd.setName(name)
        return self

    def name(self):
        n = self._jrdd.name()
        return n if n else None

    # ---- persistence ----
    def cache(self):
        return self.persist(StorageLevel.MEMORY_ONLY)

    def persist(self, storageLevel=StorageLevel.MEMORY_ONLY):
        self.is_cached = True
        with self._call("persist"):
            self._jrdd.persist(storageLevel._tuple())
        return self

    def unpersist(self, blocking=False):
        self.is_cached = False
        self._jrdd.unpersist()
        return self

    def getStorageLevel(self):
        return StorageLevel(*self._jrdd.storageLevel())

    def getResourceProfile(self):
        """The ResourceProfile given with withResources: never one in DStream Lab."""
        return None

    # ---- narrow transformations ----
    def map(self, f, preservesPartitioning=False):
        _internal.check_function(f, "map", 1)
        return self._mpwi("map", _recordwise(lambda _, it: map(f, it)), preservesPartitioning, f)

    def flatMap(self, f, preservesPartitioning=False):
        _internal.check_function(f, "flatMap", 1)
        return self._mpwi("flatMap", _recordwise(lambda _, it: itertools.chain.from_iterable(map(f, it))),
                          preservesPartitioning, f)

    def filter(self, f):
        _internal.check_function(f, "filter", 1)
        return self._mpwi("filter", _recordwise(lambda _, it: filter(f, it)), True, f)

    def mapPartitions(self, f, preservesPartitioning=False):
        _internal.check_function(f, "mapPartitions", 1)
        return self._mpwi("mapPartitions", lambda _, it: f(iter(it)), preservesPartitioning, f)

    def mapPartitionsWithIndex(self, f, preservesPartitioning=False):
        _internal.check_function(f, "mapPartitionsWithIndex", 2)
        return self._mpwi("mapPartitionsWithIndex", lambda i, it: f(i, iter(it)), preservesPartitioning, f)

    def mapPartitionsWithSplit(self, f, preservesPartitioning=False):
        """Deprecated alias of mapPartitionsWithIndex (pyspark/rdd.py)."""
        warnings.warn("mapPartitionsWithSplit is deprecated; use mapPartitionsWithIndex instead",
                      FutureWarning, stacklevel=2)
        return self.mapPartitionsWithIndex(f, preservesPartitioning)

    def groupBy(self, f, numPartitions=None, partitionFunc=portable_hash):
        """An RDD of grouped items: (f(x), values with that key) (pyspark/rdd.py groupBy)."""
        _internal.check_function(f, "groupBy", 1)
        return self.map(lambda x: (f(x), x)).groupByKey(numPartitions, partitionFunc)

    def glom(self):
        return self._mpwi("glom", lambda _, it: [list(it)])

    def keyBy(self, f):
        _internal.check_function(f, "keyBy", 1)
        return self._mpwi("keyBy", _recordwise(lambda _, it: ((f(x), x) for x in it)), False, f)

    def keys(self):
        # pyspark/rdd.py keys: map(lambda x: x[0]) (indexing: any sequence works)
        return self._mpwi("keys", _recordwise(lambda _, it: (x[0] for x in it)))

    def values(self):
        return self._mpwi("values", _recordwise(lambda _, it: (x[1] for x in it)))

    def mapValues(self, f):
        # pyspark/rdd.py mapValues: kv[0], f(kv[1])
        _internal.check_function(f, "mapValues", 1)
        return self._mpwi("mapValues", _recordwise(lambda _, it: ((kv[0], f(kv[1])) for kv in it)), True, f)

    def flatMapValues(self, f):
        _internal.check_function(f, "flatMapValues", 1)
        return self._mpwi("flatMapValues", _recordwise(lambda _, it: ((kv[0], x) for kv in it for x in f(kv[1]))), True, f)

    # ---- sampling (pyspark/rddsampler.py) ----
    def sample(self, withReplacement, fraction, seed=None):
        """A sampled subset: each record kept with probability fraction (or, with replacement,
        a Poisson(fraction) number of times). Seeded per partition as PySpark's workers are."""
        from pyspark.rddsampler import RDDSampler
        if not fraction >= 0:
            raise ValueError("Fraction must be nonnegative.")
        if seed is None:
            seed = self.ctx._random.randint(0, sys.maxsize)
        return self._mpwi("sample", RDDSampler(withReplacement, fraction, seed).func, True)

    def randomSplit(self, weights, seed=None):
        """Splits this RDD by the (normalized) weights; a list of RDDs."""
        from pyspark.rddsampler import RDDRangeSampler
        if not all(w >= 0 for w in weights):
            raise ValueError("Weights must be nonnegative")
        s = float(sum(weights))
        if not s > 0:
            raise ValueError("Sum of weights must be positive")
        cweights = [0.0]
        for w in weights:
            cweights.append(cweights[-1] + w / s)
        if seed is None:
            seed = self.ctx._random.randint(0, 2 ** 32 - 1)
        return [self._mpwi("randomSplit", RDDRangeSampler(lb, ub, seed).func, True)
                for lb, ub in zip(cweights, cweights[1:])]

    def takeSample(self, withReplacement, num, seed=None):
        """A fixed-size sampled subset, as a list (ported in PySpark from RDD.scala)."""
        numStDev = 10.0
        maxSampleSize = sys.maxsize - int(numStDev * sqrt(sys.maxsize))
        if num < 0:
            raise ValueError("Sample size cannot be negative.")
        elif num > maxSampleSize:
            raise ValueError("Sample size cannot be greater than %d." % maxSampleSize)

        if num == 0 or self.getNumPartitions() == 0:
            return []

        initialCount = self.count()
        if initialCount == 0:
            return []

        if seed is None:
            # PySpark's random.Random(None) is seeded by the OS; DStream Lab's by the run.
            seed = self.ctx._random.randint(0, sys.maxsize)
        rand = random.Random(seed)

        if (not withReplacement) and num >= initialCount:
            samples = self.collect()
            rand.shuffle(samples)
            return samples

        fraction = RDD._computeFractionForSampleSize(num, initialCount, withReplacement)
        samples = self.sample(withReplacement, fraction, seed).collect()

        while len(samples) < num:
            seed = rand.randint(0, sys.maxsize)
            samples = self.sample(withReplacement, fraction, seed).collect()

        rand.shuffle(samples)
        return samples[0:num]

    @staticmethod
    def _computeFractionForSampleSize(sampleSizeLowerBound, total, withReplacement):
        fraction = float(sampleSizeLowerBound) / total
        if withReplacement:
            numStDev = 5
            if sampleSizeLowerBound < 12:
                numStDev = 9
            return fraction + numStDev * sqrt(fraction / total)
        else:
            delta = 0.00005
            gamma = -log(delta) / total
            return min(1, fraction + gamma + sqrt(gamma * gamma + 2 * gamma * fraction))

    def sampleByKey(self, withReplacement, fractions, seed=None):
        """Stratified sample: the records of key k kept with probability fractions[k]."""
        from pyspark.rddsampler import RDDStratifiedSampler
        for fraction in fractions.values():
            assert fraction >= 0.0, "Negative fraction value: %s" % fraction
        if seed is None:
            seed = self.ctx._random.randint(0, sys.maxsize)
        return self._mpwi("sampleByKey", RDDStratifiedSampler(withReplacement, fractions, seed).func, True)

    # ---- shuffles ----
    def combineByKey(self, createCombiner, mergeValue, mergeCombiners, numPartitions=None,
                     partitionFunc=portable_hash, _op="combineByKey"):
        for fn, n in ((createCombiner, 1), (mergeValue, 2), (mergeCombiners, 2)):
            _internal.check_function(fn, _op, n)
            _internal.check_serializable(fn)
        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()

        # pyspark/shuffle.py ExternalMerger: `for k, v in iterator` (any 2-element sequence is a
        # pair), keys in first-seen order, results as (k, combiner) tuples.
        def combineLocally(records):
            d = {}
            get = d.get
            for k, v in records:
                old = get(k, _MISSING)
                d[k] = createCombiner(v) if old is _MISSING else mergeValue(old, v)
            return list(d.items())

        def _mergeCombiners(records):
            d = {}
            get = d.get
            for k, c in records:
                old = get(k, _MISSING)
                d[k] = c if old is _MISSING else mergeCombiners(old, c)
            return list(d.items())

        if partitionFunc is not portable_hash:
            # A custom partitioner: pyspark/rdd.py's own path (combine, partitionBy, merge).
            combined = self._mpwi(_op, lambda _, it: combineLocally(it), True)
            shuffled = combined.partitionBy(numPartitions, partitionFunc)
            return shuffled._mpwi(_op, lambda _, it: _mergeCombiners(it), True)

        self._site(_op)
        pipe = getattr(self, "_pipe", None) if _PIPELINE else None
        with self._call(_op):
            if pipe is None:
                out = RDD(self._jrdd.combineByKey(_op, combineLocally, _mergeCombiners, int(numPartitions), True),
                          self.ctx)
            else:
                root, funcs, jrdds = pipe
                out = RDD(self._jrdd.combineByKey(_op, combineLocally, _mergeCombiners, int(numPartitions), True,
                                                  _fused(funcs, combineLocally), [root] + jrdds), self.ctx)
        out.partitioner = Partitioner(int(numPartitions), portable_hash)
        return out

    def reduceByKey(self, func, numPartitions=None, partitionFunc=portable_hash):
        _internal.check_function(func, "reduceByKey", 2)
        return self.combineByKey(lambda x: x, func, func, numPartitions, partitionFunc, _op="reduceByKey")

    def foldByKey(self, zeroValue, func, numPartitions=None, partitionFunc=portable_hash):
        _internal.check_function(func, "foldByKey", 2)

        def createZero():
            return copy.deepcopy(zeroValue)
        return self.combineByKey(lambda v: func(createZero(), v), func, func, numPartitions,
                                 partitionFunc, _op="foldByKey")

    def aggregateByKey(self, zeroValue, seqFunc, combFunc, numPartitions=None, partitionFunc=portable_hash):
        _internal.check_function(seqFunc, "aggregateByKey", 2)
        _internal.check_function(combFunc, "aggregateByKey", 2)

        def createZero():
            return copy.deepcopy(zeroValue)
        return self.combineByKey(lambda v: seqFunc(createZero(), v), seqFunc, combFunc,
                                 numPartitions, partitionFunc, _op="aggregateByKey")

    def groupByKey(self, numPartitions=None, partitionFunc=portable_hash):
        def createCombiner(x):
            return [x]

        def mergeValue(xs, x):
            xs.append(x)
            return xs

        def mergeCombiners(a, b):
            a.extend(b)
            return a

        grouped = self.combineByKey(createCombiner, mergeValue, mergeCombiners, numPartitions, partitionFunc,
                                    _op="groupByKey")
        return grouped._mpwi("groupByKey", lambda _, it: ((k, ResultIterable(v)) for (k, v) in it), True)

    def partitionBy(self, numPartitions, partitionFunc=portable_hash):
        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()
        partitioner = Partitioner(numPartitions, partitionFunc)
        if self.partitioner == partitioner:
            return self
        self._site("partitionBy")
        if partitionFunc is portable_hash:
            # The engine's shuffle unpacks the records as pyspark's add_shuffle_key does.
            with self._call("partitionBy"):
                out = RDD(self._jrdd.partitionBy(int(numPartitions)), self.ctx)
            out.partitioner = partitioner
            return out
        # A custom partitioner: tag records with their partition (as PySpark's add_shuffle_key:
        # `for k, v in iterator`, buckets[partitionFunc(k) % numPartitions].append((k, v))).
        n = int(numPartitions)
        tagged = self._mpwi("partitionBy", lambda _, it: ((partitionFunc(k) % n, (k, v)) for k, v in it))
        with self._call("partitionBy"):
            shuffled = RDD(tagged._jrdd.partitionBy(n), self.ctx)
        # Not "preserving" the engine's partitioner: it placed the records by their tag, not by
        # a hash of their key.
        out = shuffled._mpwi("partitionBy", lambda _, it: (kv for (_p, kv) in it), False)
        out.partitioner = partitioner
        return out

    def repartition(self, numPartitions):
        # pyspark/rdd.py coalesce(shuffle=True) re-pickles the records in batches of 10
        # (BatchedSerializer) and the JVM's coalesce distributes those pickled batches: each
        # batch of up to 10 consecutive records lands whole in one new partition.
        self._site("repartition")
        batched = self._mpwi("repartition", lambda _, it: _chunks(it, 10), True)
        with self._call("repartition"):
            shuffled = RDD(batched._jrdd.repartition(int(numPartitions)), self.ctx)
        return shuffled._mpwi("repartition", lambda _, it: (x for batch in it for x in batch), True)

    def coalesce(self, numPartitions, shuffle=False):
        """Fewer (or, with shuffle, more) partitions. DStream Lab always shuffles, as
        repartition does (docs/pyspark-api.md)."""
        if not numPartitions > 0:
            raise ValueError("Number of partitions must be positive.")
        return self.repartition(numPartitions)

    def repartitionAndSortWithinPartitions(self, numPartitions=None, partitionFunc=portable_hash,
                                           ascending=True, keyfunc=lambda x: x):
        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()

        def sortPartition(iterator):
            return iter(sorted(iterator, key=lambda k_v: keyfunc(k_v[0]), reverse=(not ascending)))

        return self.partitionBy(numPartitions, partitionFunc)._mpwi(
            "repartitionAndSortWithinPartitions", lambda _, it: sortPartition(it), True)

    def distinct(self, numPartitions=None):
        return (self.map(lambda x: (x, None))
                .reduceByKey(lambda x, _: x, numPartitions)
                .map(lambda x: x[0]))

    def union(self, other):
        return self.ctx.union([self, other])

    def __add__(self, other):
        if not isinstance(other, RDD):
            raise TypeError
        return self.union(other)

    def intersection(self, other):
        """The distinct records in both RDDs (pyspark/rdd.py: cogroup, filter, keys)."""
        return (self.map(lambda v: (v, None))
                .cogroup(other.map(lambda v: (v, None)))
                .filter(lambda k_vs: all(k_vs[1]))
                .keys())

    def subtractByKey(self, other, numPartitions=None):
        """The pairs of this RDD whose key is not in other."""
        def filter_func(pair):
            key, (val1, val2) = pair
            return val1 and not val2
        return self.cogroup(other, numPartitions).filter(filter_func).flatMapValues(lambda x: x[0])

    def subtract(self, other, numPartitions=None):
        """The records of this RDD not in other."""
        rdd = other.map(lambda x: (x, True))
        return self.map(lambda x: (x, True)).subtractByKey(rdd, numPartitions).keys()

    def cartesian(self, other):
        """All pairs (a, b), a in this RDD and b in other: partition i * m + j (m partitions in
        other) holds this RDD's partition i times other's partition j, as Spark's CartesianRDD.
        The engine has no CartesianRDD binding yet, so the pairs are brought together by a
        shuffle keyed by that partition index (docs/pyspark-api.md)."""
        n, m = self.getNumPartitions(), other.getNumPartitions()
        if n == 0 or m == 0:
            return self.ctx.emptyRDD()
        left = self._mpwi("cartesian", lambda i, it: ((i * m + j, (0, x)) for x in it for j in range(m)))
        right = other._mpwi("cartesian", lambda j, it: ((i * m + j, (1, y)) for y in it for i in range(n)))
        both = self.ctx.union([left, right])
        self._site("cartesian")
        with self._call("cartesian"):
            shuffled = RDD(both._jrdd.partitionBy(n * m), self.ctx)

        def pairUp(_, it):
            xs, ys = [], []
            for _k, (side, v) in it:
                (ys if side else xs).append(v)
            return [(x, y) for x in xs for y in ys]
        return shuffled._mpwi("cartesian", pairUp)

    def zip(self, other):
        """Pairs (a, b) of the records at the same position of the same partition of both RDDs,
        which must have the same number of partitions and of records in each. The engine has no
        ZippedPartitionsRDD binding yet: the partitions are brought together by a shuffle
        keyed by partition index (docs/pyspark-api.md)."""
        if self.getNumPartitions() != other.getNumPartitions():
            raise ValueError("Can only zip with RDD which has the same number of partitions")
        n = self.getNumPartitions()
        if n == 0:
            return self.ctx.emptyRDD()
        left = self._mpwi("zip", lambda i, it: ((i, (0, x)) for x in it))
        right = other._mpwi("zip", lambda i, it: ((i, (1, y)) for y in it))
        both = self.ctx.union([left, right])
        self._site("zip")
        with self._call("zip"):
            shuffled = RDD(both._jrdd.partitionBy(n), self.ctx)

        def zipUp(_, it):
            xs, ys = [], []
            for _k, (side, v) in it:
                (ys if side else xs).append(v)
            if len(xs) != len(ys):
                # ZippedPartitionsRDD2's iterator (core RDD.zip)
                raise _internal.make_java_error(
                    "org.apache.spark.SparkException",
                    "Can only zip RDDs with same number of elements in each partition")
            return list(zip(xs, ys))
        return shuffled._mpwi("zip", zipUp)

    def zipWithIndex(self):
        """(record, index) pairs; runs a job to count the records of all partitions but the
        last when there is more than one."""
        starts = [0]
        if self.getNumPartitions() > 1:
            nums = self.mapPartitions(lambda it: [sum(1 for i in it)]).collect()
            for i in range(len(nums) - 1):
                starts.append(starts[-1] + nums[i])

        def func(k, it):
            for i, v in enumerate(it, starts[k]):
                yield v, i
        return self._mpwi("zipWithIndex", func)

    def zipWithUniqueId(self):
        """(record, id) pairs: partition k gives ids k, n+k, 2n+k, ... (no job)."""
        n = self.getNumPartitions()

        def func(k, it):
            for i, v in enumerate(it):
                yield v, i * n + k
        return self._mpwi("zipWithUniqueId", func)

    def cogroup(self, other, numPartitions=None):
        return self._cogroup([other], numPartitions, "cogroup").mapValues(
            lambda vs: tuple(ResultIterable(v) for v in vs))

    def groupWith(self, other, *others):
        return self._cogroup([other] + list(others), None, "groupWith").mapValues(
            lambda vs: tuple(ResultIterable(v) for v in vs))

    def _cogroup(self, others, numPartitions, op):
        if numPartitions is None:
            # pyspark/join.py python_cogroup: union(...).groupByKey(None), whose default is the
            # union's partition count (or spark.default.parallelism when set).
            if self.ctx._conf.contains("spark.default.parallelism"):
                numPartitions = self.ctx.defaultParallelism
            else:
                numPartitions = self.getNumPartitions() + sum(o.getNumPartitions() for o in others)
        self._site(op)
        with self._call(op):
            out = RDD(self._jrdd.cogroup([o._jrdd for o in others], int(numPartitions), op), self.ctx)
        out.partitioner = Partitioner(int(numPartitions), portable_hash)
        return out

    def join(self, other, numPartitions=None):
        return self._cogroup([other], numPartitions, "join")._mpwi(
            "join", lambda _, it: ((k, (v, w)) for (k, (vs, ws)) in it for v in vs for w in ws), True)

    def leftOuterJoin(self, other, numPartitions=None):
        def dispatch(it):
            for k, (vs, ws) in it:
                for v in vs:
                    for w in (ws or [None]):
                        yield (k, (v, w))
        return self._cogroup([other], numPartitions, "leftOuterJoin")._mpwi(
            "leftOuterJoin", lambda _, it: dispatch(it), True)

    def rightOuterJoin(self, other, numPartitions=None):
        def dispatch(it):
            for k, (vs, ws) in it:
                for v in (vs or [None]):
                    for w in ws:
                        yield (k, (v, w))
        return self._cogroup([other], numPartitions, "rightOuterJoin")._mpwi(
            "rightOuterJoin", lambda _, it: dispatch(it), True)

    def fullOuterJoin(self, other, numPartitions=None):
        def dispatch(it):
            for k, (vs, ws) in it:
                for v in (vs or [None]):
                    for w in (ws or [None]):
                        yield (k, (v, w))
        return self._cogroup([other], numPartitions, "fullOuterJoin")._mpwi(
            "fullOuterJoin", lambda _, it: dispatch(it), True)

    def sortByKey(self, ascending=True, numPartitions=None, keyfunc=lambda x: x):
        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()
        n = int(numPartitions)

        def sortPartition(iterator):
            return iter(sorted(iterator, key=lambda kv: keyfunc(kv[0]), reverse=(not ascending)))

        if n == 1:
            if self.getNumPartitions() > 1:
                # pyspark/rdd.py coalesces to one partition (no shuffle); the engine has no
                # coalesce binding yet, so one partition is made by a shuffle instead.
                parted = self.partitionBy(1, lambda k: 0)
                return parted._mpwi("sortByKey", lambda _, it: sortPartition(it), True)
            return self._mpwi("sortByKey", lambda _, it: sortPartition(it), True)
        # RangePartitioner bounds as pyspark/rdd.py sortByKey: count, sample(False, fraction,
        # seed 1) of the keys, sorted; bounds at len * (i + 1) / n. DStream Lab gets the count and
        # the same sample from one job that collects the keys partition by partition (PySpark
        # runs two: count and the sample's collect).
        from pyspark.rddsampler import RDDSampler
        parts = self.map(lambda kv: kv[0])._runJob("collect")
        rddSize = sum(len(p) for p in parts)
        if not rddSize:
            return self  # empty RDD
        maxSampleSize = n * 20.0  # constant from Spark's RangePartitioner
        fraction = min(maxSampleSize / max(rddSize, 1), 1.0)
        sampler = RDDSampler(False, fraction, 1)
        samples = [k for split, p in enumerate(parts) for k in sampler.func(split, p)]
        samples = sorted(samples, key=keyfunc)
        # (PySpark compares keyfunc(k) with the raw sampled keys.)
        bounds = [samples[int(len(samples) * (i + 1) / n)] for i in range(0, n - 1)]

        def rangePartitioner(k):
            p = bisect.bisect_left(bounds, keyfunc(k))
            return p if ascending else n - 1 - p

        return self.partitionBy(n, rangePartitioner)._mpwi("sortByKey", lambda _, it: sortPartition(it), True)

    def sortBy(self, keyfunc, ascending=True, numPartitions=None):
        _internal.check_function(keyfunc, "sortBy", 1)
        return self.keyBy(keyfunc).sortByKey(ascending, numPartitions).values()

    # ---- actions ----
    def _runJob(self, op, partitions=None):
        self._action_site(op)
        with self._call(op):
            return self._jrdd.runJob(partitions, _internal.callsite(op))

    def collect(self):
        return [x for part in self._runJob("collect") for x in part]

    def collectWithJobGroup(self, groupId, description, interruptOnCancel=False):
        """Deprecated in PySpark 3.1: collect with a job group."""
        warnings.warn("Deprecated in 3.1, Use pyspark.InheritableThread with "
                      "the pinned thread mode enabled.", FutureWarning)
        self.ctx.setJobGroup(groupId, description, interruptOnCancel)
        return self.collect()

    def collectAsMap(self):
        return dict(self.collect())

    def toLocalIterator(self, prefetchPartitions=False):
        """The records, one partition (and one job) at a time, as Spark's toLocalIterator."""
        for p in range(self.getNumPartitions()):
            for x in self._runJob("toLocalIterator", [p])[0]:
                yield x

    def count(self):
        self._action_site("count")
        with self._call("count"):
            return self._jrdd.count()

    def countApprox(self, timeout, confidence=0.95):
        """count() as an approximate job: the simulated job always completes within the timeout,
        so the result is exact."""
        drdd = self.mapPartitions(lambda it: [float(sum(1 for i in it))])
        return int(drdd.sumApprox(timeout, confidence))

    def sumApprox(self, timeout, confidence=0.95):
        """sum() as an approximate job; complete, so exact (confidence 1.0, low = high = sum)."""
        r = float(self.mapPartitions(lambda it: [float(sum(it))]).fold(0.0, operator.add))
        return BoundedFloat(r, 1.0, r, r)

    def meanApprox(self, timeout, confidence=0.95):
        """mean() as an approximate job; complete, so exact."""
        r = float(self.map(float).stats().mean())
        return BoundedFloat(r, 1.0, r, r)

    def take(self, num):
        self._action_site("take")
        with self._call("take"):
            return self._jrdd.take(int(num))

    def first(self):
        rs = self.take(1)
        if rs:
            return rs[0]
        raise ValueError("RDD is empty")

    def isEmpty(self):
        return self.getNumPartitions() == 0 or len(self.take(1)) == 0

    def foreach(self, f):
        _internal.check_function(f, "foreach", 1)

        def processPartition(_, iterator):
            for x in iterator:
                f(x)
            return iter([])
        self._mpwi("foreach", processPartition, False, f).count()

    def foreachPartition(self, f):
        _internal.check_function(f, "foreachPartition", 1)

        def func(_, it):
            r = f(iter(it))
            try:
                return iter(r)
            except TypeError:
                return iter([])
        self._mpwi("foreachPartition", func, False, f).count()

    def reduce(self, f):
        _internal.check_function(f, "reduce", 2)

        def func(_, iterator):
            iterator = iter(iterator)
            try:
                initial = next(iterator)
            except StopIteration:
                return
            yield _reduce(f, iterator, initial)
        vals = self._mpwi("reduce", func, False, f).collect()
        if vals:
            return _reduce(f, vals)
        raise ValueError("Can not reduce() empty RDD")

    def treeReduce(self, f, depth=2):
        """reduce in a multi-level tree (pyspark/rdd.py, through treeAggregate)."""
        _internal.check_function(f, "treeReduce", 2)
        if depth < 1:
            raise ValueError("Depth cannot be smaller than 1 but got %d." % depth)
        zeroValue = (None, True)  # the second entry marks a dummy value

        def op(x, y):
            if x[1]:
                return y
            elif y[1]:
                return x
            else:
                return f(x[0], y[0]), False

        reduced = self.map(lambda x: (x, False)).treeAggregate(zeroValue, op, op, depth)
        if reduced[1]:
            raise ValueError("Cannot reduce empty RDD.")
        return reduced[0]

    def fold(self, zeroValue, op):
        _internal.check_function(op, "fold", 2)
        vals = self._mpwi("fold", lambda _, it: [_reduce(op, it, zeroValue)], False, op).collect()
        return _reduce(op, vals, zeroValue)

    def aggregate(self, zeroValue, seqOp, combOp):
        """Aggregate each partition with seqOp from zeroValue, then the partitions' results with
        combOp (pyspark/rdd.py)."""
        _internal.check_function(seqOp, "aggregate", 2)
        _internal.check_function(combOp, "aggregate", 2)

        def func(_, iterator):
            acc = zeroValue
            for obj in iterator:
                acc = seqOp(acc, obj)
            yield acc
        vals = self._mpwi("aggregate", func, False, seqOp).collect()
        return _reduce(combOp, vals, zeroValue)

    def treeAggregate(self, zeroValue, seqOp, combOp, depth=2):
        """aggregate in a multi-level tree (pyspark/rdd.py)."""
        _internal.check_function(seqOp, "treeAggregate", 2)
        _internal.check_function(combOp, "treeAggregate", 2)
        if depth < 1:
            raise ValueError("Depth cannot be smaller than 1 but got %d." % depth)

        if self.getNumPartitions() == 0:
            return zeroValue

        def aggregatePartition(iterator):
            acc = zeroValue
            for obj in iterator:
                acc = seqOp(acc, obj)
            yield acc

        partiallyAggregated = self.mapPartitions(aggregatePartition)
        numPartitions = partiallyAggregated.getNumPartitions()
        scale = max(int(ceil(pow(numPartitions, 1.0 / depth))), 2)
        while numPartitions > scale + numPartitions / scale:
            numPartitions /= scale
            curNumPartitions = int(numPartitions)

            def mapPartition(i, iterator, curNumPartitions=curNumPartitions):
                for obj in iterator:
                    yield (i % curNumPartitions, obj)

            partiallyAggregated = (partiallyAggregated.mapPartitionsWithIndex(mapPartition)
                                   .reduceByKey(combOp, curNumPartitions)
                                   .values())

        return partiallyAggregated.reduce(combOp)

    def sum(self):
        return self._mpwi("sum", lambda _, it: [sum(it)]).fold(0, operator.add)

    def max(self, key=None):
        return self.reduce(max if key is None else (lambda a, b: max(a, b, key=key)))

    def min(self, key=None):
        return self.reduce(min if key is None else (lambda a, b: min(a, b, key=key)))

    def stats(self):
        """A StatCounter with the count, mean, variance, max and min of the records."""
        from pyspark.statcounter import StatCounter

        def redFunc(left_counter, right_counter):
            return left_counter.mergeStats(right_counter)
        return self.mapPartitions(lambda i: [StatCounter(i)]).reduce(redFunc)

    def mean(self):
        return self.stats().mean()

    def variance(self):
        return self.stats().variance()

    def stdev(self):
        return self.stats().stdev()

    def sampleStdev(self):
        return self.stats().sampleStdev()

    def sampleVariance(self):
        return self.stats().sampleVariance()

    def histogram(self, buckets):
        """(buckets, counts): buckets a number (evenly spaced between min and max) or a sorted
        list; all open to the right except the last (pyspark/rdd.py)."""
        if isinstance(buckets, int):
            if buckets < 1:
                raise ValueError("number of buckets must be >= 1")

            def comparable(x):
                if x is None:
                    return False
                if type(x) is float and isnan(x):
                    return False
                return True

            filtered = self.filter(comparable)

            def minmax(a, b):
                return min(a[0], b[0]), max(a[1], b[1])

            try:
                minv, maxv = filtered.map(lambda x: (x, x)).reduce(minmax)
            except TypeError as e:
                if " empty " in str(e):
                    raise ValueError("can not generate buckets from empty RDD")
                raise

            if minv == maxv or buckets == 1:
                return [minv, maxv], [filtered.count()]

            try:
                inc = (maxv - minv) / buckets
            except TypeError:
                raise TypeError("Can not generate buckets with non-number in RDD")

            if isinf(inc):
                raise ValueError("Can not generate buckets with infinite value")

            # keep them as integer if possible
            inc = int(inc)
            if inc * buckets != maxv - minv:
                inc = (maxv - minv) * 1.0 / buckets

            buckets = [i * inc + minv for i in range(buckets)]
            buckets.append(maxv)  # fix accumulated error
            even = True

        elif isinstance(buckets, (list, tuple)):
            if len(buckets) < 2:
                raise ValueError("buckets should have more than one value")

            if any(i is None or isinstance(i, float) and isnan(i) for i in buckets):
                raise ValueError("can not have None or NaN in buckets")

            if sorted(buckets) != list(buckets):
                raise ValueError("buckets should be sorted")

            if len(set(buckets)) != len(buckets):
                raise ValueError("buckets should not contain duplicated values")

            minv = buckets[0]
            maxv = buckets[-1]
            even = False
            inc = None
            try:
                steps = [buckets[i + 1] - buckets[i] for i in range(len(buckets) - 1)]
            except TypeError:
                pass  # objects in buckets do not support '-'
            else:
                if max(steps) - min(steps) < 1e-10:  # handle precision errors
                    even = True
                    inc = (maxv - minv) / (len(buckets) - 1)

        else:
            raise TypeError("buckets should be a list or tuple or number(int or long)")

        def histogram(iterator):
            counters = [0] * len(buckets)
            for i in iterator:
                if i is None or (isinstance(i, float) and isnan(i)) or i > maxv or i < minv:
                    continue
                t = int((i - minv) / inc) if even else bisect.bisect_right(buckets, i) - 1
                counters[t] += 1
            # add last two together
            last = counters.pop()
            counters[-1] += last
            return [counters]

        def mergeCounters(a, b):
            return [i + j for i, j in zip(a, b)]

        return buckets, self.mapPartitions(histogram).reduce(mergeCounters)

    def reduceByKeyLocally(self, func):
        """Merge the values of each key with func and return the result to the driver as a
        dict (pyspark/rdd.py reduceByKeyLocally)."""
        _internal.check_function(func, "reduceByKeyLocally", 2)

        def reducePartition(iterator):
            m = {}
            for k, v in iterator:
                m[k] = func(m[k], v) if k in m else v
            yield m

        def mergeMaps(m1, m2):
            for k, v in m2.items():
                m1[k] = func(m1[k], v) if k in m1 else v
            return m1
        return self.mapPartitions(reducePartition).reduce(mergeMaps)

    def countByValue(self):
        """{value: count} (a collections.defaultdict(int), as PySpark returns)."""
        def countPartition(iterator):
            counts = defaultdict(int)
            for obj in iterator:
                counts[obj] += 1
            yield counts

        def mergeMaps(m1, m2):
            for k, v in m2.items():
                m1[k] += v
            return m1
        return self.mapPartitions(countPartition).reduce(mergeMaps)

    def countByKey(self):
        return self.map(lambda x: x[0]).countByValue()

    def lookup(self, key):
        """The values of key; only the key's partition is searched when the RDD has a known
        partitioner."""
        values = self.filter(lambda kv: kv[0] == key).values()
        if self.partitioner is not None:
            return values._runJob("lookup", [self.partitioner(key)])[0]
        return values.collect()

    def takeOrdered(self, num, key=None):
        if num < 0:
            raise ValueError("top N cannot be negative.")
        if num == 0 or self.getNumPartitions() == 0:
            return []

        def merge(a, b):
            return heapq.nsmallest(num, a + b, key)
        return self._mpwi("takeOrdered", lambda _, it: [heapq.nsmallest(num, it, key)]).reduce(merge)

    def top(self, num, key=None):
        def merge(a, b):
            return heapq.nlargest(num, a + b, key=key)
        return self._mpwi("top", lambda _, it: [heapq.nlargest(num, it, key=key)]).reduce(merge)

    def saveAsTextFile(self, path, compressionCodecClass=None):
        if compressionCodecClass:
            _unsupported("RDD", "saveAsTextFile(path, compressionCodecClass)",
                         "compression codecs are Hadoop classes")
        if os.path.exists(path):
            raise _internal.make_java_error(
                "org.apache.hadoop.mapred.FileAlreadyExistsException",
                "Output directory file:%s already exists" % os.path.abspath(path))
        parts = self._runJob("saveAsTextFile")
        os.makedirs(path)
        for i, part in enumerate(parts):
            with open(os.path.join(path, "part-%05d" % i), "w", encoding="utf-8") as f:
                for x in part:
                    f.write(x if isinstance(x, str) else str(x))
                    f.write("\n")
        open(os.path.join(path, "_SUCCESS"), "w").close()

    _HADOOP = "no Hadoop: Hadoop OutputFormats and SequenceFiles are JVM classes"
    _CHECKPOINT = ("RDD checkpoints are not simulated (DStream.checkpoint and "
                   "StreamingContext.checkpoint are)")
    #: PySpark 3.5 RDD methods DStream Lab does not simulate, and why (docs/pyspark-api.md).
    _UNSUPPORTED = {
        "checkpoint": _CHECKPOINT,
        "localCheckpoint": _CHECKPOINT,
        "isCheckpointed": _CHECKPOINT,
        "isLocallyCheckpointed": _CHECKPOINT,
        "getCheckpointFile": _CHECKPOINT,
        "cleanShuffleDependencies": "a developer API for shuffle files, which the simulation does not keep",
        "pipe": "it would run an external program outside the simulation",
        "countApproxDistinct": "its HyperLogLog++ estimate is computed in the JVM (streamlib)",
        "saveAsHadoopDataset": _HADOOP,
        "saveAsHadoopFile": _HADOOP,
        "saveAsNewAPIHadoopDataset": _HADOOP,
        "saveAsNewAPIHadoopFile": _HADOOP,
        "saveAsSequenceFile": _HADOOP,
        "saveAsPickleFile": _HADOOP,
        "barrier": "barrier execution mode (gang-scheduled stages) is not simulated",
        "withResources": "resource profiles need a cluster manager with dynamic allocation, not local mode",
        "toDF": "it needs pyspark.sql (DataFrames are not simulated)",
    }

    def __getattr__(self, name):
        reason = RDD._UNSUPPORTED.get(name)
        if reason is not None:
            _unsupported("RDD", name, reason)
        raise AttributeError("'RDD' object has no attribute '%s'" % name)
