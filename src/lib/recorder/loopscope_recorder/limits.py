"""The recording limits, and how a run is stopped when it reaches one.

A program is untrusted input: events, printed output, virtual time, lines without an
``await`` and recursion depth are capped. ``stop`` records why a run ended (a limit, a
deadlock, ``os._exit``) and unwinds the program with ``_Abort``; ``results`` puts it into
words.
"""

from .shared_limits import EVENTS, LIST_CAP, OUTPUT_CHARS

DEFAULT_LIMITS = {
    "events": EVENTS,  # trace events; also the most the app opens (src/lib/trace/limits.json)
    "output": OUTPUT_CHARS,  # characters printed
    "time": 3600.0,  # virtual seconds
    "line_budget": 1_000_000,  # lines (and jumps within a line) of user code in a step without an await
    "lines_per_step": 2_000,  # line events recorded per step (the rest are only counted)
    "workers": 8,  # threads of the default executor (CPython: min(32, cpus + 4))
    "list_cap": LIST_CAP,  # ready-queue / timer entries listed per loop iteration (as the app)
    "instrument": True,  # False: run on the same loop without recording (benchmarks)
}

# The worker protocol's names (RunLimits in src/lib/runtime/protocol.ts) for the same limits.
_LIMIT_ALIASES = {
    "maxEvents": "events",
    "maxOutputChars": "output",
    "maxVirtualSeconds": "time",
    "maxLinesPerStep": "line_budget",
    "maxLineEventsPerStep": "lines_per_step",
    "listCap": "list_cap",
}


def _resolve_limits(given):
    """The limits of a run: DEFAULT_LIMITS, with those of `given` (by either name) that
    are numbers in their place; other keys and values are ignored."""
    lim = dict(DEFAULT_LIMITS)
    for key, value in given.items():
        key = _LIMIT_ALIASES.get(key, key)
        if key in DEFAULT_LIMITS and isinstance(value, (int, float)):
            lim[key] = value
    return lim


# The deepest recursion a run may ask for with sys.setrecursionlimit. Past about 3,000
# frames in a Chromium worker (5,000 in Node), a RecursionError overflows the JavaScript
# stack under Pyodide and kills the interpreter, output and all; a RecursionError with a
# plain message is better.
_MAX_RECURSION = 2000


class _Abort(SystemExit):
    """Unwinds the user's program when the recorder stops it.

    A SystemExit, because Task steps and Handle._run re-raise SystemExit instead of
    storing it, so it travels straight out of the loop to ``record``.
    """


class Limits:
    """Ends a run early (mixed into Recorder, which holds the state)."""

    __slots__ = ()

    def stop(self, status, kind=None, **detail):
        """Ends the run: records why, then unwinds the program."""
        if self.abort is None:
            self.abort = (status, kind, detail)
            self.ev_cap = 0  # the fast paths' `len(events) < ev_cap` now fails
        raise _Abort()

    def deadlock(self, forever=False):
        """Stops the run: nothing can ever happen again. `forever`: timers are left, but
        all of them are due at infinity."""
        waiting = []
        for tid, row in enumerate(self.tasks):
            if self.tails[tid] is not None and self.last_awaits[tid] is not None:
                waiting.append({"task": tid, "awaits": self.last_awaits[tid]})
        self.stop("deadlock", None, waiting=waiting, forever=forever)
