# combineByKey: the average temperature per city in each batch, sorted by city with a
# transform (sortByKey).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "CombineByKey")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
readings = lines.map(lambda line: line.split(",")).map(lambda f: (f[0], float(f[1])))
sumCount = readings.combineByKey(lambda t: (t, 1),
                                 lambda acc, t: (acc[0] + t, acc[1] + 1),
                                 lambda a, b: (a[0] + b[0], a[1] + b[1]))
averages = sumCount.mapValues(lambda sc_: round(sc_[0] / sc_[1], 2))
averages.transform(lambda rdd: rdd.sortByKey()).pprint()
ssc.start()
ssc.awaitTermination()
