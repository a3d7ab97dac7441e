"""The loop's agenda at each iteration: the ready queue and the timers.

Every loop iteration that runs something records a ``loop_iteration`` event listing what
is ready (whose step, or which of asyncio's callbacks, and why) and the timers in deadline
order, up to the ``list_cap`` limit. The entries are cached as JSON text: most iterations
list what the one before listed.
"""

import heapq

from .internals import _set_result_unless_cancelled, _TaskType
from .encoding import _dumps, _jstr
from .labels import _fmt_num, _fn_name
from .virtual_loop import _INF, _LTask

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
_WAKE_LABEL = "wake up from asyncio.sleep"  # a sleep's timer firing, in the ready queue


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


class Snapshots:
    """Lists the ready queue and the timers (mixed into Recorder, which holds the
    state)."""

    __slots__ = ()

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
                        ready.append('{"task":null,"label":"start a task","what":"start"}')
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
