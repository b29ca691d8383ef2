"""SparkContext, as pyspark/context.py (PySpark 3.5), backed by DStream Lab's simulated Spark.

The methods PySpark has and DStream Lab does not simulate are listed in
``SparkContext._UNSUPPORTED`` with the reason, and in docs/pyspark-api.md.
"""

import os
import random
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
            # The generator behind every seed PySpark would draw at random (RDD.sample and
            # randomSplit without a seed): seeded from the simulation's seed, so a run repeats.
            seed = getattr(_dstreamlab, "seed", None)
            self._random = random.Random(seed() if callable(seed) else 42)
            self._broadcast_ids = 0
            SparkContext._active_spark_context = self

    def __repr__(self):
        return "<SparkContext master=%s appName=%s>" % (self.master, self.appName)

    def __getnewargs__(self):
        # pyspark/context.py (2.4): a function shipped to the executors must not capture the
        # context (PySpark 3.5 says the same in a PySparkRuntimeError).
        raise Exception(
            "It appears that you are attempting to reference SparkContext from a broadcast "
            "variable, action, or transformation. SparkContext can only be used on the driver, "
            "not in code that it run on workers. For more information, see SPARK-5063.")

    @classmethod
    def _random_seed(cls, low, high):
        """A seed drawn from the active context's generator (pyspark draws random ones)."""
        sc = cls._active_spark_context
        rng = sc._random if sc is not None else random.Random(42)
        return rng.randint(low, high)

    def _next_broadcast_id(self):
        self._broadcast_ids += 1
        return self._broadcast_ids - 1

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
        self._jsc_gone("version")
        import pyspark
        return pyspark.__version__

    @property
    def defaultParallelism(self):
        self._jsc_gone("sc")
        return self._jsc.defaultParallelism()

    @property
    def defaultMinPartitions(self):
        self._jsc_gone("sc")
        return min(self.defaultParallelism, 2)

    @property
    def startTime(self):
        self._jsc_gone("startTime")
        return _dstreamlab.start_ms()

    @property
    def applicationId(self):
        self._jsc_gone("sc")
        return "local-%d" % _dstreamlab.start_ms()

    def getConf(self):
        conf = SparkConf()
        conf.setAll(self._jsc.conf())
        return conf

    def setLogLevel(self, logLevel):
        """Accepted for compatibility; DStream Lab prints WARN and ERROR lines."""
        self._jsc_gone("setLogLevel")

    def setLocalProperty(self, key, value):
        """Stored for getLocalProperty (jobs of the simulation do not use it)."""
        self._jsc_gone("setLocalProperty")
        if value is None:
            self._localProperties.pop(key, None)
        else:
            self._localProperties[key] = str(value)

    def getLocalProperty(self, key):
        self._jsc_gone("getLocalProperty")
        return self._localProperties.get(key)

    def setJobGroup(self, groupId, description, interruptOnCancel=False):
        """SparkContext.setJobGroup: the group and description of later jobs (stored)."""
        self._jsc_gone("setJobGroup")
        self.setLocalProperty("spark.job.description", description)
        self.setLocalProperty("spark.jobGroup.id", groupId)
        self.setLocalProperty("spark.job.interruptOnCancel", str(interruptOnCancel).lower())

    def setJobDescription(self, value):
        self._jsc_gone("setJobDescription")
        self.setLocalProperty("spark.job.description", value)

    def setCheckpointDir(self, dirName):
        self._jsc_gone("sc")
        self._jsc.setCheckpointDir(dirName)

    def _call(self, method):
        return _internal.java_call(self._id, method)

    def parallelize(self, c, numSlices=None):
        """Distribute a local Python collection to form an RDD."""
        if numSlices is None:
            self._jsc_gone("sc")  # PySpark's first step: self.defaultParallelism
        if isinstance(c, range):
            c = list(c)
        elif not isinstance(c, list):
            c = list(c)
        self._jsc.setCallSite(_internal.callsite("parallelize"))
        with self._call("parallelize"):
            return RDD(self._jsc.parallelize(c, numSlices), self)

    def emptyRDD(self):
        self._jsc_gone("emptyRDD")
        with self._call("emptyRDD"):
            return RDD(self._jsc.emptyRDD(), self)

    def range(self, start, end=None, step=1, numSlices=None):
        if end is None:
            end, start = start, 0
        return self.parallelize(range(start, end, step), numSlices)

    def union(self, rdds):
        self._jsc_gone("union")
        self._jsc.setCallSite(_internal.callsite("union"))
        with self._call("union"):
            return RDD(self._jsc.union([r._jrdd for r in rdds]), self)

    def stop(self):
        with _lock:
            if getattr(self, "_jsc", None) is not None:
                self._jsc.stop()
            self._stopped_in_python = True
            if SparkContext._active_spark_context is self:
                SparkContext._active_spark_context = None

    def _jsc_gone(self, attr):
        """PySpark's stop() sets self._jsc = None, so a method whose first step is
        self._jsc.ATTR fails in Python then, with this AttributeError, before reaching the JVM
        (pyspark/context.py, Spark 3.5). DStream Lab keeps its handle, for the calls that do
        reach the JVM and fail there ("Cannot call methods on a stopped SparkContext")."""
        if getattr(self, "_stopped_in_python", False):
            raise AttributeError("'NoneType' object has no attribute '%s'" % attr)

    def _checkActive(self):
        if self._jsc.isStopped():
            raise Exception("Cannot call methods on a stopped SparkContext.")

    # ---- files (read by the driver's process: in local mode it is the executors') ----
    def textFile(self, name, minPartitions=None, use_unicode=True):
        """The lines of a text file, a directory of them, a glob or a comma-separated list, as
        Hadoop's TextInputFormat splits and reads them (pyspark/context.py textFile)."""
        minPartitions = minPartitions or self.defaultMinPartitions
        files = _input_files(name)
        splits = _text_splits(files, minPartitions)

        def read(_, it):
            for path, start, length in it:
                for line in _read_lines(path, start, length):
                    yield line.decode("utf-8", "replace") if use_unicode else line
        return self._file_rdd("textFile", name, splits, read)

    def wholeTextFiles(self, path, minPartitions=None, use_unicode=True):
        """(file path, whole content) pairs of the files of a directory (or glob, or list)."""
        return self._whole_files("wholeTextFiles", path, minPartitions,
                                 lambda data: data.decode("utf-8", "replace") if use_unicode else data)

    def binaryFiles(self, path, minPartitions=None):
        """(file path, content as bytes) pairs of the files of a directory (or glob, or list)."""
        return self._whole_files("binaryFiles", path, minPartitions, lambda data: data)

    def _whole_files(self, op, path, minPartitions, convert):
        # WholeTextFileInputFormat (a CombineFileInputFormat): files packed into splits of at
        # most ceil(total size / minPartitions) bytes, in name order.
        minPartitions = minPartitions or self.defaultMinPartitions
        files = _input_files(path)
        total = sum(os.path.getsize(f) for f in files)
        maxSplit = max(1, -(-total // max(int(minPartitions), 1)))
        splits, cur, size = [], [], 0
        for f in files:
            cur.append(f)
            size += os.path.getsize(f)
            if size >= maxSplit:
                splits.append(cur)
                cur, size = [], 0
        if cur:
            splits.append(cur)

        def read(_, it):
            for group in it:
                for f in group:
                    with open(f, "rb") as fh:
                        yield ("file:" + f, convert(fh.read()))
        return self._file_rdd(op, path, splits, read)

    def _file_rdd(self, op, name, splits, read):
        self._jsc.setCallSite(_internal.callsite(op))
        if not splits:
            rdd = self.emptyRDD()
        else:
            with self._call(op):
                base = RDD(self._jsc.parallelize(splits, len(splits)), self)
            rdd = base._mpwi(op, read)
        return rdd.setName(name)

    # ---- shared variables ----
    def broadcast(self, value):
        """A read-only variable shipped once to every executor (pyspark/broadcast.py)."""
        from pyspark.broadcast import Broadcast
        return Broadcast(self, value)

    def accumulator(self, value, accum_param=None):
        """An Accumulator: tasks add to it, the driver reads its value (pyspark/accumulators.py)."""
        from pyspark import accumulators
        if accum_param is None:
            if isinstance(value, int):
                accum_param = accumulators.INT_ACCUMULATOR_PARAM
            elif isinstance(value, float):
                accum_param = accumulators.FLOAT_ACCUMULATOR_PARAM
            elif isinstance(value, complex):
                accum_param = accumulators.COMPLEX_ACCUMULATOR_PARAM
            else:
                raise TypeError("No default accumulator param for type %s" % type(value))
        SparkContext._next_accum_id += 1
        return accumulators.Accumulator(SparkContext._next_accum_id - 1, value, accum_param)

    _next_accum_id = 0

    # ---- jobs ----
    def runJob(self, rdd, partitionFunc, partitions=None, allowLocal=False):
        """partitionFunc over the given partitions (all by default), one job; the results as
        one list."""
        if partitions is None:
            partitions = list(range(rdd.getNumPartitions()))
        mapped = rdd.mapPartitions(partitionFunc)
        return [x for part in mapped._runJob("runJob", list(partitions)) for x in part]

    def getCheckpointDir(self):
        """The directory set with setCheckpointDir, or None. (Spark adds a random UUID
        sub-directory; DStream Lab does not.)"""
        self._jsc_gone("sc")
        return self._jsc.checkpointDir()

    def sparkUser(self):
        """The user the application runs as (the SPARK_USER variable, else the login name)."""
        self._jsc_gone("sc")
        import getpass
        return os.environ.get("SPARK_USER") or getpass.getuser()

    @property
    def resources(self):
        """The resources (GPUs, ...) of the driver: none in local mode."""
        return {}

    def setInterruptOnCancel(self, interruptOnCancel):
        self.setLocalProperty("spark.job.interruptOnCancel", str(interruptOnCancel).lower())

    def _job_tags(self):
        tags = self.getLocalProperty("spark.job.tags")
        return set(t for t in (tags or "").split(",") if t)

    def addJobTag(self, tag):
        self._check_tag(tag)
        self.setLocalProperty("spark.job.tags", ",".join(sorted(self._job_tags() | {tag})))

    def removeJobTag(self, tag):
        self._check_tag(tag)
        tags = self._job_tags() - {tag}
        self.setLocalProperty("spark.job.tags", ",".join(sorted(tags)) if tags else None)

    def getJobTags(self):
        return self._job_tags()

    def clearJobTags(self):
        self.setLocalProperty("spark.job.tags", None)

    @staticmethod
    def _check_tag(tag):
        # SparkContext.throwIfInvalidTag
        if tag is None:
            raise _internal.make_java_error("java.lang.IllegalArgumentException", "Spark job tag cannot be null.")
        if "," in tag:
            raise _internal.make_java_error("java.lang.IllegalArgumentException",
                                            "Spark job tag cannot contain ','.")
        if not tag:
            raise _internal.make_java_error("java.lang.IllegalArgumentException",
                                            "Spark job tag cannot be an empty string.")

    def cancelJobGroup(self, groupId):
        """Cancels the running jobs of a group. The simulation runs each job to its end before
        the driver's next statement, so no job is ever running when this is called."""
        self._jsc_gone("sc")

    def cancelJobsWithTag(self, tag):
        """Cancels the running jobs with the tag: none can be running (see cancelJobGroup)."""
        self._check_tag(tag)

    def cancelAllJobs(self):
        """Cancels all running jobs: none can be running (see cancelJobGroup)."""
        self._jsc_gone("sc")

    _FILES = ("SparkFiles (shipping files to the executors) is not simulated: in local mode the "
              "executors share the driver's file system, so read the file by its path")
    _HADOOP = "no Hadoop: Hadoop InputFormats and SequenceFiles are JVM classes"
    #: PySpark 3.5 SparkContext methods DStream Lab does not simulate, and why
    #: (docs/pyspark-api.md).
    _UNSUPPORTED = {
        "binaryRecords": None,
        "pickleFile": _HADOOP,
        "sequenceFile": _HADOOP,
        "hadoopFile": _HADOOP,
        "hadoopRDD": _HADOOP,
        "newAPIHadoopFile": _HADOOP,
        "newAPIHadoopRDD": _HADOOP,
        "addFile": _FILES,
        "addPyFile": _FILES,
        "addArchive": _FILES,
        "listFiles": _FILES,
        "listArchives": _FILES,
        "setSystemProperty": "it sets a JVM system property, and DStream Lab has no JVM",
        "uiWebUrl": "there is no Spark web UI: the DStream Lab window shows the run",
        "statusTracker": "StatusTracker reads the JVM's job and stage tables: the DStream Lab window shows them",
        "show_profiles": "Python worker profiling (spark.python.profile) is not simulated",
        "dump_profiles": "Python worker profiling (spark.python.profile) is not simulated",
    }

    def __getattr__(self, name):
        if name in SparkContext._UNSUPPORTED:
            _unsupported("SparkContext", name, SparkContext._UNSUPPORTED[name])
        prop = getattr(type(self), name, None)
        if isinstance(prop, property):  # it raised AttributeError (_jsc_gone): that one, as PySpark
            return prop.fget(self)
        raise AttributeError("'SparkContext' object has no attribute '%s'" % name)


def _input_files(name):
    """The files Hadoop's FileInputFormat reads for a path: comma-separated paths, each a file,
    a directory (its files, not recursively, without hidden ones: names starting with _ or .) or
    a glob. Listed in name order (Hadoop keeps the file system's order, which varies)."""
    import glob
    files = []
    for p in str(name).split(","):
        p = p[len("file:"):] if p.startswith("file:") else p
        p = os.path.abspath(os.path.expanduser(p))
        matches = sorted(glob.glob(p)) if glob.has_magic(p) else ([p] if os.path.exists(p) else [])
        if not matches:
            # FileInputFormat.listStatus (org.apache.hadoop.mapred)
            if glob.has_magic(p):
                msg = "Input Pattern file:%s matches 0 files" % p
            else:
                msg = "Input path does not exist: file:%s" % p
            raise _internal.make_java_error("org.apache.hadoop.mapred.InvalidInputException", msg)
        for m in matches:
            if os.path.isdir(m):
                files.extend(os.path.join(m, f) for f in sorted(os.listdir(m))
                             if not f.startswith((".", "_")) and os.path.isfile(os.path.join(m, f)))
            else:
                files.append(m)
    return files


def _text_splits(files, minPartitions):
    """FileInputFormat.getSplits (org.apache.hadoop.mapred): goal size total / minPartitions,
    split size max(1, min(goal, block size 32 MB)), a split while more than 1.1 splits remain;
    an empty file is one empty split."""
    total = sum(os.path.getsize(f) for f in files)
    goal = total // (minPartitions if minPartitions else 1)
    splitSize = max(1, min(goal, 32 * 1024 * 1024))
    splits = []
    for f in files:
        length = os.path.getsize(f)
        if length == 0:
            splits.append((f, 0, 0))
            continue
        remaining = length
        while float(remaining) / splitSize > 1.1:
            splits.append((f, length - remaining, splitSize))
            remaining -= splitSize
        if remaining:
            splits.append((f, length - remaining, remaining))
    return splits


def _read_lines(path, start, length):
    """Hadoop's LineRecordReader over one split: a split not at the file's start skips its first
    (partial) line; lines starting up to and including the split's end are read. Lines end at
    \\n, \\r or \\r\\n."""
    with open(path, "rb") as f:
        data = f.read()
    end = start + length
    n = len(data)

    def line_end(pos):
        """(end of the line's text, start of the next line)."""
        i = pos
        while i < n and data[i] not in (10, 13):
            i += 1
        if i >= n:
            return i, n
        if data[i] == 13 and i + 1 < n and data[i + 1] == 10:
            return i, i + 2
        return i, i + 1

    pos = start
    if start != 0:
        pos = line_end(start)[1]
    while pos <= end and pos < n:
        text_end, nxt = line_end(pos)
        yield data[pos:text_end]
        pos = nxt
