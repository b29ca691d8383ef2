# RDD sampling of PySpark 3.5 (pyspark/rddsampler.py, pyspark/rdd.py sample, randomSplit,
# takeSample, sampleByKey, sortByKey's range bounds): each partition s samples with
# random.Random(seed ^ s) after ten randint(0, 1) calls; without replacement a record is kept when
# random() < fraction, with replacement it is repeated Poisson(fraction) times (Knuth's
# algorithm); randomSplit keeps it in the split whose [lower, upper) weight range holds random();
# takeSample shuffles with random.Random(seed). The expected output was computed with a separate
# plain-Python model of that code (Python's random module, not DStream Lab), so with the same
# seeds and partitions it is what PySpark prints.
# Without a seed PySpark draws one at random; DStream Lab draws it from a generator seeded by the
# simulation: one sampled RDD gives the same records each time it is computed.
from pyspark import SparkContext

sc = SparkContext("local[2]", "RddSampling")
r20 = sc.parallelize(range(20), 2)
r10 = sc.parallelize(range(10), 2)
print("sample(False, 0.5, 42):", r20.sample(False, 0.5, 42).collect())
print("sample(True, 1.5, 7):", r10.sample(True, 1.5, 7).collect())
print("randomSplit([2, 3], 17):", [s.collect() for s in sc.parallelize(range(10), 1).randomSplit([2, 3], 17)])
print("takeSample(False, 5, 2):", r10.takeSample(False, 5, 2))
print("takeSample(False, 15, 3):", r10.takeSample(False, 15, 3))
print("takeSample(True, 20, 1):", r10.takeSample(True, 20, 1))
kv = sc.parallelize([("a", i) for i in range(6)] + [("b", i) for i in range(6)], 2)
print("sampleByKey(False, {'a': 0.5, 'b': 0.2}, 5):", kv.sampleByKey(False, {"a": 0.5, "b": 0.2}, 5).collect())
keys = sc.parallelize([(k, None) for k in range(99, -1, -1)], 4)
print("sortByKey(True, 3) partition sizes:", [len(p) for p in keys.sortByKey(True, 3).glom().collect()])
unseeded = r20.sample(False, 0.5)
print("unseeded sample repeats:", unseeded.collect() == unseeded.collect())
try:
    r10.sample(False, -0.1)
except ValueError as e:
    print("sample(False, -0.1): ValueError:", e)
try:
    r10.randomSplit([1, -1])
except ValueError as e:
    print("randomSplit([1, -1]): ValueError:", e)
sc.stop()
