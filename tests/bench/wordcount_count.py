# The course's network word count with an output that computes every partition (count()), as
# benchmarked against plain CPython by python_vs_plain.sh: pprint would stop after 11 records.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", appName="NetworkWordCount")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream('localhost', 9999)
words = lines.flatMap(lambda line: line.split(" "))
pairs = words.map(lambda word: (word, 1))
wordCounts = pairs.reduceByKey(lambda x, y: x + y)
wordCounts.foreachRDD(lambda rdd: rdd.count())
ssc.start()
ssc.awaitTermination()
