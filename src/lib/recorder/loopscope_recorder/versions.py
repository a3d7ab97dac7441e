"""Notes on behaviour that changed between the Python of the tutorials (3.8–3.12) and the
Python that runs the program: what changed, in which version, and the modern fix.

Learners follow tutorials written for older Pythons; when their program meets one of these
changes, the trace says so with a ``warning`` event of category ``version_change`` (fields
``since`` and ``fix`` besides ``message``), once per change and line, and an error the
change caused carries the note in its message. A note is given only when the running
Python has the change (under CPython 3.11 the older behaviour simply happens).
"""

import inspect
import sys
from asyncio import tasks

# key -> (the version that changed it, what changed, the modern fix)
NOTES = {
    "get_event_loop": (
        (3, 14),
        "asyncio.get_event_loop() with no event loop running raises RuntimeError since Python "
        "3.14. Python 3.8–3.11 made a new loop here (3.12 and 3.13 too, with a "
        "DeprecationWarning), which is why older tutorials write `loop = "
        "asyncio.get_event_loop()` and `loop.run_until_complete(main())`",
        "put the program in `async def main()` and run it with `asyncio.run(main())`; inside "
        "a coroutine, use `asyncio.get_running_loop()`",
    ),
    "wait_for": (
        (3, 12),
        "asyncio.wait_for() awaits a coroutine in the calling task since Python 3.12. Python "
        "3.8–3.11 wrapped it in a new task, so current_task() inside it (and its task name) "
        "differ from older runs",
        "nothing to change; if the coroutine needs a task of its own, pass "
        "`asyncio.create_task(coro)` to wait_for",
    ),
    "policy": (
        (3, 14),
        "The event loop policy system (asyncio.get_event_loop_policy, "
        "set_event_loop_policy, the *EventLoopPolicy classes) is deprecated since Python 3.14 "
        "and goes in 3.16",
        "pass a loop factory instead: `asyncio.run(main(), loop_factory=...)` or "
        "`asyncio.Runner(loop_factory=...)`",
    ),
    "eager_tasks": (
        (3, 12),
        "Eager tasks are new in Python 3.12: with asyncio.eager_task_factory a task starts "
        "running inside create_task(), up to its first await that suspends, before the caller "
        "goes on; on 3.11 asyncio.eager_task_factory does not exist",
        "nothing to change on 3.12+; to run on 3.11, leave the task factory out",
    ),
    "iscoroutinefunction": (
        (3, 14),
        "asyncio.iscoroutinefunction() is deprecated since Python 3.14 and goes in 3.16",
        "use `inspect.iscoroutinefunction()`",
    ),
    "loop_argument": (
        (3, 10),
        "The `loop` argument of asyncio's functions and classes (asyncio.sleep, gather, "
        "wait_for, Queue, Lock, Event…) was removed in Python 3.10, deprecated since 3.8: each "
        "finds the running loop itself. Tutorials for Python 3.7 and older pass `loop=loop`",
        "leave `loop=...` out",
    ),
    "wait_coroutines": (
        (3, 11),
        "asyncio.wait() takes tasks, not coroutines, since Python 3.11. Python 3.8–3.10 "
        "wrapped each coroutine in a task itself (with a DeprecationWarning), which is why "
        "older tutorials write `asyncio.wait([job(1), job(2)])`",
        "make each a task first, `asyncio.wait([asyncio.create_task(job(1)), ...])`, or use "
        "`asyncio.gather(job(1), job(2))` for their results",
    ),
    "coroutine_decorator": (
        (3, 11),
        "The @asyncio.coroutine decorator, and generator coroutines that `yield from`, were "
        "removed in Python 3.11 (deprecated since 3.8)",
        "write `async def` for the function and `await` where it said `yield from`",
    ),
}

# DeprecationWarnings of the running Python that announce one of the notes.
_WARNED = (
    ("asyncio.get_event_loop_policy", "policy"),
    ("asyncio.set_event_loop_policy", "policy"),
    ("EventLoopPolicy", "policy"),
    ("asyncio.iscoroutinefunction", "iscoroutinefunction"),
)

# Errors a removed feature raises: (exception type, words of its message, note).
_RAISED = (
    (TypeError, "unexpected keyword argument 'loop'", "loop_argument"),
    (TypeError, "*loop* parameter was removed", "loop_argument"),
    (TypeError, "Passing coroutines is forbidden", "wait_coroutines"),
    (AttributeError, "has no attribute 'coroutine'", "coroutine_decorator"),
)


def _version(v):
    return "%d.%d" % v


class VersionNotes:
    """Records version notes (mixed into Recorder, which holds the state)."""

    __slots__ = ()

    def version_note(self, key, line=None):
        """Records note `key` at `line` (the user's current line if None), once per line."""
        since, message, fix = NOTES[key]
        if sys.version_info < since or not self.recording or self.abort is not None:
            return
        if line is None:
            line = self.user_line()
        if (key, line) in self.warned_lines:
            return
        self.warned_lines.add((key, line))
        self.version_notes.append((key, line))
        self.push(
            {
                "seq": 0,
                "t": self.now,
                "kind": "warning",
                "task": self.cur,
                "category": "version_change",
                "message": message,
                "line": line,
                "since": _version(since),
                "fix": fix,
            }
        )

    def note_raised(self, exc, line):
        """Notes the change behind an error a removed feature raised at `line`, if any."""
        text = str(exc)
        for kind, words, key in _RAISED:
            if isinstance(exc, kind) and words in text:
                self.version_note(key, line)
                return

    def note_for_error(self, line):
        """The notes recorded at `line`, as sentences to add to an error's message."""
        texts = []
        for key, at in self.version_notes:
            if at == line:
                _since, message, fix = NOTES[key]
                texts.append(f"{message}. The fix: {fix}.")
        return " ".join(texts)


def _install_version_notes(rec, restore):
    """wait_for and DeprecationWarnings report the changes they meet; undone through
    `restore`. (get_event_loop and set_task_factory are the recorder's own: see
    virtual_loop.)"""
    import warnings

    if sys.version_info >= NOTES["wait_for"][0]:  # older: nothing to note, nothing to patch
        _install_wait_for(rec, restore)

    real_show = warnings._showwarnmsg

    def _showwarnmsg(msg):
        real_show(msg)
        if issubclass(msg.category, DeprecationWarning) and msg.filename == rec.filename:
            text = str(msg.message)
            for needle, key in _WARNED:
                if needle in text:
                    rec.version_note(key, msg.lineno)
                    break

    warnings._showwarnmsg = _showwarnmsg

    def undo_show():
        warnings._showwarnmsg = real_show

    restore.append(undo_show)


def _install_wait_for(rec, restore):
    """asyncio.wait_for notes a coroutine awaited in the caller's task."""
    import asyncio

    real_wait_for = tasks.wait_for

    def wait_for(fut, timeout):
        # A plain function returning wait_for's own coroutine: no frame of the recorder's
        # is left on the task's await chain.
        if inspect.iscoroutine(fut):
            rec.version_note("wait_for")
        return real_wait_for(fut, timeout)

    wait_for.__name__ = wait_for.__qualname__ = "wait_for"
    wait_for.__module__ = real_wait_for.__module__
    wait_for.__doc__ = real_wait_for.__doc__
    inspect.markcoroutinefunction(wait_for)  # still a coroutine function to inspect
    asyncio.wait_for = tasks.wait_for = wait_for

    def undo_wait_for():
        asyncio.wait_for = tasks.wait_for = real_wait_for

    restore.append(undo_wait_for)
