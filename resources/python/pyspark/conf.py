"""SparkConf, as pyspark/conf.py."""


class SparkConf(object):
    """Configuration for a Spark application: key/value string pairs."""

    def __init__(self, loadDefaults=True, _jvm=None, _jconf=None):
        self._conf = {}
        if loadDefaults:
            # The spark.* system properties spark-submit passes (SparkSubmit.scala): the master
            # (--master, default local[*]) and the app name (the program's file name).
            import os
            import sys
            import _dstreamlab
            self._conf["spark.master"] = _dstreamlab.master_override() or "local[*]"
            if sys.argv and sys.argv[0]:
                self._conf["spark.app.name"] = os.path.basename(sys.argv[0])

    def set(self, key, value):
        self._conf[key] = str(value) if not isinstance(value, bool) else str(value).lower()
        return self

    def setIfMissing(self, key, value):
        if key not in self._conf:
            self.set(key, value)
        return self

    def setMaster(self, value):
        return self.set("spark.master", value)

    def setAppName(self, value):
        return self.set("spark.app.name", value)

    def setSparkHome(self, value):
        return self.set("spark.home", value)

    def setExecutorEnv(self, key=None, value=None, pairs=None):
        if (key is not None and pairs is not None) or (key is None and pairs is None):
            raise Exception("Either pass one key-value pair or a list of pairs")
        for (k, v) in (pairs or [(key, value)]):
            self.set("spark.executorEnv." + k, v)
        return self

    def setAll(self, pairs):
        for (k, v) in pairs:
            self.set(k, v)
        return self

    def get(self, key, defaultValue=None):
        return self._conf.get(key, defaultValue)

    def getAll(self):
        return list(self._conf.items())

    def contains(self, key):
        return key in self._conf

    def toDebugString(self):
        return "\n".join("%s=%s" % (k, v) for k, v in sorted(self._conf.items()))
