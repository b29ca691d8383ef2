# A direct Kafka stream recovered with StreamingContext.getOrCreate: KafkaUtils.createDirectStream
# is part of the graph the checkpoint keeps, and the stream's offsets continue from the checkpoint
# (DirectKafkaInputDStream's checkpoint data: each remembered batch's offset ranges).
# tst_programs::kafkaRecovery runs it twice with one CHECKPOINT_DIR; the programs() row runs it
# once. Messages (kafka_recovery.kafka): a 0.5 s, b 1.5 s, c 2.5 s, d 3.5 s, e 6.5 s, f 7.5 s.
# Run 1 stops at 4 s after batches 1-3 s (its last checkpoint: 3 s). Run 2 comes back at 6 s:
# JobGenerator.restart reruns 3 s from its checkpointed range [2, 3), then the down time 4, 5,
# 6 s: 4 s reads up to the latest offset at the restart, 4 (d); 5 and 6 s read nothing; then the
# timer's 7, 8, 9 s read e, f and nothing.
import glob
import os
import tempfile
import time

from pyspark import SparkContext
from pyspark.streaming import StreamingContext
from pyspark.streaming.kafka import KafkaUtils

scratch = None
checkpointDir = os.environ.get("CHECKPOINT_DIR")
if not checkpointDir:
    scratch = tempfile.TemporaryDirectory(prefix="dstreamlab-kafka-recovery-")
    checkpointDir = scratch.name


def create():
    print("Creating new context")
    sc = SparkContext("local[2]", "KafkaRecovery")
    ssc = StreamingContext(sc, 1)
    ssc.checkpoint(checkpointDir)
    params = {"metadata.broker.list": "localhost:9092", "auto.offset.reset": "smallest"}
    stream = KafkaUtils.createDirectStream(ssc, ["words"], params)
    stream.foreachRDD(lambda t, rdd: print(t.strftime("%H:%M:%S"),
                                           [(o.fromOffset, o.untilOffset) for o in rdd.offsetRanges()],
                                           rdd.map(lambda kv: kv[1]).collect()))
    return ssc


if glob.glob(os.path.join(checkpointDir, "checkpoint-*")):
    time.sleep(6)  # the driver comes back at 10:00:06
ssc = StreamingContext.getOrCreate(checkpointDir, create)
ssc.start()
ssc.awaitTerminationOrTimeout(4)
ssc.stop()
