"""Loopscope recorder: run an asyncio program on a virtual-time event loop and trace it.

One entry point, ``record(source, filename="main.py", limits_json="{}") -> str``, returns
a trace (JSON text) that meets the v2 contract of ``src/lib/trace/schema.ts``.

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

Everything the recorder patches (time, stdout, the loop policy, the running loop, ...) is
restored when ``record`` returns, so it can be called many times in one interpreter.
"""

import asyncio
import builtins
import gc
import heapq
import io
import json
import linecache
import os
import random
import re
import sys
import time
import types
import warnings
import weakref
from asyncio import base_events, events, futures, tasks

RECORDER_VERSION = "2.0.0"
IN_PYODIDE = "_pyodide_core" in sys.modules
HAS_MONITORING = hasattr(sys, "monitoring")

DEFAULT_LIMITS = {
    "events": 200_000,  # trace events
    "output": 1_000_000,  # characters printed
    "time": 3600.0,  # virtual seconds
    "line_budget": 1_000_000,  # lines + jumps of user code in one step without an await
    "lines_per_step": 2_000,  # line events recorded per step (the rest are only counted)
    "workers": 8,  # threads of the default executor (CPython: min(32, cpus + 4))
    "list_cap": 50,  # ready-queue / timer entries listed per loop iteration
    "instrument": True,  # False: run on the same loop without recording (benchmarks)
}

# The worker protocol's names (RunLimits in src/lib/runtime/protocol.ts) for the same limits.
_LIMIT_ALIASES = {
    "maxEvents": "events",
    "maxOutputChars": "output",
    "maxVirtualSeconds": "time",
    "maxLinesPerStep": "line_budget",
    "maxLineEventsPerStep": "lines_per_step",
    "listCap": "list_cap",
}

# time.time() reads this fixed epoch plus virtual time, so printed dates are stable.
EPOCH = 1_700_000_000.0
_ASYNCIO_DIR = os.path.dirname(asyncio.__file__)
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_TaskType = asyncio.Task
_GatheringFuture = tasks._GatheringFuture
_set_result_unless_cancelled = futures._set_result_unless_cancelled
_CO_COROUTINE = 0x0080

# Events are serialised as they are recorded: each is kept as JSON text without its
# leading `{"seq":N` (the index is known only at the end), exactly what json.dumps would
# write for the same dict. Formatting small strings is much cheaper than building a dict
# per event and encoding 100,000 of them at the end, and strings cost the GC nothing.
#
# The text is pure ASCII (ensure_ascii: `…` is written `\u2026`). Pyodide hands a str to
# JavaScript one character at a time, and V8 does that about 80 times faster for a
# one-byte string than for a two-byte one: a single `…` in a 9 MB trace used to cost
# most of a second.
#
# allow_nan=False: JSON has no Infinity or NaN. A float('inf') that reached the encoder
# is a recorder bug, and failing loudly beats writing text no JSON parser reads.
_ENCODER = json.JSONEncoder(separators=(",", ":"), check_circular=False, allow_nan=False)
_dumps = _ENCODER.encode
_jstr = json.encoder.encode_basestring_ascii  # a str as _dumps writes it
_SEQ0 = len('{"seq":0')
_DIGITS3 = ["%03d" % i for i in range(1000)]  # the last three digits of a seq
_CHUNK = 4096  # events per list while recording (see Recorder.events)
_NEVER = 1 << 62  # a count no run reaches


def _frag(ev):
    """An event dict as JSON text without its `{"seq":N` (ev's first key is seq)."""
    ev["seq"] = 0
    return _dumps(ev)[_SEQ0:]


_HEADS = []  # `,{"seq":N` for N = 0, 1, ...: the same for every run, so kept


