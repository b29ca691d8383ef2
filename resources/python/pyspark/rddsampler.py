"""The samplers of RDD.sample, randomSplit and sampleByKey, as pyspark/rddsampler.py.

They use Python's own ``random.Random``, seeded with ``seed ^ partition index``, exactly as
PySpark's workers do, so a program given a seed samples the same records as on Spark (for the
same partitioning). Without a seed, PySpark draws one from an unseeded generator; DStream Lab
draws it from the SparkContext's generator, which is seeded from the simulation's seed, so every
run samples the same records.
"""

import math
import random
import sys

__all__ = ["RDDSamplerBase", "RDDSampler", "RDDRangeSampler", "RDDStratifiedSampler"]


class RDDSamplerBase(object):
    def __init__(self, withReplacement, seed=None):
        if seed is None:
            from pyspark.context import SparkContext
            seed = SparkContext._random_seed(0, sys.maxsize)
        self._seed = seed
        self._withReplacement = withReplacement
        self._random = None

    def initRandomGenerator(self, split):
        self._random = random.Random(self._seed ^ split)
        # mixing because the initial seeds are close to each other
        for _ in range(10):
            self._random.randint(0, 1)

    def getUniformSample(self):
        return self._random.random()

    def getPoissonSample(self, mean):
        # Knuth's algorithm, as pyspark/rddsampler.py
        if mean < 20.0:
            lda = math.exp(-mean)
            p = self._random.random()
            k = 0
            while p > lda:
                k += 1
                p *= self._random.random()
        else:
            p = self._random.expovariate(mean)
            k = 0
            while p < 1.0:
                k += 1
                p += self._random.expovariate(mean)
        return k

    def func(self, split, iterator):
        raise NotImplementedError


class RDDSampler(RDDSamplerBase):
    def __init__(self, withReplacement, fraction, seed=None):
        RDDSamplerBase.__init__(self, withReplacement, seed)
        self._fraction = fraction

    def func(self, split, iterator):
        self.initRandomGenerator(split)
        if self._withReplacement:
            for obj in iterator:
                count = self.getPoissonSample(self._fraction)
                for _ in range(0, count):
                    yield obj
        else:
            for obj in iterator:
                if self.getUniformSample() < self._fraction:
                    yield obj


class RDDRangeSampler(RDDSamplerBase):
    def __init__(self, lowerBound, upperBound, seed=None):
        RDDSamplerBase.__init__(self, False, seed)
        self._lowerBound = lowerBound
        self._upperBound = upperBound

    def func(self, split, iterator):
        self.initRandomGenerator(split)
        for obj in iterator:
            if self._lowerBound <= self.getUniformSample() < self._upperBound:
                yield obj


class RDDStratifiedSampler(RDDSamplerBase):
    def __init__(self, withReplacement, fractions, seed=None):
        RDDSamplerBase.__init__(self, withReplacement, seed)
        self._fractions = fractions

    def func(self, split, iterator):
        self.initRandomGenerator(split)
        if self._withReplacement:
            for key, val in iterator:
                count = self.getPoissonSample(self._fractions[key])
                for _ in range(0, count):
                    yield key, val
        else:
            for key, val in iterator:
                if self.getUniformSample() < self._fractions[key]:
                    yield key, val
