# Lesson 6's variant: spark.streaming.blockInterval set to 1000ms, so the receiver cuts a block
# once a second and a 2-second batch has at most two blocks, that is two partitions.
from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext

if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="BlocksAndPartitions",
                      conf=SparkConf().set("spark.streaming.blockInterval", "1000ms"))
    ssc = StreamingContext(sc, 2)  # a batch interval of 2 seconds
    lines = ssc.socketTextStream("localhost", 9999)
    blocks = lines.glom()  # one list of lines per partition, that is per block
    blocks.pprint()
    ssc.start()
    ssc.awaitTermination()
