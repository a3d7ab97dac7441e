"""Every clock a program can read, on the run's one virtual clock.

``time.time()`` is a fixed epoch plus virtual time; ``monotonic``, ``perf_counter`` and
``loop.time()`` are virtual time itself (on CPython, ``loop.time()`` is ``monotonic()``);
the ``_ns`` variants are the same figures in nanoseconds. ``time.localtime``, ``gmtime``,
``ctime``, ``asctime`` and ``strftime`` without a time read ``time.time()``, as CPython's do.

``process_time()`` and ``thread_time()`` are the CPU time of the program, and that never
moves: computing costs no virtual time here, and sleeping costs no CPU time on CPython
either (``time.sleep`` and ``await asyncio.sleep`` leave ``process_time`` where it was). So a
program that compares its wall time with its CPU time learns the true lesson: it waited.

``datetime``: ``date.today()`` and ``datetime.today()`` call ``time.time()`` already (in C);
``datetime.now()`` and ``utcnow()`` read the system clock in C, so ``datetime.datetime`` is
replaced for the run by a subclass whose ``now``/``utcnow`` read ``time.time()``. It passes
for the C type: the same name, qualified name, module and repr, and every C ``datetime``
(made before the run, or by a module that kept the type) is an instance of it.
"""

import datetime as _datetime_module
import sys
import time
import types
import warnings

# time.time() reads this fixed epoch plus virtual time, so printed dates are stable.
EPOCH = 1_700_000_000.0

_CDatetime = _datetime_module.datetime
_UTC = _datetime_module.timezone.utc
_UTCNOW_WARNS = sys.version_info >= (3, 12)  # utcnow() was deprecated in 3.12


class _PassesForC(type):
    """The metaclass of the stand-in: a C datetime is an instance of it, and the class
    answers to the C type's own name."""

    def __instancecheck__(cls, obj):
        return isinstance(obj, _CDatetime)

    def __subclasscheck__(cls, sub):
        return issubclass(sub, _CDatetime)

    @property
    def __name__(cls):
        return "datetime"


def _virtual_datetime(now_seconds):
    """A datetime class whose now() and utcnow() read `now_seconds()` (time.time's
    figure): the rest is the C type's."""

    class datetime(_CDatetime, metaclass=_PassesForC):
        __slots__ = ()
        __doc__ = _CDatetime.__doc__

        @classmethod
        def now(cls, tz=None):
            return cls.fromtimestamp(now_seconds(), tz)

        @classmethod
        def utcnow(cls):
            # The C method's own warning (3.12+), blamed on the caller as it is there.
            if _UTCNOW_WARNS:
                warnings.warn(
                    "datetime.datetime.utcnow() is deprecated and scheduled for removal in a "
                    "future version. Use timezone-aware objects to represent datetimes in UTC: "
                    "datetime.datetime.now(datetime.UTC).",
                    DeprecationWarning,
                    stacklevel=2,
                )
            return cls.fromtimestamp(now_seconds(), _UTC).replace(tzinfo=None)

    datetime.now.__func__.__doc__ = _CDatetime.now.__doc__
    datetime.utcnow.__func__.__doc__ = _CDatetime.utcnow.__doc__
    # The C type's tp_name is "datetime.datetime": reprs and error messages show it
    # ("datetime.datetime(2023, 11, 14, ...)", "unsupported operand type(s) for -:
    # 'datetime.datetime' and 'int'"). Setting type.__name__ sets tp_name; the
    # metaclass's __name__ still answers "datetime", as the C type's does.
    type.__dict__["__name__"].__set__(datetime, "datetime.datetime")
    datetime.__qualname__ = "datetime"
    datetime.__module__ = "datetime"
    return datetime


def _named(fn, name):
    """fn, named as the time module's own function (a program that prints it sees time's)."""
    fn.__name__ = fn.__qualname__ = name
    fn.__module__ = "time"
    fn.__doc__ = getattr(time, name).__doc__
    return fn


def _install_clocks(rec, restore):
    """Every clock reads the run's virtual clock (rec.clock(): a worker lane's own while a
    thread job runs); undone through `restore`."""
    real_localtime, real_gmtime = time.localtime, time.gmtime
    real_ctime, real_asctime, real_strftime = time.ctime, time.asctime, time.strftime
    clock = rec.clock

    def wall():
        return EPOCH + clock()

    def ns(seconds):
        return int(round(seconds * 1e9))

    def sleep(secs):
        rec.time_sleep(secs)

    def localtime(secs=None):
        return real_localtime(wall() if secs is None else secs)

    def gmtime(secs=None):
        return real_gmtime(wall() if secs is None else secs)

    def ctime(secs=None):
        return real_ctime(wall() if secs is None else secs)

    def asctime(t=None):
        return real_asctime(real_localtime(wall()) if t is None else t)

    def strftime(format, t=None):
        return real_strftime(format, real_localtime(wall()) if t is None else t)

    def cpu():
        return 0.0

    def cpu_ns():
        return 0

    fakes = {
        "sleep": sleep,
        "time": lambda: wall(),
        "time_ns": lambda: ns(wall()),
        "monotonic": lambda: clock(),
        "monotonic_ns": lambda: ns(clock()),
        "perf_counter": lambda: clock(),
        "perf_counter_ns": lambda: ns(clock()),
        "process_time": cpu,
        "process_time_ns": cpu_ns,
        "thread_time": cpu,
        "thread_time_ns": cpu_ns,
        "localtime": localtime,
        "gmtime": gmtime,
        "ctime": ctime,
        "asctime": asctime,
        "strftime": strftime,
    }
    saved = {}
    for name, fake in fakes.items():
        if hasattr(time, name):  # thread_time is missing on some platforms
            saved[name] = getattr(time, name)
            # A fresh function per name: process_time and thread_time share `cpu`.
            setattr(time, name, _named(_copy(fake), name))

    def undo_time():
        for name, fn in saved.items():
            setattr(time, name, fn)

    restore.append(undo_time)

    _datetime_module.datetime = _virtual_datetime(wall)

    def undo_datetime():
        _datetime_module.datetime = _CDatetime

    restore.append(undo_datetime)


def _copy(fn):
    """A new function with fn's code and closure (so each can carry its own name)."""
    return types.FunctionType(fn.__code__, fn.__globals__, fn.__name__, fn.__defaults__, fn.__closure__)
