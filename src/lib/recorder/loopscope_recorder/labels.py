"""Names as the learner wrote them: ``fetch_user(2)``, a callback, a short repr.

Every label in a trace (a task's, a callback's in the ready queue, a thread job's, the
variable a queue or a lock is held in) is made here, without memory addresses, so that
the same program gives the same trace on every run.
"""

import re
import sys
import types
from asyncio import futures

from . import current
from .internals import _CoroutineType
# The longest name or label and message the recorder writes (longer text is clipped, saying
# how much was cut): the lengths the app opens, from their one source, src/lib/trace/limits.json.
from .shared_limits import MESSAGE_CHARS, NAME_CHARS

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def _short(value, limit=24):
    """A short repr without memory addresses."""
    if type(value) in _PLAIN_REPR:  # the usual arguments: no checks needed
        text = repr(value)
        return text if len(text) <= limit else text[: limit - 1] + "\u2026"
    if isinstance(value, futures.Future) and current.REC is not None:
        tid = current.REC.tid_of(value)
        if tid is not None and tid >= 0:
            return current.REC.tasks[tid]["label"]
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


def _value_text(value, limit=60):
    """What an await or a call hands back, as _short writes it, except that a coroutine
    object says so and whose it is (returning one instead of awaiting it is a classic
    mistake): `<coroutine object get_user>`, without its address."""
    if type(value) is _CoroutineType:
        text = "<coroutine object " + value.__qualname__ + ">"
        return text if len(text) <= limit else text[: limit - 1] + "\u2026"
    return _short(value, limit)


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


def clip(text, limit):
    """`text`, or as much of it as fits in `limit` characters with `…(N more characters)`:
    a program's own text (a task named with 50 MB, a 50 MB exception message) is bounded
    as its output is, and the reader sees that something was cut."""
    if len(text) <= limit:
        return text
    keep = limit - 40  # room for the note, whatever N
    return text[:keep] + f"\u2026({len(text) - keep:,} more characters)"


def _safe_str(exc):
    try:
        # Clipped before the address scan (a 50 MB message costs no regex pass), with room
        # for the sentence a result wraps it in ("The program raised ValueError on line 3: ").
        return _ADDRESS.sub("", clip(str(exc), MESSAGE_CHARS - 1_000))
    except Exception:
        return ""


class Labels:
    """Labels that need the run: its code objects, its tasks, the user's frames (mixed
    into Recorder, which holds the state)."""

    __slots__ = ()

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

    def handle_label(self, cb, args):
        name = _fn_name(cb)
        code = _code_of(cb)
        if code is not None and code.co_filename == self.filename:
            return clip(name + "(" + ", ".join(_short(a) for a in args) + ")", NAME_CHARS)
        return clip(_CALLBACK_LABELS.get(name, name), NAME_CHARS)

    def job_label(self, func, args):
        if getattr(func, "func", None) is not None and getattr(func.func, "__name__", "") == "run":
            # to_thread wraps the call as partial(context.run, func, *args)
            inner = func.args
            if inner:
                rest = ", ".join(_short(a) for a in inner[1:])
                label = f"to_thread({_fn_name(inner[0])}{', ' + rest if rest else ''})"
                return clip(label, NAME_CHARS)
        rest = ", ".join(_short(a) for a in args)
        return clip(f"run_in_executor({_fn_name(func)}{', ' + rest if rest else ''})", NAME_CHARS)

    def task_names(self, task, qual):
        """A task's name and its coroutine's, clipped: both are the program's to set."""
        return clip(task.get_name(), NAME_CHARS), clip(qual, NAME_CHARS)
