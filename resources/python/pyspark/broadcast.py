"""Broadcast variables, as pyspark/broadcast.py.

SparkContext.broadcast(value) pickles the value at once (an unpicklable value fails there, as in
PySpark); ``.value`` unpickles it once and keeps the copy, so what the tasks and the driver see is
a copy of the value given, not the object itself. In local mode the executors are the driver's
process: every task of the simulation shares that one copy.
"""

import pickle
from typing import Generic, TypeVar

__all__ = ["Broadcast"]

T = TypeVar("T")


class Broadcast(Generic[T]):
    """A broadcast variable created with SparkContext.broadcast(); read it with ``.value``."""

    def __init__(self, sc=None, value=None, pickle_registry=None, path=None, sock_file=None):
        self._sc = sc
        self._id = sc._next_broadcast_id() if sc is not None else -1
        self._destroyed = False
        self._site = None
        if sc is not None:
            import io
            buf = io.BytesIO()
            self.dump(value, buf)
            self._data = buf.getvalue()
            _registry[self._id] = self

    def dump(self, value, f):
        """Write a pickled representation of value to the open file f (pyspark/broadcast.py)."""
        try:
            pickle.dump(value, f, pickle.DEFAULT_PROTOCOL)
        except pickle.PickleError:
            raise
        except Exception as e:
            msg = "Could not serialize broadcast: %s: %s" % (e.__class__.__name__, str(e))
            raise pickle.PicklingError(msg) from None

    def load_from_path(self, path):
        with open(path, "rb", 1 << 20) as f:
            return self.load(f)

    def load(self, file):
        return pickle.load(file)

    @property
    def value(self):
        """The broadcast value."""
        if not hasattr(self, "_value"):
            if self._destroyed:
                self._raise_destroyed()
            self._value = pickle.loads(self._data)
        return self._value

    def unpersist(self, blocking=False):
        """Delete the cached copies on the executors; the value is sent again if used later."""
        if self._sc is None:
            raise RuntimeError("Broadcast can only be unpersisted in driver")

    def destroy(self, blocking=False):
        """Destroy all data and metadata of this broadcast: it cannot be used afterwards."""
        if self._sc is None:
            raise RuntimeError("Broadcast can only be destroyed in driver")
        from pyspark import _internal
        self._destroyed = True
        self._site = "destroy at %s:%d" % _site_parts(_internal.user_frame())
        self.__dict__.pop("_data", None)

    def _raise_destroyed(self):
        from pyspark import _internal
        # Broadcast.assertValid (core/src/main/scala/org/apache/spark/broadcast/Broadcast.scala)
        raise _internal.make_java_error(
            "org.apache.spark.SparkException",
            "Attempted to use Broadcast(%d) after it was destroyed (%s) " % (self._id, self._site))

    def __reduce__(self):
        # A function shipped to the executors refers to the broadcast by id (pyspark: _from_id);
        # tasks of the simulation run in the driver's process and share this object.
        if self._sc is None:
            raise RuntimeError("Broadcast can only be serialized in driver")
        if self._destroyed:
            self._raise_destroyed()
        return _from_id, (self._id,)


_registry = {}


def _from_id(bid):
    return _registry[bid]


def _site_parts(frame):
    import os
    return (os.path.basename(frame[0]), frame[1])
