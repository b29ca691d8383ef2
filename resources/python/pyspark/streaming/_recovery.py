"""The DStream graph in the checkpoint folder, so getOrCreate recovers without calling setupFunc.

Spark writes the DStream graph (with the pickled Python functions of PySpark's
TransformFunctions) into every metadata checkpoint, and StreamingContext.getOrCreate rebuilds the
context from it: the setup function is not called again (a classic surprise: code in it, such as
a print or a new DStream, does not run on recovery; the functions of the first run are used).

DStream Lab records each public DStream / StreamingContext call that builds the graph (the
outermost one: DStream.count's inner map/reduce are not recorded), pickles it with cloudpickle
at ssc.start() into <checkpoint dir>/pyspark-graph, and on recovery replays those calls on a new
StreamingContext. Contexts and DStreams inside the pickles are references to the replayed ones;
RDDs (updateStateByKey's initialRDD, mapWithState's initialState, queueStream's queue) are
written as empty RDDs, as the recovered state replaces them. Unlike Spark, which serializes the
graph again at every checkpoint, the functions are pickled once, at start: driver-side values a
foreachRDD function captured are restored as they were then. The batch times continue from the
checkpoint as in Spark (the engine's JobScheduler::restart: the checkpoint's batch and the down
time run first).
"""

import functools
import io
import os
import pickle

from pyspark import _internal

GRAPH_FILE = "pyspark-graph"
_depth = [0]

_CONTEXT_METHODS = ("socketTextStream", "textFileStream", "queueStream", "transform", "union",
                    "remember", "checkpoint")


def _context_of(obj):
    from pyspark.streaming.context import StreamingContext
    return obj if isinstance(obj, StreamingContext) else obj._ssc


def _ref(log, obj):
    """The replay reference of a context or DStream: "ssc" or its index in log["streams"]."""
    from pyspark.streaming.context import StreamingContext
    if isinstance(obj, StreamingContext):
        return "ssc"
    refs = log["refs"]
    if id(obj) not in refs:
        refs[id(obj)] = len(refs)
        log["keep"].append(obj)
    return refs[id(obj)]


def _recorded(name, fn, owner=None):
    """fn recorded as a graph-building call: a method of the context or a DStream, or, with
    `owner` ("KafkaUtils"), a static factory of that class whose first argument is the context
    (replayed as owner.name(ssc, ...))."""
    @functools.wraps(fn)
    def wrapper(self, *args, **kwargs):
        from pyspark.streaming.dstream import DStream
        if _depth[0] > 0:
            return fn(self, *args, **kwargs)
        ssc = _context_of(self)
        log = ssc.__dict__.setdefault("_graph_log", {"calls": [], "refs": {}, "keep": []})
        site = _internal.user_frame()
        _depth[0] += 1
        try:
            result = fn(self, *args, **kwargs)
        finally:
            _depth[0] -= 1
        if name == "checkpoint" and self is ssc and args:
            ssc._checkpoint_dir = args[0]
        if owner is not None:
            target, args = owner, (self,) + args  # the context is pickled as a reference
        else:
            target = _ref(log, self)
        log["calls"].append((target, name, args, kwargs, site,
                             _ref(log, result) if isinstance(result, DStream) else None))
        return result
    return wrapper


def install(StreamingContext, DStream):
    """Wraps the graph-building methods of both classes (called once, at import)."""
    for name in _CONTEXT_METHODS:
        setattr(StreamingContext, name, _recorded(name, getattr(StreamingContext, name)))
    for name, value in list(vars(DStream).items()):
        if name.startswith("_") or not callable(value) or name == "context":
            continue
        setattr(DStream, name, _recorded(name, value))


_OWNERS = {}


def install_factories(owner, cls, names):
    """Wraps static stream factories (KafkaUtils.createStream, createDirectStream), whose first
    argument is the StreamingContext, so a recovered graph replays them too."""
    _OWNERS[owner] = cls
    for name in names:
        setattr(cls, name, staticmethod(_recorded(name, getattr(cls, name), owner)))


