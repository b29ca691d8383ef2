# Lesson 11's variant: the same program without ssc.checkpoint(...). Spark refuses to start a
# state stream without a checkpoint directory; the program prints Spark's error.
from py4j.protocol import Py4JJavaError
from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def update(actions, count):
    # actions: this batch's actions of the user (maybe none); count: None when not in the state
    if "logout" in actions:
        return None  # the user leaves the state
    return (count or 0) + len(actions)


if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="OnlineUsers")
    ssc = StreamingContext(sc, 1)
    lines = ssc.socketTextStream("localhost", 9999)  # "ACTION USER"
    actions = lines.map(lambda line: (line.split(" ")[1], line.split(" ")[0]))  # (user, action)
    online = actions.updateStateByKey(update)
    online.transform(lambda rdd: rdd.sortByKey()).pprint()  # sorted by user, for reading
    try:
        ssc.start()
        ssc.awaitTermination()
    except Py4JJavaError as e:
        # py4j's text is "An error occurred while calling ...\n: java.lang.XxxException: message..."
        print("start() failed:", str(e).splitlines()[1].lstrip(": "))
        sc.stop()
