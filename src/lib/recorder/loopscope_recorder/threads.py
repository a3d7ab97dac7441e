"""``to_thread`` / ``run_in_executor`` without threads: worker lanes on their own clocks.

A job runs at hand-off time, with its own virtual clock on a worker lane; what it prints
and its result reach the loop when that clock says so, as they would from a real thread.
"""

import heapq
import threading
from asyncio import events
from concurrent.futures import _base as futures_base

from .limits import _Abort

_NEVER = 1 << 62  # a count no run reaches
_IDENT_BASE = 1 << 40  # fake thread idents for worker lanes, far from any real one
_CANNOT_WAIT = (
    "Loopscope runs a thread's job all at once, when it is handed over, while the event loop "
    "waits for it: the job cannot wait for the loop, so this future would never be done. "
    "Await the coroutine in the loop instead of run_coroutine_threadsafe(...).result()."
)


def _worker_thread(name, lane_id):
    """The Thread a job on this lane sees as current (never started: a job has no thread)."""
    thread = threading.Thread(name=name, daemon=True)
    thread._ident = _IDENT_BASE + lane_id
    return thread


def _enter_worker(thread):
    """While a job runs, it is on its worker thread as CPython's would be.

    ``threading.current_thread()`` is the worker (named ``asyncio_0``, ``pool_0``…, not the main
    thread) and ``get_ident()`` differs from the loop's; no event loop runs in that thread, so
    ``asyncio.get_running_loop()`` raises as it does there. Returns the undo.
    """
    real_get_ident = threading.get_ident
    ident = thread._ident
    running = events._get_running_loop()
    threading._active[ident] = thread
    threading.get_ident = lambda: ident
    events._set_running_loop(None)
    future = futures_base.Future
    real_result, real_exception = future.result, future.exception

    # A thread blocked on the loop (run_coroutine_threadsafe(...).result()) would wait here
    # forever, or for its timeout in real time: said plainly instead.
    def result(self, timeout=None):
        if not self.done():
            raise RuntimeError(_CANNOT_WAIT)
        return real_result(self, timeout)

    def exception(self, timeout=None):
        if not self.done():
            raise RuntimeError(_CANNOT_WAIT)
        return real_exception(self, timeout)

    future.result, future.exception = result, exception

    def leave():
        future.result, future.exception = real_result, real_exception
        events._set_running_loop(running)
        threading.get_ident = real_get_ident
        threading._active.pop(ident, None)

    return leave


def _deliver(fut, result, exc):
    """A thread job's result reaches its future (CPython: call_soon_threadsafe)."""
    if fut.cancelled():
        return
    if exc is not None:
        fut.set_exception(exc)
    else:
        fut.set_result(result)


class Threads:
    """Runs executor jobs on worker lanes (mixed into Recorder, which holds the state)."""

    __slots__ = ()

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
            lane = {"id": wid, "free": now, "thread": _worker_thread(name, wid)}
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
        leave = _enter_worker(lane["thread"])
        try:
            result = func(*args)
        except _Abort:
            raise
        except BaseException as e:  # the executor hands any exception to the future
            exc = e
        finally:
            leave()
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
