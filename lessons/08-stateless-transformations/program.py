# Stateless transformations on a stream of log lines: each batch's RDD is transformed on its
# own, nothing is carried from one batch to the next.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="LogLevels")
    ssc = StreamingContext(sc, 1)
    lines = ssc.socketTextStream("localhost", 9999)  # "LEVEL message words ..."

    words = lines.flatMap(lambda line: line.split(" "))           # flatMap: 0..n records per line
    levels = lines.map(lambda line: line.split(" ")[0])           # map: exactly 1 record per line
    errors = lines.filter(lambda line: line.startswith("ERROR"))  # filter: keep or drop each line
    warnings = lines.filter(lambda line: line.startswith("WARN"))
    alerts = errors.union(warnings)                               # union: the records of both
    levelCounts = levels.countByValue()                           # countByValue: (value, count)
    wordCount = words.count()                                     # one number per batch

    alerts.pprint()
    levelCounts.pprint()
    wordCount.pprint()
    ssc.start()
    ssc.awaitTermination()
