"""``sys.monitoring`` (Python 3.12+): line events, coroutine calls and returns, the line
budget.

Events are set per code object of the user's program only, so the rest of Python runs at
full speed; a ``while True:`` without an ``await`` is stopped by the line budget. On 3.11
(no ``sys.monitoring``) these events are simply absent.
"""

import sys
import types

from .encoding import _jnum, _jstr
from .labels import _value_text

HAS_MONITORING = hasattr(sys, "monitoring")
_DISABLE = sys.monitoring.DISABLE if HAS_MONITORING else None
_CO_COROUTINE = 0x0080
# A plain function's frame: optimised locals of its own, and none of the flags of the code
# objects whose frames leave the stack at each yield (generators, coroutines, async
# generators). A class body has neither optimised nor new locals.
_CO_FUNCTION = 0x0001 | 0x0002
_CO_SUSPENDS = 0x0020 | 0x0080 | 0x0100 | 0x0200


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


def _lines_by_unit(code):
    """The source line of each code unit (two bytes) of `code`, None where it has none: a
    list, so that a jump's callback finds its lines by index, not by hashing."""
    lines = [None] * (len(code.co_code) // 2)
    for start, end, line in code.co_lines():
        for unit in range(start // 2, end // 2):
            lines[unit] = line
    return lines


def _user_codes(code, out):
    out.add(code)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            _user_codes(const, out)


def _is_plain(code):
    """A plain `def` of the program (not a lambda, a comprehension or a class body): its
    calls are frames of the task that runs them."""
    flags = code.co_flags
    return (
        flags & _CO_FUNCTION == _CO_FUNCTION
        and not flags & _CO_SUSPENDS
        and not code.co_name.startswith("<")
    )


def _value_field(value):
    """A returned value as a coro_return's `,"value":...` (none for None: nothing to tell)."""
    if value is None:
        return ""
    return ',"value":' + _jstr(_value_text(value, 60))


def _free_tool_id():
    mon = sys.monitoring
    for tool in (4, 3, 2, 1, 0, 5):
        if mon.get_tool(tool) is None:
            return tool
    return None


class Monitoring:
    """The sys.monitoring callbacks (mixed into Recorder, which holds the state)."""

    __slots__ = ()

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
        # Jumps count against the line budget, so that a loop on one line (no LINE event per
        # turn) is stopped too. A jump to another line is followed by that line's LINE
        # event, which the budget counts already: it is turned off where it is after this
        # one call, and a loop's turn costs a callback less (issue 18). A jump within a line
        # hands every jump of its code object to a tool of their own that counts them, as
        # all jumps were counted before, at the same cost.
        lines = self.jump_lines.get(id(code))  # the user's code objects live as long as the run
        if lines is None:
            lines = self.jump_lines[id(code)] = _lines_by_unit(code)
        to = lines[dest >> 1]
        if to is not None and to != lines[src >> 1]:
            return _DISABLE
        self.on_jump_count(code, src, dest)  # the counting tool starts with the next jump
        if self.count_jumps_of(code):
            return _DISABLE
        return None  # no tool left for it: counted here, every time

    def on_jump_count(self, code, src, dest):
        n = self.budget + 1
        self.budget = n
        self.record_to += 1  # a jump is not a line: it takes no room from line events
        if n > self.line_budget:
            self.stop("limit", "line_budget", line=self.last_line)

    def count_jumps_of(self, code):
        """Has the tool that counts jumps (on_jump_count) the jumps of `code`? Takes a free
        tool the first time; False when there is none."""
        tool = self.jump_tool
        if tool is None:
            tool = self.jump_tool = _free_tool_id()
            if tool is None:
                self.jump_tool = False
                return False
            mon = sys.monitoring
            mon.use_tool_id(tool, "loopscope-jumps")
            mon.register_callback(tool, mon.events.JUMP, self.on_jump_count)
        elif tool is False:
            return False
        if code not in self.jump_codes:
            self.jump_codes.add(code)
            sys.monitoring.set_local_events(tool, code, sys.monitoring.events.JUMP)
        return True

    def on_start(self, code, offset):
        if code is self.cur_root:
            self.cur_root = None  # the task's own coroutine starting: step_start says it
            return
        if self.job is None:
            self.push_text(
                '%s,"kind":"coro_call","task":%s,"coro":%s,"line":%s}'
                % (self.t_frag(), _jnum(self.cur), _jstr(code.co_qualname), _jnum(code.co_firstlineno))
            )

    def on_plain_start(self, code, offset):
        # A plain def called by a task's code; outside a task step (the module's own code,
        # a callback, a thread job) no task's stack holds it.
        if self.cur is not None and self.job is None:
            self.push_text(
                '%s,"kind":"coro_call","task":%d,"coro":%s,"line":%s,"plain":true}'
                % (self.t_frag(), self.cur, _jstr(code.co_qualname), _jnum(code.co_firstlineno))
            )

    def on_plain_return(self, code, offset, retval):
        line = _line_at(self.line_at, code, offset)
        if line is not None:
            self.last_line = line
        if self.cur is not None and self.job is None:
            self.push_text(
                '%s,"kind":"coro_return","task":%d,"coro":%s,"line":%s,"plain":true%s}'
                % (
                    self.t_frag(),
                    self.cur,
                    _jstr(code.co_qualname),
                    _jnum(self.last_line),
                    _value_field(retval),
                )
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
                '%s,"kind":"coro_return","task":%s,"coro":%s,"line":%s%s}'
                % (
                    self.t_frag(),
                    _jnum(self.cur),
                    _jstr(code.co_qualname),
                    _jnum(self.last_line),
                    _value_field(retval),
                )
            )

    def on_unwind(self, code, offset, exc):
        # A global event (it cannot be set per code object): most unwinds are asyncio's own.
        if code not in self.user_codes:
            return
        plain = code in self.plain_codes
        if not plain and not code.co_flags & _CO_COROUTINE:
            return
        if self.cur is not None and code is self.root_codes[self.cur]:
            return  # task_done says it
        if plain and self.cur is None:
            return  # on_plain_start made no frame for it
        if self.job is None and self.abort is None:
            line = _line_at(self.line_at, code, offset)
            if line is not None:
                self.last_line = line
            self.push_text(
                '%s,"kind":"coro_return","task":%s,"coro":%s,"line":%s,"raises":%s%s}'
                % (
                    self.t_frag(),
                    _jnum(self.cur),
                    _jstr(code.co_qualname),
                    _jnum(self.last_line),
                    _jstr(type(exc).__name__),
                    ',"plain":true' if plain else "",
                )
            )


def _install_monitoring(rec, code, restore):
    """Registers the callbacks above for the user's code objects; pushes the undo onto
    `restore`."""
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
            # Plain defs report their calls through a tool of their own: sys.monitoring has
            # one callback per event and tool, and this keeps on_start / on_return free of a
            # test per call. Without a second free tool, plain calls are simply not frames.
            plain = {c for c in codes if _is_plain(c)}
            ptool = _free_tool_id() if plain else None
            if ptool is not None:
                mon.use_tool_id(ptool, "loopscope-calls")
                mon.register_callback(ptool, E.PY_START, rec.on_plain_start)
                mon.register_callback(ptool, E.PY_RETURN, rec.on_plain_return)
                for c in plain:
                    mon.set_local_events(ptool, c, E.PY_START | E.PY_RETURN)
                rec.plain_codes = plain
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
                if ptool is not None:
                    for c in plain:
                        mon.set_local_events(ptool, c, 0)
                    for e in (E.PY_START, E.PY_RETURN):
                        mon.register_callback(ptool, e, None)
                    mon.free_tool_id(ptool)
                jtool = rec.jump_tool
                if jtool:  # taken by count_jumps_of during the run
                    for c in rec.jump_codes:
                        mon.set_local_events(jtool, c, 0)
                    mon.register_callback(jtool, E.JUMP, None)
                    mon.free_tool_id(jtool)
                    rec.jump_tool = None

            restore.append(undo_monitoring)
