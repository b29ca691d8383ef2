"""pyspark.streaming.kafka (Spark 2.x, spark-streaming-kafka-0-8): importable, so programs
that import KafkaUtils load; creating a Kafka stream says DStream Lab does not simulate it yet."""

from pyspark.rdd import _unsupported

__all__ = ["Broker", "KafkaMessageAndMetadata", "KafkaUtils", "OffsetRange", "TopicAndPartition"]


class KafkaUtils(object):

    @staticmethod
    def createStream(ssc, zkQuorum, groupId, topics, kafkaParams=None, storageLevel=None,
                     keyDecoder=None, valueDecoder=None):
        _unsupported("KafkaUtils", "createStream")

    @staticmethod
    def createDirectStream(ssc, topics, kafkaParams, fromOffsets=None, keyDecoder=None,
                           valueDecoder=None, messageHandler=None):
        _unsupported("KafkaUtils", "createDirectStream")

    @staticmethod
    def createRDD(sc, kafkaParams, offsetRanges, leaders=None, keyDecoder=None,
                  valueDecoder=None, messageHandler=None):
        _unsupported("KafkaUtils", "createRDD")


class OffsetRange(object):
    """Offset range of a topic partition (kept as given)."""

    def __init__(self, topic, partition, fromOffset, untilOffset):
        self.topic, self.partition = topic, partition
        self.fromOffset, self.untilOffset = fromOffset, untilOffset


class TopicAndPartition(object):

    def __init__(self, topic, partition):
        self._topic, self._partition = topic, partition


class Broker(object):

    def __init__(self, host, port):
        self._host, self._port = host, port


class KafkaMessageAndMetadata(object):
    pass
