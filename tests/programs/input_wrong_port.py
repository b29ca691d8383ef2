# The input feeds port 9999 (input_wrong_port.args) but the program reads port 7777: that
# input can never be received. DStream Lab warns once, naming both ports, and the run ends
# (on Spark the receiver would retry forever). The receiver's own "Error connecting" warning
# is Spark's (ReceiverSupervisorImpl restarts a receiver that cannot connect every 2 s).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "WrongPort")
ssc = StreamingContext(sc, 1)
ssc.socketTextStream("localhost", 7777).count().pprint()
ssc.start()
ssc.awaitTermination()
