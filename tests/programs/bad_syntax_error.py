# A syntax error: the program never starts; Python's own message names the file and line.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "SyntaxError")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
words = lines.flatMap(lambda line: line.split(" ")
words.pprint()
ssc.start()
ssc.awaitTermination()
