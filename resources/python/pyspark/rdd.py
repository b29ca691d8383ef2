"""RDD, as pyspark/rdd.py: the operations streaming programs use inside transform/foreachRDD.

Narrow operations run the user's function once per partition in Python; shuffles, unions and
cogroups are done by the engine, so lineage and stages are Spark's.
"""

import bisect
import heapq
import itertools
import operator
import os
from functools import reduce as _reduce

import _dstreamlab
from pyspark import _internal
from pyspark.resultiterable import ResultIterable
from pyspark.storagelevel import StorageLevel

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


def _chunks(iterator, size):
    """Lists of up to size consecutive records (BatchedSerializer's batches)."""
    it = iter(iterator)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def _unsupported(cls, name):
    raise NotImplementedError(
        "%s.%s is part of PySpark, but DStream Lab does not simulate it yet." % (cls, name))


def _fused(funcs, tail=None):
    """One Python call running a chain of partition functions (then an optional map-side
    combine); returns (records, input count of each operator) so costs stay per operator.

    While the engine records what it computes (``_dstreamlab.capturing()``), it also returns the
    output of every stage whose RDD the call skips (each func's output but the last one's when
    there is no tail: that one is the fused RDD's own result), and an error raised at stage s
    carries ``_dsl_capture = (s, outputs so far)``. The functions run exactly as without it."""
    tapped = len(funcs) if tail is not None else len(funcs) - 1

    def fused(index, records):
        counts = []
        data = records
        if not _dstreamlab.capturing():
            for fn in funcs:
                counts.append(len(data))
                data = fn(index, data)
                if not isinstance(data, list):
                    data = list(data)
            if tail is not None:
                data = tail(data)
            return data, counts
        taps = []
        stage = 0
        try:
            for fn in funcs:
                counts.append(len(data))
                data = fn(index, data)
                if not isinstance(data, list):
                    data = list(data)
                if stage < tapped:
                    taps.append(data)
                stage += 1
            if tail is not None:
                data = tail(data)
        except BaseException as e:
            try:
                e._dsl_capture = (stage, taps)
            except Exception:
                pass
            raise
        return data, counts, taps
    return fused


