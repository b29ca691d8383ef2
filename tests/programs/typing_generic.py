# PySpark 3's RDD, DStream, Broadcast and Accumulator are typing.Generic (pyspark/rdd.py
# `class RDD(Generic[T_co])`, pyspark/streaming/dstream.py `class DStream(Generic[T_co])`,
# pyspark/broadcast.py, pyspark/accumulators.py), so subscripted annotations are valid Python
# that runs: the annotations below are evaluated when the functions are defined.
from typing import Dict, List, Tuple

from pyspark import Accumulator, Broadcast, RDD, SparkContext
from pyspark.streaming import DStream, StreamingContext

sc = SparkContext("local[2]", "TypingGeneric")
ssc = StreamingContext(sc, 1)
prices: Broadcast[Dict[str, float]] = sc.broadcast({"apple": 0.5, "pear": 0.25})
items: Accumulator[int] = sc.accumulator(0)


def priced(rdd: RDD[str]) -> RDD[Tuple[float, str]]:
    return rdd.map(lambda w: (prices.value.get(w, 0.0), w))


def tally(t, rdd: RDD[Tuple[float, str]]) -> None:
    rows: List[Tuple[float, str]] = rdd.collect()
    items.add(len(rows))
    print(t.strftime("%H:%M:%S"), sorted(rows), items.value)


words: DStream[str] = ssc.queueStream([["apple pear"], ["kiwi"]]).flatMap(lambda line: line.split())
pairs: DStream[Tuple[float, str]] = words.transform(priced)
pairs.foreachRDD(tally)
print(RDD[int], DStream[str].__origin__ is DStream)
ssc.start()
ssc.awaitTerminationOrTimeout(2.5)
ssc.stop()
