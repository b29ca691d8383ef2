# Broadcast variables and accumulators (pyspark/broadcast.py, pyspark/accumulators.py,
# SparkContext.broadcast/accumulator in pyspark/context.py) in a streaming program. Derived by
# hand: broadcast() pickles the value at once, so .value is a copy (a later change to the list
# is not seen, and it is not the same object); an int accumulator uses + from 0 and its repr is
# Accumulator<id=N, value=V> (ids count from 0); a str value has no default AccumulatorParam;
# tasks add to the accumulators, the driver reads them after each batch's job. Batches:
# "the cat sat on a mat" (2 stop words of 6) and "a dog" (1 of 2).
from pyspark import AccumulatorParam, SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "SharedVariables")
ssc = StreamingContext(sc, 1)

stopwords = ["the", "a"]
stop = sc.broadcast(stopwords)
stopwords.append("cat")
print("broadcast copy:", stop.value, stop.value is stopwords)

seen = sc.accumulator(0)
dropped = sc.accumulator(0.0)


class ListParam(AccumulatorParam):
    def zero(self, value):
        return []

    def addInPlace(self, acc, more):
        acc.extend(more)
        return acc


droppedWords = sc.accumulator([], ListParam())
print(repr(seen), repr(dropped))
try:
    sc.accumulator("x")
except TypeError as e:
    print("TypeError:", e)


def keep(w):
    seen.add(1)
    if w in stop.value:
        dropped.add(1)
        droppedWords.add([w])
        return False
    return True


words = ssc.queueStream([["the cat sat on a mat"], ["a dog"]]).flatMap(lambda line: line.split())
kept = words.filter(keep)


def report(t, rdd):
    print(t.strftime("%H:%M:%S"), rdd.collect(), "seen", seen.value, "dropped", dropped.value,
          droppedWords.value)


kept.foreachRDD(report)
ssc.start()
ssc.awaitTerminationOrTimeout(2.5)
ssc.stop()
print("final:", seen, dropped, repr(droppedWords))
