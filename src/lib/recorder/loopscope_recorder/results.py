"""How a run ended, in the trace's ``result``, and the trace's final JSON text.

An exception (with the user's frames of its traceback), a limit, a deadlock or
``os._exit``, each told in plain words; the trace's ``meta``; and the whole trace written
as ``json.dumps`` would write it.
"""

import sys

from .limits import _Abort, _MAX_RECURSION
from .shared_limits import MESSAGE_CHARS
from .encoding import _dumps, _frag
from .labels import _fmt_num, _safe_str, _short, clip
from .coaching import coach_facts

RECORDER_VERSION = "2.1.0"  # 2.1: warnings of category version_change
IN_PYODIDE = "_pyodide_core" in sys.modules


def _pyodide_version():
    try:
        import pyodide

        return pyodide.__version__
    except Exception:
        return "unknown"


# Read once, when the recorder loads: during a run the engine hides pyodide from imports.
_PYODIDE_VERSION = _pyodide_version() if IN_PYODIDE else None


def _meta():
    return {
        "python": "%d.%d.%d" % sys.version_info[:3],
        "pyodide": _PYODIDE_VERSION,
        "recorder": RECORDER_VERSION,
    }


def _trace(rec, result):
    """The trace as JSON text: json.dumps of the whole object, byte for byte."""
    head = {
        "format": "loopscope-trace",
        "version": 2,
        "source": {"filename": rec.filename, "code": rec.source},
        "meta": _meta(),
        "tasks": rec.tasks,
        "workers": rec.workers,
    }
    if rec.prim_rows:  # only when the program made any: other traces stay as they were
        head["primitives"] = rec.prim_rows
    head = _dumps(head)
    # Coaching (issue #20): the parser's facts about the program, only when there are any.
    facts = coach_facts(rec.source)
    coach = ',"coach":' + _dumps(facts) if facts else ""
    return "".join(
        (head[:-1], ',"events":[', rec.events_json(), '],"result":', _dumps(result), coach, "}")
    )


def _syntax_error_trace(rec, exc):
    line = exc.lineno
    col = exc.offset
    message = exc.msg or str(exc)
    where = f" on line {line}" if line else ""
    result = {
        "status": "error",
        "duration": 0.0,
        "message": f"The program has a {type(exc).__name__}{where}: {message}.",
        "error": {
            "type": type(exc).__name__,
            "message": message,
            "line": line,
            "column": col,
            "traceback": [{"name": "<module>", "line": line}] if line else [],
        },
    }
    text = f'  File "{rec.filename}", line {line}\n' if line else ""
    rec.events.append(
        _frag(
            {
                "seq": 0,
                "t": 0.0,
                "kind": "stdout",
                "task": None,
                "text": f"{text}{type(exc).__name__}: {message}\n",
                "stream": "stderr",
            }
        )
    )
    return _trace(rec, result)


def _raised(kind, value):
    """A higher value of a limit, for the message that says how to raise it."""
    if kind == "time":
        return _fmt_num(value * 10)
    return str(int(value) * (10 if kind == "line_budget" else 2))


