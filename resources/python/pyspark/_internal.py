"""DStream Lab internals: program runner, stdout routing, tracebacks, call sites, checks."""

import _thread
import builtins
import inspect
import os
import sys
import time as _time
import traceback

import _dstreamlab

_PKG_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_real_sleep = _time.sleep
_real_clocks = {n: getattr(_time, n) for n in (
    "time", "time_ns", "monotonic", "monotonic_ns", "perf_counter", "perf_counter_ns",
    "localtime", "gmtime", "ctime", "asctime", "strftime")}
_driver_thread = None


class RunComplete(BaseException):
    """Raised from an endless awaitTermination() when the run is over (input processed or
    --seconds reached): the program ends as if the driver had been stopped."""


class TaskWatchdogTimeout(Exception):
    """Raised inside a user function that ran longer than the task watchdog allows."""

    where = None  # "NAME (FILE:LINE)" of a driver-side function (foreachRDD)
    capped = False  # the driver function ran, with its jobs, for kNestedCap times the budget (watchdog.h)

    def __str__(self):
        if self.where and self.capped:
            return ("the function %s given to foreachRDD ran longer than %.1f s of real time on the "
                    "driver, with the jobs it started, and was stopped by DStream Lab's watchdog "
                    "(a loop that never ends?)" % (self.where, _dstreamlab.watchdog_nested_cap() * _dstreamlab.task_timeout_ms() / 1000.0))
        if self.where:
            return ("the function %s given to foreachRDD ran longer than %.1f s of real time on the "
                    "driver and was stopped by DStream Lab's watchdog (a loop that never ends?)"
                    % (self.where, _dstreamlab.task_timeout_ms() / 1000.0))
        return ("the function ran longer than %.1f s of real time and was stopped by DStream Lab's "
                "task watchdog (a loop that never ends?)" % (_dstreamlab.task_timeout_ms() / 1000.0))


class MemoryLimitExceeded(MemoryError):
    """Raised asynchronously in the program when the process's memory grows past the run's
    limit (--memory-limit; engine/python/watchdog.h samples it every 50 ms), before the
    operating system would end the app."""

    def __str__(self):
        return ("the program's memory grew past DStream Lab's limit of %d MB (--memory-limit) and the "
                "program was stopped (a list, dict or string that keeps growing?)" % _dstreamlab.memory_limit_mb())


class NotAllowedInDStreamLab(RuntimeError):
    """A call that would end, replace or copy the whole app (os._exit, os.abort, os.fork, os.exec*,
    a signal to itself): the program runs inside DStream Lab's process, not in one of its own."""


def _refuse(name, advice):
    def refused(*args, **kwargs):
        shown = ", ".join([repr(a) for a in args] + ["%s=%r" % kv for kv in kwargs.items()])
        raise NotAllowedInDStreamLab("%s(%s) is not allowed in DStream Lab: the program runs inside the app, "
                                     "so it would %s; %s" % (name, shown, "end the app" if "exit" in name or name == "os.abort"
                                                             else "copy or replace the app", advice))
    refused.__name__ = name.split(".")[-1]
    return refused


def _install_process_guards():
    """os._exit, os.abort, os.fork and os.exec* would end, copy or replace the app itself (the
    program runs in its process); they raise NotAllowedInDStreamLab instead. Starting other
    programs (subprocess, os.posix_spawn, os.system) stays allowed: it is the user's right, as in
    any script they run (docs/hostile-programs.md)."""
    import signal
    stop = "end the program with sys.exit(...) or stop the streaming context with ssc.stop()"
    os._exit = _refuse("os._exit", stop)
    os.abort = _refuse("os.abort", stop)
    spawn = "start another program with subprocess.run([...]) instead"
    for name in ("fork", "forkpty"):
        if hasattr(os, name):
            setattr(os, name, _refuse("os." + name, spawn + " (multiprocessing's default 'fork' start method forks too)"))
    for name in ("execv", "execve", "execl", "execle", "execlp", "execlpe", "execvp", "execvpe"):
        if hasattr(os, name):
            setattr(os, name, _refuse("os." + name, spawn))
    real_kill, real_killpg, real_raise = os.kill, os.killpg, signal.raise_signal

    def kill(pid, sig):
        if sig != 0 and pid in (0, os.getpid(), -os.getpgid(0)):
            _refuse("os.kill", stop)(pid, sig)
        return real_kill(pid, sig)

    def killpg(pgid, sig):
        if sig != 0 and pgid in (0, os.getpgid(0)):
            _refuse("os.killpg", stop)(pgid, sig)
        return real_killpg(pgid, sig)

    def raise_signal(sig):
        if sig != signal.SIGINT:
            _refuse("signal.raise_signal", stop)(sig)
        return real_raise(sig)
    kill.__doc__, killpg.__doc__, raise_signal.__doc__ = real_kill.__doc__, real_killpg.__doc__, real_raise.__doc__
    os.kill, os.killpg, signal.raise_signal = kill, killpg, raise_signal


