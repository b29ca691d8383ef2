"""PySpark 2.4's pyspark.streaming.kafka (Kafka 0.8 integration), over DStream Lab's simulated
Kafka broker: KafkaUtils.createStream and createDirectStream, OffsetRange, TopicAndPartition,
KafkaMessageAndMetadata, and offsetRanges() on the stream's own RDDs.

Spark 3.0 removed this module (PySpark 3.5 has no Kafka DStream); the course's programs use it,
so DStream Lab keeps it and says so once per context (a WARN line; --strict: the ImportError
PySpark 3.5 gives)."""

from pyspark.rdd import _unsupported
from pyspark.storagelevel import StorageLevel
from pyspark.streaming import dstream as _dstream
from pyspark.streaming.dstream import DStream

_NOTE = ("PySpark 2.4's Kafka 0.8 module, removed in Spark 3.0; "
         "it runs under Spark 2.4's spark-submit, not 3.x")

if _dstream._strict:
    raise ModuleNotFoundError("No module named 'pyspark.streaming.kafka' (dstreamlab --strict: "
                              "pyspark.streaming.kafka is not part of PySpark 3.5 (%s))" % _NOTE)

__all__ = ["Broker", "KafkaMessageAndMetadata", "KafkaUtils", "OffsetRange",
           "TopicAndPartition", "utf8_decoder"]


def utf8_decoder(s):
    """ Decode the unicode as UTF-8 """
    if s is None:
        return None
    return s.decode("utf-8")


class KafkaUtils(object):

    @staticmethod
    def createStream(ssc, zkQuorum, groupId, topics, kafkaParams=None,
                     storageLevel=StorageLevel.MEMORY_AND_DISK_2,
                     keyDecoder=utf8_decoder, valueDecoder=utf8_decoder):
        """
        Create an input stream that pulls messages from a Kafka Broker: the receiver-based stream,
        Kafka's high-level consumer of group `groupId` through ZooKeeper at `zkQuorum`.

        :param topics: Dict of (topic_name -> numPartitions) to consume; each partition is
                       consumed in its own thread
        :return: A DStream object of (key, value) pairs
        """
        if kafkaParams is None:
            kafkaParams = dict()
        kafkaParams.update({
            "zookeeper.connect": zkQuorum,
            "group.id": groupId,
            "zookeeper.connection.timeout.ms": "10000",
        })
        if not isinstance(topics, dict):
            raise TypeError("topics should be dict")
        _dstream._not_pyspark(ssc, "pyspark.streaming.kafka", _NOTE, ModuleNotFoundError)
        params = dict((str(k), str(v)) for k, v in kafkaParams.items())
        jtopics = dict((str(k), int(v)) for k, v in topics.items())
        ssc._site("createStream")
        with ssc._call("createStream"):
            jstream = ssc._jssc.kafkaStream(jtopics, params, storageLevel._tuple())
        return DStream(jstream, ssc).map(lambda k_v: (keyDecoder(k_v[0]), valueDecoder(k_v[1])))

    @staticmethod
    def createRDD(sc, kafkaParams, offsetRanges, leaders=None, keyDecoder=utf8_decoder,
                  valueDecoder=utf8_decoder, messageHandler=None):
        _unsupported("KafkaUtils", "createRDD")

    @staticmethod
    def createDirectStream(ssc, topics, kafkaParams, fromOffsets=None,
                           keyDecoder=utf8_decoder, valueDecoder=utf8_decoder,
                           messageHandler=None):
        """A stream that reads Kafka directly, without a receiver: one RDD partition per Kafka
        partition, each batch an offset range of every partition (exactly once, when the
        output is idempotent or transactional)."""
        if fromOffsets is None:
            fromOffsets = dict()
        if not isinstance(topics, list):
            raise TypeError("topics should be list")
        if not isinstance(kafkaParams, dict):
            raise TypeError("kafkaParams should be dict")
        _dstream._not_pyspark(ssc, "pyspark.streaming.kafka", _NOTE, ModuleNotFoundError)

        def funcWithoutMessageHandler(m):
            return (keyDecoder(m[3]), valueDecoder(m[4]))

        def funcWithMessageHandler(m):
            mm = KafkaMessageAndMetadata(m[0], m[1], m[2], m[3], m[4])
            mm._set_key_decoder(keyDecoder)
            mm._set_value_decoder(valueDecoder)
            return messageHandler(mm)

        jfrom = [(tp._topic, tp._partition, int(off)) for tp, off in fromOffsets.items()]
        params = dict((str(k), str(v)) for k, v in kafkaParams.items())
        ssc._site("createDirectStream")
        with ssc._call("createDirectStream"):
            jstream = ssc._jssc.directKafkaStream([str(t) for t in topics], params, jfrom)
        func = funcWithoutMessageHandler if messageHandler is None else funcWithMessageHandler
        stream = DStream(jstream, ssc).map(func)
        k = KafkaDStream(stream, ssc)
        k._jinput = jstream
        return k


class OffsetRange(object):
    """
    Represents a range of offsets from a single Kafka TopicAndPartition.
    """

    def __init__(self, topic, partition, fromOffset, untilOffset):
        self.topic = topic
        self.partition = partition
        self.fromOffset = fromOffset
        self.untilOffset = untilOffset

    def __eq__(self, other):
        if isinstance(other, self.__class__):
            return (self.topic == other.topic
                    and self.partition == other.partition
                    and self.fromOffset == other.fromOffset
                    and self.untilOffset == other.untilOffset)
        else:
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __str__(self):
        return "OffsetRange(topic: %s, partition: %d, range: [%d -> %d]" \
               % (self.topic, self.partition, self.fromOffset, self.untilOffset)


