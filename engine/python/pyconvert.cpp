// Value <-> PyObject conversion, opaque Python objects, and Python error translation.
#include "pyconvert.h"

#include "engine/rddops.h"

#include <pybind11/stl.h>

namespace dsl::python {

namespace {

/// A Python object the engine carries as-is; its repr/hash/order come from Python.
class PyOpaque final : public OpaqueObject {
public:
    explicit PyOpaque(py::object o) : m_obj(std::move(o)) {}
    ~PyOpaque() override
    {
        // Values may be released during interpreter teardown; never touch a dead interpreter.
        if (!Py_IsInitialized()) m_obj.release();
    }
    std::string repr() const override { return py::repr(m_obj).cast<std::string>(); }
    std::string str() const override { return py::str(m_obj).cast<std::string>(); }
    std::int64_t pyHash() const override
    {
        Py_hash_t h = PyObject_Hash(m_obj.ptr());
        if (h == -1 && PyErr_Occurred()) {
            py::error_already_set e;
            throw ValueTypeError(e.what());
        }
        return h;
    }
    bool equals(const OpaqueObject &other) const override
    {
        auto *o = dynamic_cast<const PyOpaque *>(&other);
        if (!o) return false;
        int r = PyObject_RichCompareBool(m_obj.ptr(), o->m_obj.ptr(), Py_EQ);
        if (r < 0) {
            PyErr_Clear();
            return false;
        }
        return r == 1;
    }
    bool less(const OpaqueObject &other) const override
    {
        auto *o = dynamic_cast<const PyOpaque *>(&other);
        if (!o) throw ValueTypeError("'<' not supported between instances of '" + typeName() + "' and '" + other.typeName() + "'");
        int r = PyObject_RichCompareBool(m_obj.ptr(), o->m_obj.ptr(), Py_LT);
        if (r < 0) {
            py::error_already_set e;
            throw ValueTypeError(e.what());
        }
        return r == 1;
    }
    std::string typeName() const override { return py::str(py::type::handle_of(m_obj).attr("__name__")).cast<std::string>(); }
    const py::object &object() const { return m_obj; }

private:
    py::object m_obj;
};

Value opaque(py::handle obj)
{
    return Value(new PyOpaque(py::reinterpret_borrow<py::object>(obj)));
}

/// `k, v = obj` for a Python object the engine carries (a namedtuple, a set, a generator...),
/// as PySpark's shuffle unpacks its records (engine ops::unpackPair).
Value unpackOpaquePair(const Value &record)
{
    const auto *o = dynamic_cast<const PyOpaque *>(record.object());
    if (!o) dsl::ops::throwUnpackError(-1, record.typeName());
    PyObject *it = PyObject_GetIter(o->object().ptr());
    if (!it) {
        if (PyErr_ExceptionMatches(PyExc_TypeError)) {
            PyErr_Clear();
            dsl::ops::throwUnpackError(-1, o->typeName());
        }
        py::error_already_set e;
        throw toUserCodeError(e);
    }
    py::object iter = py::reinterpret_steal<py::object>(it);
    std::vector<py::object> items;
    while (items.size() < 3) {
        PyObject *item = PyIter_Next(it);
        if (!item) break;
        items.push_back(py::reinterpret_steal<py::object>(item));
    }
    if (PyErr_Occurred()) {
        py::error_already_set e;
        throw toUserCodeError(e);
    }
    if (items.size() != 2) dsl::ops::throwUnpackError(static_cast<long long>(items.size()), {});
    return Value::pair(fromPy(items[0]), fromPy(items[1]));
}

// The engine cannot look into Python objects: it asks the bridge (linked whenever Python is).
[[maybe_unused]] const bool kOpaqueUnpackerInstalled = [] {
    dsl::ops::setOpaquePairUnpacker(&unpackOpaquePair);
    return true;
}();

} // namespace

Value fromPy(py::handle obj)
{
    PyObject *o = obj.ptr();
    if (o == Py_None) return Value();
    if (PyBool_Check(o)) return Value(o == Py_True);
    if (PyLong_CheckExact(o)) {
        int overflow = 0;
        long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
        if (overflow != 0) return opaque(obj);
        return Value(v);
    }
    if (PyFloat_CheckExact(o)) return Value(PyFloat_AS_DOUBLE(o));
    if (PyUnicode_CheckExact(o)) {
        Py_ssize_t n = 0;
        const char *s = PyUnicode_AsUTF8AndSize(o, &n);
        if (!s) {
            PyErr_Clear(); // lone surrogates cannot be UTF-8: keep the object itself
            return opaque(obj);
        }
        return Value(std::string_view(s, static_cast<std::size_t>(n)));
    }
    if (PyBytes_CheckExact(o)) return Value::bytes(std::string_view(PyBytes_AS_STRING(o), static_cast<std::size_t>(PyBytes_GET_SIZE(o))));
    if (PyTuple_CheckExact(o)) {
        const Py_ssize_t n = PyTuple_GET_SIZE(o);
        if (n == 2) return Value::pair(fromPy(PyTuple_GET_ITEM(o, 0)), fromPy(PyTuple_GET_ITEM(o, 1)));
        std::vector<Value> items;
        items.reserve(static_cast<std::size_t>(n));
        for (Py_ssize_t i = 0; i < n; ++i) items.push_back(fromPy(PyTuple_GET_ITEM(o, i)));
        return Value::tuple(std::move(items));
    }
    if (PyList_CheckExact(o)) {
        const Py_ssize_t n = PyList_GET_SIZE(o);
        std::vector<Value> items;
        items.reserve(static_cast<std::size_t>(n));
        for (Py_ssize_t i = 0; i < n; ++i) items.push_back(fromPy(PyList_GET_ITEM(o, i)));
        return Value::list(std::move(items));
    }
    if (PyDict_CheckExact(o)) {
        std::vector<std::pair<Value, Value>> items;
        PyObject *k = nullptr, *v = nullptr;
        Py_ssize_t pos = 0;
        bool native = true;
        while (PyDict_Next(o, &pos, &k, &v)) {
            Value key = fromPy(k);
            if (key.isObject()) native = false; // keep Python's own key semantics
            items.emplace_back(std::move(key), fromPy(v));
        }
        if (!native) return opaque(obj);
        return Value::dict(std::move(items));
    }
    return opaque(obj);
}

py::object toPy(const Value &v)
{
    switch (v.type()) {
    case Value::Type::None: return py::none();
    case Value::Type::Bool: return py::bool_(v.asBool());
    case Value::Type::Int: return py::reinterpret_steal<py::object>(PyLong_FromLongLong(v.asInt()));
    case Value::Type::Float: return py::float_(v.asFloat());
    case Value::Type::Str: {
        auto s = v.asStr();
        // Strings from Python are valid UTF-8 (fromPy keeps lone surrogates as objects), so
        // invalid bytes come from input (socket lines, files): decode them as Spark's receivers
        // do, with Java's UTF-8 decoder, which replaces malformed input by U+FFFD.
        PyObject *o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
        if (!o) throw py::error_already_set();
        return py::reinterpret_steal<py::object>(o);
    }
    case Value::Type::Bytes: {
        auto s = v.asStr();
        return py::bytes(s.data(), s.size());
    }
    case Value::Type::Tuple: {
        const std::size_t n = v.size();
        py::tuple t(n);
        for (std::size_t i = 0; i < n; ++i) PyTuple_SET_ITEM(t.ptr(), static_cast<Py_ssize_t>(i), toPy(v[i]).release().ptr());
        return t;
    }
    case Value::Type::List: {
        const std::size_t n = v.size();
        py::list l(n);
        for (std::size_t i = 0; i < n; ++i) PyList_SET_ITEM(l.ptr(), static_cast<Py_ssize_t>(i), toPy(v[i]).release().ptr());
        return l;
    }
    case Value::Type::Dict: {
        py::dict d;
        for (const auto &[k, val] : v.dictItems()) d[toPy(k)] = toPy(val);
        return d;
    }
    case Value::Type::Object: return static_cast<const PyOpaque *>(v.object())->object();
    }
    return py::none();
}

py::list toPyList(const Records &records)
{
    py::list l(records.size());
    for (std::size_t i = 0; i < records.size(); ++i)
        PyList_SET_ITEM(l.ptr(), static_cast<Py_ssize_t>(i), toPy(records[i]).release().ptr());
    return l;
}

Records fromPyIterable(py::handle iterable)
{
    Records out;
    PyObject *o = iterable.ptr();
    if (PyList_CheckExact(o)) {
        const Py_ssize_t n = PyList_GET_SIZE(o);
        out.reserve(static_cast<std::size_t>(n));
        for (Py_ssize_t i = 0; i < n; ++i) out.push_back(fromPy(PyList_GET_ITEM(o, i)));
        return out;
    }
    PyObject *it = PyObject_GetIter(o);
    if (!it) throw py::error_already_set();
    py::object iter = py::reinterpret_steal<py::object>(it);
    while (PyObject *item = PyIter_Next(it)) {
        py::object holder = py::reinterpret_steal<py::object>(item);
        out.push_back(fromPy(item));
    }
    if (PyErr_Occurred()) throw py::error_already_set();
    return out;
}

std::string formatTraceback(py::error_already_set &e)
{
    py::module_ internal = py::module_::import("pyspark._internal");
    // An error raised by C code (iterating a None a user function returned) has no traceback
    // object: pass None, not a null handle (pybind11 cannot convert that).
    auto orNone = [](const py::handle &h) { return h ? py::reinterpret_borrow<py::object>(h) : py::none(); };
    return internal.attr("format_user_traceback")(orNone(e.type()), orNone(e.value()), orNone(e.trace()))
        .cast<std::string>();
}

UserCodeError toUserCodeError(py::error_already_set &e)
{
    std::string tb;
    try {
        tb = formatTraceback(e);
    } catch (py::error_already_set &inner) {
        tb = std::string("Traceback unavailable: ") + inner.what() + "\n" + e.what();
    }
    // Keep the exception object so the bridge can re-raise it on the driver.
    auto payload = std::shared_ptr<void>(new py::object(e.value()), [](void *p) {
        auto *obj = static_cast<py::object *>(p);
        if (!Py_IsInitialized()) obj->release();
        delete obj;
    });
    return UserCodeError("org.apache.spark.api.python.PythonException", tb, tb, payload);
}

} // namespace dsl::python
