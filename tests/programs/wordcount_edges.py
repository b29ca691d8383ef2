# The seed's network word count (English comments, no os.environ lines) on an input that
# probes the batch edges: lines before the receiver connects (0.1 s after start), a line at
# exactly a batch time, empty batches, more than ten keys ("..."), and double spaces (the
# empty string is a word of line.split(" ")).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="NetworkWordCount")
    ssc = StreamingContext(sc, 1)
    lines = ssc.socketTextStream("localhost", 9999)
    words = lines.flatMap(lambda line: line.split(" "))
    pairs = words.map(lambda word: (word, 1))
    wordCounts = pairs.reduceByKey(lambda x, y: x + y)
    wordCounts.pprint()
    ssc.start()
    ssc.awaitTermination()
