# Scala case "repartition (fewer partitions)" (scala_cases.json, from BasicOperationsSuite) in PySpark:
#   r.repartition(2)
# Each batch prints one line: its time, then its records as JSON (the number of partitions and the sorted records).
# tst_programs checks these lines against the case's "expected".
import json

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ScalaCaseRepartitionFewer")
ssc = StreamingContext(sc, 1)

batches = [list(range(1, 101)), list(range(101, 201)), list(range(201, 301))]
stream = ssc.queueStream([sc.parallelize(b, 5) for b in batches])
result = stream.repartition(2)


def show(time, rdd):
    record = {"partitions": len(rdd.glom().collect()), "records": sorted(rdd.collect())}
    print(time, json.dumps(record))


result.foreachRDD(show)
ssc.start()
ssc.awaitTermination()
