"""DStream, as pyspark/streaming/dstream.py.

Each method makes one DStream of the engine's graph (named like Spark's classes:
MappedDStream, ShuffledDStream, ...) so the dashboard shows one row per DStream of the program.
Batch functions receive RDDs of the simulated Spark and ``datetime`` batch times.
"""

import operator
from itertools import chain
from typing import Generic, TypeVar

import _dstreamlab
from pyspark import _internal
from pyspark.rdd import RDD, _unsupported, portable_hash
from pyspark.storagelevel import StorageLevel
from pyspark.streaming.util import batch_time, rddToFileName

__all__ = ["DStream"]

T_co = TypeVar("T_co", covariant=True)


class _missing:
    """What a derived stream does when a parent has no RDD for a batch (engine rules)."""
    SKIP = 0        # no RDD either (PythonTransformedDStream)
    FAIL_UNION = 1  # "Could not generate RDD from a parent for unifying at time ..."
    FAIL = 2        # "Couldn't generate RDD from parent at time ..." (TransformedDStream)
    EMPTY = 3       # use an empty RDD (PythonTransformed2DStream); None results mean no RDD


def _nargs(f):
    import inspect
    try:
        params = [p for p in inspect.signature(f).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty]
        return len(params)
    except (TypeError, ValueError):
        return 1


# Pipelining across DStream operators. PySpark folds consecutive transforms of DStreams into one
# TransformedDStream (pyspark/streaming/dstream.py, TransformedDStream.__init__), so
# lines.flatMap(...).map(...) becomes one PipelinedRDD per batch. Here every operator keeps its
# own DStream (the dashboard shows each), so the RDD a child's function receives would be a new
# wrapper without the parent's pipe, and the chain would cost one Python call per operator and
# per partition. The pipes of the RDDs this batch's functions returned are kept by RDD id for
# the newest two batch times, so the child's RDD continues its parent's pipe; a cached or
# checkpointed parent still breaks the chain in the engine, as a persisted PipelinedRDD does.
_pipes = {}        # RDD id -> (batch time ms, pipe), of one SparkContext
_pipe_context = [None]  # that SparkContext's _id (RDD ids restart with each context)


def _remember_pipe(rdd, t_ms):
    pipe = getattr(rdd, "_pipe", None)
    if pipe is None:
        return
    if _pipe_context[0] != rdd.ctx._id:
        _forget_pipes()
        _pipe_context[0] = rdd.ctx._id
    _pipes[rdd._jrdd.id] = (t_ms, pipe)
    times = sorted({t for t, _ in _pipes.values()})
    if len(times) > 2:
        for k in [k for k, (t, _) in _pipes.items() if t < times[-2]]:
            del _pipes[k]


def _forget_pipes():
    _pipes.clear()
    _pipe_context[0] = None


def _wrap(jrdd, sc):
    rdd = RDD(jrdd, sc)
    held = _pipes.get(jrdd.id) if _pipe_context[0] == sc._id else None
    if held is not None:
        rdd._pipe = held[1]
    return rdd


#: Set by the host (`dstreamlab run --strict`): DStream Lab's own API is an error, not a WARN.
_strict = False
_STATE_NOTE = ("Spark has mapWithState and StateSpec in Scala and Java only; "
               "PySpark keeps state with updateStateByKey")


def _not_pyspark(ssc, name, note, error=AttributeError, strict_message=None):
    """A program uses what DStream Lab offers beyond PySpark's API: one WARN line per context
    ("WARN DStreamLab: NAME is not part of PySpark ...": the dashboard reads NAME from it,
    RunSnapshot::notPySpark in app/session/runsnapshot.h), or under --strict the error
    spark-submit would give."""
    msg = "%s is not part of PySpark (%s): this program will not run under spark-submit" % (name, note)
    if _strict:
        raise error("%s (dstreamlab --strict: %s)" % (strict_message or msg, msg))
    warned = ssc.__dict__.setdefault("_not_pyspark_warned", set()) if ssc is not None else set()
    if name not in warned:
        warned.add(name)
        _dstreamlab.log("WARN", "DStreamLab", msg)


