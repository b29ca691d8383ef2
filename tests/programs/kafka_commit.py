# Offsets kept in Kafka: the direct stream commits each batch's ranges to its consumer group
# after its output (stream.commitAsync, the Kafka 0-10 integration's CanCommitOffsets), and a
# commit is applied only when the next batch is generated (DirectKafkaInputDStream.commitAll
# runs in compute). Worked by hand: topic "test" (1 partition) gets a at 0.5 s, b at 1.5 s,
# c at 2.5 s, d at 3.5 s. The first context reads [0, 1) at 10:00:01, [1, 2) at 10:00:02 and
# [2, 3) at 10:00:03; the commit of batch 1 lands at 10:00:02 and of batch 2 at 10:00:03; the
# program stops it at 10:00:03.5, so batch 3's commit (3) is still queued and never applied.
# The group's committed offset is 2. A second context with the same group.id starts there, not
# at the reset policy's "largest" (4 by then): its first batch, 10:00:04, reads c again and d,
# [2, 4): a stop after the output and before the commit is read twice (at least once).
from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

sc = SparkContext("local[2]", "KafkaCommit")
params = {"metadata.broker.list": "localhost:9092", "group.id": "g", "auto.offset.reset": "smallest"}


def run(label, seconds, reset):
    ssc = StreamingContext(sc, 1)
    stream = KafkaUtils.createDirectStream(ssc, ["test"], dict(params, **{"auto.offset.reset": reset}))

    def output(t, rdd):
        ranges = rdd.offsetRanges()
        print(label, t.strftime("%H:%M:%S"), [str(o) for o in ranges], sorted(rdd.values().collect()))
        stream.commitAsync(ranges)

    stream.foreachRDD(output)
    ssc.start()
    ssc.awaitTerminationOrTimeout(seconds)
    ssc.stop(stopSparkContext=False)


run("first", 3.5, "smallest")
run("second", 1.0, "largest")
# Only the stream createDirectStream returned can commit (Spark: only the InputDStream is a
# CanCommitOffsets), not what a transformation makes of it.
mapped = KafkaUtils.createDirectStream(StreamingContext(sc, 1), ["test"], params).map(lambda r: r)
print("a mapped stream can commit:", hasattr(mapped, "commitAsync"))
sc.stop()
