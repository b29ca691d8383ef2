// Conversion between engine Values and Python objects, and Python errors to engine errors.
#pragma once

#include "engine/errors.h"
#include "engine/rdd.h"
#include "engine/value.h"

#include <pybind11/pybind11.h>

namespace dsl::python {

namespace py = pybind11;

/// Built-in types map to native Values (so the dashboard can show them); anything else (and
/// ints beyond 64 bits, strings with lone surrogates) is carried as an opaque Python object.
Value fromPy(py::handle obj);
py::object toPy(const Value &v);
py::list toPyList(const Records &records);
/// Iterates any Python iterable into Records (exceptions propagate as error_already_set).
Records fromPyIterable(py::handle iterable);

/// A Python exception as PySpark reports it from a worker:
/// org.apache.spark.api.python.PythonException with "Traceback (most recent call last): ...".
/// Frames inside DStream Lab's own pyspark package are left out so the traceback points at the
/// program's own lines. The original exception object rides along as the payload.
UserCodeError toUserCodeError(py::error_already_set &e);

/// Formats the current exception's traceback like traceback.format_exception, minus
/// DStream Lab's internal frames.
std::string formatTraceback(py::error_already_set &e);

} // namespace dsl::python
