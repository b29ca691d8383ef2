# Scala case "updateStateByKey" (scala_cases.json, from BasicOperationsSuite.scala) in PySpark.
#   (s: DStream[String]) => {
#     val updateFunc = (values: Seq[Int], state: Option[Int]) => {
#       Some(values.sum + state.getOrElse(0))
#     }
#     s.map(x => (x, 1)).updateStateByKey[Int](updateFunc)
#   }
# Each batch with output prints one line: its time, then its records as JSON (sorted: the
# case compares sets). tst_programs checks these lines against the case's "expected".
import json
import shutil
import tempfile

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseUpdatestatebykey")
ssc = StreamingContext(sc, 1)
checkpointDir = tempfile.mkdtemp(prefix="dstreamlab-ckpt-")
ssc.checkpoint(checkpointDir)

stream = ssc.queueStream([["a"], ["a", "b"], ["a", "b", "c"], ["a", "b"], ["a"], []])
result = stream.map(lambda x: (x, 1)).updateStateByKey(lambda values, state: sum(values) + (state or 0))


def show(time, rdd):
    print(time, json.dumps(sorted(rdd.collect(), key=repr)))


result.foreachRDD(show)
ssc.start()
try:
    ssc.awaitTermination()
finally:
    shutil.rmtree(checkpointDir)
