# reduceByKey needs a function of two arguments; a one-argument lambda is reported at this
# line, before the program starts, with the lambda's own line.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "ArgumentCount")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
pairs = lines.flatMap(lambda line: line.split(" ")).map(lambda word: (word, 1))
counts = pairs.reduceByKey(lambda x: x + 1)
counts.pprint()
ssc.start()
ssc.awaitTermination()
