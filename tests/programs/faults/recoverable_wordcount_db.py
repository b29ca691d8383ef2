# A driver that can be restarted and writes every batch's word counts into a database: Spark's
# examples/src/main/python/streaming/recoverable_network_wordcount.py with the foreachRDD
# output of sql_network_wordcount.py, writing through pymysql as the course does. Each row names
# its batch, so the table says which records were processed once, twice or never.
import pymysql

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

CHECKPOINT = "checkpoint"  # relative: the folder the program runs in


def save(time, rdd):
    rows = rdd.collect()
    if not rows:
        return
    db = pymysql.connect(host="localhost", user="root", password="", database="spark")
    cursor = db.cursor()
    cursor.execute("CREATE TABLE IF NOT EXISTS wordcount (batch VARCHAR(32), word VARCHAR(64), count INT)")
    for word, count in rows:
        cursor.execute("INSERT INTO wordcount VALUES (%s, %s, %s)", (time.strftime("%H:%M:%S"), word, count))
    db.commit()
    db.close()


def createContext():
    print("Creating new context")
    sc = SparkContext("local[2]", appName="RecoverableWordCountDB")
    ssc = StreamingContext(sc, 1)
    ssc.checkpoint(CHECKPOINT)
    lines = ssc.socketTextStream("localhost", 9999)
    counts = lines.flatMap(lambda line: line.split(" ")).map(lambda word: (word, 1)).reduceByKey(lambda a, b: a + b)
    counts.transform(lambda rdd: rdd.sortByKey()).pprint()
    counts.foreachRDD(save)
    return ssc


if __name__ == "__main__":
    ssc = StreamingContext.getOrCreate(CHECKPOINT, createContext)
    ssc.start()
    ssc.awaitTermination()
