# Lesson 19: the same word count on a small cluster. local-cluster[2,2,1024] starts 2 executors
# with 2 cores and 1024 MB each (a master Spark's own tests use): 4 cores, one of them held by the
# receiver, 3 for the tasks. Scaling out is adding executors; the program does not change.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local-cluster[2,2,1024]", "NetworkWordCount")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
words = lines.flatMap(lambda line: line.split(" "))
pairs = words.map(lambda word: (word, 1))
wordCounts = pairs.reduceByKey(lambda a, b: a + b)
wordCounts.pprint()

ssc.start()
ssc.awaitTermination()
