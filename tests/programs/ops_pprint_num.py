# pprint(num) prints at most num records with Python's str, then "..." when the batch has more
# (it takes num + 1). Records of every Python type print as PySpark prints them.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "PprintNum")
ssc = StreamingContext(sc, 1)
records = [("tuple", 1), ["a", "list"], {"key": "value"}, None, 2.5, 'it\'s "quoted"',
           "中文", (1, (2, 3)), True, 10 ** 20]
stream = ssc.queueStream([records, records[:2], []])
stream.pprint(3)
stream.pprint(2)
stream.pprint(0)
stream.pprint()
ssc.start()
ssc.awaitTermination()
