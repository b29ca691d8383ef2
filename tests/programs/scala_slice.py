# Scala case "slice" (scala_cases.json, from BasicOperationsSuite.scala) in PySpark.
#   stream.foreachRDD(_ => {}); ssc.start(); Thread.sleep(2000)
#   stream.slice(new Time(fromMillis), new Time(toMillis)).flatMap(_.collect()).toSet
# The case's times are relative to the zero time (the start): batch i is at start + i s.
# Each slice prints one line: the (simulated) time, then {"from_ms", "to_ms", "set"} as JSON;
# tst_programs compares them with the case's "expected" (sets). The queue holds the case's
# batches in order; slice computes the batches the clock has not reached yet on demand
# (getOrCompute), taking the next queue items, as TestInputStream's by-index input does.
import datetime
import json
import time

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseSlice")
ssc = StreamingContext(sc, 1)
stream = ssc.queueStream([sc.parallelize(b, 2) for b in [[1], [2], [3], [4]]])
stream.foreachRDD(lambda rdd: None)
ssc.start()
zero = sc.startTime / 1000.0
time.sleep(2)


def getInputFromSlice(fromMillis, toMillis):
    rdds = stream.slice(zero + fromMillis / 1000.0, zero + toMillis / 1000.0)
    got = sorted(set(x for r in rdds for x in r.collect()))
    print(datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
          json.dumps({"from_ms": fromMillis, "to_ms": toMillis, "set": got}))


getInputFromSlice(0, 1000)
getInputFromSlice(0, 2000)
getInputFromSlice(1000, 2000)
getInputFromSlice(2000, 4000)
ssc.stop()
