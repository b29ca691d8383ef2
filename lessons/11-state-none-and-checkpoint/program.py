# Who is online, and how many actions each user took since logging in: updateStateByKey keeps one
# state per user; returning None removes the user from the state (here: on logout).
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
    ssc.checkpoint("checkpoint")  # a state stream must checkpoint: without it start() fails
    lines = ssc.socketTextStream("localhost", 9999)  # "ACTION USER"
    actions = lines.map(lambda line: (line.split(" ")[1], line.split(" ")[0]))  # (user, action)
    online = actions.updateStateByKey(update)
    online.transform(lambda rdd: rdd.sortByKey()).pprint()  # sorted by user, for reading
    ssc.start()
    ssc.awaitTermination()
