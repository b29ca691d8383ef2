# A real PySpark method that DStream Lab does not simulate: the error says which, and that it
# is part of PySpark.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "UnsupportedMethod")
ssc = StreamingContext(sc, 1)
records = ssc.binaryRecordsStream("/tmp/records", 16)
records.pprint()
ssc.start()
ssc.awaitTermination()