class TopicAndPartition(object):
    """
    Represents a specific topic and partition for Kafka.
    """

    def __init__(self, topic, partition):
        self._topic = topic
        self._partition = partition

    def __eq__(self, other):
        if isinstance(other, self.__class__):
            return (self._topic == other._topic
                    and self._partition == other._partition)
        else:
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return (self._topic, self._partition).__hash__()


class Broker(object):
    """
    Represent the host and port info for a Kafka broker.
    """

    def __init__(self, host, port):
        self._host = host
        self._port = port


class KafkaMessageAndMetadata(object):
    """
    Kafka message and metadata information. Including topic, partition, offset and message
    """

    def __init__(self, topic, partition, offset, key, message):
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self._rawKey = key
        self._rawMessage = message
        self._keyDecoder = utf8_decoder
        self._valueDecoder = utf8_decoder

    def __str__(self):
        return "KafkaMessageAndMetadata(topic: %s, partition: %d, offset: %d, key and message...)" \
               % (self.topic, self.partition, self.offset)

    def __repr__(self):
        return self.__str__()

    def __reduce__(self):
        return (KafkaMessageAndMetadata,
                (self.topic, self.partition, self.offset, self._rawKey, self._rawMessage))

    def _set_key_decoder(self, decoder):
        self._keyDecoder = decoder

    def _set_value_decoder(self, decoder):
        self._valueDecoder = decoder

    @property
    def key(self):
        return self._keyDecoder(self._rawKey)

    @property
    def message(self):
        return self._valueDecoder(self._rawMessage)


def _kafka_rdd(rdd):
    """The RDD as a KafkaRDD (same engine RDD and pipeline): offsetRanges() works on it."""
    k = KafkaRDD(rdd._jrdd, rdd.ctx)
    if hasattr(rdd, "_pipe"):
        k._pipe = rdd._pipe
    return k


from pyspark.rdd import RDD  # noqa: E402  (after the classes PySpark defines first)


class KafkaRDD(RDD):
    """
    A Python wrapper of KafkaRDD, to provide additional information on normal RDD.
    """

    def offsetRanges(self):
        """
        Get the OffsetRange of specific KafkaRDD.
        :return: A list of OffsetRange
        """
        self._site("offsetRanges")
        with self._call("offsetRangesOfKafkaRDD"):
            ranges = self._jrdd.offsetRanges()
        return [OffsetRange(t, p, f, u) for (t, p, f, u) in ranges]


class KafkaDStream(DStream):
    """
    A Python wrapper of KafkaDStream: the RDDs its foreachRDD and transform functions get are
    KafkaRDDs (offsetRanges() only there, as in Spark).
    """

    def __init__(self, stream, ssc):
        DStream.__init__(self, stream._jdstream, ssc)
        self._jinput = None

    def commitAsync(self, offsetRanges):
        """
        Commit the offset ranges to the consumer group (kafkaParams' "group.id") once they have
        been output, as Spark's Kafka 0-10 integration does
        (stream.asInstanceOf[CanCommitOffsets].commitAsync(offsetRanges)): the commit is queued and
        applied when the next batch is generated. PySpark never had this call (its 0-8 module
        cannot commit); DStream Lab adds it so that a Python program can keep its offsets in Kafka.
        """
        if self._jinput is None:
            raise AttributeError("commitAsync: only the stream KafkaUtils.createDirectStream returned "
                                 "can commit its offsets")
        if not isinstance(offsetRanges, (list, tuple)) or \
                not all(isinstance(o, OffsetRange) for o in offsetRanges):
            raise TypeError("offsetRanges should be a list of OffsetRange, as rdd.offsetRanges() returns")
        self._ssc._site("commitAsync")
        with self._ssc._call("commitAsync"):
            self._jinput.commitAsync([(o.topic, o.partition, o.fromOffset, o.untilOffset)
                                      for o in offsetRanges])

    def foreachRDD(self, func):
        if func.__code__.co_argcount == 1:
            old_func = func
            func = lambda rdd: old_func(_kafka_rdd(rdd))  # noqa: E731
        else:
            old_func2 = func
            func = lambda t, rdd: old_func2(t, _kafka_rdd(rdd))  # noqa: E731
        return DStream.foreachRDD(self, func)

    def transform(self, func):
        if func.__code__.co_argcount == 1:
            oldfunc = func
            func = lambda rdd: oldfunc(_kafka_rdd(rdd))  # noqa: E731
        else:
            assert func.__code__.co_argcount == 2, "func should take one or two arguments"
            oldfunc2 = func
            func = lambda t, rdd: oldfunc2(t, _kafka_rdd(rdd))  # noqa: E731
        return DStream.transform(self, func)


# A context recovered by StreamingContext.getOrCreate replays these calls with the rest of its
# DStream graph (pyspark/streaming/_recovery.py).
from pyspark.streaming import _recovery  # noqa: E402

_recovery.install_factories("KafkaUtils", KafkaUtils, ("createStream", "createDirectStream"))
