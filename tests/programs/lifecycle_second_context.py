# Only one StreamingContext may be active: creating a second one is fine, starting it while
# the first runs is not (StreamingContext.assertNoOtherContextIsActive).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "SecondContext")
ssc = StreamingContext(sc, 1)
ssc.queueStream([[1], [2]]).pprint()
ssc.start()
other = StreamingContext(sc, 2)
other.queueStream([[3]]).pprint()
print("second context created")
other.start()
