# Lesson 18: what a killed driver loses from a receiver. The receiver-based Kafka stream
# (PySpark 2.4's KafkaUtils.createStream) keeps running totals with updateStateByKey; the driver
# is restartable with StreamingContext.getOrCreate, as lesson 13's. Without the receivers'
# write-ahead log, the blocks a receiver has stored live only in memory. This version turns the
# log on: each block is written to the checkpoint folder before the receiver reports it, and the
# receiver (the ReliableKafkaReceiver) commits its offsets only once a block is stored.
from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

CHECKPOINT = "checkpoint"  # relative: the folder the program runs in


def updateTotal(newCounts, total):
    return sum(newCounts) + (total or 0)


def createContext():
    print("Creating new context")
    conf = SparkConf().setMaster("local[2]").setAppName("ReceiverWordCount")
    conf.set("spark.streaming.receiver.writeAheadLog.enable", "true")
    sc = SparkContext(conf=conf)
    ssc = StreamingContext(sc, 1)
    ssc.checkpoint(CHECKPOINT)
    messages = KafkaUtils.createStream(ssc, "localhost:2181", "word-count", {"words": 1})
    words = messages.map(lambda kv: kv[1]).flatMap(lambda line: line.split(" "))
    totals = words.map(lambda word: (word, 1)).updateStateByKey(updateTotal)
    totals.checkpoint(1)  # the state's RDD into the checkpoint every batch (1 s)
    totals.pprint()
    return ssc


if __name__ == "__main__":
    ssc = StreamingContext.getOrCreate(CHECKPOINT, createContext)
    ssc.start()
    ssc.awaitTermination()
