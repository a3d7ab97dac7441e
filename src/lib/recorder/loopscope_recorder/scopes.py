"""Scopes and what becomes of a cancellation: ``async with asyncio.TaskGroup()``,
``asyncio.timeout`` / ``timeout_at`` / ``wait_for`` deadlines and ``asyncio.shield``, from the
moment each is entered to the moment it is left; where a CancelledError is caught in the
user's code; and each ``uncancel()``.

Events (see the scopes block of ``src/lib/trace/schema.ts``):

* ``scope`` with ``op`` ``enter`` (``scope_kind``, ``label``, ``deadline``), ``add`` (a task the
  scope now covers: ``child``), ``deadline`` (a timeout rescheduled) and ``exit`` (``body``:
  the exception the block raised into the scope, ``error``: what leaves it, ``expired``: a
  timeout's deadline passed, ``cancelling``: the owner's count afterwards). ``task`` is the
  task that owns the scope: the one running the ``async with`` or awaiting the shield.
* ``cancel_caught``: an ``except`` of the user's code takes a CancelledError (``cancelling``:
  the task's count then, which a handler that goes on should bring back to 0 with uncancel).
* ``uncancel``: ``task.uncancel()`` was called (by the program, a timeout or a TaskGroup),
  leaving ``cancelling``.

Observed from the outside, as the rest of the recorder: ``__aenter__``, ``__aexit__``,
``create_task``, ``reschedule`` and ``shield`` are replaced by plain functions that note the
call and hand back asyncio's own coroutine or result, so no frame of the recorder's is ever
on a task's await chain. When an ``__aexit__`` is done is learnt through ``sys.monitoring``
(a tool of its own: its return or unwind), so on 3.11 (no ``sys.monitoring``) scopes are not
recorded, as lines are not.
"""

import asyncio
import dis
import sys
from asyncio import exceptions, taskgroups, tasks, timeouts

from .encoding import _jnum
from .labels import _fmt_num, _safe_str
from .monitoring import HAS_MONITORING, _free_tool_id, _line_at

_TaskGroup = taskgroups.TaskGroup
_Timeout = timeouts.Timeout
_CancelledError = exceptions.CancelledError
# How many scopes one run records: a loop entering a timeout a million times is bounded by
# the event limit anyway; this bounds the recorder's own tables.
_MAX_SCOPES = 10000
_UNKNOWN = object()  # push_caught: read the count now


class ScopeTable:
    """The scopes of one run (Recorder.scope_table)."""

    __slots__ = (
        "by_obj",
        "count",
        "exit_codes",
        "shields",
        "deadlines",
        "bodies",
        "pending",
        "handlers",
        "raised",
    )

    def __init__(self):
        self.by_obj = {}  # id(scope object) -> (object, scope id, owner task id)
        self.count = 0
        self.exit_codes = {}  # code of a real __aexit__ -> "taskgroup" | "timeout"
        self.shields = {}  # inner task id -> [(scope id, owner task id)]
        self.deadlines = {}  # scope id -> its deadline as last recorded
        self.bodies = {}  # scope id -> the type name the block raised into __aexit__
        self.pending = {}  # task id -> (code, CancelledError, line) an except is handling
        self.handlers = {}  # (code, offset) -> the line of the except there, or None
        self.raised = {}  # id(scope object) -> the exception its block raised into __aexit__