class DStream(Generic[T_co]):
    """A Discretized Stream: a continuous sequence of RDDs, one per batch. Generic as PySpark's:
    ``DStream[str]`` works in type hints."""

    def __init__(self, jdstream, ssc, jrdd_deserializer=None):
        self._jdstream = jdstream
        self._ssc = ssc
        self._sc = ssc._sc
        self.is_cached = False
        self.is_checkpointed = False

    @property
    def _slideDuration(self):
        return self._jdstream.slideDurationMs() / 1000.0

    def __repr__(self):
        return "<DStream %s@%d %s>" % (self._jdstream.className(), self._jdstream.id, self._jdstream.creationSite())

    def _call(self, method):
        return _internal.java_call(self._ssc._id * 1000 + self._jdstream.id, method)

    def _derive(self, op, className, func, others=(), rule=_missing.SKIP):
        """A DStream whose RDD per batch is func(rdds, time) -> RDD (or None)."""
        sc = self._sc

        def call(jrdds, t_ms):
            rdds = [_wrap(j, sc) for j in jrdds]
            r = func(rdds, batch_time(t_ms))
            if r is None:
                return None
            if not isinstance(r, RDD):
                raise TypeError("the function given to %s() must return an RDD, but returned %s"
                                % (op, type(r).__name__))
            _remember_pipe(r, t_ms)
            return r._jrdd

        site = _internal.callsite(op)

        def build(lazy=False):
            sc._jsc.setCallSite(site)
            with _LazyDStream.constructor() if lazy else self._call(op):
                return self._jdstream.derive([o._jdstream for o in others], className, op, call, rule)

        if not others and self._ssc._jssc.state() != "INITIALIZED":
            return _LazyDStream(build, self._ssc)
        return DStream(build(), self._ssc)

    def context(self):
        """The StreamingContext of this DStream."""
        return self._ssc

    # ---- transformations ----
    def count(self):
        """A DStream with the number of elements of each batch (pyspark: mapPartitions + reduce)."""
        return self.mapPartitions(lambda i: [sum(1 for _ in i)]).reduce(operator.add)

    def filter(self, f):
        _internal.check_function(f, "filter", 1)
        return self._derive("filter", "FilteredDStream", lambda rdds, t: rdds[0].filter(f))

    def flatMap(self, f, preservesPartitioning=False):
        _internal.check_function(f, "flatMap", 1)
        return self._derive("flatMap", "FlatMappedDStream", lambda rdds, t: rdds[0].flatMap(f, preservesPartitioning))

    def map(self, f, preservesPartitioning=False):
        _internal.check_function(f, "map", 1)
        return self._derive("map", "MappedDStream", lambda rdds, t: rdds[0].map(f, preservesPartitioning))

    def mapPartitions(self, f, preservesPartitioning=False):
        _internal.check_function(f, "mapPartitions", 1)
        return self._derive("mapPartitions", "MapPartitionedDStream",
                            lambda rdds, t: rdds[0].mapPartitions(f, preservesPartitioning))

    def mapPartitionsWithIndex(self, f, preservesPartitioning=False):
        _internal.check_function(f, "mapPartitionsWithIndex", 2)
        return self._derive("mapPartitionsWithIndex", "MapPartitionedDStream",
                            lambda rdds, t: rdds[0].mapPartitionsWithIndex(f, preservesPartitioning))

    def reduce(self, func):
        """pyspark: map((None, x)).reduceByKey(func, 1).map(x[1])."""
        _internal.check_function(func, "reduce", 2)
        return self.map(lambda x: (None, x)).reduceByKey(func, 1).map(lambda x: x[1])

    def reduceByKey(self, func, numPartitions=None):
        _internal.check_function(func, "reduceByKey", 2)
        if numPartitions is None:
            numPartitions = self._sc.defaultParallelism
        return self._derive("reduceByKey", "ShuffledDStream",
                            lambda rdds, t: rdds[0].reduceByKey(func, numPartitions))

    def combineByKey(self, createCombiner, mergeValue, mergeCombiners, numPartitions=None):
        _internal.check_function(createCombiner, "combineByKey", 1)
        _internal.check_function(mergeValue, "combineByKey", 2)
        _internal.check_function(mergeCombiners, "combineByKey", 2)
        if numPartitions is None:
            numPartitions = self._sc.defaultParallelism
        return self._derive("combineByKey", "ShuffledDStream", lambda rdds, t: rdds[0].combineByKey(
            createCombiner, mergeValue, mergeCombiners, numPartitions))

    def partitionBy(self, numPartitions, partitionFunc=portable_hash):
        return self._derive("partitionBy", "ShuffledDStream",
                            lambda rdds, t: rdds[0].partitionBy(numPartitions, partitionFunc))

    def groupByKey(self, numPartitions=None):
        if numPartitions is None:
            numPartitions = self._sc.defaultParallelism
        return self._derive("groupByKey", "ShuffledDStream", lambda rdds, t: rdds[0].groupByKey(numPartitions))

    def countByValue(self):
        return self.map(lambda x: (x, 1)).reduceByKey(lambda x, y: x + y)

    def mapValues(self, f):
        _internal.check_function(f, "mapValues", 1)
        return self._derive("mapValues", "MapValuedDStream", lambda rdds, t: rdds[0].mapValues(f))

    def flatMapValues(self, f):
        _internal.check_function(f, "flatMapValues", 1)
        return self._derive("flatMapValues", "FlatMapValuedDStream", lambda rdds, t: rdds[0].flatMapValues(f))

    def glom(self):
        return self._derive("glom", "GlommedDStream", lambda rdds, t: rdds[0].glom())

    def repartition(self, numPartitions):
        return self._derive("repartition", "TransformedDStream", lambda rdds, t: rdds[0].repartition(numPartitions))

    def transform(self, func):
        """func(rdd) or func(time, rdd) -> RDD, applied to every batch."""
        _internal.check_function(func, "transform", (1, 2))
        if _nargs(func) == 1:
            f = lambda rdds, t: func(rdds[0])  # noqa: E731
        else:
            f = lambda rdds, t: func(t, rdds[0])  # noqa: E731
        return self._derive("transform", "TransformedDStream", f)

    def transformWith(self, func, other, keepSerializer=False):
        """func(rdd_a, rdd_b) or func(time, rdd_a, rdd_b) -> RDD, per batch."""
        _internal.check_function(func, "transformWith", (2, 3))
        if _nargs(func) == 2:
            f = lambda rdds, t: func(rdds[0], rdds[1])  # noqa: E731
        else:
            f = lambda rdds, t: func(t, rdds[0], rdds[1])  # noqa: E731
        return self._derive("transformWith", "TransformedDStream", f, [other], _missing.EMPTY)

    def union(self, other):
        if self._slideDuration != other._slideDuration:
            raise ValueError("the two DStream should have same slide duration")
        self._sc._jsc.setCallSite(_internal.callsite("union"))
        with self._call("union"):
            return DStream(self._ssc._jssc.union([self._jdstream, other._jdstream]), self._ssc)

    def _join(self, other, numPartitions, op):
        if numPartitions is None:
            numPartitions = self._sc.defaultParallelism
        return self._derive(op, "TransformedDStream",
                            lambda rdds, t: getattr(rdds[0], op)(rdds[1], numPartitions), [other], _missing.EMPTY)

    def cogroup(self, other, numPartitions=None):
        return self._join(other, numPartitions, "cogroup")

    def join(self, other, numPartitions=None):
        return self._join(other, numPartitions, "join")

    def leftOuterJoin(self, other, numPartitions=None):
        return self._join(other, numPartitions, "leftOuterJoin")

    def rightOuterJoin(self, other, numPartitions=None):
        return self._join(other, numPartitions, "rightOuterJoin")

    def fullOuterJoin(self, other, numPartitions=None):
        return self._join(other, numPartitions, "fullOuterJoin")

    # ---- persistence ----
    def cache(self):
        self.is_cached = True
        self.persist(StorageLevel.MEMORY_ONLY)
        return self

    def persist(self, storageLevel):
        self.is_cached = True
        with self._call("persist"):
            self._jdstream.persist(storageLevel._tuple())
        return self

    def checkpoint(self, interval):
        self.is_checkpointed = True
        with self._call("checkpoint"):
            self._jdstream.checkpoint(self._ssc._jduration(interval))
        return self

    # ---- output operations ----
    def foreachRDD(self, func):
        """Apply func(rdd) or func(time, rdd) to each batch's RDD (runs on the driver)."""
        _internal.check_function(func, "foreachRDD", (1, 2))
        if _nargs(func) == 1:
            f = lambda t, rdd: func(rdd)  # noqa: E731
        else:
            f = func
        sc = self._sc

        def call(jrdd, t_ms):
            f(batch_time(t_ms), RDD(jrdd, sc))

        sc._jsc.setCallSite(_internal.callsite("foreachRDD"))
        with self._call("foreachRDD"):
            self._jdstream.foreachRDD(call, "foreachRDD", _internal.describe_function(func))

    def pprint(self, num=10):
        """Print the first num elements of each batch (pyspark's exact layout)."""

        def takeAndPrint(time, rdd):
            taken = rdd.take(num + 1)
            print("-------------------------------------------")
            print("Time: %s" % time)
            print("-------------------------------------------")
            for record in taken[:num]:
                print(record)
            if len(taken) > num:
                print("...")
            print("")

        sc = self._sc
        sc._jsc.setCallSite(_internal.callsite("pprint"))

        def call(jrdd, t_ms):
            takeAndPrint(batch_time(t_ms), RDD(jrdd, sc))

        with self._call("pprint"):
            self._jdstream.foreachRDD(call, "pprint")

    def saveAsTextFiles(self, prefix, suffix=None):
        """A directory prefix-TIME_IN_MS[.suffix] per batch."""

        def saveAsTextFile(t, rdd):
            path = rddToFileName(prefix, suffix, _ms_of(t))
            try:
                rdd.saveAsTextFile(path)
            except Exception as e:
                if "FileAlreadyExistsException" not in str(e):
                    raise

        return self.foreachRDD(saveAsTextFile)

    # ---- window operations ----
    def _validate_window_param(self, window, slide):
        duration = self._jdstream.slideDurationMs()
        if int(window * 1000) % duration != 0:
            raise ValueError("windowDuration must be multiple of the parent dstream's slide (batch) "
                             "duration (%d ms)" % duration)
        if slide and int(slide * 1000) % duration != 0:
            raise ValueError("slideDuration must be multiple of the parent dstream's slide (batch) "
                             "duration (%d ms)" % duration)

    def window(self, windowDuration, slideDuration=None):
        """A DStream of the union of the RDDs in each window (seconds; multiples of the batch)."""
        self._validate_window_param(windowDuration, slideDuration)
        d = self._ssc._jduration(windowDuration)
        s = None if slideDuration is None else self._ssc._jduration(slideDuration)
        self._sc._jsc.setCallSite(_internal.callsite("window"))
        with self._call("window"):
            return DStream(self._jdstream.window(d, s), self._ssc)

    # pyspark/streaming/dstream.py validates the durations (_validate_window_param) before it
    # looks at the functions, so a bad duration is reported first; the window operations built
    # on reduceByKeyAndWindow validate before creating their intermediate streams.
    def reduceByWindow(self, reduceFunc, invReduceFunc, windowDuration, slideDuration):
        self._validate_window_param(windowDuration, slideDuration)
        keyed = self.map(lambda x: (1, x))
        reduced = keyed.reduceByKeyAndWindow(reduceFunc, invReduceFunc, windowDuration, slideDuration, 1)
        return reduced.map(lambda kv: kv[1])

    def countByWindow(self, windowDuration, slideDuration):
        self._validate_window_param(windowDuration, slideDuration)
        return self.map(lambda x: 1).reduceByWindow(operator.add, operator.sub, windowDuration, slideDuration)

    def countByValueAndWindow(self, windowDuration, slideDuration, numPartitions=None):
        self._validate_window_param(windowDuration, slideDuration)
        keyed = self.map(lambda x: (x, 1))
        counted = keyed.reduceByKeyAndWindow(operator.add, operator.sub, windowDuration, slideDuration, numPartitions)
        return counted.filter(lambda kv: kv[1] > 0)

    def groupByKeyAndWindow(self, windowDuration, slideDuration, numPartitions=None):
        from pyspark.resultiterable import ResultIterable
        self._validate_window_param(windowDuration, slideDuration)
        ls = self.mapValues(lambda x: [x])
        grouped = ls.reduceByKeyAndWindow(lambda a, b: a.extend(b) or a, lambda a, b: a[len(b):],
                                          windowDuration, slideDuration, numPartitions)
        return grouped.mapValues(ResultIterable)

    def reduceByKeyAndWindow(self, func, invFunc, windowDuration, slideDuration=None,
                             numPartitions=None, filterFunc=None):
        """Windowed reduceByKey; with invFunc the window is updated incrementally (checkpointing
        required), as pyspark's PythonReducedWindowedDStream: only when window >= 5 x slide."""
        self._validate_window_param(windowDuration, slideDuration)
        _internal.check_function(func, "reduceByKeyAndWindow", 2)
        if invFunc is not None:
            _internal.check_function(invFunc, "reduceByKeyAndWindow", 2)
        if filterFunc is not None:
            _internal.check_function(filterFunc, "reduceByKeyAndWindow", 1)
        if numPartitions is None:
            numPartitions = self._sc.defaultParallelism
        reduced = self.reduceByKey(func, numPartitions)
        if invFunc:
            sc = self._sc

            def reduceFunc(a, b, t):
                a = RDD(a, sc) if a is not None else None
                b = RDD(b, sc).reduceByKey(func, numPartitions)
                r = a.union(b).reduceByKey(func, numPartitions) if a else b
                if filterFunc:
                    r = r.filter(filterFunc)
                return r._jrdd

            def invReduceFunc(a, b, t):
                a, b = RDD(a, sc), RDD(b, sc).reduceByKey(func, numPartitions)
                joined = a.leftOuterJoin(b, numPartitions)
                return joined.mapValues(lambda kv: invFunc(kv[0], kv[1]) if kv[1] is not None else kv[0])._jrdd

            if slideDuration is None:
                slideDuration = self._slideDuration
            sc._jsc.setCallSite(_internal.callsite("reduceByKeyAndWindow"))
            with self._call("reduceByKeyAndWindow"):
                return DStream(reduced._jdstream.reducedWindow(
                    reduceFunc, invReduceFunc, self._ssc._jduration(windowDuration),
                    self._ssc._jduration(slideDuration)), self._ssc)
        return reduced.window(windowDuration, slideDuration).reduceByKey(func, numPartitions)

    # ---- state operations ----
    def updateStateByKey(self, updateFunc, numPartitions=None, initialRDD=None):
        """updateFunc(new_values, last_state) -> state or None (removes the key); called for every
        key every batch. Needs ssc.checkpoint(dir)."""
        _internal.check_function(updateFunc, "updateStateByKey", 2)
        if numPartitions is None:
            numPartitions = self._sc.defaultParallelism
        if initialRDD and not isinstance(initialRDD, RDD):
            initialRDD = self._sc.parallelize(initialRDD)
        sc = self._sc

        def reduceFunc(a, b, t):
            b = RDD(b, sc)
            if a is None:
                g = b.groupByKey(numPartitions).mapValues(lambda vs: (list(vs), None))
            else:
                a = RDD(a, sc)
                g = a.cogroup(b.partitionBy(numPartitions), numPartitions)
                g = g.mapValues(lambda ab: (list(ab[1]), list(ab[0])[0] if len(ab[0]) else None))
            state = g.mapValues(lambda vs_s: updateFunc(vs_s[0], vs_s[1]))
            return state.filter(lambda k_v: k_v[1] is not None)._jrdd

        sc._jsc.setCallSite(_internal.callsite("updateStateByKey"))
        with self._call("updateStateByKey"):
            return DStream(self._jdstream.stateStream(reduceFunc, initialRDD._jrdd if initialRDD else None),
                           self._ssc)

    def mapWithState(self, spec):
        """mapWithState(StateSpec): calls spec's function(key, value, state) only for keys with data
        in the batch (and timing-out keys). Scala/Java only in real Spark (no PySpark API): DStream
        Lab offers it so students can compare it with updateStateByKey; programs using it do not
        run on a real PySpark cluster. The returned stream has stateSnapshots()."""
        _not_pyspark(self._ssc, "mapWithState", _STATE_NOTE,
                     strict_message="'DStream' object has no attribute 'mapWithState'")
        from pyspark.streaming.state import StateSpec
        if not isinstance(spec, StateSpec):
            raise TypeError("mapWithState() expects a StateSpec, got %r" % (spec,))
        f = spec._func
        nargs = _nargs(f)

        def call(t_ms, key, value, state):
            if nargs == 4:
                return f(batch_time(t_ms), key, value, state)
            return f(key, value, state)

        timeout = None if spec._timeout is None else self._ssc._jduration(spec._timeout)
        init = spec._initial
        if init is not None and not isinstance(init, RDD):
            init = self._sc.parallelize(init)
        self._sc._jsc.setCallSite(_internal.callsite("mapWithState"))
        with self._call("mapWithState"):
            mapped, snaps = self._jdstream.mapWithState(call, spec._numPartitions, timeout,
                                                        init._jrdd if init is not None else None)
        out = DStream(mapped, self._ssc)
        out._snapshots = DStream(snaps, self._ssc)
        return out

    def stateSnapshots(self):
        """All (key, state) pairs after each batch (on the stream mapWithState returned)."""
        snaps = self.__dict__.get("_snapshots")
        if snaps is None:
            raise AttributeError("stateSnapshots() exists only on the DStream returned by mapWithState()")
        return snaps

    def slice(self, begin, end):
        """The RDDs of the batches between begin and end (datetime or seconds since the epoch),
        as pyspark/streaming/dstream.py slice."""
        with self._call("slice"):
            jrdds = self._jdstream.slice(_jtime(begin), _jtime(end))
        return [RDD(jrdd, self._sc) for jrdd in jrdds]

    _SCALA_ONLY = "a Scala/Java DStream method: PySpark's DStream has none"
    #: Names DStream Lab does not simulate, and why (docs/pyspark-api.md). PySpark 3.5's
    #: DStream has no other public method.
    _UNSUPPORTED = {
        "saveAsObjectFiles": _SCALA_ONLY,
        "saveAsHadoopFiles": _SCALA_ONLY,
    }

    def __getattr__(self, name):
        if name in DStream._UNSUPPORTED:
            _unsupported("DStream", name, DStream._UNSUPPORTED[name])
        raise AttributeError("'DStream' object has no attribute '%s'" % name)