class Results:
    """The result record of a run (mixed into Recorder, which holds the state)."""

    __slots__ = ()

    def user_frames(self, tb):
        frames = []
        while tb is not None:
            code = tb.tb_frame.f_code
            if code.co_filename == self.filename:
                frames.append({"name": code.co_name, "line": tb.tb_lineno})
            tb = tb.tb_next
        return frames

    def error_result(self, exc):
        frames = self.user_frames(exc.__traceback__)
        err = {
            "type": type(exc).__name__,
            "message": _safe_str(exc),
            "line": frames[-1]["line"] if frames else None,
            "traceback": frames,
        }
        if isinstance(exc, BaseExceptionGroup):
            err["exceptions"] = [
                {"type": type(e).__name__, "message": _safe_str(e)} for e in exc.exceptions
            ]
        lines = self.source.splitlines()
        text = ["Traceback (most recent call last):\n"]
        for fr in frames:
            text.append(f'  File "{self.filename}", line {fr["line"]}, in {fr["name"]}\n')
            if 0 < fr["line"] <= len(lines):
                text.append(f"    {lines[fr['line'] - 1].strip()}\n")
        msg = err["message"]
        text.append(f"{err['type']}: {msg}\n" if msg else f"{err['type']}\n")
        for sub in err.get("exceptions", ()):
            text.append(f"  {sub['type']}: {sub['message']}\n")
        try:
            self.out("".join(text), "stderr", task=None)
        except _Abort:
            pass
        where = f" on line {err['line']}" if err["line"] is not None else ""
        message = f"The program raised {err['type']}{where}" + (f": {msg}" if msg else ".")
        # A version note on the line that raised is most likely why (see versions).
        note = ""
        if err["line"] is not None:
            self.note_raised(exc, err["line"])
            note = self.note_for_error(err["line"])
        if note:
            message += ("" if message.endswith(".") else ".") + " " + note
        asked = self.recursion_asked
        if isinstance(exc, RecursionError) and asked is not None:
            message += (
                ("" if message.endswith(".") else ".")
                + f" Loopscope allows at most {_MAX_RECURSION:,} nested calls: "
                f"sys.setrecursionlimit({asked:,}) was lowered to {_MAX_RECURSION:,}, because "
                "Python in the browser has a smaller stack than on your computer."
            )
        message = clip(message, MESSAGE_CHARS)  # the exception's type is the program's to name
        return {"status": "error", "duration": self.now, "message": message, "error": err}

    def exit_result(self, exc):
        """sys.exit(code) with a code other than 0 or None, as CPython ends on it: no traceback;
        a code that is not a number is printed to stderr and the exit status is 1."""
        code = exc.code
        frames = self.user_frames(exc.__traceback__)
        line = frames[-1]["line"] if frames else None
        if isinstance(code, int):
            status = int(code)
        else:
            status = 1
            try:
                self.out(f"{_safe_str(code)}\n", "stderr", task=None)
            except _Abort:
                pass
        where = f" on line {line}" if line is not None else ""
        message = (
            f"The program ended itself with sys.exit({_short(code, 40)}){where}: "
            f"exit status {status}."
        )
        err = {"type": "SystemExit", "message": _safe_str(code), "line": line, "traceback": frames}
        return {"status": "error", "duration": self.now, "message": message, "error": err}

    def abort_result(self):
        status, kind, detail = self.abort
        if status == "exit":
            code, line = detail["code"], detail["line"]
            where = f" on line {line}" if line is not None else ""
            message = (
                f"The program ended itself with os._exit({code}){where}: the process stops at "
                "once, without running finally blocks or the rest of the event loop."
            )
            result = {"status": "ok" if code == 0 else "error", "duration": self.now, "message": message}
            if code != 0:
                result["error"] = {
                    "type": "SystemExit",
                    "message": f"os._exit({code})",
                    "line": line,
                    "traceback": [],
                }
            return result
        if status == "deadlock":
            waiting = detail["waiting"]
            parts = [
                f"{self.tasks[w['task']]['label']} waits on {w['awaits']['label']}" for w in waiting
            ]
            nothing = (
                "the only timers left are due at infinity, so nothing will ever wake any of them"
                if detail.get("forever")
                else "nothing is scheduled to wake any of them"
            )
            message = (
                f"Every task is waiting and {nothing}"
                + (" (" + "; ".join(parts) + ")." if parts else ".")
            )
            return {"status": "deadlock", "duration": self.now, "message": message, "deadlock": waiting}
        value = self.limits[kind]
        shown = _fmt_num(value) if kind == "time" else f"{int(value):,}"
        limit = {"kind": kind, "value": value}
        if kind == "events":
            # The app opens runs of up to 200,000 events (src/lib/trace/limits.ts): past
            # that, a trace recorded with a higher limit is for the CLI's users and tools.
            message = (
                f"Stopped at the event limit ({shown} events). A loop that never ends? If the "
                "program is meant to do this much, make it smaller to watch it here (the app "
                "opens runs of up to 200,000 events)."
            )
        elif kind == "output":
            message = f"Stopped at the output limit: the program printed more than {shown} characters."
        elif kind == "time":
            message = f"Stopped at the time limit: {shown} s of virtual time."
        else:
            line = detail.get("line")
            limit["line"] = line
            where = f"line {line}" if line is not None else "the program"
            message = (
                f"Stopped at the line limit: {where} kept running for {shown} lines without "
                "giving control back to the event loop. A loop needs an `await` inside it to let "
                "other tasks run."
            )
        # Which limit, and how to raise it: the CLI's `--limit NAME=VALUE` takes these names
        # (the app records with the defaults).
        message += (
            f" To go further, record it with a higher `{kind}` limit: "
            f"`npx loopscope record {self.filename} --limit {kind}={_raised(kind, value)}`."
        )
        return {"status": "limit", "duration": self.now, "message": message, "limit": limit}
