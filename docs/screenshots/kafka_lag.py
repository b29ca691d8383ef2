# The Kafka tab's picture (README): a direct stream held back by maxRatePerPartition, so each
# 1 s batch reads at most 2 messages of test-0 and the rest waits (lag).
from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

conf = SparkConf().set("spark.streaming.kafka.maxRatePerPartition", "2")
sc = SparkContext("local[2]", "KafkaLag", conf=conf)
ssc = StreamingContext(sc, 1)
stream = KafkaUtils.createDirectStream(ssc, ["test"], {"metadata.broker.list": "localhost:9092",
                                                       "auto.offset.reset": "smallest"})
words = stream.flatMap(lambda kv: kv[1].split(" ")).map(lambda w: (w, 1)).reduceByKey(lambda a, b: a + b)
words.pprint()
ssc.start()
ssc.awaitTermination()