class Scopes:
    """Records scopes (mixed into Recorder, which holds the state)."""

    __slots__ = ()

    def scope_id(self, obj):
        """The id of a recorded scope object, or None."""
        entry = self.scope_table.by_obj.get(id(obj))
        if entry is not None and entry[0] is obj:
            return entry[1]
        return None

    def scope_enter(self, obj, kind, label, deadline):
        """A scope is entered by the running task; returns its id (None: not recorded)."""
        table = self.scope_table
        owner = self.cur
        if owner is None or owner < 0 or self.abort is not None or table.count >= _MAX_SCOPES:
            return None
        if table.pending:
            self.flush_caught(owner)
        sid = table.count
        table.count += 1
        table.by_obj[id(obj)] = (obj, sid, owner)
        table.deadlines[sid] = deadline
        self.push(
            {
                "seq": 0,
                "t": self.now,
                "kind": "scope",
                "op": "enter",
                "task": owner,
                "scope": sid,
                "scope_kind": kind,
                "label": label,
                "deadline": deadline,
                "line": self.user_line(),
            }
        )
        return sid

    def scope_add(self, sid, owner, child):
        """Scope `sid` now covers task `child` too."""
        if self.scope_table.pending:
            self.flush_caught(owner)
        tid = self.tid_of(child)
        if tid is None or tid < 0 or self.abort is not None:
            return
        self.push(
            {
                "seq": 0,
                "t": self.now,
                "kind": "scope",
                "op": "add",
                "task": owner,
                "scope": sid,
                "child": tid,
                "line": self.user_line(),
            }
        )

    def scope_deadline(self, obj, when):
        """A timeout's deadline changed (reschedule)."""
        table = self.scope_table
        entry = table.by_obj.get(id(obj))
        if entry is None or entry[0] is not obj or self.abort is not None:
            return
        sid = entry[1]
        if table.deadlines.get(sid, when) == when:
            return
        table.deadlines[sid] = when
        self.push(
            {
                "seq": 0,
                "t": self.now,
                "kind": "scope",
                "op": "deadline",
                "task": entry[2],
                "scope": sid,
                "deadline": when,
                "line": self.user_line(),
            }
        )

    def scope_exit(self, obj, exc, expired=None):
        """Scope `obj` is left; `exc` is what leaves it (None: nothing)."""
        table = self.scope_table
        entry = table.by_obj.pop(id(obj), None)
        if entry is None or entry[0] is not obj or self.abort is not None:
            return
        sid, owner = entry[1], entry[2]
        if table.pending:
            self.flush_caught(owner)
        table.deadlines.pop(sid, None)
        task = self.tasks_by_id(owner)
        ev = {
            "seq": 0,
            "t": self.now,
            "kind": "scope",
            "op": "exit",
            "task": owner,
            "scope": sid,
            "line": self.user_line(),
        }
        body = table.bodies.pop(sid, None)
        if body is not None:
            ev["body"] = body
        if exc is not None:
            ev["error"] = {"type": type(exc).__name__, "message": _safe_str(exc)}
        if expired is not None:
            ev["expired"] = expired
        if task is not None:
            ev["cancelling"] = task.cancelling()
        self.push(ev)

    def tasks_by_id(self, tid):
        """The live task object of id `tid` when it is the running one (its count is read)."""
        try:
            task = asyncio.current_task() if self.loops else None
        except RuntimeError:
            task = None
        if task is not None and self.tid_of(task) == tid:
            return task
        return None

    def shield_done(self, tid):
        """Task `tid` finished: the shields around it end."""
        for sid, owner in self.scope_table.shields.pop(tid, ()):
            self.push(
                {
                    "seq": 0,
                    "t": self.now,
                    "kind": "scope",
                    "op": "exit",
                    "task": owner,
                    "scope": sid,
                    "line": None,
                }
            )

    def on_scope_return(self, code, offset, retval):
        kind = self.scope_table.exit_codes.get(code)
        if kind is not None:
            frame = sys._getframe(1)
            # A false return lets what the block raised go on out of the scope.
            exc = None if retval else frame.f_locals.get("exc")
            if exc is None and not retval:
                exc = self.scope_table.raised.get(id(frame.f_locals.get("self")))
            self.scope_left(kind, frame, exc)

    def on_scope_unwind(self, code, offset, exc):
        kind = self.scope_table.exit_codes.get(code)
        if kind is not None:
            self.scope_left(kind, sys._getframe(1), exc)

    def scope_left(self, kind, frame, exc):
        obj = frame.f_locals.get("self")
        if obj is None:
            return
        self.scope_table.raised.pop(id(obj), None)
        expired = None
        if kind == "timeout":
            expired = obj.expired()
        self.scope_exit(obj, exc, expired)

    def on_handled(self, code, offset, exc):
        # Global (it cannot be set per code object): asyncio's own handlers are left out,
        # and so are the handlers Python adds itself (an await's, an async with's).
        if (
            self.cur is None
            or self.cur < 0
            or code not in self.user_codes
            or not isinstance(exc, _CancelledError)
            or self.job is not None
            or self.abort is not None
        ):
            return
        line = _handler_line(self.scope_table.handlers, code, offset)
        if line is not None:
            # Not known yet: an except that does not match, or a finally, raises it again
            # at once (RERAISE); else it is caught (see flush_caught).
            task = self.tasks_by_id(self.cur)
            count = task.cancelling() if task is not None else None
            self.scope_table.pending[self.cur] = (code, exc, line, count)

    def on_raise(self, code, offset, exc):
        pending = self.scope_table.pending
        if not pending or self.cur not in pending:
            return
        held = pending[self.cur]
        if held[0] is not code or held[1] is not exc:
            return
        del pending[self.cur]
        explicit = _opname(code, offset) == "RAISE_VARARGS"
        if explicit:
            self.push_caught(self.cur, "caught", held[2], held[3])
            self.push_caught(self.cur, "reraised", _line_at(self.line_at, code, offset))

    def flush_caught(self, tid):
        """The step of `tid` ends: a CancelledError it handled and did not raise again was
        caught."""
        held = self.scope_table.pending.pop(tid, None)
        if held is not None:
            self.push_caught(tid, "caught", held[2], held[3])

    def push_caught(self, tid, op, line, count=_UNKNOWN):
        if count is _UNKNOWN:
            task = self.tasks_by_id(tid)
            count = task.cancelling() if task is not None else None
        self.push_text(
            '%s,"kind":"cancel_caught","task":%d,"op":"%s","line":%s,"cancelling":%s}'
            % (
                self.t_frag(),
                tid,
                op,
                _jnum(line),
                _jnum(count),
            )
        )

    def on_uncancel(self, task, left):
        """task.uncancel() returned `left`."""
        tid = self.tid_of(task)
        if tid is None or tid < 0 or self.abort is not None:
            return
        if self.scope_table.pending:
            self.flush_caught(tid)
        self.push_text(
            '%s,"kind":"uncancel","task":%d,"by":%s,"cancelling":%d,"line":%s}'
            % (self.t_frag(), tid, _jnum(self.cur), left, _jnum(self.user_line()))
        )


