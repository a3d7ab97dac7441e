"""The interpreter, patched for one run and put back afterwards.

For the length of a run: the loop policy hands out virtual loops, every clock (``time``,
``datetime``: see ``clocks``) reads virtual time, stdout and stderr are trace events,
``random`` is seeded, unawaited coroutines warn into the trace, ``os._exit`` ends the run
(not the interpreter), ``sys.setrecursionlimit`` is capped and ``os.write`` to fds 1 and 2
is output. Each patch pushes its undo, so that
``record`` can be called many times in one interpreter.
"""

import asyncio
import builtins
import gc
import io
import linecache
import os
import random
import sys
import types
import warnings
from asyncio import events, tasks

from .limits import _MAX_RECURSION
from .output import _Out
from .clocks import _install_clocks
from .disguise import _install_default_policy, _install_disguise
from .versions import _install_version_notes
from .monitoring import _install_monitoring
from .primitives import _install_primitives
from .scopes import _install_scopes


def _as_completed_wrapper(original):
    def as_completed(fs, *, timeout=None):
        # CPython builds its tasks from set(fs): coroutine objects hash by address, so
        # the tasks would start in an order that changes from run to run. Making them
        # tasks first, in argument order, keeps the run deterministic.
        if isinstance(fs, (list, tuple)) and any(asyncio.iscoroutine(f) for f in fs):
            fs = [asyncio.ensure_future(f) for f in fs]
        return original(fs, timeout=timeout)

    as_completed.__doc__ = original.__doc__
    return as_completed


def _collect_quietly():
    old_out, old_err = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = io.StringIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            gc.collect()
    finally:
        sys.stdout, sys.stderr = old_out, old_err


def _install(rec, code, restore):
    """Patches the interpreter for one run; each patch pushes its undo onto `restore`."""
    # Pyodide's WebLoop is registered as running: asyncio.run would refuse to start.
    running = events._get_running_loop()
    events._set_running_loop(None)
    restore.append(lambda: events._set_running_loop(running))

    old_policy = events._event_loop_policy
    events._event_loop_policy = _install_default_policy(rec, restore)()

    def undo_policy():
        events._event_loop_policy = old_policy

    restore.append(undo_policy)

    _install_clocks(rec, restore)
    _install_disguise(restore)

    orig_as_completed = asyncio.as_completed
    wrapped = _as_completed_wrapper(orig_as_completed)
    asyncio.as_completed = wrapped
    tasks.as_completed = wrapped

    def undo_as_completed():
        asyncio.as_completed = orig_as_completed
        tasks.as_completed = orig_as_completed

    restore.append(undo_as_completed)

    old_out, old_err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Out(rec, "stdout"), _Out(rec, "stderr")

    def undo_streams():
        sys.stdout, sys.stderr = old_out, old_err

    restore.append(undo_streams)

    old_random = random.getstate()
    random.seed(0)
    restore.append(lambda: random.setstate(old_random))

    catcher = warnings.catch_warnings()
    catcher.__enter__()
    restore.append(lambda: catcher.__exit__(None, None, None))
    had_hook = hasattr(warnings, "_warn_unawaited_coroutine")
    old_hook = getattr(warnings, "_warn_unawaited_coroutine", None)
    warnings._warn_unawaited_coroutine = rec.never_awaited

    def undo_hook():
        if had_hook:
            warnings._warn_unawaited_coroutine = old_hook
        else:
            del warnings._warn_unawaited_coroutine

    restore.append(undo_hook)
    _install_version_notes(rec, restore)

    _install_exits(rec, restore)

    old_depth = sys.get_coroutine_origin_tracking_depth()
    sys.set_coroutine_origin_tracking_depth(4)
    restore.append(lambda: sys.set_coroutine_origin_tracking_depth(old_depth))

    old_main = sys.modules.get("__main__")
    module = types.ModuleType("__main__")
    module.__file__ = rec.filename
    module.__builtins__ = builtins
    sys.modules["__main__"] = module
    rec.module = module

    def undo_main():
        if old_main is not None:
            sys.modules["__main__"] = old_main

    restore.append(undo_main)

    old_cache = linecache.cache.get(rec.filename)
    linecache.cache[rec.filename] = (
        len(rec.source),
        None,
        [line + "\n" for line in rec.source.splitlines()],
        rec.filename,
    )

    def undo_cache():
        if old_cache is None:
            linecache.cache.pop(rec.filename, None)
        else:
            linecache.cache[rec.filename] = old_cache

    restore.append(undo_cache)

    _install_monitoring(rec, code, restore)
    _install_primitives(rec, restore)
    _install_scopes(rec, restore)


def _install_exits(rec, restore):
    """os._exit ends the run instead of the interpreter (in Pyodide it would take the
    worker, or the whole CLI, down with the output so far); sys.setrecursionlimit is capped
    at _MAX_RECURSION and restored after the run; os.write to fds 1 and 2 is output like
    print's, under the same limit."""
    import posix

    real_write = posix.write

    def write(fd, data):
        if fd in (1, 2):
            view = memoryview(data)  # TypeError for what os.write refuses too
            rec.out(bytes(view).decode("utf-8", "replace"), "stdout" if fd == 1 else "stderr")
            return view.nbytes
        return real_write(fd, data)

    os.write = posix.write = write

    def undo_write():
        os.write = posix.write = real_write

    restore.append(undo_write)

    real_exit = posix._exit

    def _exit(status):
        code = int(status)
        rec.stop("exit", None, code=code, line=rec.user_line())

    os._exit = posix._exit = _exit

    def undo_exit():
        os._exit = posix._exit = real_exit

    restore.append(undo_exit)

    real_limit = sys.setrecursionlimit
    old_limit = sys.getrecursionlimit()
    rec.recursion_asked = None

    def setrecursionlimit(limit):
        real_limit(limit)  # CPython's own checks and errors first
        if limit > _MAX_RECURSION:
            rec.recursion_asked = limit
            real_limit(_MAX_RECURSION)

    sys.setrecursionlimit = setrecursionlimit

    def undo_limit():
        sys.setrecursionlimit = real_limit
        real_limit(old_limit)

    restore.append(undo_limit)
