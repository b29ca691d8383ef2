# Input lines that are not valid UTF-8 reach the program as Spark's socket receiver reads
# them (SocketReceiver: InputStreamReader with UTF-8, Java's decoder): each malformed byte
# sequence becomes U+FFFD. The input has the Latin-1 bytes "caf\xe9" and a lone "\xff".
from pyspark import SparkContext
from pyspark.streaming import StreamingContext

sc = SparkContext("local[2]", "InvalidUtf8")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
lines.map(lambda line: (line, len(line), [hex(ord(c)) for c in line if ord(c) > 127])).pprint()
ssc.start()
ssc.awaitTermination()
