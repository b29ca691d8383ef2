"""ResultIterable, the value container of groupByKey/cogroup, as pyspark/resultiterable.py."""

import itertools

_ids = itertools.count(1)


class ResultIterable(object):
    """A special result iterable. Its repr names a stable pseudo-address (0x7f00000NNNN0,
    numbered by creation) instead of a memory address, so printed output is deterministic."""

    def __init__(self, data):
        self.data = data
        self.index = None
        self.maxindex = len(data)
        self._id = next(_ids)

    def __iter__(self):
        return iter(self.data)

    def __len__(self):
        return len(self.data)

    def __repr__(self):
        return "<pyspark.resultiterable.ResultIterable object at 0x7f%09x0>" % self._id
