"""StatCounter, as pyspark/statcounter.py (ported there from spark/util/StatCounter.scala).

PySpark uses numpy's maximum/minimum/sqrt when numpy is installed and Python's max/min and
math.sqrt otherwise; DStream Lab always uses the latter, so max() and min() keep the type of
the values (an int stays an int)."""

import copy
import math

__all__ = ["StatCounter"]


class StatCounter(object):
    def __init__(self, values=None):
        if values is None:
            values = list()
        self.n = 0  # Running count of our values
        self.mu = 0.0  # Running mean of our values
        self.m2 = 0.0  # Running variance numerator (sum of (x - mean)^2)
        self.maxValue = float("-inf")
        self.minValue = float("inf")

        for v in values:
            self.merge(v)

    def merge(self, value):
        """Add a value into this StatCounter, updating the internal statistics."""
        delta = value - self.mu
        self.n += 1
        self.mu += delta / self.n
        self.m2 += delta * (value - self.mu)
        self.maxValue = max(self.maxValue, value)
        self.minValue = min(self.minValue, value)
        return self

    def mergeStats(self, other):
        """Merge another StatCounter into this one, adding up the internal statistics."""
        if not isinstance(other, StatCounter):
            raise TypeError("Can only merge StatCounter but got %s" % type(other))

        if other is self:  # reference equality holds
            self.mergeStats(other.copy())  # Avoid overwriting fields in a weird order
        else:
            if self.n == 0:
                self.mu = other.mu
                self.m2 = other.m2
                self.n = other.n
                self.maxValue = other.maxValue
                self.minValue = other.minValue

            elif other.n != 0:
                delta = other.mu - self.mu
                if other.n * 10 < self.n:
                    self.mu = self.mu + (delta * other.n) / (self.n + other.n)
                elif self.n * 10 < other.n:
                    self.mu = other.mu - (delta * self.n) / (self.n + other.n)
                else:
                    self.mu = (self.mu * self.n + other.mu * other.n) / (self.n + other.n)

                self.maxValue = max(self.maxValue, other.maxValue)
                self.minValue = min(self.minValue, other.minValue)

                self.m2 += other.m2 + (delta * delta * self.n * other.n) / (self.n + other.n)
                self.n += other.n
        return self

    def copy(self):
        """Clone this StatCounter."""
        return copy.deepcopy(self)

    def count(self):
        return int(self.n)

    def mean(self):
        return self.mu

    def sum(self):
        return self.n * self.mu

    def min(self):
        return self.minValue

    def max(self):
        return self.maxValue

    def variance(self):
        """The variance of the values."""
        if self.n == 0:
            return float("nan")
        else:
            return self.m2 / self.n

    def sampleVariance(self):
        """The sample variance: divides by N-1 instead of N."""
        if self.n <= 1:
            return float("nan")
        else:
            return self.m2 / (self.n - 1)

    def stdev(self):
        return math.sqrt(self.variance())

    def sampleStdev(self):
        return math.sqrt(self.sampleVariance())

    def asDict(self, sample=False):
        """The members as a dict. (As in PySpark, "stdev" and "variance" hold the sample
        statistics unless ``sample`` is True.)"""
        return {
            "count": self.count(),
            "mean": self.mean(),
            "sum": self.sum(),
            "min": self.min(),
            "max": self.max(),
            "stdev": self.stdev() if sample else self.sampleStdev(),
            "variance": self.variance() if sample else self.sampleVariance(),
        }

    def __repr__(self):
        return "(count: %s, mean: %s, stdev: %s, max: %s, min: %s)" % (
            self.count(), self.mean(), self.stdev(), self.max(), self.min())