_real_setrecursionlimit = sys.setrecursionlimit


def _setrecursionlimit(limit):
    """sys.setrecursionlimit, at most what the program thread's stack holds: recursion through
    built-in functions (sorted with a key, map, repr) uses the C stack, and overflowing it would
    crash the app instead of raising RecursionError."""
    cap = _dstreamlab.max_recursion_limit()
    if isinstance(limit, int) and limit > cap:
        filename, line = user_frame()
        sys.stderr.write("dstreamlab: sys.setrecursionlimit(%d) at %s:%d is lowered to %d: deeper recursion could "
                         "overflow the program's stack and crash the app (a classroom safety net, "
                         "docs/hostile-programs.md)\n" % (limit, os.path.basename(filename), line, cap))
        limit = cap
    return _real_setrecursionlimit(limit)


def describe_function(f):
    """"NAME (FILE:LINE)" of a user function, for messages."""
    name = getattr(f, "__name__", type(f).__name__)
    code = getattr(f, "__code__", None)
    if code is None:
        return name
    return "%s (%s:%d)" % (name, os.path.basename(code.co_filename), code.co_firstlineno)


def _is_internal(filename):
    try:
        return os.path.abspath(filename).startswith(_PKG_DIR + os.sep)
    except Exception:
        return False


def format_user_traceback(etype, value, tb):
    """traceback.format_exception without DStream Lab's own frames."""
    te = traceback.TracebackException(etype, value, tb)
    te.stack = traceback.StackSummary.from_list([f for f in te.stack if not _is_internal(f.filename)])
    parts = []
    if te.stack:
        parts.append("Traceback (most recent call last):\n")
        parts.extend(te.stack.format())
    parts.extend(te.format_exception_only())
    return "".join(parts)


def make_java_error(java_class, message):
    from py4j.protocol import Py4JJavaError
    return Py4JJavaError("An error occurred while calling %s.\n" % _current_call(), java_class, message)


_call_stack = []


def _current_call():
    return _call_stack[-1] if _call_stack else "o0.call"


class java_call:
    """Context manager naming the simulated JVM method being called (for Py4JJavaError)."""

    def __init__(self, obj_id, method):
        self.name = "o%d.%s" % (obj_id, method)

    def __enter__(self):
        _call_stack.append(self.name)

    def __exit__(self, *exc):
        _call_stack.pop()
        return False


def user_frame():
    """(filename, lineno) of the innermost frame outside DStream Lab's package."""
    f = sys._getframe(1)
    while f is not None and _is_internal(f.f_code.co_filename):
        f = f.f_back
    if f is None:
        return ("<unknown>", 0)
    return (f.f_code.co_filename, f.f_lineno)


_while_lines = {}


def _while_ranges(filename):
    """(first, last) line ranges of the while loops in a program file (cached)."""
    r = _while_lines.get(filename)
    if r is None:
        import ast
        import linecache
        r = []
        try:
            tree = ast.parse("".join(linecache.getlines(filename)))
            r = [(n.lineno, n.end_lineno) for n in ast.walk(tree) if isinstance(n, ast.While)]
        except (SyntaxError, ValueError):
            pass
        _while_lines[filename] = r
    return r


def wait_site():
    """("file.py:LINE" of the user's timed wait, whether it runs inside a while loop of the
    user's code): a polling loop that may never end, unlike a finite sequence or a for loop."""
    f = sys._getframe(1)
    while f is not None and _is_internal(f.f_code.co_filename):
        f = f.f_back
    if f is None:
        return ("<unknown>:0", False)
    site = "%s:%d" % (os.path.basename(f.f_code.co_filename), f.f_lineno)
    polling = False
    while f is not None and not polling:
        if not _is_internal(f.f_code.co_filename):
            polling = any(a <= f.f_lineno <= b for a, b in _while_ranges(f.f_code.co_filename))
        f = f.f_back
    return (site, polling)


def callsite(op):
    """Spark's short call site: "map at wordcount.py:23"."""
    filename, line = user_frame()
    return "%s at %s:%d" % (op, os.path.basename(filename), line)


