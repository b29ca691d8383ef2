# A finite sequence of timed waits runs to its end and the program's own code after it runs,
# even when all input was processed long before: awaitTerminationOrTimeout returns False after
# each timeout (StreamingContext.scala awaitTerminationOrTimeout: true only once stopped).
# Checked by hand: batches every second from 10:00:01; waits end at 1.5, 3.0, 4.5 and 6.5 s.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "TimedWaits")
ssc = StreamingContext(sc, 1)
ssc.queueStream([["a"]]).count().pprint()
ssc.start()
r1 = ssc.awaitTerminationOrTimeout(1.5)
print("r1", r1)
r2 = ssc.awaitTerminationOrTimeout(1.5)
print("r2", r2)
r3 = ssc.awaitTerminationOrTimeout(1.5)
print("r3", r3)
for i in range(12):
    ssc.awaitTerminationOrTimeout(0.1)
ssc.awaitTermination(0.8)
print("waited in a for loop")
ssc.stop()
print("stopped; awaitTerminationOrTimeout now:", ssc.awaitTerminationOrTimeout(1))
print("END")
