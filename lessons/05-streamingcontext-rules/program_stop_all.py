# Rule 4: stop() without arguments stops the SparkContext as well, so the SparkContext cannot
# make a new StreamingContext afterwards.
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="ContextRules")
    ssc = StreamingContext(sc, 1)
    lines = ssc.socketTextStream("localhost", 9999)
    words = lines.flatMap(lambda line: line.split(" "))
    words.pprint()
    ssc.start()
    ssc.awaitTerminationOrTimeout(2.5)
    ssc.stop()  # stopSparkContext=True by default

    # Rule 4: the SparkContext went with it
    try:
        ssc2 = StreamingContext(sc, 2)
        words2 = ssc2.queueStream([sc.parallelize(["second", "context"]), sc.parallelize(["same", "SparkContext"])])
        words2.pprint()
        ssc2.start()
        ssc2.awaitTerminationOrTimeout(4)
        ssc2.stop()
    except Exception:
        # PySpark fails here on its side (the stopped SparkContext has no JVM context any more)
        print("rule 4: the SparkContext was stopped with the StreamingContext")
