// The word count the real-run view tests load: one line (6) makes flatMap, map and reduceByKey,
// so its streams are 0 lines (line 5), 1 flatMap, 2 map, 3 reduceByKey (`counts`), 4 pprint.
#pragma once

namespace uitest {

inline constexpr const char *kWordCountProgram = R"py(from pyspark import SparkContext
from pyspark.streaming import StreamingContext
sc = SparkContext("local[2]", "NetworkWordCount")
ssc = StreamingContext(sc, 1)
lines = ssc.socketTextStream("localhost", 9999)
counts = lines.flatMap(lambda line: line.split(" ")).map(lambda w: (w, 1)).reduceByKey(lambda a, b: a + b)
counts.pprint()
ssc.start()
ssc.awaitTermination()
)py";

} // namespace uitest