def _instructions(code):
    return list(dis.get_instructions(code))


def _opname(code, offset):
    for ins in _instructions(code):
        if ins.offset == offset:
            return ins.opname
    return None


def _handler_line(cache, code, offset):
    """The first line of the user's handler at `offset` (an except or a finally), or None
    when the handler is one Python adds itself (an await's, an async with's)."""
    key = (code, offset)
    if key in cache:
        return cache[key]
    line = None
    ins = _instructions(code)
    for i, item in enumerate(ins):
        if item.offset == offset:
            if item.opname == "PUSH_EXC_INFO" and not any(
                later.opname == "WITH_EXCEPT_START" for later in ins[i + 1 : i + 3]
            ):
                for later in ins[i + 1 :]:
                    if later.positions is not None and later.positions.lineno is not None:
                        line = later.positions.lineno
                        break
            break
    cache[key] = line
    return line


def _plain(wrapper, real):
    wrapper.__name__ = real.__name__
    wrapper.__qualname__ = real.__qualname__
    wrapper.__module__ = real.__module__
    wrapper.__doc__ = real.__doc__
    return wrapper


def _finite(when):
    """A deadline JSON can hold: None for none, or for one that never comes (inf, nan)."""
    if when is None or when - when != 0:
        return None
    return when


def _timeout_label(rec, obj, caller):
    when = _finite(obj.when())
    if caller == "wait_for":
        what = "asyncio.wait_for"
    else:
        what = "asyncio.timeout"
    if when is None:
        return what + "(None)", None
    return "%s(%s)" % (what, _fmt_num(round(when - rec.now, 9))), when


