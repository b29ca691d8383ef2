# Writes every line of a batch into a database from the executors, one connection per partition:
# the pattern the Spark Streaming programming guide recommends for foreachRDD ("Design Patterns
# for using foreachRDD": rdd.foreachPartition with a connection per partition). Each row names
# its batch, so the table shows a line written twice when its task ran twice.
import pymysql

from pyspark import SparkContext
from pyspark.streaming import StreamingContext


def saver(time):
    batch = time.strftime("%H:%M:%S")

    def save(lines):
        db = pymysql.connect(host="localhost", user="root", password="", database="spark")
        cursor = db.cursor()
        cursor.execute("CREATE TABLE IF NOT EXISTS wordcount (batch VARCHAR(32), word VARCHAR(64), count INT)")
        for line in lines:
            cursor.execute("INSERT INTO wordcount VALUES (%s, %s, %s)", (batch, line, 1))
        db.commit()
        db.close()

    return save


if __name__ == "__main__":
    sc = SparkContext("local[2]", appName="PartitionWritesDB")
    ssc = StreamingContext(sc, 1)
    lines = ssc.socketTextStream("localhost", 9999)
    lines.foreachRDD(lambda time, rdd: rdd.foreachPartition(saver(time)))
    ssc.start()
    ssc.awaitTermination()
