# Lesson 9's exercise, solved: a purchase by a user missing from the table of cities is kept,
# with None as the city: leftOuterJoin inside transform instead of join.
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
    buysWithCity = buys.transform(lambda rdd: rdd.leftOuterJoin(cities))  # (user, (item, city or None))

    viewedAndBought.pprint()
    buysWithCity.pprint()
    ssc.start()
    ssc.awaitTermination()
