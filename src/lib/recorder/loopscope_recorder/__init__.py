"""Loopscope recorder: run an asyncio program on a virtual-time event loop and trace it.

One entry point, ``record(source, filename="main.py", limits_json="{}") -> str``, returns
a trace (JSON text) that meets the v2 contract of ``src/lib/trace/schema.ts``. ``source`` is
text, or a file's bytes, decoded by its coding declaration as CPython decodes a file.

How it works, in short:

* ``VirtualLoop`` is a ``BaseEventLoop`` whose clock only moves when nothing is ready (it
  jumps to the next timer) or when the program blocks (``time.sleep``). Timers with equal
  deadlines fire in the order they were scheduled, as on a real clock.
* Tasks are the real C ``asyncio.Task`` (a subclass that only adds two slots and a
  deterministic hash). The loop runs every ready handle itself, so it sees each task step
  from the outside and reads ``task._fut_waiter`` and the coroutine chain afterwards to
  say what the task now waits on.
* ``sys.monitoring`` (3.12+) gives line events, coroutine calls/returns and a line
  budget per step; on 3.11 those are simply absent.
* ``to_thread`` / ``run_in_executor`` run the function at hand-off time, with its own
  virtual clock on a worker lane; what it prints and its result arrive when that clock
  says so.

Everything the recorder patches (time, datetime, stdout, the loop policy, the running loop,
...) is restored when ``record`` returns, so it can be called many times in one interpreter.

The package: one module per seam. A module imports only from modules listed above it, so
there is no cycle. ``Recorder`` is the state of one run; each module that needs that state
defines a mixin of methods (named in brackets) that ``recorder`` puts together.

    current        the recorder of the run in progress
    internals      the asyncio and interpreter internals the recorder depends on
    limits         the recording limits; stopping a run (Limits)
    encoding       events as JSON text, written as they are recorded (EventLog)
    labels         names as the learner wrote them (Labels)
    virtual_loop   the virtual-time loop, its Task, the loop policy, the clocks (VirtualClock)
    clocks         every clock of time and datetime, reading the virtual clock
    disguise       the recorder out of sight: its Task as asyncio.Task, no frames of its own
    awaits         what a suspended task waits on, its await chain (Awaits)
    steps          the task table and each task step (Steps)
    snapshots      the ready queue and the timers at each loop iteration (Snapshots)
    threads        to_thread / run_in_executor on worker lanes (Threads)
    output         printed output and warnings (Output)
    versions       notes on behaviour that changed since the tutorials' Python (VersionNotes)
    monitoring     sys.monitoring: lines, coroutine and plain-def calls and returns (Monitoring)
    primitives     the program's queues, locks, semaphores, events, conditions (Primitives)
    coaching       what the parser says of the program, for the coaching notes
    results        the trace's result and its final JSON text (Results)
    recorder       Recorder: one run's state, the mixins put together
    source         a program's bytes decoded as CPython reads a file (PEP 263)
    sandbox        the interpreter patched for one run, and put back
    __init__       record(): compile, patch, run, trace

The engine (src/lib/recorder/engine.js) writes these files into Pyodide's filesystem and
imports the package; under CPython, put the folder that holds it on sys.path.
"""

import gc
import json

from . import current
from .limits import _Abort
from .labels import _safe_str
from .results import _syntax_error_trace, _trace
from .recorder import Recorder
from .sandbox import _collect_quietly, _install
from .source import _as_bytes, _decode


def record(source, filename="main.py", limits_json="{}"):
    """Runs `source` as __main__ on a virtual-time loop and returns its trace as JSON.

    `source` is text, or the file's bytes (decoded as CPython decodes a file: PEP 263)."""
    filename = str(filename)
    data = _as_bytes(source)
    decode_error = None
    if data is not None:
        try:
            source, decode_error = _decode(data, filename)
        except Exception as exc:  # never let a program's bytes break the recorder
            source = data.decode("utf-8", "replace")
            decode_error = SyntaxError(f"{type(exc).__name__}: {_safe_str(exc)}")
    source = str(source)
    try:
        limits = json.loads(limits_json) if limits_json else {}
        if not isinstance(limits, dict):
            limits = {}
    except ValueError:
        limits = {}
    rec = Recorder(source, filename, limits)
    if decode_error is not None:
        return _syntax_error_trace(rec, decode_error)
    try:
        code = compile(source, filename, "exec", dont_inherit=True)
    except SyntaxError as exc:
        return _syntax_error_trace(rec, exc)
    except (ValueError, TypeError) as exc:  # e.g. null bytes in the source
        err = SyntaxError(str(exc))
        return _syntax_error_trace(rec, err)

    saved_rec = current.REC
    current.REC = rec
    result = None
    restore = []
    try:
        _install(rec, code, restore)
        result = _execute(rec, code)
    except BaseException as exc:  # the recorder itself failed: still hand back a trace
        rec.finished = True
        result = {
            "status": "error",
            "duration": rec.now,
            "message": f"Loopscope's recorder failed: {type(exc).__name__}: {_safe_str(exc)}",
            "error": {
                "type": "RecorderError",
                "message": f"{type(exc).__name__}: {_safe_str(exc)}",
                "line": None,
                "traceback": [],
            },
        }
    finally:
        for undo in reversed(restore):
            try:
                undo()
            except Exception:
                pass
        current.REC = saved_rec
    text = _trace(rec, result)
    if rec.abort is not None:
        # A stopped program leaves pending tasks and coroutines behind: collected later,
        # they would warn into the next run's trace. Collect them now, quietly.
        del rec, restore  # the undo closures hold the recorder too
        _collect_quietly()
    return text


def _execute(rec, code):
    """Runs the module; returns the result record."""
    module = rec.module
    ns = module.__dict__
    result = None
    try:
        exec(code, ns)
    except _Abort:
        result = None
    except SystemExit as exc:
        if exc.code not in (None, 0):
            result = rec.exit_result(exc)
    except BaseException as exc:
        result = rec.error_result(exc)
    # What CPython does at exit: drop the module's globals, collect cycles. A coroutine
    # that was never awaited warns now.
    try:
        ns.clear()
        gc.collect()
    except _Abort:
        pass
    except BaseException:
        pass
    rec.finished = True
    if rec.abort is not None:
        return rec.abort_result()
    if result is None:
        result = {"status": "ok", "duration": rec.now}
    return result