def _seq_heads(n):
    """The first n event heads. Formatting an int is slow in wasm: they are made from
    the digits of 1000 at a time, once per worker, as far as the longest trace needs."""
    heads = _HEADS
    if len(heads) < n:
        if not heads:
            heads += [',{"seq":' + str(i) for i in range(1000)]
        for high in range(len(heads) // 1000, (n + 999) // 1000):
            head = ',{"seq":' + str(high)
            heads += [head + low for low in _DIGITS3]
    return heads[:n]


def _jnum(x):
    """An int, a float or None as JSON (finite numbers: repr is what json writes)."""
    if x is None:
        return "null"
    if x - x != 0:  # inf or nan, which JSON cannot hold (see _ENCODER)
        raise ValueError(f"Out of range float values are not JSON compliant: {x!r}")
    return repr(x)


_INF = float("inf")
# time.sleep's largest argument in Pyodide (a 32-bit time_t): beyond it, OverflowError.
_MAX_SLEEP = 2.0**31 - 1
# The deepest recursion a run may ask for with sys.setrecursionlimit. Past about 3,000
# frames in a Chromium worker (5,000 in Node), a RecursionError overflows the JavaScript
# stack under Pyodide and kills the interpreter, output and all; a RecursionError with a
# plain message is better.
_MAX_RECURSION = 2000


def _sleep_awaits(label, until):
    """What a task in asyncio.sleep waits on; a sleep of inf has no deadline: it never ends."""
    if until == _INF:
        return {"kind": "sleep", "label": label}
    return {"kind": "sleep", "label": label, "until": until}


class _Abort(SystemExit):
    """Unwinds the user's program when the recorder stops it.

    A SystemExit, because Task steps and Handle._run re-raise SystemExit instead of
    storing it, so it travels straight out of the loop to ``record``.
    """


class _LTask(_TaskType):
    """The C Task, plus the recorder's id and a hash that does not depend on addresses.

    Sets of tasks (``asyncio.wait``, ``all_tasks`` when ``asyncio.run`` cancels leftovers)
    then iterate in creation order, run after run.
    """

    __slots__ = ("_ls_id", "_ls_hash")

    def __hash__(self):
        return self._ls_hash

    def cancel(self, msg=None):
        # Every cancel() goes through here, asyncio's own (a timeout, a TaskGroup, a
        # gather, asyncio.run) as well as the program's: the trace says who asked.
        rec = _REC
        if rec is not None and rec.recording and not self.done():
            rec.on_cancel(self, sys._getframe(1))
        return _TaskType.cancel(self, msg)


_CANCEL_CODE = _LTask.cancel.__code__


def _short(value, limit=24):
    """A short repr without memory addresses."""
    if type(value) in _PLAIN_REPR:  # the usual arguments: no checks needed
        text = repr(value)
        return text if len(text) <= limit else text[: limit - 1] + "\u2026"
    if isinstance(value, futures.Future) and _REC is not None:
        tid = _REC.tid_of(value)
        if tid is not None and tid >= 0:
            return _REC.tasks[tid]["label"]
    if isinstance(value, (types.FunctionType, types.BuiltinFunctionType, types.MethodType, type)):
        return getattr(value, "__qualname__", None) or type(value).__name__
    try:
        text = repr(value)
    except Exception:
        text = "<>"
    if text.startswith("<"):
        # A default repr (`<asyncio.locks.Event object at 0x...>`): the type says enough.
        return type(value).__name__
    if " at 0x" in text:
        text = _ADDRESS.sub("", text)
    if len(text) > limit:
        text = text[: limit - 1] + "\u2026"
    return text


_PLAIN_REPR = {int, float, bool, type(None)}  # types whose repr never shows an address


def _chain_item(info, line):
    """An await-chain frame as JSON text, kept per code object and line."""
    text = info[5][line] = "%s%d}" % (info[1], line)
    return text


def _fmt_num(x):
    """0.5 -> '0.5', 1.0 -> '1', as a learner writes it."""
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return repr(round(x, 9)) if isinstance(x, float) else str(x)


def _code_of(fn):
    """The code object behind a callable (function, bound method, partial), or None."""
    for _ in range(4):
        code = getattr(fn, "__code__", None)
        if code is not None:
            return code
        inner = getattr(fn, "__func__", None) or getattr(fn, "func", None)
        if inner is None:
            return None
        fn = inner
    return None


def _fn_name(fn):
    while hasattr(fn, "func"):  # functools.partial
        fn = fn.func
    return getattr(fn, "__qualname__", None) or getattr(fn, "__name__", None) or type(fn).__name__


_CoroutineType = types.CoroutineType
_GeneratorType = types.GeneratorType


def _step_into(c):
    """The frame of an awaitable on an await chain and what it awaits in turn."""
    frame = getattr(c, "cr_frame", None)
    if frame is not None:
        return frame, c.cr_await
    frame = getattr(c, "gi_frame", None)
    if frame is not None:
        return frame, c.gi_yieldfrom
    frame = getattr(c, "ag_frame", None)
    if frame is not None:
        return frame, c.ag_await
    return None, None


def _walk(coro):
    """Yield (frame, coroutine-like) along an await chain, outermost first."""
    c = coro
    for _ in range(64):
        if c is None:
            return
        frame = getattr(c, "cr_frame", None)
        if frame is not None:
            yield frame, c
            c = c.cr_await
            continue
        frame = getattr(c, "gi_frame", None)
        if frame is not None:
            yield frame, c
            c = c.gi_yieldfrom
            continue
        frame = getattr(c, "ag_frame", None)
        if frame is not None:
            yield frame, c
            c = c.ag_await
            continue
        return


# What asyncio's own callbacks are, in the ready queue (v2 `what`, and `via` for a child_done).
_CALLBACK_WHAT = {
    "_run_until_complete_cb": ("stop", None),
    "gather.<locals>._done_callback": ("child_done", "gather"),
    "_wait.<locals>._on_completion": ("child_done", "wait"),
    "_release_waiter": ("timeout", None),
    "Timeout._on_timeout": ("timeout", None),
    "TaskGroup._on_task_done": ("child_done", "taskgroup"),
    "_AsCompletedIterator._handle_completion": ("child_done", "as_completed"),
    "as_completed.<locals>._on_completion": ("child_done", "as_completed"),
    "shield.<locals>._inner_done_callback": ("child_done", "shield"),
    "shield.<locals>._outer_done_callback": ("child_done", "shield"),
    "_deliver": ("thread_done", None),
}

# Callback names shown in the ready queue / timers, for asyncio's own callbacks.
_CALLBACK_LABELS = {
    "_set_result_unless_cancelled": "wake a sleeper",
    "_run_until_complete_cb": "stop the loop (main is done)",
    "gather.<locals>._done_callback": "gather: a child finished",
    "_wait.<locals>._on_completion": "wait: a task finished",
    "_release_waiter": "wait_for: timeout",
    "Timeout._on_timeout": "timeout expires",
    "TaskGroup._on_task_done": "TaskGroup: a task finished",
    "_AsCompletedIterator._handle_completion": "as_completed: a task finished",
    "as_completed.<locals>._on_completion": "as_completed: a task finished",
    "_chain_future.<locals>._call_check_cancel": "cancel a thread job",
    "shield.<locals>._inner_done_callback": "shield: inner finished",
    "shield.<locals>._outer_done_callback": "shield: outer finished",
    "_deliver": "a thread's result arrives",
}


class VirtualLoop(base_events.BaseEventLoop):
    """An event loop on virtual time, scheduling exactly as BaseEventLoop does."""

    def __init__(self, rec):
        super().__init__()
        self._rec = rec
        # (when, seq, handle, task id, scheduled at): seq breaks deadline ties in the
        # order of scheduling; CPython's TimerHandle compares by deadline only.
        self._timers = []
        # (when, seq, kind, payload): what worker lanes do, in virtual time.
        self._wheap = []

    def time(self):
        return self._rec.now

    def _write_to_self(self):
        pass

    def _process_events(self, event_list):
        pass

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        rec = self._rec
        when = round(float(when), 9)
        if when != when:
            # A NaN deadline compares false with everything: CPython pops such a timer
            # as due as soon as it reaches the top of its heap. Here it is due now.
            when = rec.now
        handle = events.TimerHandle(when, callback, args, self, context)
        rec.tseq += 1
        heapq.heappush(self._timers, (when, rec.tseq, handle, rec.cur, rec.now))
        handle._scheduled = True
        if rec.recording:
            rec.on_timer(handle, callback, args, when)
        return handle

    def create_task(self, coro, **kwargs):
        self._check_closed()
        if self._task_factory is not None:
            return super().create_task(coro, **kwargs)
        rec = self._rec
        task = _LTask.__new__(_LTask)
        rec.hseq += 1
        task._ls_hash = rec.hseq
        task._ls_id = None
        rec.names += 1
        if kwargs.get("name") is None:
            # CPython numbers tasks with a counter global to the interpreter; each run
            # counts from Task-1, as a fresh `python3` would.
            kwargs["name"] = f"Task-{rec.names}"
        _TaskType.__init__(task, coro, loop=self, **kwargs)
        rec.register(task)
        return task

    def run_in_executor(self, executor, func, *args):
        self._check_closed()
        return self._rec.run_job(self, executor, func, args)

    def run_forever(self):
        self._rec.loops.append(self)
        try:
            super().run_forever()
        finally:
            self._rec.loops.pop()

    def _run_once(self):
        rec = self._rec
        if rec.abort is not None:
            raise _Abort()
        timers = self._timers
        wheap = self._wheap
        ready = self._ready
        frags = rec.timer_frags
        while timers and timers[0][2]._cancelled:
            item = heapq.heappop(timers)
            item[2]._scheduled = False
            self._timer_cancelled_count -= 1
            if frags:
                frags.pop(item[1], None)
            rec.timer_gone(item[2])
        if not ready and not self._stopping:
            # Nothing to run now: jump to the next thing that happens.
            nxt = timers[0][0] if timers else None
            if wheap and (nxt is None or wheap[0][0] < nxt):
                nxt = wheap[0][0]
            if nxt is None:
                rec.deadlock()
            if nxt == _INF:
                # Only timers due at infinity are left (asyncio.sleep(inf)): CPython's loop
                # waits on them forever, and nothing else can happen.
                rec.deadlock(forever=True)
            if nxt > rec.max_time:
                rec.advance(max(rec.now, round(rec.max_time, 9)))
                rec.stop("limit", "time")
            if nxt > rec.now:
                rec.advance(nxt)
        now = rec.now
        while True:
            take_timer = timers and timers[0][0] <= now
            take_work = wheap and wheap[0][0] <= now
            if take_timer and take_work:
                take_timer = timers[0][:2] < wheap[0][:2]
                take_work = not take_timer
            if take_timer:
                item = heapq.heappop(timers)
                handle = item[2]
                handle._scheduled = False
                if frags:
                    frags.pop(item[1], None)
                if handle._cancelled:
                    self._timer_cancelled_count -= 1
                    rec.timer_gone(handle)
                else:
                    ready.append(handle)
            elif take_work:
                item = heapq.heappop(wheap)
                rec.worker_item(self, item)
            else:
                break
        if not rec.recording:
            for _ in range(len(ready)):
                handle = ready.popleft()
                if not handle._cancelled:
                    handle._run()
            return
        ntodo = len(ready)
        # The iteration event already found the task behind each listed step: reuse it.
        known = rec.iteration(self) if ntodo else None
        nknown = len(known) if known else 0
        step = rec.step
        for i in range(ntodo):
            handle = ready.popleft()
            if not handle._cancelled:
                if i < nknown and known[i] is not None:
                    owner, tid = known[i]
                    step(tid, owner, handle)
                else:
                    rec.run_handle(handle)


class _Out(io.TextIOBase):
    """sys.stdout / sys.stderr during a run: every write becomes a trace event."""

    def __init__(self, rec, stream):
        super().__init__()
        self._rec = rec
        self._stream = stream

    @property
    def encoding(self):
        return "utf-8"

    def writable(self):
        return True

    def isatty(self):
        return False

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._rec.out(text, self._stream)
        return len(text)

    def flush(self):
        pass


def _policy_class():
    base = getattr(events, "_BaseDefaultEventLoopPolicy", None) or events.BaseDefaultEventLoopPolicy

    class _Policy(base):
        """Hands out virtual loops: asyncio.run, Runner, new_event_loop, get_event_loop."""

        def __init__(self, rec):
            super().__init__()
            self._rec = rec

        def new_event_loop(self):
            return VirtualLoop(self._rec)

    return _Policy


_REC = None  # the recorder of the run in progress (for _short)
_WAKE_LABEL = "wake up from asyncio.sleep"  # a sleep's timer firing, in the ready queue
_UNSET = object()  # a cache slot not filled yet
# A task's tail (Recorder.tails): what its last step made, to be made again for less.
_TAIL_SLOTS = 10
_T_START, _T_START_NOW, _T_START_LINE = 0, 1, 2  # step_start text, for clock and line
_T_START_CAUSE = 9  # ... and cause text
_T_SUSPEND, _T_SUSPEND_NOW, _T_SUSPEND_LINE = 3, 4, 5  # suspend text, for clock and line
_T_AWAITS, _T_CHAIN = 6, 7  # ... and for awaits and chain texts
_T_CORO = 8  # its coroutine when that is the user's, else None

# What a task awaits, for the frequent cases that never vary (shared: copy before changing).
_AW_SLEEP0 = {"kind": "yield", "label": "asyncio.sleep(0)"}
_AW_YIELD = {"kind": "yield", "label": "yield"}
_AWAITS_JSON = {id(aw): _dumps(aw) for aw in (_AW_SLEEP0, _AW_YIELD)}
_AW_SLEEP0_JSON = _AWAITS_JSON[id(_AW_SLEEP0)]

# Step causes that never vary, as JSON text (compared by identity in a task's tail).
_CAUSE_START = '{"kind":"start"}'
_CAUSE_YIELD = '{"kind":"yield"}'
_CAUSE_RESULT = '{"kind":"awaited","outcome":"result"}'
_CAUSE_CANCELLED = '{"kind":"awaited","outcome":"cancelled"}'
_FutureType = asyncio.Future
_VALUE_TYPES = {int, float, bool, type(None), str, bytes, list, tuple, dict}


def _sleep_code():
    """asyncio.sleep's code object, if classify() would take it for asyncio's sleep."""
    code = getattr(tasks.sleep, "__code__", None)
    if code is None or not code.co_filename.startswith(_ASYNCIO_DIR):
        return None
    if code.co_qualname != "sleep" or code.co_name != "sleep":
        return None
    return code


# A user's coroutine suspended right in asyncio.sleep: step() says what it waits on
# without walking the chain (classify() would find exactly the same).
_SLEEP_CODE = _sleep_code()


class Recorder:
    """One run: the virtual clock, the trace being built and the limits."""

    # Slots, not a dict: the hot paths read and write these attributes millions of times,
    # and a slot is about twice as fast as a dict entry in wasm.
    __slots__ = (
        "abort", "budget", "cancels", "code_info", "cur", "cur_root", "done_events", "ev_base",
        "ev_cap", "events", "filename", "finished", "housekeeping", "hseq", "item_texts", "iterations",
        "job", "jobs", "_l_by_task", "_l_by_task_now", "l_texts", "last_awaits",
        "last_line", "limits", "line_at", "line_budget", "lines_per_step", "list_cap", "loops",
        "max_events", "max_output", "max_time", "module", "names", "now", "open_events",
        "out_chars", "plain_tasks", "pools", "ready_frags", "record_to", "recording",
        "root_codes", "roots", "sleeps", "source", "susp_line", "_t_frag", "_t_now",
        "tails", "tasks", "timeouts", "timer_frags", "tseq", "user_codes", "warned_lines",
        "workers",
        "recursion_asked",  # set by _install_exits
    )

    def __init__(self, source, filename, limits):
        self.source = source
        self.filename = filename
        lim = dict(DEFAULT_LIMITS)
        for key, value in limits.items():
            key = _LIMIT_ALIASES.get(key, key)
            if key in DEFAULT_LIMITS and isinstance(value, (int, float)):
                lim[key] = value
        self.limits = lim
        self.max_events = int(lim["events"])
        self.max_output = int(lim["output"])
        self.max_time = float(lim["time"])
        self.line_budget = int(lim["line_budget"])
        self.lines_per_step = int(lim["lines_per_step"])
        self.list_cap = int(lim["list_cap"])
        self.recording = bool(lim["instrument"])
        self.now = 0.0
        self.tseq = 0  # timer / worker item order
        self.hseq = 0  # task hashes
        self.names = 0  # Task-N numbering
        # JSON text per event (see _frag), or a stdout dict still growing: the latest
        # events. The cyclic GC walks every list it tracks on each pass, and a list of
        # 100,000 events made it a fifth of the run; so full chunks are kept as tuples of
        # strings instead, which the GC stops tracking.
        self.events = []
        self.done_events = []  # the earlier events, as tuples
        self.ev_base = 0  # how many events done_events holds
        self.ev_cap = min(self.max_events, _CHUNK)  # len(events) that needs spill()
        self.open_events = []  # indices of the dicts in `events`
        self._t_now = None  # `,"t":<now>`, cached while the clock stands still
        self._t_frag = ""
        # Line events' texts, {line: text} for the clock and task of the moment; None
        # after either changes (see line_texts). Tasks take turns at the same moment, so
        # the dicts are kept per task while the clock stands still.
        self.l_texts = None
        self._l_by_task = {}  # task id -> its l_texts, for the clock value _l_by_task_now
        self._l_by_task_now = None
        self.code_info = {}  # id(code) -> code_info_of(code)
        self.ready_frags = []  # per task id: ready-queue entries [start, resume] as JSON
        # Per task id: None until its first step (so: has it started), then its tail, what
        # its last step made (see _TAIL_SLOTS): a task looping over one await reuses it.
        self.tails = []
        self.roots = []  # per task id: the code info of its coroutine, when it is a user's
        self.timer_frags = {}  # timer seq -> its timers entry as JSON (sleeps and timeouts)
        # (task id, label) -> a ready-queue entry that is not a task step, as JSON
        self.item_texts = {}
        self.tasks = []  # task table rows
        self.susp_line = []  # per task id: line it is suspended on
        self.last_awaits = []  # per task id: what it waits on
        self.root_codes = []  # per task id: its coroutine's code object
        self.plain_tasks = {}  # id(task) -> (weakref, tid) for tasks not made by create_task
        self.sleeps = {}  # id(future) -> (future, when, delay, tid) for asyncio.sleep
        self.timeouts = {}  # tid -> [TimerHandle] of asyncio.timeout / wait_for
        self.cancels = {}  # tid -> the cause (JSON) of its next step: a cancel() asked for it
        self.housekeeping = False  # a step of the runner's own housekeeping is running
        self.line_at = {}  # (code, offset) -> line, for returns
        self.jobs = {}  # id(future) -> (future, worker id, label) for thread jobs
        self.pools = {}  # id(executor) -> pool state
        self.workers = []  # trace rows
        self.job = None  # the thread job running right now (its own clock)
        self.cur = None  # task id of the running step
        self.cur_root = None
        self.loops = []
        self.iterations = 0
        # Lines and jumps of user code in this step, against line_budget. A line event is
        # recorded while budget <= record_to: lines_per_step, moved on by every jump (which
        # is counted but is not a line) and by the lines of a thread job (not recorded).
        self.budget = 0
        self.record_to = self.lines_per_step
        self.last_line = None
        self.out_chars = 0
        self.warned_lines = set()
        self.abort = None  # (status, detail) once stopped
        self.finished = False
        self.user_codes = set()
        self.module = None  # the program's __main__

    # ---- events -------------------------------------------------------------------

    def push(self, ev):
        evs = self.events
        if self.abort is not None:
            if self.finished:
                return
            raise _Abort()
        n = len(evs)
        if n >= self.ev_cap:
            evs = self.spill()
            n = len(evs)
        if ev["kind"] == "stdout":
            # Later output at the same moment is appended to it: serialised at the end.
            ev["seq"] = self.ev_base + n
            self.open_events.append(n)
            evs.append(ev)
        else:
            evs.append(_frag(ev))

    def push_text(self, text):
        """push() for an event already written as JSON text (without its seq)."""
        evs = self.events
        if self.abort is not None:
            if self.finished:
                return
            raise _Abort()
        if len(evs) >= self.ev_cap:
            evs = self.spill()
        evs.append(text)

    def push_line(self, text):
        """on_line's slow path: push_text, except that a line after the end is still kept."""
        if self.abort is not None and self.finished:
            self.events.append(text)
        else:
            self.push_text(text)

    def spill(self):
        """`events` is full: stops at the event limit, else moves all but its last event
        (a stdout event may still grow) to done_events. Returns the new `events`."""
        evs = self.events
        n = len(evs)
        if self.ev_base + n >= self.max_events:
            self.stop("limit", "events")
        k = n - 1
        still_open = []
        for i in self.open_events:
            if i < k:
                ev = evs[i]
                if type(ev) is dict:
                    evs[i] = _frag(ev)  # no longer the last event: it cannot change
            else:
                still_open.append(i - k)
        self.open_events = still_open
        self.done_events.append(tuple(evs[:k]))
        self.events = evs = evs[k:]
        self.ev_base += k
        self.ev_cap = min(self.max_events - self.ev_base, _CHUNK)
        return evs

    def advance(self, t):
        """Moves the clock to t (every change of `now` goes through here)."""
        self.now = t
        self.l_texts = None  # line events from now on say the new time

    def t_frag(self):
        """`,"t":<now>` as JSON text."""
        now = self.now
        if now is not self._t_now:
            self._t_now = now
            self._t_frag = ',"t":' + repr(now)
        return self._t_frag

    def events_json(self):
        """The events as the body of a JSON array, each with its seq."""
        evs = self.events
        for i in self.open_events:
            ev = evs[i]
            if type(ev) is dict:
                evs[i] = _frag(ev)
        self.open_events = []
        if self.done_events:
            body = []
            for chunk in self.done_events:
                body += chunk
            body += evs
            evs = body
        n = len(evs)
        if not n:
            return ""
        # One join for the whole list: far cheaper than a format per event.
        pieces = [""] * (2 * n)
        pieces[0::2] = _seq_heads(n)
        pieces[1::2] = evs
        pieces[0] = '{"seq":0'
        return "".join(pieces)

    def stop(self, status, kind=None, **detail):
        """Ends the run: records why, then unwinds the program."""
        if self.abort is None:
            self.abort = (status, kind, detail)
            self.ev_cap = 0  # the fast paths' `len(events) < ev_cap` now fails
        raise _Abort()

    # ---- tasks --------------------------------------------------------------------

    def tid_of(self, task):
        tid = getattr(task, "_ls_id", None)
        if tid is not None:
            return tid
        entry = self.plain_tasks.get(id(task))
        if entry is not None and entry[0]() is task:
            return entry[1]
        return None

    def register(self, task):
        coro = task.get_coro()
        qual = getattr(coro, "__qualname__", None) or type(coro).__name__
        if (not self.recording) or self.housekeeping or qual in (
            "BaseEventLoop.shutdown_asyncgens",
            "BaseEventLoop.shutdown_default_executor",
        ):
            # The runner's own housekeeping (and the tasks it makes, such as the aclose()
            # of each async generator left open): not part of the program's story.
            tid = -1
        else:
            tid = len(self.tasks)
            self.tasks.append(
                {
                    "id": tid,
                    "name": task.get_name(),
                    "coro": qual,
                    "label": self.call_label(coro),
                    "parent": self.cur,
                    "line": self.user_line(),
                }
            )
            self.susp_line.append(None)
            self.last_awaits.append(None)
            self.root_codes.append(getattr(coro, "cr_code", None))
            self.ready_frags.append(None)
            self.tails.append(None)
            self.roots.append(None)
        if isinstance(task, _LTask):
            task._ls_id = tid
        else:
            self.plain_tasks[id(task)] = (weakref.ref(task), tid)
        if tid >= 0:
            row = self.tasks[tid]
            self.push_text(
                '%s,"kind":"task_created","task":%d,"parent":%s,"line":%s}'
                % (self.t_frag(), tid, _jnum(row["parent"]), _jnum(row["line"]))
            )
        return tid

    def call_label(self, coro):
        """fetch_user(2): the coroutine's name and its arguments, as the learner wrote it."""
        if type(coro) is _CoroutineType:  # the usual case, without getattr probing
            code = coro.cr_code
            frame = coro.cr_frame
            name = coro.__name__
        else:
            code = getattr(coro, "cr_code", None) or getattr(coro, "gi_code", None)
            frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
            name = getattr(coro, "__name__", None) or type(coro).__name__
        if code is None or frame is None:
            return name + "()"
        flags = code.co_flags
        info = self.code_info.get(id(code))
        if info is None or info[0] is not code:
            info = self.code_info_of(code)
        names = info[6]
        try:
            loc = frame.f_locals
            parts = []
            for i, arg in enumerate(names):
                if arg == "self" and i == 0:
                    continue
                try:
                    value = loc[arg]
                except KeyError:
                    continue
                if flags & 0x04 and i == len(names) - 1:
                    parts.extend(_short(v) for v in value)
                elif i >= code.co_argcount:
                    parts.append(arg + "=" + _short(value))
                else:
                    parts.append(_short(value))
            if info[1] is None:
                # asyncio's own coroutine (a task wrapping asyncio.sleep(1)): its trailing
                # None arguments are defaults the learner never wrote.
                while parts and parts[-1] == "None":
                    parts.pop()
        except Exception:
            parts = ["\u2026"]
        text = name + "(" + ", ".join(parts) + ")"
        return text if len(text) <= 60 else text[:59] + "\u2026"

    def user_line(self):
        """The line of the innermost frame of the user's code on the stack."""
        f = sys._getframe(1)
        fn = self.filename
        while f is not None:
            if f.f_code.co_filename == fn:
                return f.f_lineno
            f = f.f_back
        return None

    # ---- the loop -----------------------------------------------------------------

    def run_handle(self, handle):
        cb = handle._callback
        owner = getattr(cb, "__self__", None)
        if type(owner) is _LTask:
            tid = owner._ls_id  # set by create_task before the task can be scheduled
            if tid is not None and tid >= 0:
                self.step(tid, owner, handle)
                return
        if owner is not None and isinstance(owner, _TaskType):
            tid = getattr(owner, "_ls_id", None)
            if tid is None:
                tid = self.tid_of(owner)
                if tid is None:
                    tid = self.register(owner)
            if tid < 0:
                self.housekeeping = True
                try:
                    handle._run()
                finally:
                    self.housekeeping = False
            else:
                self.step(tid, owner, handle)
            return
        code = _code_of(cb)
        if code is not None and code.co_filename == self.filename:
            self.push(
                {
                    "seq": 0,
                    "t": self.now,
                    "kind": "callback",
                    "label": self.handle_label(cb, handle._args),
                    "line": code.co_firstlineno,
                }
            )
        self.budget = 0
        self.record_to = self.lines_per_step
        handle._run()
        if cb is _set_result_unless_cancelled and handle._args:
            self.sleeps.pop(id(handle._args[0]), None)

    def step(self, tid, task, handle):
        # Runs once per task step: written out flat. A task looping over the same await
        # makes the same two events each step: their whole texts are kept in its tail
        # (see _TAIL_SLOTS) and reused while the clock stands still.
        tail = self.tails[tid]
        now = self.now
        # Why it runs: a cancellation asked for since its last step, else what its handle
        # carries (a wake-up holds the awaited future; a step queued directly, nothing).
        cause = self.cancels.pop(tid, None) if self.cancels else None
        if tail is not None:
            first = False
            if cause is None:
                args = handle._args
                cause = self.wake_cause(args[0]) if args else _CAUSE_YIELD
            line = self.susp_line[tid]
            if (
                tail[_T_START_NOW] is now
                and tail[_T_START_LINE] == line
                and tail[_T_START_CAUSE] is cause
            ):
                text = tail[_T_START]
            else:
                text = tail[_T_START] = (
                    '%s,"kind":"step_start","task":%d,"first":false,"line":%s,"cause":%s}'
                    % (self.t_frag(), tid, _jnum(line), cause)
                )
                tail[_T_START_NOW] = now
                tail[_T_START_LINE] = line
                tail[_T_START_CAUSE] = cause
        else:
            first = True
            tail = self.tails[tid] = [_UNSET] * _TAIL_SLOTS
            code = self.root_codes[tid]
            line = None
            if code is not None and code.co_filename == self.filename:
                line = code.co_firstlineno
            text = '%s,"kind":"step_start","task":%d,"first":true,"line":%s,"cause":%s}' % (
                self.t_frag(),
                tid,
                _jnum(line),
                cause or _CAUSE_START,
            )
        evs = self.events
        if len(evs) < self.ev_cap:  # 0 once stopped
            evs.append(text)
        else:
            self.push_text(text)
        prev, prev_root = self.cur, self.cur_root
        self.cur = tid
        self.cur_root = self.root_codes[tid] if first else None
        self.l_texts = None
        self.budget = 0
        self.record_to = self.lines_per_step
        self.last_line = None
        try:
            handle._run()
        finally:
            self.cur, self.cur_root = prev, prev_root
            self.l_texts = None
        if task.done():
            tail[_T_CORO] = None
            self.task_done(tid, task)
            return
        awaits = None
        coro = tail[_T_CORO]
        if coro is _UNSET:
            # The first suspension: is the task's own coroutine the user's? (Only the
            # coroutine is kept: holding its frame would change how it is torn down.)
            coro = None
            c = task.get_coro()
            if type(c) is _CoroutineType:
                code = c.cr_code
                info = self.code_info.get(id(code))
                if info is None or info[0] is not code:
                    info = self.code_info_of(code)
                if info[1] is not None:
                    self.roots[tid] = info
                    coro = c
            tail[_T_CORO] = coro
        if coro is not None and not self.timeouts:
            # The task's own coroutine is the user's and awaits asyncio.sleep directly:
            # the chain is that one frame, and a bare yield or the sleep's timer says
            # what it waits on (classify's answer for the same, without the walk).
            c = coro.cr_await
            if type(c) is _CoroutineType and c.cr_code is _SLEEP_CODE:
                fw = task._fut_waiter
                if fw is None:
                    awaits = _AW_SLEEP0
                    awaits_text = _AW_SLEEP0_JSON
                else:
                    sl = self.sleeps.get(id(fw))
                    if sl is not None and sl[0] is fw:
                        label = "asyncio.sleep(%s)" % _fmt_num(sl[2])
                        awaits = _sleep_awaits(label, sl[1])
                        awaits_text = (
                            '{"kind":"sleep","label":%s,"until":%s}' % (_jstr(label), _jnum(sl[1]))
                            if len(awaits) == 3
                            else _dumps(awaits)
                        )
                if awaits is not None:
                    frame = coro.cr_frame
                    line = frame.f_lineno
                    info = self.roots[tid]
                    chain = _with_locals(info[5].get(line) or _chain_item(info, line), frame)
        if awaits is None:
            awaits, awaits_text, chain, line = self.classify(tid, task, task.get_coro())
        self.susp_line[tid] = line
        self.last_awaits[tid] = awaits
        if (
            tail[_T_SUSPEND_NOW] is now
            and tail[_T_AWAITS] is awaits_text
            and tail[_T_CHAIN] == chain
            and tail[_T_SUSPEND_LINE] == line
        ):
            text = tail[_T_SUSPEND]
        else:
            text = tail[_T_SUSPEND] = (
                '%s,"kind":"suspend","task":%d,"line":%s,"awaits":%s,"chain":[%s]}'
                % (self.t_frag(), tid, _jnum(line), awaits_text, chain)
            )
            tail[_T_SUSPEND_NOW] = now
            tail[_T_AWAITS] = awaits_text
            tail[_T_CHAIN] = chain
            tail[_T_SUSPEND_LINE] = line
        evs = self.events  # the step's own events may have filled the last list
        if len(evs) < self.ev_cap:
            evs.append(text)
        else:
            self.push_text(text)

    def wake_cause(self, fut):
        """A wake-up's cause as JSON text: what the await of `fut` now hands back."""
        if type(fut) is _FutureType:  # a sleep, a queue, a lock...: no value worth showing
            if fut.cancelled():
                return _CAUSE_CANCELLED
            exc = fut._exception
            if exc is None:
                return _CAUSE_RESULT
            return '{"kind":"awaited","outcome":"exception","error":%s}' % _dumps(
                {"type": type(exc).__name__, "message": _safe_str(exc)}
            )
        cause = {"kind": "awaited"}
        tid = self.tid_of(fut) if isinstance(fut, _TaskType) else None
        if tid is not None and tid >= 0:
            cause["task"] = tid
        if fut.cancelled():
            cause["outcome"] = "cancelled"
            return _dumps(cause)
        exc = fut._exception
        if exc is not None:
            cause["outcome"] = "exception"
            cause["error"] = {"type": type(exc).__name__, "message": _safe_str(exc)}
            if isinstance(fut, _GatheringFuture):
                # gather raises the first exception of a child at once: whose it is.
                for child in _leaf_children(fut):
                    if not child.cancelled() and child._exception is exc:
                        ctid = self.tid_of(child)
                        if ctid is not None and ctid >= 0:
                            cause["task"] = ctid
                        break
            return _dumps(cause)
        cause["outcome"] = "result"
        if tid is not None or isinstance(fut, _GatheringFuture):
            value = fut._result
            if type(value) in _VALUE_TYPES:
                cause["value"] = _short(value, 60)
        return _dumps(cause)

    def on_cancel(self, task, frame):
        """task.cancel() on a task not yet done: a `cancel` event, and the cause of the
        task's next step (the CancelledError it throws in)."""
        tid = self.tid_of(task)
        if tid is None or tid < 0 or self.abort is not None:
            return
        by = self.cur
        via = "other"
        line = None
        code = frame.f_code if frame is not None else None
        qual = code.co_qualname if code is not None else ""
        if code is _CANCEL_CODE:
            # Cancelling a task cancels what it awaits: here, this task.
            via = "propagate"
            outer = frame.f_locals.get("self")
            by = self.tid_of(outer) if outer is not None else None
        elif code is not None and code.co_filename == self.filename:
            via = "call"
            line = frame.f_lineno
        elif qual in ("Timeout._on_timeout", "wait_for", "_cancel_and_wait"):
            via = "timeout"
        elif qual.startswith("TaskGroup."):
            via = "taskgroup"
            # After a child's failure: that child is why (TaskGroup._on_task_done(task)).
            f = frame
            for _ in range(3):
                if f is None:
                    break
                if f.f_code.co_qualname == "TaskGroup._on_task_done":
                    child = f.f_locals.get("task")
                    ctid = self.tid_of(child) if child is not None else None
                    if ctid is not None and ctid >= 0:
                        by = ctid
                    break
                f = f.f_back
        elif qual == "_GatheringFuture.cancel":
            via = "gather"
        elif qual == "_cancel_all_tasks":
            via = "shutdown"
        if line is None and via in ("other", "gather"):
            f = frame
            while f is not None and f.f_code.co_filename != self.filename:
                f = f.f_back
            line = f.f_lineno if f is not None else None
        self.cancels.setdefault(
            tid, '{"kind":"cancel","by":%s,"via":"%s"}' % (_jnum(by), via)
        )
        self.push_text(
            '%s,"kind":"cancel","task":%d,"by":%s,"via":"%s","line":%s}'
            % (self.t_frag(), tid, _jnum(by), via, _jnum(line))
        )

    def task_done(self, tid, task):
        ev = {"seq": 0, "t": self.now, "kind": "task_done", "task": tid}
        self.last_awaits[tid] = None
        if self.cancels:
            self.cancels.pop(tid, None)
        line = self.last_line
        if task.cancelled():
            ev["outcome"] = "cancelled"
        else:
            exc = task._exception  # not .exception(): that would mark it retrieved
            if exc is not None:
                ev["outcome"] = "exception"
                ev["error"] = {"type": type(exc).__name__, "message": _safe_str(exc)}
                frames = self.user_frames(exc.__traceback__)
                if frames:
                    line = frames[-1]["line"]
            else:
                self.push_text(
                    '%s,"kind":"task_done","task":%d,"outcome":"result","value":%s,"line":%s}'
                    % (self.t_frag(), tid, _jstr(_short(task._result, 60)), _jnum(line))
                )
                return
        ev["line"] = line
        self.push(ev)

    def classify(self, tid, task, coro):
        """What a suspended task waits on, its user-code await chain and current line.

        Returns (awaits, awaits as JSON text, the chain as JSON text, line). Runs after
        every step that suspends, so it walks the chain by code object and asks for a
        frame only where a line is needed (attribute access on C objects is slow in wasm).
        """
        infos = self.code_info
        chain = ""
        line = None
        lib = None  # the first asyncio awaitable below the innermost user frame
        lib_info = None
        user_frame = None
        c = coro
        depth = 64
        info = self.roots[tid]
        frame = coro.cr_frame if info is not None else None
        if frame is not None:  # the task's own coroutine, a user's: its code is known
            line = frame.f_lineno
            chain = info[5].get(line) or _chain_item(info, line)
            user_frame = frame
            c = coro.cr_await
            depth = 63
        elif info is None and type(coro) is _CoroutineType:
            code = coro.cr_code
            info = infos.get(id(code))
            if info is None or info[0] is not code:
                info = self.code_info_of(code)
            if info[1] is not None:
                self.roots[tid] = info
        for _ in range(depth):
            if c is None:
                break
            t = type(c)
            if t is _CoroutineType:  # the common cases, without getattr probing
                code = c.cr_code
                frame = None
                nxt = None
            elif t is _GeneratorType:
                code = c.gi_code
                frame = None
                nxt = None
            else:
                frame, nxt = _step_into(c)
                if frame is None:
                    break
                code = frame.f_code
            info = infos.get(id(code))
            if info is None or info[0] is not code:
                info = self.code_info_of(code)
            where = info[1]
            if where is not None:  # the user's code
                if frame is None:
                    frame = c.cr_frame if t is _CoroutineType else c.gi_frame
                    if frame is None:
                        break
                line = frame.f_lineno
                item = info[5].get(line) or _chain_item(info, line)
                chain = chain + "," + item if chain else item
                user_frame = frame
                lib = None
            elif info[2]:
                if lib is None:
                    lib = c
                    lib_info = info
                if info[3]:
                    break  # asyncio.sleep: nothing of the user's below it
            if t is _CoroutineType:
                c = c.cr_await
            elif t is _GeneratorType:
                c = c.gi_yieldfrom
            else:
                c = nxt
        fw = task._fut_waiter
        qual = lib_info[4] if lib is not None else ""
        if fw is None and not self.timeouts:  # a bare yield: the most frequent suspension
            awaits = _AW_SLEEP0 if qual in ("sleep", "__sleep0") else _AW_YIELD
            return awaits, _AWAITS_JSON[id(awaits)], _with_locals(chain, user_frame), line
        if lib is not None:
            lib = _step_into(lib)[0]
        awaits = self.awaitable(tid, fw, qual, lib, user_frame)
        deadline = self.timeout_of(tid) if self.timeouts else None
        if deadline is not None:
            if id(awaits) in _AWAITS_JSON:
                awaits = dict(awaits)  # a shared constant: leave it alone
            if awaits["kind"] == "timeout":
                awaits["until"] = deadline
            else:
                awaits["timeout"] = deadline
        if len(awaits) == 3 and awaits["kind"] == "sleep":  # no timeout around it
            chain = _with_locals(chain, user_frame)
            return awaits, '{"kind":"sleep","label":%s,"until":%s}' % (
                _jstr(awaits["label"]),
                _jnum(awaits["until"]),
            ), chain, line
        chain = _with_locals(chain, user_frame)
        return awaits, _AWAITS_JSON.get(id(awaits)) or _dumps(awaits), chain, line

    def code_info_of(self, code):
        """(code, `{"coro":"name","line":` if it is the user's code, is it asyncio's,
        is it a leaf (asyncio.sleep), its qualified name, {line: chain item as JSON},
        its argument names, *args last)."""
        fn = code.co_filename
        qual = code.co_qualname
        nargs = code.co_argcount + code.co_kwonlyargcount
        args = code.co_varnames[: nargs + 1 if code.co_flags & 0x04 else nargs]
        if fn == self.filename:
            info = (code, '{"coro":' + _jstr(qual) + ',"line":', False, False, qual, {}, args)
        else:
            asyncio_ = fn.startswith(_ASYNCIO_DIR)
            leaf = asyncio_ and qual in ("sleep", "__sleep0") and code.co_name == qual
            info = (code, None, asyncio_, leaf, qual, None, args)
        self.code_info[id(code)] = info
        return info

    def timeout_of(self, tid):
        handles = self.timeouts.get(tid)
        if not handles:
            return None
        live = [h for h in handles if h._scheduled and not h._cancelled]
        self.timeouts[tid] = live
        # A timeout of inf never expires: no deadline to show.
        deadline = min(h._when for h in live) if live else None
        return None if deadline == _INF else deadline

    def awaitable(self, tid, fw, qual, lib, user_frame):
        if fw is None:
            if qual in ("sleep", "__sleep0"):
                return _AW_SLEEP0
            return _AW_YIELD
        sl = self.sleeps.get(id(fw))
        if sl is not None and sl[0] is fw:
            return _sleep_awaits(f"asyncio.sleep({_fmt_num(sl[2])})", sl[1])
        job = self.jobs.get(id(fw))
        if job is not None and job[0] is fw:
            return {"kind": "thread", "label": job[2], "worker": job[1]}
        loc = _locals(lib) if lib is not None else {}
        if qual == "wait_for":
            inner = loc.get("fut")
            ids = self.ids_of([inner]) if inner is not None else []
            what = self.tasks[ids[0]]["label"] if ids else "\u2026"
            return {
                "kind": "timeout",
                "label": f"asyncio.wait_for({what}, {_fmt_num(loc.get('timeout'))})",
                "tasks": ids,
            }
        if isinstance(fw, _TaskType):
            ids = self.ids_of([fw])
            what = self.tasks[ids[0]]["label"] if ids else "a task"
            return {"kind": "task", "label": what, "tasks": ids}
        if isinstance(fw, _GatheringFuture):
            ids = []
            self.gather_ids(fw, ids)
            labels = [self.tasks[i]["label"] for i in ids[:3]]
            if len(ids) > 3:
                labels.append(f"\u2026 {len(ids)} tasks")
            return {"kind": "gather", "label": "asyncio.gather(" + ", ".join(labels) + ")", "tasks": ids}
        obj = loc.get("self")
        name = self.name_of(obj, user_frame)
        if qual in ("Queue.get",):
            return {"kind": "queue_get", "label": f"{name}.get()"}
        if qual in ("Queue.put",):
            return {"kind": "queue_put", "label": f"{name}.put()"}
        if qual in ("Queue.join",):
            return {"kind": "other", "label": f"{name}.join()"}
        if qual == "Lock.acquire":
            return {"kind": "lock", "label": f"{name}.acquire()"}
        if qual in ("Semaphore.acquire",):
            return {"kind": "semaphore", "label": f"{name}.acquire()"}
        if qual == "_ContextManagerMixin.__aenter__":
            kind = "semaphore" if isinstance(obj, asyncio.Semaphore) else "lock"
            return {"kind": kind, "label": f"async with {name}"}
        if qual == "Event.wait":
            return {"kind": "event", "label": f"{name}.wait()"}
        if qual in ("Condition.wait", "Condition.wait_for"):
            return {"kind": "condition", "label": f"{name}.{qual.split('.')[1]}()"}
        if qual in ("wait", "_wait"):
            fs = loc.get("fs") or ()
            ids = self.ids_of(fs)
            when = loc.get("return_when", "ALL_COMPLETED")
            return {"kind": "wait", "label": f"asyncio.wait({len(ids)} tasks, {when})", "tasks": ids}
        if "_wait_for_one" in qual or qual.startswith("_AsCompletedIterator"):
            todo = getattr(obj, "_todo", None) or ()
            return {"kind": "wait", "label": "asyncio.as_completed(\u2026)", "tasks": self.ids_of(todo)}
        if qual in ("TaskGroup.__aexit__", "TaskGroup._aexit"):
            ids = self.ids_of(getattr(obj, "_tasks", ()) or ())
            many = "task" if len(ids) == 1 else "tasks"
            return {"kind": "taskgroup", "label": f"TaskGroup: waiting for {len(ids)} {many}", "tasks": ids}
        if qual.startswith("Barrier."):
            return {"kind": "other", "label": f"{name}.wait()"}
        cbs = _callbacks_of(fw)
        for cb in cbs:
            if getattr(cb, "__qualname__", "") == "shield.<locals>._outer_done_callback":
                inner = _closure_var(cb, "inner")
                ids = self.ids_of([inner]) if inner is not None else []
                what = self.tasks[ids[0]]["label"] if ids else "\u2026"
                return {"kind": "task", "label": f"asyncio.shield({what})", "tasks": ids}
        if qual:
            return {"kind": "other", "label": qual}
        return {"kind": "future", "label": self.name_of(fw, user_frame, "future")}

    def ids_of(self, objs):
        ids = []
        for o in objs:
            tid = self.tid_of(o)
            if tid is not None and tid >= 0:
                ids.append(tid)
        ids.sort()
        return ids

    def gather_ids(self, fut, out):
        for child in getattr(fut, "_children", ()):
            if isinstance(child, _GatheringFuture):
                self.gather_ids(child, out)
            else:
                tid = self.tid_of(child)
                if tid is not None and tid >= 0:
                    out.append(tid)

    def name_of(self, obj, user_frame, fallback=None):
        """The variable the learner uses for obj (`q`, `lock`), else its type in lowercase."""
        if obj is None:
            return fallback or "?"
        if user_frame is not None:
            try:
                for scope in (user_frame.f_locals, user_frame.f_globals):
                    for key, value in scope.items():
                        if value is obj and isinstance(key, str):
                            return key
                selfobj = user_frame.f_locals.get("self")
                if selfobj is not None:
                    for key, value in vars(selfobj).items():
                        if value is obj:
                            return "self." + key
            except Exception:
                pass
        return fallback or type(obj).__name__.lower()

    def on_timer(self, handle, callback, args, when):
        if callback is _set_result_unless_cancelled and args:
            fut = args[0]
            self.sleeps[id(fut)] = (fut, when, round(when - self.now, 9), self.cur)
            return
        owner = getattr(callback, "__self__", None)
        if owner is not None and getattr(callback, "__name__", "") == "_on_timeout":
            task = getattr(owner, "_task", None)
            tid = self.tid_of(task) if task is not None else None
            if tid is not None:
                self.timeouts.setdefault(tid, []).append(handle)
        elif callback is getattr(tasks, "_release_waiter", None) and self.cur is not None:
            self.timeouts.setdefault(self.cur, []).append(handle)

    def timer_gone(self, handle):
        cb = handle._callback
        if cb is _set_result_unless_cancelled and handle._args:
            self.sleeps.pop(id(handle._args[0]), None)

    def handle_label(self, cb, args):
        name = _fn_name(cb)
        code = _code_of(cb)
        if code is not None and code.co_filename == self.filename:
            return name + "(" + ", ".join(_short(a) for a in args) + ")"
        return _CALLBACK_LABELS.get(name, name)

    def ready_item(self, handle):
        cb = handle._callback
        owner = getattr(cb, "__self__", None)
        if owner is not None and isinstance(owner, _TaskType):
            tid = self.tid_of(owner)
            if tid is None:
                return {"task": None, "label": "start a task", "what": "start"}
            if tid < 0:
                return None
            if self.tails[tid] is None:
                return {"task": tid, "label": "start " + self.tasks[tid]["label"], "what": "start"}
            what = "wakeup" if handle._args else "resume"
            return {"task": tid, "label": "resume " + self.tasks[tid]["label"], "what": what}
        args = handle._args
        if cb is _set_result_unless_cancelled and args:
            sl = self.sleeps.get(id(args[0]))
            tid = sl[3] if sl is not None else None
            return {"task": tid, "label": _WAKE_LABEL, "what": "sleep_done"}
        child = None
        if args and isinstance(args[0], _TaskType):
            child = self.tid_of(args[0])
            if child is not None and child < 0:
                return None
        name = _fn_name(cb)
        what = _CALLBACK_WHAT.get(name)
        item = {"task": None, "label": self.handle_label(cb, args), "what": "callback"}
        if what is None:
            return item
        item["what"] = what[0]
        if what[0] == "timeout":
            task = getattr(owner, "_task", None) if owner is not None else None
            if task is not None:
                item["task"] = self.tid_of(task)
        elif what[0] == "child_done":
            if child is not None:
                item["child"] = child
            item["via"] = what[1]
        return item

    def timer_item(self, item):
        when, _seq, handle, tid, t0 = item
        cb = handle._callback
        if cb is _set_result_unless_cancelled:
            return {"when": when, "task": tid, "label": f"asyncio.sleep({_fmt_num(round(when - t0, 9))})"}
        if getattr(cb, "__name__", "") == "_on_timeout":
            task = getattr(getattr(cb, "__self__", None), "_task", None)
            ttid = self.tid_of(task) if task is not None else None
            return {"when": when, "task": ttid, "label": "asyncio.timeout expires"}
        return {"when": when, "task": None, "label": self.handle_label(cb, handle._args)}

    def ready_texts(self, tid):
        """A task's ready-queue entry as JSON text: [its first step, a step queued
        directly, a wake-up (what it awaited is done)]."""
        label = self.tasks[tid]["label"]
        resume = _jstr("resume " + label)
        texts = [
            '{"task":%d,"label":%s,"what":"start"}' % (tid, _jstr("start " + label)),
            '{"task":%d,"label":%s,"what":"resume"}' % (tid, resume),
            '{"task":%d,"label":%s,"what":"wakeup"}' % (tid, resume),
        ]
        self.ready_frags[tid] = texts
        return texts

    def timer_text(self, item):
        """A timers entry as JSON text, kept for the timer's lifetime when it cannot change."""
        seq = item[1]
        text = self.timer_frags.get(seq)
        if text is None:
            text = _dumps(self.timer_item(item))
            cb = item[2]._callback
            if cb is _set_result_unless_cancelled or getattr(cb, "__name__", "") == "_on_timeout":
                self.timer_frags[seq] = text
        return text

    def iteration(self, loop):
        # Runs once per loop iteration: the entries are cached as JSON text.
        cap = self.list_cap
        ready = []
        n = 0
        frags = self.ready_frags
        tails = self.tails  # a task has started once it has a tail
        item_texts = self.item_texts
        known = []  # per listed handle: (task, task id) for a step of a recorded task
        for handle in loop._ready:
            if n >= cap:
                break
            n += 1
            owner = getattr(handle._callback, "__self__", None)
            if type(owner) is _LTask:
                # The usual case, without isinstance/getattr (builtin calls cost in wasm):
                # create_task sets _ls_id before anything can schedule the task.
                tid = owner._ls_id
                if tid is not None and tid >= 0:
                    known.append((owner, tid))
                    texts = frags[tid] or self.ready_texts(tid)
                    # A wake-up carries the awaited future; a step queued directly, nothing.
                    ready.append(
                        texts[0] if tails[tid] is None else texts[2] if handle._args else texts[1]
                    )
                    continue
            if owner is not None and isinstance(owner, _TaskType):
                tid = getattr(owner, "_ls_id", None)
                if tid is None:
                    tid = self.tid_of(owner)
                    if tid is None:
                        known.append(None)
                        ready.append('{"task":null,"label":"start a task"}')
                        continue
                if tid < 0:
                    known.append(None)
                    continue
                known.append((owner, tid))
                texts = frags[tid] or self.ready_texts(tid)
                ready.append(
                    texts[0] if tails[tid] is None else texts[2] if handle._args else texts[1]
                )
                continue
            known.append(None)
            if handle._callback is _set_result_unless_cancelled and handle._args:
                sl = self.sleeps.get(id(handle._args[0]))
                tid = sl[3] if sl is not None else None
                key = (tid, _WAKE_LABEL)
                text = item_texts.get(key)
                if text is None:
                    text = item_texts[key] = _dumps(
                        {"task": tid, "label": _WAKE_LABEL, "what": "sleep_done"}
                    )
                ready.append(text)
            else:
                item = self.ready_item(handle)
                if item is not None:
                    # Many callbacks look alike (every "gather: a child finished"): each
                    # distinct entry is written once.
                    key = (item["task"], item["label"], item.get("child"))
                    text = item_texts.get(key)
                    if text is None:
                        text = item_texts[key] = _dumps(item)
                    ready.append(text)
        if not ready and n:
            return None  # only the runner's housekeeping runs
        timers = loop._timers
        listed = []
        if timers:
            for item in _smallest(timers, cap):
                # A timer due at infinity never fires: it is not on the loop's agenda.
                if not item[2]._cancelled and item[0] != _INF:
                    listed.append(self.timer_text(item))
        text = '%s,"kind":"loop_iteration","iteration":%d,"ready":[%s],"timers":[%s]' % (
            self.t_frag(),
            self.iterations,
            ",".join(ready),
            ",".join(listed),
        )
        total = len(loop._ready)
        if total > len(ready):
            text += ',"readyCount":%d' % total
        if len(timers) > cap:
            text += ',"timerCount":%d' % (len(timers) - loop._timer_cancelled_count)
        self.iterations += 1
        self.push_text(text + "}")
        return known

    def deadlock(self, forever=False):
        """Stops the run: nothing can ever happen again. `forever`: timers are left, but
        all of them are due at infinity."""
        waiting = []
        for tid, row in enumerate(self.tasks):
            if self.tails[tid] is not None and self.last_awaits[tid] is not None:
                waiting.append({"task": tid, "awaits": self.last_awaits[tid]})
        self.stop("deadlock", None, waiting=waiting, forever=forever)

    # ---- threads ------------------------------------------------------------------

    def run_job(self, loop, executor, func, args):
        """run_in_executor without threads: run now on a worker lane's own clock."""
        fut = loop.create_future()
        pool = self.pools.get(id(executor))
        if pool is None:
            if executor is None:
                prefix, size = "asyncio", int(self.limits["workers"])
            else:
                prefix = getattr(executor, "_thread_name_prefix", "") or (
                    f"ThreadPoolExecutor-{len(self.pools)}"
                )
                size = int(getattr(executor, "_max_workers", 0) or self.limits["workers"])
            pool = {"prefix": prefix, "size": max(1, size), "lanes": [], "executor": executor}
            self.pools[id(executor)] = pool
        lanes = pool["lanes"]
        now = self.now
        lane = None
        for cand in lanes:
            if cand["free"] <= now:
                lane = cand
                break
        if lane is None and len(lanes) < pool["size"]:
            wid = len(self.workers)
            name = f"{pool['prefix']}_{len(lanes)}"
            self.workers.append({"id": wid, "name": name})
            lane = {"id": wid, "free": now}
            lanes.append(lane)
        if lane is None:
            lane = min(lanes, key=lambda c: (c["free"], c["id"]))
        start = max(now, lane["free"])
        label = self.job_label(func, args)
        job = {"clock": start, "items": [], "lane": lane["id"], "task": self.cur, "label": label}
        prev = self.job
        self.job = job
        # The job's lines are counted, not recorded, and take no room from the step's.
        record_to, budget = self.record_to, self.budget
        self.record_to = -_NEVER
        result = exc = None
        try:
            result = func(*args)
        except _Abort:
            raise
        except BaseException as e:  # the executor hands any exception to the future
            exc = e
        finally:
            self.job = prev
            self.record_to = record_to + self.budget - budget
        end = job["clock"]
        lane["free"] = end
        items = [(start, "start", None)] + job["items"] + [(end, "end", (fut, result, exc))]
        for t, kind, payload in items:
            self.tseq += 1
            heapq.heappush(loop._wheap, (t, self.tseq, kind, (job, payload)))
        if self.recording:
            self.jobs[id(fut)] = (fut, lane["id"], label)
        return fut

    def job_label(self, func, args):
        if getattr(func, "func", None) is not None and getattr(func.func, "__name__", "") == "run":
            # to_thread wraps the call as partial(context.run, func, *args)
            inner = func.args
            if inner:
                rest = ", ".join(_short(a) for a in inner[1:])
                return f"to_thread({_fn_name(inner[0])}{', ' + rest if rest else ''})"
        rest = ", ".join(_short(a) for a in args)
        return f"run_in_executor({_fn_name(func)}{', ' + rest if rest else ''})"

    def worker_item(self, loop, item):
        t, _seq, kind, (job, payload) = item
        base = {"seq": 0, "t": self.now}
        if kind == "start":
            if self.recording:
                self.push(
                    {
                        **base,
                        "kind": "thread_start",
                        "worker": job["lane"],
                        "task": job["task"],
                        "label": job["label"],
                    }
                )
        elif kind == "out":
            text, stream = payload
            self.out(text, stream, worker=job["lane"], task=job["task"])
        elif kind == "call":
            fn, args = payload
            loop.call_soon(fn, *args)
        elif kind == "end":
            fut, result, exc = payload
            if self.recording:
                self.push(
                    {
                        **base,
                        "kind": "thread_end",
                        "worker": job["lane"],
                        "task": job["task"],
                        "label": job["label"],
                    }
                )
            self.jobs.pop(id(fut), None)
            loop.call_soon(_deliver, fut, result, exc)

    # ---- output, clocks, warnings -------------------------------------------------

    def out(self, text, stream, worker=None, task=-1):
        if not text:
            return
        if "at 0x" in text:
            # Default reprs carry memory addresses, which change from run to run.
            text = _ADDRESS.sub(" at 0x\u2026", text)
        job = self.job
        if job is not None and worker is None:
            job["items"].append((job["clock"], "out", (text, stream)))
            return
        left = self.max_output - self.out_chars
        over = len(text) > left
        if over:
            text = text[: max(left, 0)]
        self.out_chars += len(text)
        if task == -1:
            task = self.cur
        if text:
            evs = self.events
            last = evs[-1] if evs else None
            if (
                type(last) is dict  # only stdout events stay dicts until the end
                and last["kind"] == "stdout"
                and last["t"] == self.now
                and last["task"] == task
                and last.get("stream", "stdout") == stream
                and last.get("worker") == worker
                and self.abort is None
            ):
                last["text"] += text
            else:
                ev = {"seq": 0, "t": self.now, "kind": "stdout", "task": task, "text": text}
                if stream != "stdout":
                    ev["stream"] = stream
                if worker is not None:
                    ev["worker"] = worker
                self.push(ev)
        if over:
            self.stop("limit", "output")

    def time_sleep(self, secs):
        secs = float(secs)
        if secs != secs:
            raise ValueError("Invalid value NaN (not a number)")
        if secs < 0:
            raise ValueError("sleep length must be non-negative")
        if secs > _MAX_SLEEP:
            raise OverflowError("timestamp out of range for platform time_t")
        job = self.job
        if job is not None:
            job["clock"] = round(job["clock"] + secs, 9)
            if job["clock"] > self.max_time:
                self.stop("limit", "time")
            return
        line = self.user_line()
        if self.recording:
            self.push(
                {
                    "seq": 0,
                    "t": self.now,
                    "kind": "blocking",
                    "task": self.cur,
                    "duration": round(secs, 9),
                    "label": f"time.sleep({_fmt_num(secs)})",
                    "line": line,
                }
            )
            if self.loops and line not in self.warned_lines:
                self.warned_lines.add(line)
                self.push(
                    {
                        "seq": 0,
                        "t": self.now,
                        "kind": "warning",
                        "task": self.cur,
                        "category": "blocking",
                        "message": (
                            f"time.sleep({_fmt_num(secs)}) blocks the whole event loop: no other "
                            f"task can run meanwhile. Use await asyncio.sleep({_fmt_num(secs)})."
                        ),
                        "line": line,
                    }
                )
        target = round(self.now + secs, 9)
        if target > self.max_time:
            self.advance(max(self.now, round(self.max_time, 9)))
            self.stop("limit", "time")
        self.advance(target)

    def clock(self):
        job = self.job
        return job["clock"] if job is not None else self.now

    def never_awaited(self, coro):
        origin = getattr(coro, "cr_origin", None) or ()
        line = None
        for filename, lineno, _fn in origin:
            if filename == self.filename:
                line = lineno
                break
        if line is None:
            line = self.user_line()
        name = getattr(coro, "__qualname__", "?")
        message = f"coroutine '{name}' was never awaited"
        if self.recording:
            self.push(
                {
                    "seq": 0,
                    "t": self.now,
                    "kind": "warning",
                    "task": self.cur,
                    "category": "never_awaited",
                    "message": message,
                    "line": line,
                }
            )
        where = f"{self.filename}:{line}: " if line is not None else ""
        self.out(f"{where}RuntimeWarning: {message}\n", "stderr")

    # ---- monitoring ---------------------------------------------------------------

    def on_line(self, code, line):
        # The hottest path of all: kept flat on purpose, and every text made once.
        n = self.budget + 1
        self.budget = n
        self.last_line = line
        if n <= self.record_to and n <= self.line_budget:
            texts = self.l_texts
            if texts is None:
                texts = self.line_texts()
            try:
                text = texts[line]
            except KeyError:
                text = texts[line] = texts[None] + str(line) + "}"
            evs = self.events
            if len(evs) < self.ev_cap:
                evs.append(text)
            else:
                self.push_line(text)
        elif n > self.line_budget:
            self.stop("limit", "line_budget", line=line)

    def line_texts(self):
        """l_texts for the clock and the task of the moment; its None holds the start."""
        now = self.now
        cur = self.cur
        by_task = self._l_by_task
        if self._l_by_task_now is not now:
            by_task = self._l_by_task = {}
            self._l_by_task_now = now
        texts = by_task.get(cur)
        if texts is None:
            start = self.t_frag() + ',"kind":"line","task":%s,"line":' % _jnum(cur)
            texts = by_task[cur] = {None: start}
        self.l_texts = texts
        return texts

    def on_jump(self, code, src, dest):
        n = self.budget + 1
        self.budget = n
        self.record_to += 1  # a jump is not a line: it takes no room from line events
        if n > self.line_budget:
            self.stop("limit", "line_budget", line=self.last_line)

    def on_start(self, code, offset):
        if code is self.cur_root:
            self.cur_root = None  # the task's own coroutine starting: step_start says it
            return
        if self.job is None:
            self.push_text(
                '%s,"kind":"coro_call","task":%s,"coro":%s,"line":%s}'
                % (self.t_frag(), _jnum(self.cur), _jstr(code.co_qualname), _jnum(code.co_firstlineno))
            )

    def on_return(self, code, offset, retval):
        # The line of the return itself: the last line event may be a callee's, when the
        # frame's last statement awaited a coroutine (no line event marks coming back).
        line = _line_at(self.line_at, code, offset)
        if line is not None:
            self.last_line = line
        if self.cur is not None and code is self.root_codes[self.cur]:
            return  # task_done says it
        if self.job is None:
            self.push_text(
                '%s,"kind":"coro_return","task":%s,"coro":%s,"line":%s}'
                % (self.t_frag(), _jnum(self.cur), _jstr(code.co_qualname), _jnum(self.last_line))
            )

    def on_unwind(self, code, offset, exc):
        # A global event (it cannot be set per code object): most unwinds are asyncio's own.
        if code not in self.user_codes or not code.co_flags & _CO_COROUTINE:
            return
        if self.cur is not None and code is self.root_codes[self.cur]:
            return  # task_done says it
        if self.job is None and self.abort is None:
            line = _line_at(self.line_at, code, offset)
            if line is not None:
                self.last_line = line
            self.push_text(
                '%s,"kind":"coro_return","task":%s,"coro":%s,"line":%s,"raises":%s}'
                % (
                    self.t_frag(),
                    _jnum(self.cur),
                    _jstr(code.co_qualname),
                    _jnum(self.last_line),
                    _jstr(type(exc).__name__),
                )
            )

    # ---- results ------------------------------------------------------------------

    def user_frames(self, tb):
        frames = []
        while tb is not None:
            code = tb.tb_frame.f_code
            if code.co_filename == self.filename:
                frames.append({"name": code.co_name, "line": tb.tb_lineno})
            tb = tb.tb_next
        return frames

    def error_result(self, exc):
        frames = self.user_frames(exc.__traceback__)
        err = {
            "type": type(exc).__name__,
            "message": _safe_str(exc),
            "line": frames[-1]["line"] if frames else None,
            "traceback": frames,
        }
        if isinstance(exc, BaseExceptionGroup):
            err["exceptions"] = [
                {"type": type(e).__name__, "message": _safe_str(e)} for e in exc.exceptions
            ]
        lines = self.source.splitlines()
        text = ["Traceback (most recent call last):\n"]
        for fr in frames:
            text.append(f'  File "{self.filename}", line {fr["line"]}, in {fr["name"]}\n')
            if 0 < fr["line"] <= len(lines):
                text.append(f"    {lines[fr['line'] - 1].strip()}\n")
        msg = err["message"]
        text.append(f"{err['type']}: {msg}\n" if msg else f"{err['type']}\n")
        for sub in err.get("exceptions", ()):
            text.append(f"  {sub['type']}: {sub['message']}\n")
        try:
            self.out("".join(text), "stderr", task=None)
        except _Abort:
            pass
        where = f" on line {err['line']}" if err["line"] is not None else ""
        message = f"The program raised {err['type']}{where}" + (f": {msg}" if msg else ".")
        asked = self.recursion_asked
        if isinstance(exc, RecursionError) and asked is not None:
            message += (
                ("" if message.endswith(".") else ".")
                + f" Loopscope allows at most {_MAX_RECURSION:,} nested calls: "
                f"sys.setrecursionlimit({asked:,}) was lowered to {_MAX_RECURSION:,}, because "
                "Python in the browser has a smaller stack than on your computer."
            )
        return {"status": "error", "duration": self.now, "message": message, "error": err}

    def abort_result(self):
        status, kind, detail = self.abort
        if status == "exit":
            code, line = detail["code"], detail["line"]
            where = f" on line {line}" if line is not None else ""
            message = (
                f"The program ended itself with os._exit({code}){where}: the process stops at "
                "once, without running finally blocks or the rest of the event loop."
            )
            result = {"status": "ok" if code == 0 else "error", "duration": self.now, "message": message}
            if code != 0:
                result["error"] = {
                    "type": "SystemExit",
                    "message": f"os._exit({code})",
                    "line": line,
                    "traceback": [],
                }
            return result
        if status == "deadlock":
            waiting = detail["waiting"]
            parts = [
                f"{self.tasks[w['task']]['label']} waits on {w['awaits']['label']}" for w in waiting
            ]
            nothing = (
                "the only timers left are due at infinity, so nothing will ever wake any of them"
                if detail.get("forever")
                else "nothing is scheduled to wake any of them"
            )
            message = (
                f"Every task is waiting and {nothing}"
                + (" (" + "; ".join(parts) + ")." if parts else ".")
            )
            return {"status": "deadlock", "duration": self.now, "message": message, "deadlock": waiting}
        limit = {"kind": kind}
        if kind == "events":
            message = (
                f"Stopped after {self.max_events:,} events, the event limit: the program may run "
                "forever (a loop that never ends?)."
            )
        elif kind == "output":
            message = f"Stopped: the program printed more than {self.max_output:,} characters, the output limit."
        elif kind == "time":
            message = f"Stopped at {_fmt_num(self.max_time)} s of virtual time, the time limit."
        else:
            line = detail.get("line")
            limit["line"] = line
            where = f"line {line}" if line is not None else "the program"
            message = (
                f"Stopped: {where} kept running for {self.line_budget:,} lines without giving "
                "control back to the event loop. A loop needs an `await` inside it to let "
                "other tasks run."
            )
        return {"status": "limit", "duration": self.now, "message": message, "limit": limit}


def _line_at(cache, code, offset):
    """The source line of bytecode `offset` in `code` (None if it has none), kept in
    `cache` (the recorder's: it lives as long as the run)."""
    key = (code, offset)
    line = cache.get(key)
    if line is None and key not in cache:
        for start, end, at in code.co_lines():
            if start <= offset < end:
                line = at
                break
        cache[key] = line
    return line


_LOCALS_MAX = 6  # names shown per frame
_LOCALS_SKIP = (types.ModuleType, types.FunctionType, type, types.BuiltinFunctionType)


def _with_locals(chain, frame):
    """The chain (JSON text) with the locals of its innermost frame, `frame`, added to its
    last item: up to _LOCALS_MAX [name, short repr] pairs, in the frame's order, leaving
    out `_`-names, modules, functions and classes (the learner's data is what matters)."""
    if frame is None or not chain:
        return chain
    try:
        loc = frame.f_locals
        parts = []
        for name, value in loc.items():
            if name[:1] == "_" or isinstance(value, _LOCALS_SKIP):
                continue
            parts.append("[" + _jstr(name) + "," + _jstr(_short(value, 40)) + "]")
            if len(parts) >= _LOCALS_MAX:
                break
    except Exception:
        return chain
    if not parts:
        return chain
    return chain[:-1] + ',"locals":[' + ",".join(parts) + "]}"


def _leaf_children(fut):
    """A gather's children, nested gathers flattened, in argument order."""
    for child in getattr(fut, "_children", ()):
        if isinstance(child, _GatheringFuture):
            yield from _leaf_children(child)
        else:
            yield child


def _safe_str(exc):
    try:
        return _ADDRESS.sub("", str(exc))
    except Exception:
        return ""


def _locals(frame):
    try:
        return frame.f_locals
    except Exception:
        return {}


def _callbacks_of(fut):
    try:
        return [cb[0] if isinstance(cb, tuple) else cb for cb in (fut._callbacks or ())]
    except Exception:
        return []


def _closure_var(fn, name):
    code = getattr(fn, "__code__", None)
    cells = getattr(fn, "__closure__", None)
    if code is None or cells is None:
        return None
    try:
        return cells[code.co_freevars.index(name)].cell_contents
    except (ValueError, IndexError):
        return None


def _deliver(fut, result, exc):
    """A thread job's result reaches its future (CPython: call_soon_threadsafe)."""
    if fut.cancelled():
        return
    if exc is not None:
        fut.set_exception(exc)
    else:
        fut.set_result(result)


def _smallest(heap, k):
    """The k smallest entries of a heap, in order, in O(k log k)."""
    n = len(heap)
    if n <= k:
        return sorted(heap)
    # Entries compare by (when, seq), which is unique: they order the candidates as they are.
    out = []
    push, pop = heapq.heappush, heapq.heappop
    cand = [(heap[0], 0)]
    while cand and len(out) < k:
        entry, i = pop(cand)
        out.append(entry)
        j = 2 * i + 1
        if j < n:
            push(cand, (heap[j], j))
            if j + 1 < n:
                push(cand, (heap[j + 1], j + 1))
    return out


def _user_codes(code, out):
    out.add(code)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            _user_codes(const, out)


def _free_tool_id():
    mon = sys.monitoring
    for tool in (4, 3, 2, 1, 0, 5):
        if mon.get_tool(tool) is None:
            return tool
    return None


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


def _pyodide_version():
    try:
        import pyodide

        return pyodide.__version__
    except Exception:
        return "unknown"


# Read once, when the recorder loads: during a run the engine hides pyodide from imports.
_PYODIDE_VERSION = _pyodide_version() if IN_PYODIDE else None


def _meta():
    return {
        "python": "%d.%d.%d" % sys.version_info[:3],
        "pyodide": _PYODIDE_VERSION,
        "recorder": RECORDER_VERSION,
    }


def _trace(rec, result):
    """The trace as JSON text: json.dumps of the whole object, byte for byte."""
    head = _dumps(
        {
            "format": "loopscope-trace",
            "version": 2,
            "source": {"filename": rec.filename, "code": rec.source},
            "meta": _meta(),
            "tasks": rec.tasks,
            "workers": rec.workers,
        }
    )
    return "".join(
        (head[:-1], ',"events":[', rec.events_json(), '],"result":', _dumps(result), "}")
    )


def _syntax_error_trace(rec, exc):
    line = exc.lineno
    col = exc.offset
    message = exc.msg or str(exc)
    where = f" on line {line}" if line else ""
    result = {
        "status": "error",
        "duration": 0.0,
        "message": f"The program has a {type(exc).__name__}{where}: {message}.",
        "error": {
            "type": type(exc).__name__,
            "message": message,
            "line": line,
            "column": col,
            "traceback": [{"name": "<module>", "line": line}] if line else [],
        },
    }
    text = f'  File "{rec.filename}", line {line}\n' if line else ""
    rec.events.append(
        _frag(
            {
                "seq": 0,
                "t": 0.0,
                "kind": "stdout",
                "task": None,
                "text": f"{text}{type(exc).__name__}: {message}\n",
                "stream": "stderr",
            }
        )
    )
    return _trace(rec, result)


def record(source, filename="main.py", limits_json="{}"):
    """Runs `source` as __main__ on a virtual-time loop and returns its trace as JSON."""
    global _REC
    source, filename = str(source), str(filename)
    try:
        limits = json.loads(limits_json) if limits_json else {}
        if not isinstance(limits, dict):
            limits = {}
    except ValueError:
        limits = {}
    rec = Recorder(source, filename, limits)
    try:
        code = compile(source, filename, "exec", dont_inherit=True)
    except SyntaxError as exc:
        return _syntax_error_trace(rec, exc)
    except (ValueError, TypeError) as exc:  # e.g. null bytes in the source
        err = SyntaxError(str(exc))
        return _syntax_error_trace(rec, err)

    saved_rec = _REC
    _REC = rec
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
        _REC = saved_rec
    text = _trace(rec, result)
    if rec.abort is not None:
        # A stopped program leaves pending tasks and coroutines behind: collected later,
        # they would warn into the next run's trace. Collect them now, quietly.
        del rec, restore  # the undo closures hold the recorder too
        _collect_quietly()
    return text


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
    events._event_loop_policy = _policy_class()(rec)

    def undo_policy():
        events._event_loop_policy = old_policy

    restore.append(undo_policy)

    saved_time = {
        name: getattr(time, name)
        for name in (
            "sleep",
            "time",
            "time_ns",
            "monotonic",
            "monotonic_ns",
            "perf_counter",
            "perf_counter_ns",
        )
    }

    def fake_sleep(secs):
        rec.time_sleep(secs)

    time.sleep = fake_sleep
    time.time = lambda: EPOCH + rec.clock()
    time.time_ns = lambda: int(round((EPOCH + rec.clock()) * 1e9))
    time.monotonic = rec.clock
    time.monotonic_ns = lambda: int(round(rec.clock() * 1e9))
    time.perf_counter = rec.clock
    time.perf_counter_ns = lambda: int(round(rec.clock() * 1e9))

    def undo_time():
        for name, fn in saved_time.items():
            setattr(time, name, fn)

    restore.append(undo_time)

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

    if HAS_MONITORING and rec.recording:
        mon = sys.monitoring
        tool = _free_tool_id()
        if tool is not None:
            E = mon.events
            mon.use_tool_id(tool, "loopscope")
            codes = set()
            _user_codes(code, codes)
            rec.user_codes = codes
            mon.register_callback(tool, E.LINE, rec.on_line)
            mon.register_callback(tool, E.JUMP, rec.on_jump)
            mon.register_callback(tool, E.PY_START, rec.on_start)
            mon.register_callback(tool, E.PY_RETURN, rec.on_return)
            # A coroutine frame left by an exception (a CancelledError, say) pops too.
            mon.register_callback(tool, E.PY_UNWIND, rec.on_unwind)
            mon.set_events(tool, E.PY_UNWIND)
            for c in codes:
                ev = E.LINE | E.JUMP
                # Coroutines only: an async generator's frame leaves the stack at every
                # yield, so its start and end would not say what runs.
                if c.co_flags & _CO_COROUTINE:
                    ev |= E.PY_START | E.PY_RETURN
                mon.set_local_events(tool, c, ev)

            def undo_monitoring():
                mon.set_events(tool, 0)
                for c in codes:
                    mon.set_local_events(tool, c, 0)
                for e in (E.LINE, E.JUMP, E.PY_START, E.PY_RETURN, E.PY_UNWIND):
                    mon.register_callback(tool, e, None)
                mon.free_tool_id(tool)

            restore.append(undo_monitoring)


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
            result = rec.error_result(exc)
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
