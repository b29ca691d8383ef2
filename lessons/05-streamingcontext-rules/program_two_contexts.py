# Rule 3: only one StreamingContext can be active in a JVM at a time.
from py4j.protocol import Py4JJavaError
from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def spark_error(e):
    # py4j's text is "An error occurred while calling ...\n: java.lang.XxxException: message..."
    return str(e).splitlines()[1].lstrip(": ")


if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="ContextRules")
    ssc = StreamingContext(sc, 1)
    lines = ssc.socketTextStream("localhost", 9999)
    words = lines.flatMap(lambda line: line.split(" "))
    words.pprint()
    ssc.start()
    ssc.awaitTerminationOrTimeout(2.5)

    # Rule 3: a second context may be created, but not started while the first is active
    ssc2 = StreamingContext(sc, 2)
    lines2 = ssc2.socketTextStream("localhost", 9999)
    lines2.pprint()
    try:
        ssc2.start()
    except Py4JJavaError as e:
        # Spark adds where the running context was started; that part depends on the machine
        print("rule 3:", spark_error(e).split(" Currently running")[0])

    ssc.awaitTerminationOrTimeout(2)  # the first context is still running
    ssc.stop()
