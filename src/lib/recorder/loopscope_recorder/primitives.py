"""The program's queues, locks, semaphores, events and conditions, and their state.

``__init__`` of ``asyncio.Queue``, ``Lock``, ``Semaphore``, ``Event`` and ``Condition`` is
wrapped for the run: an object made by the user's own code (not asyncio's, such as the
lock inside a Condition) joins the trace's ``primitives`` table. After each task step the
recorder reads the state of each one (a queue's items, who holds a lock, who waits) and,
when it changed, adds it to the event that ends the step (``sync`` on ``suspend`` or
``task_done``). An asyncio.Lock has no owner: its holder is the task whose step flipped it
to locked. Programs without primitives pay one test of an empty list per step.
"""

import asyncio
import sys
import weakref

from .encoding import _dumps
from .labels import _short

# The schema's bounds too, so they come from src/lib/trace/limits.json: the primitives tracked
# per run, the queue items listed (their count is given in full), the tasks listed as waiting
# on one primitive.
from .shared_limits import PRIMITIVES_MAX, WAITERS_MAX
from .shared_limits import QUEUE_ITEMS_MAX as ITEMS_MAX

ITEM_CHARS = 24  # the length of one item's repr

# The classes wrapped, most derived first (isinstance picks the kind).
_KINDS = (
    (asyncio.Queue, "queue"),
    (asyncio.Condition, "condition"),
    (asyncio.Semaphore, "semaphore"),
    (asyncio.Lock, "lock"),
    (asyncio.Event, "event"),
)


def _kind_of(obj):
    for cls, kind in _KINDS:
        if isinstance(obj, cls):
            return kind
    return None


class Primitives:
    """Finds the program's primitives and records their state (mixed into Recorder, which
    holds the state: ``prims``, ``prim_rows`` and ``waiter_of``)."""

    __slots__ = ()

    def prim_new(self, obj, frame):
        """`obj` was made by the user's code in `frame`: track it."""
        if len(self.prims) >= PRIMITIVES_MAX or not self.recording:
            return
        kind = _kind_of(obj)
        if kind is None:
            return
        pid = len(self.prims)
        row = {"id": pid, "kind": kind, "name": kind, "line": frame.f_lineno}
        if kind == "queue":
            row["maxsize"] = max(0, int(getattr(obj, "_maxsize", 0) or 0))
        elif kind == "semaphore":
            row["bounded"] = isinstance(obj, asyncio.BoundedSemaphore)
        self.prim_rows.append(row)
        # [the object (weakly: the program decides when it goes), its row, the frame that
        # made it (until its name is known), its state as last recorded, the lock's holder]
        self.prims.append([weakref.ref(obj), row, frame, None, None])

    def prim_sync(self, tid, task):
        """After `tid`'s step: the primitives whose state changed, as JSON text, or None."""
        if task is not None and not task.done():
            fw = task._fut_waiter
            if fw is not None:
                self.waiter_of[id(fw)] = (fw, tid)
        out = None
        for entry in self.prims:
            obj = entry[0]()
            if obj is None:
                continue
            if entry[2] is not None:
                entry[1]["name"] = self.name_of(obj, entry[2], entry[1]["kind"])
                entry[2] = None
            state = self.prim_state(entry, obj, tid)
            if state != entry[3]:
                entry[3] = state
                if out is None:
                    out = []
                out.append(_dumps(self.prim_json(entry[1], state)))
        return "[" + ",".join(out) + "]" if out else None

    def prim_waiters(self, futs):
        """The tasks waiting on these futures, in their order. A woken task (its future
        done: it is in the ready queue now) no longer waits, even where its future stays
        in the primitive's deque until it runs."""
        tids = []
        if not futs:
            return ()
        waiter_of = self.waiter_of
        for fut in futs:
            if fut.done():
                continue
            entry = waiter_of.get(id(fut))
            if entry is not None and entry[0] is fut:
                tids.append(entry[1])
                if len(tids) >= WAITERS_MAX:
                    break
        return tuple(tids)

    def prim_lock(self, entry, lock, tid):
        """(locked, holder) of a lock: the holder is the task whose step locked it."""
        locked = bool(lock._locked)
        prev = entry[3]
        if not locked:
            entry[4] = None
        elif prev is None or not prev[0]:
            entry[4] = tid
        return locked, entry[4]

    def prim_state(self, entry, obj, tid):
        """The state of one primitive as a tuple (compared to the last one recorded)."""
        kind = entry[1]["kind"]
        if kind == "queue":
            items = obj._queue
            shown = []
            for i, item in enumerate(items):
                if i >= ITEMS_MAX:
                    break
                shown.append(_short(item, ITEM_CHARS))
            return (
                tuple(shown),
                len(items),
                self.prim_waiters(obj._getters),
                self.prim_waiters(obj._putters),
            )
        if kind == "lock":
            locked, holder = self.prim_lock(entry, obj, tid)
            return (locked, holder, self.prim_waiters(obj._waiters))
        if kind == "condition":
            inner = obj._lock
            locked, holder = self.prim_lock(entry, inner, tid)
            return (
                locked,
                holder,
                self.prim_waiters(getattr(inner, "_waiters", None)),
                self.prim_waiters(obj._waiters),
            )
        if kind == "semaphore":
            return (int(obj._value), self.prim_waiters(obj._waiters))
        return (bool(obj._value), self.prim_waiters(obj._waiters))

    def prim_json(self, row, state):
        kind = row["kind"]
        out = {"id": row["id"]}
        if kind == "queue":
            out["items"] = list(state[0])
            out["size"] = state[1]
            out["waiters"] = list(state[2])
            out["putters"] = list(state[3])
        elif kind == "lock":
            out["locked"] = state[0]
            out["holder"] = state[1]
            out["waiters"] = list(state[2])
        elif kind == "condition":
            out["locked"] = state[0]
            out["holder"] = state[1]
            out["acquiring"] = list(state[2])
            out["waiters"] = list(state[3])
        elif kind == "semaphore":
            out["value"] = state[0]
            out["waiters"] = list(state[1])
        else:
            out["set"] = state[0]
            out["waiters"] = list(state[1])
        return out


def _maker_frame(obj, frame):
    """The frame that asked for `obj`: past the `__init__`s of obj's own classes."""
    while frame is not None and frame.f_code.co_name == "__init__":
        try:
            if frame.f_locals.get("self") is not obj:
                break
        except Exception:
            break
        frame = frame.f_back
    return frame


def _install_primitives(rec, restore):
    """Wraps the primitives' `__init__` for the run; pushes the undo onto `restore`."""
    if not rec.recording:
        return
    filename = rec.filename
    saved = []
    for cls, _kind in _KINDS:
        original = cls.__dict__.get("__init__")
        if original is None:
            continue

        def make(original):
            def __init__(self, *args, **kwargs):
                original(self, *args, **kwargs)
                frame = _maker_frame(self, sys._getframe(1))
                if frame is not None and frame.f_code.co_filename == filename:
                    rec.prim_new(self, frame)

            __init__.__name__ = original.__name__
            __init__.__qualname__ = original.__qualname__
            __init__.__doc__ = original.__doc__
            __init__.__wrapped__ = original
            return __init__

        saved.append((cls, original))
        cls.__init__ = make(original)

    def undo_primitives():
        for cls, original in saved:
            cls.__init__ = original

    restore.append(undo_primitives)