def check_function(f, op, nargs):
    """A clear error, at the user's line, for non-callables and wrong argument counts.

    nargs is an int or a tuple of accepted counts."""
    counts = nargs if isinstance(nargs, tuple) else (nargs,)
    if not callable(f):
        raise TypeError("%s() expects a function, but got %s %r" % (op, type(f).__name__, f))
    try:
        sig = inspect.signature(f)
    except (TypeError, ValueError):
        return
    for n in counts:
        try:
            sig.bind(*([None] * n))
            return
        except TypeError:
            pass
    name = getattr(f, "__name__", type(f).__name__)
    code = getattr(f, "__code__", None)
    where = " (%s:%d)" % (os.path.basename(code.co_filename), code.co_firstlineno) if code else ""
    want = " or ".join(str(n) for n in counts)
    raise TypeError("the function given to %s() must take %s argument%s, but %s%s takes %s"
                    % (op, want, "" if counts == (1,) else "s", name, where, _describe_params(sig)))


def _describe_params(sig):
    params = [p for p in sig.parameters.values()
              if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return "%d (%s)" % (len(params), ", ".join(p.name for p in params))


def check_serializable(f):
    """Pickle the function as PySpark does before shipping it to executors."""
    import pickle
    try:
        import cloudpickle
    except ImportError:  # pragma: no cover - Debian's python3-cloudpickle is a dependency
        return
    try:
        cloudpickle.dumps(f, 2)
    except pickle.PickleError:
        raise
    except Exception as e:
        # pyspark/serializers.py CloudPickleSerializer.dumps
        msg = "Could not serialize object: %s: %s" % (e.__class__.__name__, e)
        raise pickle.PicklingError(msg) from None


class _SimStdout:
    """sys.stdout of the program: text goes through the simulation (a streaming job's output
    appears when the job completes, as on the Spark driver's console)."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, s):
        if s:
            if not _on_driver():
                # A thread the program started: the engine is the program thread's only, so the
                # text waits for that thread's next write (or the program's end).
                _foreign_output.append((self._sink, s))
                return len(s)
            if _foreign_output:
                _drain_foreign_output()
            self._sink(s)
        return len(s)

    @staticmethod
    def _sink(s):
        _dstreamlab.output(s)

    def flush(self):
        if _foreign_output and _on_driver():
            _drain_foreign_output()

    def isatty(self):
        return False

    def writable(self):
        return True


class _SimStderr(_SimStdout):
    @staticmethod
    def _sink(s):
        _dstreamlab.stderr_write(s)


_threads_before = set()  # idents of the threads alive when the program started
_foreign_output = []  # (sink, text) written by threads the program started; list.append is atomic


def _drain_foreign_output():
    while _foreign_output:
        sink, text = _foreign_output.pop(0)
        sink(text)


def _on_driver():
    return _driver_thread is not None and _thread.get_ident() == _driver_thread


def _sim_seconds():
    """Simulated epoch seconds (the program's clock while it runs on the driver thread)."""
    return _dstreamlab.now_ms() / 1000.0


def _clock(name, sim):
    real = _real_clocks[name]

    def clock():
        return sim() if _on_driver() else real()
    clock.__name__ = name
    clock.__doc__ = real.__doc__
    return clock


def _with_default_time(name, convert):
    real = _real_clocks[name]

    def f(*args):
        if _on_driver() and (len(args) == convert[0] or (len(args) == convert[0] + 1 and args[-1] is None)):
            args = args[:convert[0]] + (convert[1](),)
        return real(*args)
    f.__name__ = name
    f.__doc__ = real.__doc__
    return f


def _install_clocks():
    """time.time/monotonic/perf_counter (and datetime.now, localtime()...) read the simulated
    clock on the driver thread, as time.sleep advances it: a program that polls the clock while
    it sleeps sees the same time flow as on Spark, and every run is the same."""
    since_start = lambda: (_dstreamlab.now_ms() - _dstreamlab.start_ms()) / 1000.0
    _time.time = _clock("time", _sim_seconds)
    _time.time_ns = _clock("time_ns", lambda: _dstreamlab.now_ms() * 1000000)
    _time.monotonic = _clock("monotonic", since_start)
    _time.monotonic_ns = _clock("monotonic_ns", lambda: int(round(since_start() * 1e9)))
    _time.perf_counter = _clock("perf_counter", since_start)
    _time.perf_counter_ns = _clock("perf_counter_ns", lambda: int(round(since_start() * 1e9)))
    now_tuple = lambda: _real_clocks["localtime"](_sim_seconds())
    _time.localtime = _with_default_time("localtime", (0, _sim_seconds))
    _time.gmtime = _with_default_time("gmtime", (0, _sim_seconds))
    _time.ctime = _with_default_time("ctime", (0, _sim_seconds))
    _time.asctime = _with_default_time("asctime", (0, now_tuple))
    _time.strftime = _with_default_time("strftime", (1, now_tuple))
    _install_datetime()


def _install_datetime():
    import datetime as _dt
    real_date, real_datetime = _dt.date, _dt.datetime

    class _Meta(type):
        def __instancecheck__(cls, obj):
            return isinstance(obj, cls._real)

        def __subclasscheck__(cls, sub):
            return issubclass(sub, cls._real)

    class date(real_date, metaclass=_Meta):
        _real = real_date

        def __new__(cls, *args, **kwargs):
            return real_date(*args, **kwargs)

        @classmethod
        def today(cls):
            if not _on_driver():
                return real_date.today()
            return real_date.fromtimestamp(_sim_seconds())

    class datetime(real_datetime, metaclass=_Meta):
        _real = real_datetime

        def __new__(cls, *args, **kwargs):
            return real_datetime(*args, **kwargs)

        @classmethod
        def now(cls, tz=None):
            if not _on_driver():
                return real_datetime.now(tz)
            return real_datetime.fromtimestamp(_sim_seconds(), tz)

        @classmethod
        def today(cls):
            return cls.now()

        @classmethod
        def utcnow(cls):
            if not _on_driver():
                return real_datetime.utcnow()
            return real_datetime.fromtimestamp(_sim_seconds(), _dt.timezone.utc).replace(tzinfo=None)

    for c, real in ((date, real_date), (datetime, real_datetime)):
        c.__module__, c.__qualname__, c.__doc__ = "datetime", real.__name__, real.__doc__
    _dt.date, _dt.datetime = date, datetime
    # Instances are the real types; pickle them through the module's (patched) names so
    # pickle and cloudpickle find the class they look up (datetime.datetime) by reference.
    import copyreg
    copyreg.pickle(real_datetime, lambda d: (datetime, d.__reduce__()[1]))
    copyreg.pickle(real_date, lambda d: (date, d.__reduce__()[1]))


def _sleep(seconds):
    """time.sleep: on the driver with an active StreamingContext, simulated time passes."""
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    if _on_driver() and _dstreamlab.driver_sleep(float(seconds), *wait_site()):
        return
    # Elsewhere (inside a task, or with no active context) sleep for real, in short slices
    # so the task watchdog can interrupt it.
    mono = _real_clocks["monotonic"]
    end = mono() + seconds
    while True:
        left = end - mono()
        if left <= 0:
            return
        _real_sleep(min(left, 0.05))


def reset_module_state():
    """Forget every context and counter of the previous run (PythonRuntime::reset): the next
    run in this interpreter starts as a fresh spark-submit would."""
    import itertools
    from pyspark import context, resultiterable
    from pyspark.streaming import context as streaming_context
    context.SparkContext._active_spark_context = None
    context.SparkContext._next_id = 0
    context.SparkContext._next_accum_id = 0
    from pyspark import accumulators, broadcast
    accumulators._accumulatorRegistry.clear()
    broadcast._registry.clear()
    context._ids = iter(range(1, 1 << 62))
    streaming_context.StreamingContext._activeContext = None
    from pyspark.streaming import dstream
    dstream._forget_pipes()  # RDD and context ids start again
    resultiterable._ids = itertools.count(1)
    del _call_stack[:]
    # Modules the program imported from its own directory (or a package in it) run again, as
    # in a new process.
    for name, mod in list(sys.modules.items()):
        f = getattr(mod, "__file__", None)
        d = os.path.dirname(os.path.abspath(f)) if f else ""
        if f and not _is_internal(f) and (d in _program_dirs or os.path.dirname(d) in _program_dirs):
            del sys.modules[name]


def save_module_state():
    """The counters a host-side inspection (recomputing an RDD for display) may advance."""
    import itertools
    from pyspark import resultiterable
    n = next(resultiterable._ids)
    resultiterable._ids = itertools.count(n)
    return (n, list(_call_stack))


def restore_module_state(saved):
    import itertools
    from pyspark import resultiterable
    resultiterable._ids = itertools.count(saved[0])
    _call_stack[:] = saved[1]


def install():
    _time.sleep = _sleep
    _install_clocks()
    _install_process_guards()
    sys.setrecursionlimit = _setrecursionlimit
    import threading
    threading.excepthook = _thread_excepthook
    _dstreamlab.set_watchdog_exception(TaskWatchdogTimeout)
    _dstreamlab.set_memory_exception(MemoryLimitExceeded)


class _DictUnavailable(dict):
    pass


_program_dirs = set()


def run_program(source, filename, dirname, argv):
    """Runs a program as __main__; returns the process exit status (0 ok, 1 raised)."""
    global _driver_thread
    _driver_thread = _thread.get_ident()
    sys.argv = list(argv)
    # The interpreter a spark-submit driver runs on (Debian's), not the dstreamlab binary.
    sys.executable = "/usr/bin/python3"
    _program_dirs.add(os.path.abspath(dirname))
    # As in a fresh python3: the default limit (an earlier run in this interpreter may have
    # raised it), at most what this thread's stack holds.
    _real_setrecursionlimit(min(1000, _dstreamlab.max_recursion_limit()))
    del _foreign_output[:]
    import threading
    _threads_before.clear()
    _threads_before.update(t.ident for t in threading.enumerate())
    if dirname not in sys.path:
        sys.path.insert(1, dirname)
    old_out, old_err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _SimStdout(), _SimStderr()
    try:
        return _run(source, filename)
    finally:
        try:
            sys.stdout.flush()
            _warn_threads_left()
        finally:
            sys.stdout, sys.stderr = old_out, old_err


def _run(source, filename):
    text = source.decode("utf-8", errors="replace") if isinstance(source, bytes) else source
    if not text.strip():
        sys.stderr.write("dstreamlab: %s is empty: there is no program to run. A streaming program "
                         "creates a SparkContext and a StreamingContext, defines DStreams and an "
                         "output operation, then calls ssc.start() and ssc.awaitTermination().\n"
                         % filename)
        return 1
    import linecache
    lines = text.splitlines(True)
    linecache.cache[filename] = (len(text), None, lines, filename)
    _while_lines.pop(filename, None)
    try:
        code = compile(source, filename, "exec")
    except SyntaxError as e:
        sys.stderr.write("".join(traceback.format_exception_only(type(e), e)))
        return 1
    g = {"__name__": "__main__", "__file__": filename, "__builtins__": builtins, "__package__": None}
    try:
        exec(code, g)
    except RunComplete:
        return 0
    except SystemExit as e:
        if e.code is None:
            return 0
        if isinstance(e.code, int):
            return e.code
        sys.stderr.write(str(e.code) + "\n")
        return 1
    except KeyboardInterrupt as e:
        _dstreamlab.end_memory_watch()
        where = _innermost_user_line(e.__traceback__)
        sys.stderr.write("KeyboardInterrupt: the program was interrupted; the input log is kept.%s\n"
                         % (" It stopped at %s." % where if where else ""))
        return 1
    except BaseException as e:
        _dstreamlab.end_memory_watch()
        sys.stderr.write(format_user_traceback(type(e), e, e.__traceback__))
        _explain_memory_error(e)
        return 1
    return 0


def _innermost_user_line(tb):
    """"FILE line N, in FUNCTION" of the innermost frame of the program's own code, or None."""
    where = None
    while tb is not None:
        code = tb.tb_frame.f_code
        if not _is_internal(code.co_filename):
            where = "%s line %d, in %s" % (os.path.basename(code.co_filename), tb.tb_lineno, code.co_name)
        tb = tb.tb_next
    return where


def _explain_memory_error(e):
    """After a MemoryError's traceback: what ran out (the guard's refusal names the limit)."""
    refused = _dstreamlab.take_refused_allocation()
    text = "%s: %s" % (type(e).__name__, e)
    if refused:
        sys.stderr.write("dstreamlab: the program asked for %.1f GB at once, more than its memory limit of %d MB "
                         "(--memory-limit) leaves: the allocation was refused with MemoryError\n"
                         % (refused / 1e9, _dstreamlab.memory_limit_mb()))
    elif isinstance(e, MemoryLimitExceeded) or "MemoryLimitExceeded" in text:
        pass
    elif isinstance(e, MemoryError) or "MemoryError" in text:
        sys.stderr.write("dstreamlab: the program ran out of memory (MemoryError): the machine could not give it "
                         "what it asked for\n")


def _thread_excepthook(args):
    """threading.excepthook: a thread's error with the program's own frames only."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    sys.stderr.write("Exception in thread %s:\n%s" % (name, format_user_traceback(args.exc_type, args.exc_value,
                                                                                   args.exc_traceback)))


def _warn_threads_left():
    """Threads the program started and left running go on inside the app after it ends."""
    import threading
    left = [t for t in threading.enumerate() if t.is_alive() and t.ident not in _threads_before]
    if left:
        sys.stderr.write("dstreamlab: the program left %d thread%s running (%s): %s on inside DStream Lab after "
                         "the program ends; join() them before it ends\n"
                         % (len(left), "" if len(left) == 1 else "s", ", ".join(t.name for t in left),
                            "it goes" if len(left) == 1 else "they go"))
