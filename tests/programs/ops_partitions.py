# Partition-level operations: glom, mapPartitionsWithIndex, partitionBy with a custom
# partitioner, and repartition. The socket receiver cuts a block every 200 ms, one partition
# per block (spark.streaming.blockInterval). PySpark's repartition moves records in pickled
# batches of 10, each batch to the partition RDD.coalesce picks for its input partition
# (java.util.Random(byteswap32(index))), so small partitions move whole: sizes [0, 4, 2].
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "Partitions")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)

lines.glom().pprint()
lines.mapPartitionsWithIndex(lambda i, it: [(i, len(list(it)))]).pprint()

numbers = lines.flatMap(lambda line: [int(x) for x in line.split()])
byParity = numbers.map(lambda n: (n, n * n)).partitionBy(2, lambda n: n % 2)
byParity.glom().pprint()
numbers.repartition(3).glom().map(len).pprint()
ssc.start()
ssc.awaitTermination()
