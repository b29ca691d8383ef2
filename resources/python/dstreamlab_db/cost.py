"""Charges a database call to the simulated time of the task that makes it.

The constants are engine/costmodel.h's (`dsl::cost::db*`), read through `_dstreamlab.db_costs()`;
`_dstreamlab.charge_ns(n)` adds n ns to the running task's cost (nothing on the driver, whose
time passes only in the run loop). Outside DStream Lab (the unit tests) nothing is charged, and
`charges` records what would have been.
"""

import functools
import time

from . import activity

try:
    import _dstreamlab
except ImportError:  # plain python3 (tests): no simulated clock
    _dstreamlab = None

_costs = None
#: (kind, ns) of every charge, kept only when no engine runs (tests read it).
charges = []


def costs():
    global _costs
    if _costs is None:
        _costs = dict(_dstreamlab.db_costs()) if _dstreamlab is not None else {
            "connect": 0, "statement": 0, "row": 0, "commit": 0, "close": 0}
    return _costs


def charge(kind, count=1):
    """kind: 'connect', 'statement', 'row', 'commit' or 'close'."""
    if count <= 0:
        return
    activity.count(kind, count)  # the database view's statements and connections per batch
    if _dstreamlab is None:
        charges.append((kind, count))
        return
    ns = costs()[kind] * count
    activity.count("sim_ns", ns)
    _dstreamlab.charge_ns(ns)


try:  # the real clock: in DStream Lab time.perf_counter_ns reads the simulated one on the driver
    from pyspark._internal import _real_clocks
    _wall_ns = _real_clocks["perf_counter_ns"]
except ImportError:  # plain python3 (tests)
    _wall_ns = time.perf_counter_ns


_timing = [0]  # nesting depth: only the outermost call counts (executemany calls execute)


def timed(method):
    """Adds the real time a database call takes to its batch's wall_ns (shown beside the
    simulated time in the database view; never charged, never part of a result)."""
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        if _timing[0]:
            return method(*args, **kwargs)
        _timing[0] += 1
        start = _wall_ns()
        try:
            return method(*args, **kwargs)
        finally:
            _timing[0] -= 1
            activity.count("wall_ns", _wall_ns() - start)
    return wrapper
