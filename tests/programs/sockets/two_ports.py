"""
 Two socketTextStreams on two ports (tests/cli/tst_realsockets.cpp: two `nc -lk` servers), each
 batch printing, per port, the lines that batch received in the order they came: a line that
 lands in another batch on replay changes the output.
 Usage: two_ports.py <hostname> <port1> <port2>
"""
import sys

from pyspark import SparkContext
from pyspark.streaming import StreamingContext

if __name__ == "__main__":
    sc = SparkContext("local[3]", "TwoPorts")
    ssc = StreamingContext(sc, 1)
    host, p1, p2 = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    a = ssc.socketTextStream(host, p1).map(lambda l: ("A", l))
    b = ssc.socketTextStream(host, p2).map(lambda l: ("B", l))
    a.union(b).groupByKey().mapValues(list).pprint()

    ssc.start()
    ssc.awaitTermination()
