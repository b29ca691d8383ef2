"""SparkContext, as pyspark/context.py, backed by DStream Lab's simulated Spark."""

import os
import threading

import _dstreamlab
from pyspark import _internal
from pyspark.conf import SparkConf
from pyspark.rdd import RDD, _unsupported

_lock = threading.RLock()
_ids = iter(range(1, 1 << 62))


class SparkContext(object):
    """Main entry point for Spark functionality (a simulated local Spark)."""

    _active_spark_context = None
    _next_id = 0

    def __init__(self, master=None, appName=None, sparkHome=None, pyFiles=None, environment=None,
                 batchSize=0, serializer=None, conf=None, gateway=None, jsc=None, profiler_cls=None):
        with _lock:
            if SparkContext._active_spark_context is not None:
                cur = SparkContext._active_spark_context
                # pyspark/context.py _ensure_initialized
                raise ValueError(
                    "Cannot run multiple SparkContexts at once; existing SparkContext(app=%s, master=%s)"
                    " created by %s at %s:%s " % (cur.appName, cur.master, "__init__",
                                                  os.path.basename(cur._site[0]), cur._site[1]))
            self._conf = conf or SparkConf()
            if master:
                self._conf.setMaster(master)
            if appName:
                self._conf.setAppName(appName)
            if sparkHome:
                self._conf.setSparkHome(sparkHome)
            if not self._conf.contains("spark.master"):
                raise Exception("A master URL must be set in your configuration")
            if not self._conf.contains("spark.app.name"):
                raise Exception("An application name must be set in your configuration")
            self._site = _internal.user_frame()
            SparkContext._next_id += 1
            self._id = next(_ids)
            with _internal.java_call(self._id, "SparkContext"):
                self._jsc = _dstreamlab.SparkContext(self._conf.getAll())
            self.master = self._jsc.master()
            self.appName = self._jsc.appName()
            self.sparkHome = sparkHome
            self.environment = environment or {}
            self.pythonExec = "python3"
            self.pythonVer = "3.11"
            self._localProperties = {}
            SparkContext._active_spark_context = self

    def __repr__(self):
        return "<SparkContext master=%s appName=%s>" % (self.master, self.appName)

    def __enter__(self):
        return self

    def __exit__(self, type, value, trace):
        self.stop()

    @classmethod
    def getOrCreate(cls, conf=None):
        with _lock:
            if SparkContext._active_spark_context is None:
                SparkContext(conf=conf or SparkConf())
            return SparkContext._active_spark_context

    @property
    def version(self):
        import pyspark
        return pyspark.__version__

    @property
    def defaultParallelism(self):
        return self._jsc.defaultParallelism()

    @property
    def defaultMinPartitions(self):
        return min(self.defaultParallelism, 2)

    @property
    def startTime(self):
        return _dstreamlab.start_ms()

    @property
    def applicationId(self):
        return "local-%d" % _dstreamlab.start_ms()

    def getConf(self):
        conf = SparkConf()
        conf.setAll(self._jsc.conf())
        return conf

    def setLogLevel(self, logLevel):
        """Accepted for compatibility; DStream Lab prints WARN and ERROR lines."""

    def setLocalProperty(self, key, value):
        """Stored for getLocalProperty (jobs of the simulation do not use it)."""
        if value is None:
            self._localProperties.pop(key, None)
        else:
            self._localProperties[key] = str(value)

    def getLocalProperty(self, key):
        return self._localProperties.get(key)

    def setJobGroup(self, groupId, description, interruptOnCancel=False):
        """SparkContext.setJobGroup: the group and description of later jobs (stored)."""
        self.setLocalProperty("spark.job.description", description)
        self.setLocalProperty("spark.jobGroup.id", groupId)
        self.setLocalProperty("spark.job.interruptOnCancel", str(interruptOnCancel).lower())

    def setJobDescription(self, value):
        self.setLocalProperty("spark.job.description", value)

    def setCheckpointDir(self, dirName):
        self._jsc.setCheckpointDir(dirName)

    def _call(self, method):
        return _internal.java_call(self._id, method)

    def parallelize(self, c, numSlices=None):
        """Distribute a local Python collection to form an RDD."""
        if isinstance(c, range):
            c = list(c)
        elif not isinstance(c, list):
            c = list(c)
        self._jsc.setCallSite(_internal.callsite("parallelize"))
        with self._call("parallelize"):
            return RDD(self._jsc.parallelize(c, numSlices), self)

    def emptyRDD(self):
        with self._call("emptyRDD"):
            return RDD(self._jsc.emptyRDD(), self)

    def range(self, start, end=None, step=1, numSlices=None):
        if end is None:
            end, start = start, 0
        return self.parallelize(range(start, end, step), numSlices)

    def union(self, rdds):
        self._jsc.setCallSite(_internal.callsite("union"))
        with self._call("union"):
            return RDD(self._jsc.union([r._jrdd for r in rdds]), self)

    def stop(self):
        with _lock:
            if getattr(self, "_jsc", None) is not None:
                self._jsc.stop()
            if SparkContext._active_spark_context is self:
                SparkContext._active_spark_context = None

    def _checkActive(self):
        if self._jsc.isStopped():
            raise Exception("Cannot call methods on a stopped SparkContext.")

    _KNOWN_UNSUPPORTED = {
        "textFile", "wholeTextFiles", "binaryFiles", "binaryRecords", "pickleFile", "sequenceFile",
        "newAPIHadoopFile", "newAPIHadoopRDD", "hadoopFile", "hadoopRDD", "broadcast", "accumulator",
        "addFile", "addPyFile", "runJob", "show_profiles", "dump_profiles", "statusTracker",
        "setSystemProperty", "uiWebUrl", "sparkUser", "cancelJobGroup",
        "cancelAllJobs",
    }

    def __getattr__(self, name):
        if name in SparkContext._KNOWN_UNSUPPORTED:
            _unsupported("SparkContext", name)
        raise AttributeError("'SparkContext' object has no attribute '%s'" % name)
