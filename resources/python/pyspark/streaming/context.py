"""StreamingContext, as pyspark/streaming/context.py."""

import _dstreamlab
from pyspark import _internal
from pyspark.context import SparkContext
from pyspark.rdd import RDD, _unsupported
from pyspark.storagelevel import StorageLevel
from pyspark.streaming.dstream import DStream, _missing

__all__ = ["StreamingContext"]


class StreamingContext(object):
    """Main entry point for Spark Streaming functionality.

    ``batchDuration`` is in seconds. ``ssc.start()`` starts the simulated clock;
    ``awaitTermination`` and ``time.sleep`` on the driver let simulated time pass.
    """

    _activeContext = None

    def __init__(self, sparkContext, batchDuration=None, jssc=None):
        if not isinstance(sparkContext, SparkContext):
            raise TypeError("StreamingContext() expects a SparkContext as its first argument, got %r"
                            % (sparkContext,))
        if batchDuration is None:
            raise ValueError("Batch duration for StreamingContext cannot be null")
        self._sc = sparkContext
        self._id = sparkContext._id * 1000 + 1
        with _internal.java_call(self._id, "StreamingContext"):
            self._jssc = _dstreamlab.StreamingContext(sparkContext._jsc, self._jduration(batchDuration))
        self._batchDuration = batchDuration

    @staticmethod
    def _jduration(seconds):
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
            raise TypeError("batchDuration must be a number of seconds, got %r" % (seconds,))
        return int(seconds * 1000)

    def _call(self, method):
        return _internal.java_call(self._id, method)

    @property
    def sparkContext(self):
        return self._sc

    @classmethod
    def getActive(cls):
        """The active StreamingContext (started but not stopped), or None."""
        active = _dstreamlab.StreamingContext.getActive()
        cur = cls._activeContext
        if active is None or cur is None or not cur._jssc.same(active):
            return None
        return cur

    @classmethod
    def getActiveOrCreate(cls, checkpointPath, setupFunc):
        if setupFunc is None:
            raise Exception("setupFunc cannot be None")
        active = cls.getActive()
        if active is not None:
            return active
        if checkpointPath is not None:
            return cls.getOrCreate(checkpointPath, setupFunc)
        return setupFunc()

    @classmethod
    def getOrCreate(cls, checkpointPath, setupFunc):
        """Recreate a StreamingContext from checkpoint data, or create a new one with setupFunc.

        As in Spark, setupFunc is called only when there is no checkpoint: on recovery the
        DStreams are rebuilt from the graph written to the checkpoint folder at start() (with
        the functions of the first run), and every state stream continues from its last RDD
        checkpoint (see pyspark/streaming/_recovery.py). Without a write-ahead log the data a
        receiver got after that RDD checkpoint is lost, and a recovered inverse window never
        subtracts its batches from before the restart (Spark recomputes them empty): both are
        named in a WARN on stderr. As Spark's JobGenerator.restart, the batch times continue
        from the checkpoint: at start() the checkpoint's batch and those of the down time (up
        to the restart) run first, with no received data, then new batches follow.
        """
        if setupFunc is None:
            raise Exception("setupFunc cannot be None")
        import glob
        import os
        if glob.glob(os.path.join(checkpointPath, "checkpoint-*")):
            from pyspark.streaming import _recovery
            ssc = _recovery.recover(checkpointPath)
            with ssc._call("getOrCreate"):
                ssc._jssc.recoverFromCheckpoint(checkpointPath)
            return ssc
        ssc = setupFunc()
        if not isinstance(ssc, StreamingContext):
            raise TypeError("setupFunc must return a StreamingContext, got %r" % (ssc,))
        ssc.checkpoint(checkpointPath)
        return ssc

    def start(self):
        from pyspark.streaming import _recovery
        with self._call("start"):
            _recovery.write_graph(self)
            self._jssc.start("start at %s:%d" % _site_parts())
        StreamingContext._activeContext = self

    def awaitTermination(self, timeout=None):
        """Wait for the execution to stop (simulated time passes); ``timeout`` in seconds.

        Raises the error of a failed batch (the last one reported), as Spark's ContextWaiter
        does, and again on every later wait; ``time.sleep`` on the driver never raises it."""
        with self._call("awaitTermination"):
            if timeout is None:
                self._jssc.awaitTermination(None)
            else:
                self._jssc.awaitTermination(int(timeout * 1000), *_internal.wait_site())

    def awaitTerminationOrTimeout(self, timeout):
        """True if stopped, False if ``timeout`` seconds of simulated time elapsed."""
        with self._call("awaitTerminationOrTimeout"):
            return self._jssc.awaitTermination(int(timeout * 1000), *_internal.wait_site())

    def stop(self, stopSparkContext=True, stopGraceFully=False):
        with self._call("stop"):
            self._jssc.stop(bool(stopSparkContext), bool(stopGraceFully))
        StreamingContext._activeContext = None
        if stopSparkContext:
            self._sc.stop()

    def remember(self, duration):
        with self._call("remember"):
            self._jssc.remember(self._jduration(duration))

    def checkpoint(self, directory):
        with self._call("checkpoint"):
            self._jssc.checkpoint(directory)

    def _site(self, op):
        self._sc._jsc.setCallSite(_internal.callsite(op))

    def socketTextStream(self, hostname, port, storageLevel=StorageLevel.MEMORY_AND_DISK_2):
        """Lines from a TCP source hostname:port; in DStream Lab, from the nc panel or --input."""
        if isinstance(port, str) and port.isdigit():
            port = int(port)
        if isinstance(port, bool) or not isinstance(port, int):
            raise TypeError("socketTextStream() port must be an int, got %r" % (port,))
        self._site("socketTextStream")
        with self._call("socketTextStream"):
            return DStream(self._jssc.socketTextStream(str(hostname), port, storageLevel._tuple()), self)

    def textFileStream(self, directory):
        self._site("textFileStream")
        with self._call("textFileStream"):
            return DStream(self._jssc.textFileStream(str(directory)), self)

    def queueStream(self, rdds, oneAtATime=True, default=None):
        """A stream from a queue of RDDs (or lists); changes to the queue after the stream is
        created are not recognized (as in PySpark)."""
        if default and not isinstance(default, RDD):
            default = self._sc.parallelize(default)
        if not rdds and default:
            rdds = [rdds]
        rdds = list(rdds)
        if rdds and not isinstance(rdds[0], RDD):
            rdds = [self._sc.parallelize(input) for input in rdds]
        self._site("queueStream")
        with self._call("queueStream"):
            return DStream(self._jssc.queueStream([r._jrdd for r in rdds], bool(oneAtATime),
                                                  default._jrdd if default is not None else None), self)

    def transform(self, dstreams, transformFunc):
        """A DStream from transformFunc(rdds) or transformFunc(time, rdds) over several streams."""
        _internal.check_function(transformFunc, "transform", (1, 2))
        dstreams = list(dstreams)
        if not dstreams:
            raise ValueError("should have at least one DStream to transform")
        f = transformFunc
        if _nargs(f) == 1:
            f = (lambda g: lambda t, rdds: g(rdds))(transformFunc)
        first, others = dstreams[0], dstreams[1:]
        return first._derive("transform", "TransformedDStream", lambda rdds, t: f(t, rdds), others, _missing.FAIL)

    def union(self, *dstreams):
        if not dstreams:
            raise ValueError("should have at least one DStream to union")
        if len(dstreams) == 1:
            return dstreams[0]
        if len(set(s._slideDuration for s in dstreams)) > 1:
            raise ValueError("All DStreams should have same slide duration")
        self._site("union")
        with self._call("union"):
            return DStream(self._jssc.union([d._jdstream for d in dstreams]), self)

    #: PySpark 3.5 StreamingContext methods DStream Lab does not simulate yet
    #: (docs/pyspark-api.md says what each needs).
    _UNSUPPORTED = {
        "addStreamingListener": None,
        "binaryRecordsStream": None,
    }

    def __getattr__(self, name):
        if name in StreamingContext._UNSUPPORTED:
            _unsupported("StreamingContext", name, StreamingContext._UNSUPPORTED[name])
        raise AttributeError("'StreamingContext' object has no attribute '%s'" % name)


def _install_recovery():
    from pyspark.streaming import _recovery
    _recovery.install(StreamingContext, DStream)


_install_recovery()


def _site_parts():
    import os
    filename, line = _internal.user_frame()
    return (os.path.basename(filename), line)


def _nargs(f):
    import inspect
    try:
        params = [p for p in inspect.signature(f).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty]
        return len(params)
    except (TypeError, ValueError):
        return 1