def _dumps(obj, log):
    """cloudpickle, with contexts, DStreams and RDDs written as references."""
    import cloudpickle
    from pyspark.context import SparkContext
    from pyspark.rdd import RDD
    from pyspark.streaming.context import StreamingContext
    from pyspark.streaming.dstream import DStream

    class Pickler(cloudpickle.CloudPickler):
        def persistent_id(self, o):
            if isinstance(o, StreamingContext):
                return ("ssc",)
            if isinstance(o, SparkContext):
                return ("sc",)
            if isinstance(o, DStream):
                return ("dstream", _ref(log, o))
            if isinstance(o, RDD):
                return ("rdd",)
            return None

    buf = io.BytesIO()
    Pickler(buf, protocol=pickle.DEFAULT_PROTOCOL).dump(obj)
    return buf.getvalue()


def write_graph(ssc):
    """At start, with a checkpoint directory: the recorded calls, or the SparkException of
    StreamingContext.validate's Checkpoint.serialize when a function cannot be pickled."""
    directory = ssc.__dict__.get("_checkpoint_dir")
    log = ssc.__dict__.get("_graph_log")
    if not directory or log is None:
        return
    try:
        calls = [(target, name, _dumps((args, kwargs), log), site, result)
                 for target, name, args, kwargs, site, result in log["calls"]]
    except Exception as e:
        # PythonTransformFunctionSerializer.serialize: the Python failure (CloudPickleSerializer's
        # PicklingError) becomes a SparkException, which StreamingContext.validate lets through.
        msg = str(e) if isinstance(e, pickle.PicklingError) else \
            "Could not serialize object: %s: %s" % (type(e).__name__, e)
        raise _internal.make_java_error(
            "org.apache.spark.SparkException",
            "An exception was raised by Python:\n_pickle.PicklingError: %s" % msg) from None
    sc = ssc._sc
    data = {"conf": sc._conf.getAll(), "batchDuration": ssc._batchDuration, "calls": calls}
    os.makedirs(directory, exist_ok=True)
    path = os.path.join(directory, GRAPH_FILE)
    with open(path + ".tmp", "wb") as f:
        pickle.dump(data, f)
    os.replace(path + ".tmp", path)


def _failed(directory, cause):
    return _internal.make_java_error(
        "org.apache.spark.SparkException",
        "Failed to read checkpoint from directory %s\nCaused by: %s" % (directory, cause))


def recover(directory):
    """A StreamingContext rebuilt from the graph in directory (setupFunc is not called)."""
    from pyspark.conf import SparkConf
    from pyspark.context import SparkContext
    from pyspark.streaming.context import StreamingContext
    try:
        with open(os.path.join(directory, GRAPH_FILE), "rb") as f:
            data = pickle.load(f)
    except Exception as e:
        raise _failed(directory, "java.io.IOException: %s: %s" % (type(e).__name__, e)) from None
    # PySpark's getOrCreate: the active SparkContext, or a new one from the checkpoint's conf
    sc = SparkContext._active_spark_context
    if sc is None:
        sc = SparkContext(conf=SparkConf().setAll(data["conf"]))
    ssc = StreamingContext(sc, data["batchDuration"])
    streams = {}

    def resolve(ref):
        if ref == "ssc":
            return ssc
        if isinstance(ref, str):
            if ref == "KafkaUtils":
                import pyspark.streaming.kafka  # noqa: F401  (registers its factories)
            return _OWNERS[ref]
        return streams[ref]

    def persistent_load(pid):
        if pid[0] == "ssc":
            return ssc
        if pid[0] == "sc":
            return sc
        if pid[0] == "dstream":
            return streams[pid[1]]
        return sc.parallelize([])

    real_user_frame = _internal.user_frame
    try:
        for target, name, blob, site, result in data["calls"]:
            up = pickle.Unpickler(io.BytesIO(blob))
            up.persistent_load = persistent_load
            try:
                args, kwargs = up.load()
            except Exception as e:
                raise _failed(directory, "java.io.InvalidClassException: %s: %s" % (type(e).__name__, e)) from None
            # The DStreams keep the call sites of the run that created them.
            _internal.user_frame = lambda site=site: site
            out = getattr(resolve(target), name)(*args, **kwargs)
            if result is not None:
                streams[result] = out
    finally:
        _internal.user_frame = real_user_frame
    return ssc
