"""StateSpec for mapWithState.

mapWithState is part of Spark's Scala/Java API only (PySpark has no mapWithState). DStream Lab
offers it in Python so a class can compare it with updateStateByKey; a program using it runs in
DStream Lab but not on a real PySpark cluster.
"""


class StateSpec(object):
    """StateSpec.function(f).timeout(seconds).numPartitions(n).initialState(rdd_or_list).

    f(key, value, state) or f(batchTime, key, value, state); value is None when the key is
    timing out (state.isTimingOut()). state: exists(), get(), getOption(), update(s), remove(),
    isTimingOut(). The function's return value (unless None) goes to the mapped stream."""

    def __init__(self, func):
        self._func = func
        self._timeout = None
        self._numPartitions = None
        self._initial = None

    @classmethod
    def function(cls, func):
        from pyspark import _internal
        from pyspark.streaming import dstream
        if dstream._strict:  # PySpark has no StateSpec: its import would fail under spark-submit
            dstream._not_pyspark(None, "StateSpec", dstream._STATE_NOTE, ImportError,
                                 "cannot import name 'StateSpec' from 'pyspark.streaming'")
        _internal.check_function(func, "StateSpec.function", (3, 4))
        return cls(func)

    def timeout(self, seconds):
        self._timeout = seconds
        return self

    def numPartitions(self, n):
        self._numPartitions = int(n)
        return self

    def initialState(self, rdd):
        self._initial = rdd
        return self
