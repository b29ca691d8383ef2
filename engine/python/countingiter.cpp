// The counting iterator of countingiter.h: a heap type made once from a PyType_Spec.
#include "countingiter.h"

#include <structmember.h>

namespace dsl::python {

namespace {

struct CountingIter {
    PyObject_HEAD
    PyObject *it; ///< the iterator read from
    Py_ssize_t n; ///< items passed on
};

PyObject *next(PyObject *self)
{
    auto *c = reinterpret_cast<CountingIter *>(self);
    if (!c->it) return nullptr; // exhausted (and released)
    // NULL without an exception set ends the iteration (tp_iternext's protocol), with one
    // set it propagates: either way this iterator is done.
    PyObject *item = Py_TYPE(c->it)->tp_iternext(c->it);
    if (item) ++c->n;
    return item;
}

int traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(self));
    Py_VISIT(reinterpret_cast<CountingIter *>(self)->it);
    return 0;
}

int clear(PyObject *self)
{
    Py_CLEAR(reinterpret_cast<CountingIter *>(self)->it);
    return 0;
}

void dealloc(PyObject *self)
{
    PyTypeObject *type = Py_TYPE(self);
    PyObject_GC_UnTrack(self);
    clear(self);
    type->tp_free(self);
    Py_DECREF(type);
}

PyObject *make(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *iterable = nullptr;
    if (kwargs && PyDict_GET_SIZE(kwargs) > 0) {
        PyErr_SetString(PyExc_TypeError, "counted() takes no keyword arguments");
        return nullptr;
    }
    if (!PyArg_UnpackTuple(args, "counted", 1, 1, &iterable)) return nullptr;
    PyObject *it = PyObject_GetIter(iterable);
    if (!it) return nullptr;
    auto *c = PyObject_GC_New(CountingIter, type);
    if (!c) {
        Py_DECREF(it);
        return nullptr;
    }
    c->it = it;
    c->n = 0;
    PyObject_GC_Track(c);
    return reinterpret_cast<PyObject *>(c);
}

PyMemberDef members[] = {
    {const_cast<char *>("n"), T_PYSSIZET, offsetof(CountingIter, n), READONLY,
     const_cast<char *>("items passed on so far")},
    {nullptr, 0, 0, 0, nullptr},
};

PyType_Slot slots[] = {
    {Py_tp_iter, reinterpret_cast<void *>(PyObject_SelfIter)},
    {Py_tp_iternext, reinterpret_cast<void *>(next)},
    {Py_tp_traverse, reinterpret_cast<void *>(traverse)},
    {Py_tp_clear, reinterpret_cast<void *>(clear)},
    {Py_tp_dealloc, reinterpret_cast<void *>(dealloc)},
    {Py_tp_members, members},
    {Py_tp_new, reinterpret_cast<void *>(make)},
    {0, nullptr},
};

PyType_Spec spec = {"_dstreamlab.counted", sizeof(CountingIter), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, slots};

} // namespace

PyObject *makeCountedType()
{
    return PyType_FromSpec(&spec);
}

} // namespace dsl::python
