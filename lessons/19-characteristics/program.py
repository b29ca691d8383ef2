# Lesson 19: Spark Streaming's characteristics, shown on the course's network word count.
# Latency: a line is counted when the batch it falls into completes (batch interval 1 s).
# Throughput: a batch is one job over all its lines, a task per 200 ms block.
# Fault tolerance: a receiver that dies (kill-receiver 0) is started again.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "NetworkWordCount")  # one core for the receiver, one for the tasks
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
words = lines.flatMap(lambda line: line.split(" "))
pairs = words.map(lambda word: (word, 1))
wordCounts = pairs.reduceByKey(lambda a, b: a + b)
wordCounts.pprint()

ssc.start()
ssc.awaitTermination()
