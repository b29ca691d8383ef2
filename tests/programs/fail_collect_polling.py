# PySpark's own test of a failed batch, test_failed_func_with_resetting_failure
# (python/pyspark/streaming/tests/test_dstream.py), with its harness: _collect polls with
# time.sleep(0.01) while the batches run (python/pyspark/testing/streamingutils.py; batch 0.5 s,
# spark.default.parallelism 1). The second batch fails; the third and fourth still run, and
# _collect returns [[0], [2], [3]] without raising; then awaitTerminationOrTimeout raises the
# kept error. Checked by hand: batches at 10:00:00.5, 01.0, 01.5, 02.0 hold 0, 1, 2, 3.
import time
import traceback

from pyspark import SparkConf, SparkContext
from pyspark.streaming import StreamingContext

conf = SparkConf().set("spark.default.parallelism", 1)
sc = SparkContext("local[2]", "BasicOperationTests", conf=conf)
ssc = StreamingContext(sc, 0.5)
timeout = 30


def _collect(dstream, n):
    result = []

    def get_output(_, rdd):
        if rdd and len(result) < n:
            r = rdd.collect()
            if r:
                result.append(r)

    dstream.foreachRDD(get_output)
    ssc.start()
    start_time = time.time()
    while len(result) < n and time.time() - start_time < timeout:
        time.sleep(0.01)
    if len(result) < n:
        print("timeout after", timeout)
    print("collected after %.1f s" % (time.time() - start_time))
    return result


input = [sc.parallelize([d], 1) for d in range(4)]
input_stream = ssc.queueStream(input)


def failed_func(i):
    if i == 1:
        # Make it fail in the second batch
        raise ValueError("This is a special error")
    else:
        return i


# We should be able to see the results of the 3rd and 4th batches even if the second batch fails
expected = [[0], [2], [3]]
result = _collect(input_stream.map(failed_func), 3)
print("result:", result, "as expected:", result == expected)
try:
    ssc.awaitTerminationOrTimeout(10)
    print("a failed func should throw an error")
except BaseException:
    failure = traceback.format_exc()
    print("raised, with the special error:", "This is a special error" in failure)
ssc.stop()
