"""What the program prints and the warnings it earns, as trace events.

``sys.stdout`` and ``sys.stderr`` are replaced by ``_Out`` during a run: every write
becomes a ``stdout`` event (consecutive writes at the same moment join into one), under
the ``output`` limit. A coroutine never awaited is a warning event and, as in CPython, a
``RuntimeWarning`` on stderr.
"""

import io

from .labels import _ADDRESS


class _Out(io.TextIOBase):
    """sys.stdout / sys.stderr during a run: every write becomes a trace event."""

    def __init__(self, rec, stream):
        super().__init__()
        self._rec = rec
        self._stream = stream

    @property
    def encoding(self):
        return "utf-8"

    def writable(self):
        return True

    def isatty(self):
        return False

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._rec.out(text, self._stream)
        return len(text)

    def flush(self):
        pass


class Output:
    """Records output and warnings (mixed into Recorder, which holds the state)."""

    __slots__ = ()

    def out(self, text, stream, worker=None, task=-1):
        if not text:
            return
        if "at 0x" in text:
            # Default reprs carry memory addresses, which change from run to run.
            text = _ADDRESS.sub(" at 0x\u2026", text)
        job = self.job
        if job is not None and worker is None:
            job["items"].append((job["clock"], "out", (text, stream)))
            return
        left = self.max_output - self.out_chars
        over = len(text) > left
        if over:
            text = text[: max(left, 0)]
        self.out_chars += len(text)
        if task == -1:
            task = self.cur
        if text:
            evs = self.events
            last = evs[-1] if evs else None
            if (
                type(last) is dict  # only stdout events stay dicts until the end
                and last["kind"] == "stdout"
                and last["t"] == self.now
                and last["task"] == task
                and last.get("stream", "stdout") == stream
                and last.get("worker") == worker
                and self.abort is None
            ):
                last["text"] += text
            else:
                ev = {"seq": 0, "t": self.now, "kind": "stdout", "task": task, "text": text}
                if stream != "stdout":
                    ev["stream"] = stream
                if worker is not None:
                    ev["worker"] = worker
                self.push(ev)
        if over:
            self.stop("limit", "output")

    def never_awaited(self, coro):
        origin = getattr(coro, "cr_origin", None) or ()
        line = None
        for filename, lineno, _fn in origin:
            if filename == self.filename:
                line = lineno
                break
        if line is None:
            line = self.user_line()
        name = getattr(coro, "__qualname__", "?")
        message = f"coroutine '{name}' was never awaited"
        if self.recording:
            self.push(
                {
                    "seq": 0,
                    "t": self.now,
                    "kind": "warning",
                    "task": self.cur,
                    "category": "never_awaited",
                    "message": message,
                    "line": line,
                }
            )
        where = f"{self.filename}:{line}: " if line is not None else ""
        self.out(f"{where}RuntimeWarning: {message}\n", "stderr")
