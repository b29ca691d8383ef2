# Receivers, blocks and partitions: the socket receiver cuts what it received into a block every
# 200 ms (spark.streaming.blockInterval), and each batch's BlockRDD has one partition per block.
# glom() turns every partition into one list, so pprint shows the blocks themselves.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="BlocksAndPartitions")
    ssc = StreamingContext(sc, 2)  # a batch interval of 2 seconds
    lines = ssc.socketTextStream("localhost", 9999)
    blocks = lines.glom()  # one list of lines per partition, that is per block
    blocks.pprint()
    ssc.start()
    ssc.awaitTermination()
