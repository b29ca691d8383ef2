"""Accumulators, as pyspark/accumulators.py.

On Spark each task adds to its own zero-valued copy and the driver merges the copies of the tasks
that succeeded. The simulation's tasks run in the driver's process and add to the driver's
accumulator directly, which gives the same value for the (commutative) parameters PySpark
provides; a custom AccumulatorParam sees the additions in the order the tasks compute them.
"""

from typing import Generic, TypeVar

import _dstreamlab
from pyspark.errors import PySparkRuntimeError

__all__ = ["Accumulator", "AccumulatorParam"]

T = TypeVar("T")
U = TypeVar("U")


class Accumulator(Generic[T]):
    """A shared variable tasks can only add to; the driver reads it with ``.value``."""

    def __init__(self, aid, value, accum_param):
        self.aid = aid
        self.accum_param = accum_param
        self._value = value
        self._deserialized = False
        _accumulatorRegistry[aid] = self

    def __reduce__(self):
        # pyspark: tasks get a copy holding accum_param.zero(value); here they share this one.
        return _from_id, (self.aid,)

    @property
    def value(self):
        """The accumulator's value; only usable on the driver."""
        self._driver_only()
        return self._value

    @value.setter
    def value(self, value):
        self._driver_only()
        self._value = value

    def _driver_only(self):
        # pyspark/accumulators.py (3.5): a task's copy (deserialized on a worker) refuses with
        # PySparkRuntimeError VALUE_NOT_ACCESSIBLE. Tasks here share the driver's object, so
        # "inside a task" is asked of the engine (a task's Python function is running).
        if self._deserialized or _dstreamlab.in_task():
            raise PySparkRuntimeError(error_class="VALUE_NOT_ACCESSIBLE",
                                      message_parameters={"value": "Accumulator.value"})

    def add(self, term):
        """Add a term to this accumulator's value."""
        self._value = self.accum_param.addInPlace(self._value, term)

    def __iadd__(self, term):
        self.add(term)
        return self

    def __str__(self):
        return str(self._value)

    def __repr__(self):
        return "Accumulator<id=%i, value=%s>" % (self.aid, self._value)


class AccumulatorParam(Generic[T]):
    """Helper object that defines how to accumulate values of a given type."""

    def zero(self, value):
        """A "zero value" for the type, compatible in dimensions with the provided value."""
        raise NotImplementedError

    def addInPlace(self, value1, value2):
        """Add two values of the accumulator's data type; may update value1 in place."""
        raise NotImplementedError


class AddingAccumulatorParam(AccumulatorParam[U]):
    """An AccumulatorParam that uses the + operators to add values."""

    def __init__(self, zero_value):
        self.zero_value = zero_value

    def zero(self, value):
        return self.zero_value

    def addInPlace(self, value1, value2):
        value1 += value2
        return value1


# Singleton accumulator params for some standard types
INT_ACCUMULATOR_PARAM = AddingAccumulatorParam(0)
FLOAT_ACCUMULATOR_PARAM = AddingAccumulatorParam(0.0)
COMPLEX_ACCUMULATOR_PARAM = AddingAccumulatorParam(0.0j)

_accumulatorRegistry = {}


def _from_id(aid):
    return _accumulatorRegistry[aid]
