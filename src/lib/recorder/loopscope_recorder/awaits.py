"""What a suspended task waits on, and the await chain of the user's frames above it.

After every step that suspends, the recorder walks the task's coroutine chain by code
object: the user's frames make the chain (with the innermost frame's locals), and the
first asyncio awaitable below them, with ``task._fut_waiter``, says what the task awaits
(a sleep and its deadline, another task, a gather, a queue, a lock, ...).
"""

import asyncio
import types
from asyncio import tasks

from .internals import (
    _ASYNCIO_DIR,
    _CoroutineType,
    _GatheringFuture,
    _GeneratorType,
    _TaskType,
)
from .encoding import _dumps, _jnum, _jstr
from .labels import _fmt_num, _value_text
from .virtual_loop import _INF


def _sleep_awaits(label, until):
    """What a task in asyncio.sleep waits on; a sleep of inf has no deadline: it never ends."""
    if until == _INF:
        return {"kind": "sleep", "label": label}
    return {"kind": "sleep", "label": label, "until": until}


def _chain_item(info, line):
    """An await-chain frame as JSON text, kept per code object and line."""
    text = info[5][line] = "%s%d}" % (info[1], line)
    return text


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


# What a task awaits, for the frequent cases that never vary (shared: copy before changing).
_AW_SLEEP0 = {"kind": "yield", "label": "asyncio.sleep(0)"}
_AW_YIELD = {"kind": "yield", "label": "yield"}
_AWAITS_JSON = {id(aw): _dumps(aw) for aw in (_AW_SLEEP0, _AW_YIELD)}
_AW_SLEEP0_JSON = _AWAITS_JSON[id(_AW_SLEEP0)]


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
_LOCALS_MAX = 6  # names shown per frame
_LOCALS_SKIP = (types.ModuleType, types.FunctionType, type, types.BuiltinFunctionType)


# A local's `[name, short repr]` text, by value type, then (name, value), for the types
# whose repr is a function of the value alone: a task looping over the same await shows the
# same few values at each suspension, and json/repr/slicing per value is dear in wasm. Keyed
# by type too, since 1, 1.0 and True are equal keys (floats are left out: 0.0 == -0.0).
_LOCAL_TEXTS = {int: {}, bool: {}, str: {}, type(None): {}}
_LOCAL_TEXTS_MAX = 4096  # entries per type: a counter that keeps counting is not kept
_LOCAL_STR_MAX = 200  # longer strings are not kept alive as keys


def _local_text(name, value):
    return "[" + _jstr(name) + "," + _jstr(_value_text(value, 40)) + "]"


# A chain with its locals, by (chain, *each local's text): a task looping over the same
# await shows the same locals at each suspension, and slicing and joining the texts anew
# each time cost a fifth of this function in wasm.
_WITH_LOCALS = {}
_WITH_LOCALS_MAX = 4096


def _with_locals(chain, frame):
    """The chain (JSON text) with the locals of its innermost frame, `frame`, added to its
    last item: up to _LOCALS_MAX [name, short repr] pairs, in the frame's order, leaving
    out `_`-names, modules, functions and classes (the learner's data is what matters)."""
    if frame is None or not chain:
        return chain
    try:
        parts = []
        texts_by_type = _LOCAL_TEXTS
        for name, value in frame.f_locals.items():
            if name[:1] == "_":
                continue
            texts = texts_by_type.get(type(value))
            if texts is not None:
                text = texts.get((name, value))
                if text is None:
                    text = _local_text(name, value)
                    if len(texts) < _LOCAL_TEXTS_MAX and (
                        type(value) is not str or len(value) <= _LOCAL_STR_MAX
                    ):
                        texts[(name, value)] = text
            elif isinstance(value, _LOCALS_SKIP):
                continue
            else:
                text = _local_text(name, value)
            parts.append(text)
            if len(parts) == _LOCALS_MAX:
                break
    except Exception:
        return chain
    if not parts:
        return chain
    key = (chain, *parts)
    text = _WITH_LOCALS.get(key)
    if text is None:
        text = chain[:-1] + ',"locals":[' + ",".join(parts) + "]}"
        if len(_WITH_LOCALS) < _WITH_LOCALS_MAX:
            _WITH_LOCALS[key] = text
    return text


def _leaf_children(fut):
    """A gather's children, nested gathers flattened, in argument order."""
    for child in getattr(fut, "_children", ()):
        if isinstance(child, _GatheringFuture):
            yield from _leaf_children(child)
        else:
            yield child


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


class Awaits:
    """Classifies what a task awaits (mixed into Recorder, which holds the state)."""

    __slots__ = ()

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
        # A plain sleep with a deadline and no timeout around it: written without _dumps.
        # (A sleep of inf has no "until"; one under a timeout has a "timeout" instead.)
        if len(awaits) == 3 and awaits["kind"] == "sleep" and "until" in awaits:
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
