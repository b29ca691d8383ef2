# join pairs the records of two DStreams that share a key in the same batch; transform applies
# any RDD operation to each batch's RDD, here a join with a static RDD (a table of users).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="JoinAndTransform")
    ssc = StreamingContext(sc, 1)
    cities = sc.parallelize([("alice", "Beijing"), ("bob", "Shanghai")])  # a static table

    lines = ssc.socketTextStream("localhost", 9999)  # "view USER PAGE" or "buy USER ITEM"
    events = lines.map(lambda line: line.split(" "))
    views = events.filter(lambda e: e[0] == "view").map(lambda e: (e[1], e[2]))
    buys = events.filter(lambda e: e[0] == "buy").map(lambda e: (e[1], e[2]))

    viewedAndBought = views.join(buys)                          # (user, (page, item))
    buysWithCity = buys.transform(lambda rdd: rdd.join(cities))  # (user, (item, city))

    viewedAndBought.pprint()
    buysWithCity.pprint()
    ssc.start()
    ssc.awaitTermination()