class RDD(object):
    """A Resilient Distributed Dataset of the simulated Spark."""

    def __init__(self, jrdd, ctx):
        self._jrdd = jrdd
        self.ctx = ctx
        self.is_cached = False
        self.is_checkpointed = False

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
                out._pipe = (self, [f], [out])
                return out
            # Pipeline consecutive Python operators (as PySpark's PipelinedRDD): the engine may
            # run the whole chain in one Python call from the chain's root, unless an
            # intermediate RDD is persisted. Every RDD still appears in the lineage.
            root, funcs, rdds = pipe
            funcs = funcs + [f]
            out = RDD(self._jrdd.mapPartitionsWithIndex(op, f, bool(preservesPartitioning),
                                                        _fused(funcs), [root._jrdd] + [r._jrdd for r in rdds]),
                      self.ctx)
            out._pipe = (root, funcs, rdds + [out])
            return out

    def _defaultReducePartitions(self):
        if self.ctx._conf.contains("spark.default.parallelism"):
            return self.ctx.defaultParallelism
        return self.getNumPartitions()

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

    # ---- narrow transformations ----
    def map(self, f, preservesPartitioning=False):
        _internal.check_function(f, "map", 1)
        return self._mpwi("map", lambda _, it: map(f, it), preservesPartitioning, f)

    def flatMap(self, f, preservesPartitioning=False):
        _internal.check_function(f, "flatMap", 1)
        return self._mpwi("flatMap", lambda _, it: itertools.chain.from_iterable(map(f, it)),
                          preservesPartitioning, f)

    def filter(self, f):
        _internal.check_function(f, "filter", 1)
        return self._mpwi("filter", lambda _, it: filter(f, it), True, f)

    def mapPartitions(self, f, preservesPartitioning=False):
        _internal.check_function(f, "mapPartitions", 1)
        return self._mpwi("mapPartitions", lambda _, it: f(iter(it)), preservesPartitioning, f)

    def mapPartitionsWithIndex(self, f, preservesPartitioning=False):
        _internal.check_function(f, "mapPartitionsWithIndex", 2)
        return self._mpwi("mapPartitionsWithIndex", lambda i, it: f(i, iter(it)), preservesPartitioning, f)

    def mapPartitionsWithSplit(self, f, preservesPartitioning=False):
        """Deprecated alias of mapPartitionsWithIndex (pyspark/rdd.py)."""
        import warnings
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
        return self._mpwi("keyBy", lambda _, it: ((f(x), x) for x in it), False, f)

    def keys(self):
        return self._mpwi("keys", lambda _, it: (k for (k, v) in it))

    def values(self):
        return self._mpwi("values", lambda _, it: (v for (k, v) in it))

    def mapValues(self, f):
        _internal.check_function(f, "mapValues", 1)
        return self._mpwi("mapValues", lambda _, it: ((k, f(v)) for (k, v) in it), True, f)

    def flatMapValues(self, f):
        _internal.check_function(f, "flatMapValues", 1)
        return self._mpwi("flatMapValues", lambda _, it: ((k, x) for (k, v) in it for x in f(v)), True, f)

    # ---- shuffles ----
    def combineByKey(self, createCombiner, mergeValue, mergeCombiners, numPartitions=None,
                     partitionFunc=portable_hash, _op="combineByKey"):
        for fn, n in ((createCombiner, 1), (mergeValue, 2), (mergeCombiners, 2)):
            _internal.check_function(fn, _op, n)
            _internal.check_serializable(fn)
        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()

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

        self._site(_op)
        pipe = getattr(self, "_pipe", None) if _PIPELINE else None
        with self._call(_op):
            if pipe is None:
                return RDD(self._jrdd.combineByKey(_op, combineLocally, _mergeCombiners, int(numPartitions), True),
                           self.ctx)
            root, funcs, rdds = pipe
            return RDD(self._jrdd.combineByKey(_op, combineLocally, _mergeCombiners, int(numPartitions), True,
                                               _fused(funcs, combineLocally),
                                               [root._jrdd] + [r._jrdd for r in rdds]), self.ctx)

    def reduceByKey(self, func, numPartitions=None, partitionFunc=portable_hash):
        _internal.check_function(func, "reduceByKey", 2)
        return self.combineByKey(lambda x: x, func, func, numPartitions, partitionFunc, _op="reduceByKey")

    def foldByKey(self, zeroValue, func, numPartitions=None, partitionFunc=portable_hash):
        import copy
        return self.combineByKey(lambda v: func(copy.deepcopy(zeroValue), v), func, func, numPartitions,
                                 partitionFunc, _op="foldByKey")

    def aggregateByKey(self, zeroValue, seqFunc, combFunc, numPartitions=None, partitionFunc=portable_hash):
        import copy
        return self.combineByKey(lambda v: seqFunc(copy.deepcopy(zeroValue), v), seqFunc, combFunc,
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
        self._site("partitionBy")
        if partitionFunc is portable_hash:
            with self._call("partitionBy"):
                return RDD(self._jrdd.partitionBy(int(numPartitions)), self.ctx)
        # A custom partitioner: tag records with their partition (as PySpark's add_shuffle_key).
        n = int(numPartitions)
        tagged = self._mpwi("partitionBy", lambda _, it: ((partitionFunc(kv[0]) % n, kv) for kv in it))
        with self._call("partitionBy"):
            shuffled = RDD(tagged._jrdd.partitionBy(n), self.ctx)
        return shuffled._mpwi("partitionBy", lambda _, it: (kv for (_p, kv) in it), True)

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
        return self.repartition(numPartitions)

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

    def cogroup(self, other, numPartitions=None):
        return self._cogroup([other], numPartitions, "cogroup").mapValues(
            lambda vs: tuple(ResultIterable(v) for v in vs))

    def groupWith(self, other, *others):
        return self._cogroup([other] + list(others), None, "groupWith").mapValues(
            lambda vs: tuple(ResultIterable(v) for v in vs))

    def _cogroup(self, others, numPartitions, op):
        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()
        self._site(op)
        with self._call(op):
            return RDD(self._jrdd.cogroup([o._jrdd for o in others], int(numPartitions), op), self.ctx)

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
        n = max(int(numPartitions), 1)

        def sortPartition(iterator):
            return iter(sorted(iterator, key=lambda kv: keyfunc(kv[0]), reverse=(not ascending)))

        if n == 1:
            parted = self.partitionBy(1, lambda k: 0)
            return parted._mpwi("sortByKey", lambda _, it: sortPartition(it), True)
        # RangePartitioner bounds from the keys (pyspark/rdd.py sortByKey); small RDDs use every
        # key, larger ones a deterministic sample.
        keys = self.map(lambda kv: kv[0]).collect()
        if not keys:
            return self
        max_sample = n * 20
        if len(keys) > max_sample:
            step = len(keys) / float(max_sample)
            keys = [keys[int(i * step)] for i in range(max_sample)]
        samples = sorted(keys, key=keyfunc)
        bounds = [samples[int(len(samples) * (i + 1) / n)] for i in range(0, n - 1)]

        def rangePartitioner(k):
            p = bisect.bisect_left([keyfunc(b) for b in bounds], keyfunc(k))
            return p if ascending else n - 1 - p

        return self.partitionBy(n, rangePartitioner)._mpwi("sortByKey", lambda _, it: sortPartition(it), True)

    def sortBy(self, keyfunc, ascending=True, numPartitions=None):
        _internal.check_function(keyfunc, "sortBy", 1)
        return self.keyBy(keyfunc).sortByKey(ascending, numPartitions).values()

    # ---- actions ----
    def _runJob(self, op, partitions=None):
        self._site(op)
        with self._call(op):
            return self._jrdd.runJob(partitions, _internal.callsite(op))

    def collect(self):
        return [x for part in self._runJob("collect") for x in part]

    def collectAsMap(self):
        return dict(self.collect())

    def count(self):
        self._site("count")
        with self._call("count"):
            return self._jrdd.count()

    def take(self, num):
        self._site("take")
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

    def fold(self, zeroValue, op):
        vals = self._mpwi("fold", lambda _, it: [_reduce(op, it, zeroValue)], False, op).collect()
        return _reduce(op, vals, zeroValue)

    def sum(self):
        return self._mpwi("sum", lambda _, it: [sum(it)]).fold(0, operator.add)

    def max(self, key=None):
        return self.reduce(max if key is None else (lambda a, b: max(a, b, key=key)))

    def min(self, key=None):
        return self.reduce(min if key is None else (lambda a, b: min(a, b, key=key)))

    def mean(self):
        vals = self.collect()
        if not vals:
            return float("nan")
        return sum(vals) / float(len(vals))

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
        counts = {}
        for x in self.collect():
            counts[x] = counts.get(x, 0) + 1
        return counts

    def countByKey(self):
        return self.map(lambda kv: kv[0]).countByValue()

    def takeOrdered(self, num, key=None):
        def merge(a, b):
            return heapq.nsmallest(num, a + b, key)
        return self._mpwi("takeOrdered", lambda _, it: [heapq.nsmallest(num, it, key)]).reduce(merge)

    def top(self, num, key=None):
        def merge(a, b):
            return heapq.nlargest(num, a + b, key)
        return self._mpwi("top", lambda _, it: [heapq.nlargest(num, it, key)]).reduce(merge)

    def saveAsTextFile(self, path, compressionCodecClass=None):
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

    _KNOWN_UNSUPPORTED = {
        "checkpoint", "localCheckpoint", "sample", "randomSplit", "takeSample", "zip", "zipWithIndex",
        "zipWithUniqueId", "cartesian", "pipe", "aggregate", "treeAggregate", "treeReduce", "stats",
        "histogram", "variance", "stdev", "sampleStdev", "sampleVariance", "subtract", "subtractByKey",
        "intersection", "sampleByKey", "lookup", "saveAsPickleFile", "saveAsSequenceFile",
        "saveAsHadoopFile", "saveAsNewAPIHadoopFile", "saveAsHadoopDataset", "saveAsNewAPIHadoopDataset", "toDF", "toLocalIterator", "barrier",
        "repartitionAndSortWithinPartitions", "countApprox", "sumApprox", "meanApprox",
        "countApproxDistinct", "getCheckpointFile", "isCheckpointed", "isLocallyCheckpointed",
    }

    def __getattr__(self, name):
        if name in RDD._KNOWN_UNSUPPORTED:
            _unsupported("RDD", name)
        raise AttributeError("'RDD' object has no attribute '%s'" % name)