def _install_scopes(rec, restore):
    """Patches TaskGroup, Timeout, shield and registers the monitoring tool; undone through
    `restore`. Needs `rec.user_codes` (install after monitoring)."""
    if not (HAS_MONITORING and rec.recording):
        return
    mon = sys.monitoring
    tool = _free_tool_id()
    if tool is None:
        return
    table = rec.scope_table
    saved = []

    def patch(owner, name, value):
        saved.append((owner, name, owner.__dict__[name]))
        setattr(owner, name, value)

    tg_enter, tg_exit, tg_create = _TaskGroup.__aenter__, _TaskGroup.__aexit__, _TaskGroup.create_task

    def tg_aenter(self):
        rec.scope_enter(self, "taskgroup", "asyncio.TaskGroup()", None)
        return tg_enter(self)

    def tg_aexit(self, et, exc, tb):
        sid = rec.scope_id(self)
        if sid is not None and et is not None:
            table.bodies[sid] = et.__name__
            table.raised[id(self)] = exc
        return tg_exit(self, et, exc, tb)

    def create_task(self, coro, **kwargs):
        task = tg_create(self, coro, **kwargs)
        sid = rec.scope_id(self)
        if sid is not None:
            rec.scope_add(sid, table.by_obj[id(self)][2], task)
        return task

    patch(_TaskGroup, "__aenter__", _plain(tg_aenter, tg_enter))
    patch(_TaskGroup, "__aexit__", _plain(tg_aexit, tg_exit))
    patch(_TaskGroup, "create_task", _plain(create_task, tg_create))

    to_enter, to_exit, to_reschedule = _Timeout.__aenter__, _Timeout.__aexit__, _Timeout.reschedule

    def to_aenter(self):
        caller = sys._getframe(1).f_code.co_name
        label, when = _timeout_label(rec, self, caller)
        rec.scope_enter(self, "timeout", label, when)
        return to_enter(self)

    def to_aexit(self, et, exc, tb):
        sid = rec.scope_id(self)
        if sid is not None and et is not None:
            table.bodies[sid] = et.__name__
            table.raised[id(self)] = exc
        return to_exit(self, et, exc, tb)

    def reschedule(self, when):
        result = to_reschedule(self, when)
        rec.scope_deadline(self, _finite(self.when()))
        return result

    patch(_Timeout, "__aenter__", _plain(to_aenter, to_enter))
    patch(_Timeout, "__aexit__", _plain(to_aexit, to_exit))
    patch(_Timeout, "reschedule", _plain(reschedule, to_reschedule))
    table.exit_codes = {tg_exit.__code__: "taskgroup", to_exit.__code__: "timeout"}

    real_shield = tasks.shield

    def shield(arg):
        # shield() makes its inner future with ensure_future too: the same task, named here.
        inner = tasks.ensure_future(arg)
        outer = real_shield(inner)
        if outer is not inner:
            tid = rec.tid_of(inner)
            sid = rec.scope_enter(outer, "shield", "asyncio.shield()", None)
            if sid is not None and tid is not None and tid >= 0:
                table.by_obj.pop(id(outer), None)  # it ends with the inner task, not here
                table.shields.setdefault(tid, []).append((sid, rec.cur))
                rec.scope_add(sid, rec.cur, inner)
        return outer

    _plain(shield, real_shield)
    asyncio.shield = tasks.shield = shield

    E = mon.events
    mon.use_tool_id(tool, "loopscope-scopes")
    mon.register_callback(tool, E.PY_RETURN, rec.on_scope_return)
    mon.register_callback(tool, E.PY_UNWIND, rec.on_scope_unwind)
    mon.register_callback(tool, E.EXCEPTION_HANDLED, rec.on_handled)
    mon.register_callback(tool, E.RAISE, rec.on_raise)
    mon.register_callback(tool, E.RERAISE, rec.on_raise)
    mon.set_events(tool, E.PY_UNWIND | E.EXCEPTION_HANDLED | E.RAISE | E.RERAISE)
    for code in table.exit_codes:
        mon.set_local_events(tool, code, E.PY_RETURN)

    def undo_scopes():
        mon.set_events(tool, 0)
        for code in table.exit_codes:
            mon.set_local_events(tool, code, 0)
        for e in (E.PY_RETURN, E.PY_UNWIND, E.EXCEPTION_HANDLED, E.RAISE, E.RERAISE):
            mon.register_callback(tool, e, None)
        mon.free_tool_id(tool)
        asyncio.shield = tasks.shield = real_shield
        for owner, name, value in reversed(saved):
            setattr(owner, name, value)

    restore.append(undo_scopes)

