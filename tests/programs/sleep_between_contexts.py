# time.sleep on the driver with no active StreamingContext (before the first, between two)
# lets simulated time pass too; each context starts at the time it is started, its first
# batch at the next whole batch interval (JobGenerator.startFirstTime). Checked by hand:
# start 1.5 s -> batch 2 s; stop 3.0 s; sleep 3 -> 6.0 s; start -> batch 7 s; stop 7.5 s.
import time
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
sc = SparkContext("local[2]", "SleepBetweenContexts")
time.sleep(1.5)
ssc = StreamingContext(sc, 1)
ssc.queueStream([[1]]).count().pprint()
ssc.start()
ssc.awaitTerminationOrTimeout(1.5)
ssc.stop(stopSparkContext=False)
time.sleep(3)
ssc2 = StreamingContext(sc, 1)
ssc2.queueStream([[2, 2]]).count().pprint()
ssc2.start()
ssc2.awaitTerminationOrTimeout(1.5)
ssc2.stop()
print(time.strftime("%H:%M:%S"))
