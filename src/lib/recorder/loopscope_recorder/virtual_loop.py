"""The virtual-time event loop, its Task, the loop policy, and the program's clocks.

``VirtualLoop`` schedules exactly as ``BaseEventLoop`` does, but its clock only moves when
nothing is ready (it jumps to the next timer) or when the program blocks (``time.sleep``,
``VirtualClock.time_sleep``). It runs every ready handle itself and hands each to the
recorder, which is how the recorder sees a task step from the outside. Timers with equal
deadlines fire in the order they were scheduled, as on a real clock.
"""

import heapq
import sys
from asyncio import base_events, events

from . import current
from .internals import _TaskType
from .limits import _Abort
from .labels import _fmt_num
from .offline import NoOutside

_INF = float("inf")
# Up to 3.12, a task created with a name still took a number from the Task-N counter;
# 3.13 numbers only the tasks it names itself.
_NAMED_TASKS_COUNT = sys.version_info < (3, 13)
# time.sleep's largest argument in Pyodide (a 32-bit time_t): beyond it, OverflowError.
_MAX_SLEEP = 2.0**31 - 1


class _LTask(_TaskType):
    """The C Task, plus the recorder's id and a hash that does not depend on addresses.

    Sets of tasks (``asyncio.wait``, ``all_tasks`` when ``asyncio.run`` cancels leftovers)
    then iterate in creation order, run after run. For the run it is ``asyncio.Task``
    (see ``disguise``), named as the C type is, so the program sees asyncio's own Task.
    """

    __slots__ = ("_ls_id", "_ls_hash")

    def __init__(self, coro, *args, **kwargs):
        # The program's own asyncio.Task(coro), a task factory's, or create_task's.
        rec = current.REC
        if rec is not None:
            rec.hseq += 1
            self._ls_hash = rec.hseq
            if kwargs.get("name") is None:
                # CPython numbers tasks with a counter global to the interpreter; each
                # run counts from Task-1, as a fresh `python3` would.
                rec.names += 1
                kwargs["name"] = f"Task-{rec.names}"
        else:
            self._ls_hash = object.__hash__(self)
        self._ls_id = None
        _TaskType.__init__(self, coro, *args, **kwargs)
        if rec is not None and self._ls_id is None:
            # Registered before the loop can run its first step. (An eager task's first
            # step has already run, inside __init__ and the creator's step: the trace
            # shows it as part of that step.)
            rec.register(self)

    def __hash__(self):
        return self._ls_hash

    def cancel(self, msg=None):
        # Every cancel() goes through here, asyncio's own (a timeout, a TaskGroup, a
        # gather, asyncio.run) as well as the program's: the trace says who asked.
        rec = current.REC
        if rec is not None and rec.recording and not self.done():
            rec.on_cancel(self, sys._getframe(1))
        return _TaskType.cancel(self, msg)

    def uncancel(self):
        # A timeout or a TaskGroup taking its cancellation back: the trace says the count.
        left = _TaskType.uncancel(self)
        rec = current.REC
        if rec is not None and rec.recording:
            rec.on_uncancel(self, left)
        return left


_LTask.__name__ = _LTask.__qualname__ = "Task"
_LTask.__module__ = _TaskType.__module__  # "_asyncio": <class '_asyncio.Task'>
_CANCEL_CODE = _LTask.cancel.__code__


class VirtualLoop(NoOutside, base_events.BaseEventLoop):
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
        if kwargs.get("name") is not None and _NAMED_TASKS_COUNT:
            rec.names += 1
        return _LTask(coro, loop=self, **kwargs)

    def set_task_factory(self, factory):
        if getattr(factory, "__qualname__", "") == "create_eager_task_factory.<locals>.factory":
            self._rec.version_note("eager_tasks")
        super().set_task_factory(factory)

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
        owner = None
        for i in range(ntodo):
            handle = ready.popleft()
            if not handle._cancelled:
                if i < nknown and known[i] is not None:
                    owner, tid = known[i]
                    known[i] = None
                    step(tid, owner, handle)
                else:
                    rec.run_handle(handle)
        # A failed task's traceback links back to this frame (f_back): holding its task here
        # would keep it alive past its last reference, and "Task exception was never
        # retrieved" would come late. (CPython's _run_once ends with `handle = None` too.)
        handle = owner = known = None


def _policy_class():
    base = getattr(events, "_BaseDefaultEventLoopPolicy", None) or events.BaseDefaultEventLoopPolicy

    class _Policy(base):
        """Hands out virtual loops: asyncio.run, Runner, new_event_loop, get_event_loop."""

        def __init__(self, rec):
            super().__init__()
            self._rec = rec

        def new_event_loop(self):
            if self._rec.job is not None:
                # A thread job runs inside the loop's step here, not on a thread of its own:
                # a second loop would run inside the first. Said plainly rather than pretended.
                raise RuntimeError(
                    "Loopscope runs one event loop: a worker thread (to_thread, "
                    "run_in_executor) cannot start its own with asyncio.run or "
                    "new_event_loop. Await the coroutine in the loop, or hand it to the loop "
                    "with asyncio.run_coroutine_threadsafe(coro, loop)."
                )
            return VirtualLoop(self._rec)

        def get_event_loop(self):
            try:
                return super().get_event_loop()
            except RuntimeError:
                # 3.14: no loop is made any more (the tutorials' module-level idiom).
                self._rec.version_note("get_event_loop")
                raise

    return _Policy


class VirtualClock:
    """Virtual time as the program reads and spends it (mixed into Recorder, which
    holds the state)."""

    __slots__ = ()

    def advance(self, t):
        """Moves the clock to t (every change of `now` goes through here)."""
        self.now = t
        self.l_texts = None  # line events from now on say the new time

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
