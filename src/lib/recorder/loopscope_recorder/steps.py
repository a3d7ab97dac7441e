"""The task table and each task step, observed from the outside.

A task's step is a handle in the ready queue whose callback's ``__self__`` is the task;
the loop hands it to ``run_handle``, which records the step's start (and why it runs:
first start, a wake-up and what the awaited future handed back, a cancellation), runs it,
and records the suspension (with ``awaits``) or the task's end.
"""

import weakref
from asyncio import tasks

from .internals import (
    _CoroutineType,
    _FutureType,
    _GatheringFuture,
    _set_result_unless_cancelled,
    _TaskType,
)
from .encoding import _dumps, _frag, _jnum, _jstr
from .labels import _code_of, _fmt_num, _safe_str, _short, _value_text
from .virtual_loop import _CANCEL_CODE, _LTask
from .awaits import (
    _AW_SLEEP0,
    _AW_SLEEP0_JSON,
    _chain_item,
    _leaf_children,
    _sleep_awaits,
    _SLEEP_CODE,
    _with_locals,
)

_UNSET = object()  # a cache slot not filled yet
# A task's tail (Recorder.tails): what its last step made, to be made again for less.
_TAIL_SLOTS = 10
_T_START, _T_START_NOW, _T_START_LINE = 0, 1, 2  # step_start text, for clock and line
_T_START_CAUSE = 9  # ... and cause text
_T_SUSPEND, _T_SUSPEND_NOW, _T_SUSPEND_LINE = 3, 4, 5  # suspend text, for clock and line
_T_AWAITS, _T_CHAIN = 6, 7  # ... and for awaits and chain texts
_T_CORO = 8  # its coroutine when that is the user's, else None
# Step causes that never vary, as JSON text (compared by identity in a task's tail).
_CAUSE_START = '{"kind":"start"}'
_CAUSE_YIELD = '{"kind":"yield"}'
_CAUSE_RESULT = '{"kind":"awaited","outcome":"result"}'
_CAUSE_CANCELLED = '{"kind":"awaited","outcome":"cancelled"}'
_VALUE_TYPES = {int, float, bool, type(None), str, bytes, list, tuple, dict}


class Steps:
    """Registers tasks and records their steps (mixed into Recorder, which holds the
    state)."""

    __slots__ = ()

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
            name, coro_name = self.task_names(task, qual)
            self.tasks.append(
                {
                    "id": tid,
                    "name": name,
                    "coro": coro_name,
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

    def run_handle(self, handle):
        cb = handle._callback
        owner = getattr(cb, "__self__", None)
        if type(owner) is _LTask:
            tid = owner._ls_id  # set by create_task before the task can be scheduled
            if tid is not None and tid >= 0:
                self.step(tid, owner, handle)
                cb = owner = handle = None  # see step(): the frame may outlive the call
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
            cb = owner = handle = None  # see step(): the frame may outlive the call
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
        # The program's queues and locks as this step left them (None: none changed).
        sync = self.prim_sync(tid, task) if self.prims else None
        if self.scope_table.pending:
            self.flush_caught(tid)
        if task.done():
            tail[_T_CORO] = None
            self.task_done(tid, task, sync)
            # A failed task's traceback links back to this frame: let go of the task, as
            # VirtualLoop._run_once does, so it is freed when the program drops it.
            task = handle = None
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
        if sync is not None:
            text = text[:-1] + ',"sync":' + sync + "}"
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
        scope = None  # the TaskGroup or timeout that asks, when the trace has it
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
            scope = self.scope_id(frame.f_locals.get("self"))
        elif qual.startswith("TaskGroup."):
            via = "taskgroup"
            scope = self.scope_id(frame.f_locals.get("self"))
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
            '%s,"kind":"cancel","task":%d,"by":%s,"via":"%s","line":%s%s}'
            % (
                self.t_frag(),
                tid,
                _jnum(by),
                via,
                _jnum(line),
                "" if scope is None else ',"scope":%d' % scope,
            )
        )

    def task_done(self, tid, task, sync=None):
        ev = {"seq": 0, "t": self.now, "kind": "task_done", "task": tid}
        self.last_awaits[tid] = None
        if self.scope_table.shields:
            self.shield_done(tid)
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
                    '%s,"kind":"task_done","task":%d,"outcome":"result","value":%s,"line":%s%s}'
                    % (
                        self.t_frag(),
                        tid,
                        _jstr(_value_text(task._result, 60)),
                        _jnum(line),
                        ',"sync":' + sync if sync is not None else "",
                    )
                )
                return
        ev["line"] = line
        if sync is not None:
            self.push_text(_frag(ev)[:-1] + ',"sync":' + sync + "}")
            return
        self.push(ev)

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
