# The driver spins at module level after ssc.start() instead of waiting: Spark would hang here
# too. No batch runs meanwhile in DStream Lab (its simulated Spark advances in the program's
# waits), and no --seconds can end it; Ctrl-C (the dashboard's Stop) ends it with one line
# naming where the program was (the test sends SIGINT, see .interrupt).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "EndlessDriverLoop")
ssc = StreamingContext(sc, 1)
ssc.queueStream([["a"]]).pprint()
ssc.start()
print("started", flush=True)
while True:
    pass
