# Every stream that must be checkpointed (updateStateByKey, mapWithState, and the windows with an
# inverse function, used or not) needs ssc.checkpoint(dir) before start(): Spark's
# DStream.validateAtStart fails the start and the context is stopped. Windows without an inverse
# function need no checkpoint directory.
import operator

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.state import StateSpec

sc = SparkContext("local[2]", "MissingCheckpointDirectory")
cases = [
    ("updateStateByKey", lambda s: s.map(lambda x: (x, 1)).updateStateByKey(lambda v, st: sum(v) + (st or 0))),
    ("mapWithState", lambda s: s.map(lambda x: (x, 1)).mapWithState(StateSpec.function(lambda k, v, st: k))),
    ("reduceByKeyAndWindow 2/1 with inverse", lambda s: s.map(lambda x: (x, 1)).reduceByKeyAndWindow(
        operator.add, operator.sub, 2, 1)),
    ("reduceByKeyAndWindow 10/1 with inverse", lambda s: s.map(lambda x: (x, 1)).reduceByKeyAndWindow(
        operator.add, operator.sub, 10, 1)),
    ("reduceByWindow with inverse", lambda s: s.reduceByWindow(operator.add, operator.sub, 2, 1)),
    ("countByWindow", lambda s: s.countByWindow(2, 1)),
    ("countByValueAndWindow", lambda s: s.countByValueAndWindow(2, 1)),
    ("groupByKeyAndWindow", lambda s: s.map(lambda x: (x, 1)).groupByKeyAndWindow(2, 1)),
    ("reduceByKeyAndWindow without inverse", lambda s: s.map(lambda x: (x, 1)).reduceByKeyAndWindow(
        operator.add, None, 2, 1)),
    ("reduceByWindow without inverse", lambda s: s.reduceByWindow(operator.add, None, 2, 1)),
]
for name, build in cases:
    ssc = StreamingContext(sc, 1)
    build(ssc.queueStream([[1]])).pprint()
    try:
        ssc.start()
        print(name, "-> started")
        ssc.stop(stopSparkContext=False)
    except Exception as e:
        print(name, "->", [line for line in str(e).splitlines() if "requirement failed" in line][0])
