# A misspelt method: DStream has flatMap, not flatmap (Python's AttributeError, as in PySpark).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "UnknownMethod")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
words = lines.flatmap(lambda line: line.split(" "))
words.pprint()
ssc.start()
ssc.awaitTermination()
