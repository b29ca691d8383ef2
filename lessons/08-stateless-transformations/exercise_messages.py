# Lesson 8's exercise, solved: the alerts are printed without their level ("disk full" instead
# of "ERROR disk full"): a map after the union drops the first word of each line.
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
    alerts = errors.union(warnings).map(lambda line: line.split(" ", 1)[1])  # the message only
    levelCounts = levels.countByValue()                           # countByValue: (value, count)
    wordCount = words.count()                                     # one number per batch

    alerts.pprint()
    levelCounts.pprint()
    wordCount.pprint()
    ssc.start()
    ssc.awaitTermination()
