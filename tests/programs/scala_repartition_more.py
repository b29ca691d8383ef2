# Scala case "repartition (more partitions)" (scala_cases.json, from BasicOperationsSuite) in PySpark:
#   r.repartition(5)
# Each batch prints one line: its time, then its records as JSON (the number of partitions and the sorted records).
# tst_programs checks these lines against the case's "expected".
import json

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseRepartitionMore")
ssc = StreamingContext(sc, 1)

# queueStream parallelizes each list into defaultParallelism (2) partitions, as the
# Scala harness does with numInputPartitions = 2.
stream = ssc.queueStream([list(range(1, 101)), list(range(101, 201)), list(range(201, 301))])
result = stream.repartition(5)


def show(time, rdd):
    record = {"partitions": len(rdd.glom().collect()), "records": sorted(rdd.collect())}
    print(time, json.dumps(record))


result.foreachRDD(show)
ssc.start()
ssc.awaitTermination()
