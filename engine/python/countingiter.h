// counted(iterable): an iterator that passes on another one's items and counts them, in C.
#pragma once

#include <Python.h>

namespace dsl::python {

/// `_dstreamlab.counted(iterable)`: iter(iterable)'s items, unchanged; `.n` is how many it
/// passed on so far. A fused pipeline counts each stage's input with it (the per-operator
/// record counts of the cost model) at a few nanoseconds a record: the pure-Python way,
/// map(itemgetter(0), zip(it, itertools.count())), made a tuple and two calls per record.
/// Makes the type (once per module initialisation): new reference, or NULL with an exception.
PyObject *makeCountedType();

} // namespace dsl::python
