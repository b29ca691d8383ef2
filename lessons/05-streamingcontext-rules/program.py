# The five steps of every Spark Streaming program, then three of the StreamingContext's rules:
# nothing can be added once it has started, a stopped context cannot start again, and a
# SparkContext kept by stop(stopSparkContext=False) can serve a new StreamingContext.
from py4j.protocol import Py4JJavaError
from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def spark_error(e):
    # py4j's text is "An error occurred while calling ...\n: java.lang.XxxException: message..."
    return str(e).splitlines()[1].lstrip(": ")


if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="ContextRules")
    # 1. create the StreamingContext: the SparkContext and a batch interval of 1 second
    ssc = StreamingContext(sc, 1)
    # 2. define the input source
    lines = ssc.socketTextStream("localhost", 9999)
    # 3. define the transformations and an output operation
    words = lines.flatMap(lambda line: line.split(" "))
    words.pprint()
    # 4. start receiving and processing
    ssc.start()
    # 5. wait (here 2.5 seconds, not forever), then stop
    ssc.awaitTerminationOrTimeout(2.5)

    # Rule 1: once started, no new DStream or output operation can be added
    try:
        words.map(lambda word: (word, 1)).pprint()
    except Py4JJavaError as e:
        print("rule 1:", spark_error(e))

    # stop the StreamingContext only: the SparkContext stays
    ssc.stop(stopSparkContext=False)

    # Rule 2: a stopped context cannot be started again
    try:
        ssc.start()
    except Py4JJavaError as e:
        print("rule 2:", spark_error(e))

    # Rule 5: the same SparkContext makes a new StreamingContext (here with a 2-second interval)
    ssc2 = StreamingContext(sc, 2)
    words2 = ssc2.queueStream([sc.parallelize(["second", "context"]), sc.parallelize(["same", "SparkContext"])])
    words2.pprint()
    ssc2.start()
    ssc2.awaitTerminationOrTimeout(4)
    ssc2.stop()  # stops the SparkContext too