def _jtime(timestamp):
    """DStream._jtime: a datetime (whole seconds, time.mktime) or epoch seconds -> ms."""
    import datetime
    import time as _t
    if isinstance(timestamp, datetime.datetime):
        timestamp = _t.mktime(timestamp.timetuple())
    return int(timestamp * 1000)


def _ms_of(t):
    import time as _t
    return int(round(_t.mktime(t.timetuple()) * 1000)) + t.microsecond // 1000


class _LazyDStream(DStream):
    """A one-parent transformation made after start() or stop(). PySpark's TransformedDStream
    builds its JVM DStream only when something needs it (an output operation, window, union,
    persist, ...: TransformedDStream._jdstream), and that constructor is where
    DStream.validateAtInit raises; so map() returns, and pprint() raises the
    IllegalStateException, from PythonTransformedDStream's constructor as Py4J names it."""

    @staticmethod
    def constructor():
        """The call a Py4JJavaError names: Py4J's text for a constructor."""
        c = _internal.java_call(0, "")
        c.name = "None.org.apache.spark.streaming.api.python.PythonTransformedDStream"
        return c

    def __init__(self, build, ssc):
        self._build = build
        self._jdstream_val = None
        self._ssc = ssc
        self._sc = ssc._sc
        self.is_cached = False
        self.is_checkpointed = False

    def __repr__(self):
        return object.__repr__(self) if self._jdstream_val is None else DStream.__repr__(self)

    @property
    def _jdstream(self):
        if self._jdstream_val is None:
            self._jdstream_val = self._build(lazy=True)
        return self._jdstream_val
