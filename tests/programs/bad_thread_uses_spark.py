# A thread the program starts may compute and print (its text reaches the console when the
# program's own thread writes next), but DStream Lab's simulated Spark runs on the program's
# thread only: using pyspark from another thread raises RuntimeError there, at its line, and
# the thread ends with the error, as any thread does in Python (docs/hostile-programs.md).
import threading

from pyspark import SparkContext

sc = SparkContext("local[2]", "ThreadUsesSpark")


def work():
    print("thread computed", sum(range(10)))
    sc.parallelize([1, 2, 3]).count()


t = threading.Thread(target=work, name="worker")
t.start()
t.join()
print("count on the program's thread:", sc.parallelize([1, 2, 3]).count())
