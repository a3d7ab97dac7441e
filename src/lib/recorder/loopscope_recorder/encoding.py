"""Trace events as JSON text, written as they are recorded.

The event log (``EventLog``) keeps each event as the JSON text ``json.dumps`` would write
for it, without its leading ``{"seq":N``; ``events_json`` joins them at the end. Why text
and not dicts: see the comment on ``_ENCODER``.
"""

import json

from .limits import _Abort

# Events are serialised as they are recorded: each is kept as JSON text without its
# leading `{"seq":N` (the index is known only at the end), exactly what json.dumps would
# write for the same dict. Formatting small strings is much cheaper than building a dict
# per event and encoding 100,000 of them at the end, and strings cost the GC nothing.
#
# The text is pure ASCII (ensure_ascii: `…` is written `\u2026`). Pyodide hands a str to
# JavaScript one character at a time, and V8 does that about 80 times faster for a
# one-byte string than for a two-byte one: a single `…` in a 9 MB trace used to cost
# most of a second.
#
# allow_nan=False: JSON has no Infinity or NaN. A float('inf') that reached the encoder
# is a recorder bug, and failing loudly beats writing text no JSON parser reads.
_ENCODER = json.JSONEncoder(separators=(",", ":"), check_circular=False, allow_nan=False)
_dumps = _ENCODER.encode
_jstr = json.encoder.encode_basestring_ascii  # a str as _dumps writes it
_SEQ0 = len('{"seq":0')
_DIGITS3 = ["%03d" % i for i in range(1000)]  # the last three digits of a seq
_CHUNK = 4096  # events per list while recording (see Recorder.events)


def _frag(ev):
    """An event dict as JSON text without its `{"seq":N` (ev's first key is seq)."""
    ev["seq"] = 0
    return _dumps(ev)[_SEQ0:]


_HEADS = []  # `,{"seq":N` for N = 0, 1, ...: the same for every run, so kept


def _seq_heads(n):
    """The first n event heads. Formatting an int is slow in wasm: they are made from
    the digits of 1000 at a time, once per worker, as far as the longest trace needs."""
    heads = _HEADS
    if len(heads) < n:
        if not heads:
            heads += [',{"seq":' + str(i) for i in range(1000)]
        for high in range(len(heads) // 1000, (n + 999) // 1000):
            head = ',{"seq":' + str(high)
            heads += [head + low for low in _DIGITS3]
    return heads[:n]


def _jnum(x):
    """An int, a float or None as JSON (finite numbers: repr is what json writes)."""
    if x is None:
        return "null"
    if x - x != 0:  # inf or nan, which JSON cannot hold (see _ENCODER)
        raise ValueError(f"Out of range float values are not JSON compliant: {x!r}")
    return repr(x)


class EventLog:
    """The run's events, appended as JSON text (mixed into Recorder, which holds the
    state)."""

    __slots__ = ()

    def push(self, ev):
        evs = self.events
        if self.abort is not None:
            if self.finished:
                return
            raise _Abort()
        n = len(evs)
        if n >= self.ev_cap:
            evs = self.spill()
            n = len(evs)
        if ev["kind"] == "stdout":
            # Later output at the same moment is appended to it: serialised at the end.
            ev["seq"] = self.ev_base + n
            self.open_events.append(n)
            evs.append(ev)
        else:
            evs.append(_frag(ev))

    def push_text(self, text):
        """push() for an event already written as JSON text (without its seq)."""
        evs = self.events
        if self.abort is not None:
            if self.finished:
                return
            raise _Abort()
        if len(evs) >= self.ev_cap:
            evs = self.spill()
        evs.append(text)

    def push_line(self, text):
        """on_line's slow path: push_text, except that a line after the end is still kept."""
        if self.abort is not None and self.finished:
            self.events.append(text)
        else:
            self.push_text(text)

    def spill(self):
        """`events` is full: stops at the event limit, else moves all but its last event
        (a stdout event may still grow) to done_events. Returns the new `events`."""
        evs = self.events
        n = len(evs)
        if self.ev_base + n >= self.max_events:
            self.stop("limit", "events")
        k = n - 1
        still_open = []
        for i in self.open_events:
            if i < k:
                ev = evs[i]
                if type(ev) is dict:
                    evs[i] = _frag(ev)  # no longer the last event: it cannot change
            else:
                still_open.append(i - k)
        self.open_events = still_open
        self.done_events.append(tuple(evs[:k]))
        self.events = evs = evs[k:]
        self.ev_base += k
        self.ev_cap = min(self.max_events - self.ev_base, _CHUNK)
        return evs

    def t_frag(self):
        """`,"t":<now>` as JSON text."""
        now = self.now
        if now is not self._t_now:
            self._t_now = now
            self._t_frag = ',"t":' + repr(now)
        return self._t_frag

    def events_json(self):
        """The events as the body of a JSON array, each with its seq."""
        evs = self.events
        for i in self.open_events:
            ev = evs[i]
            if type(ev) is dict:
                evs[i] = _frag(ev)
        self.open_events = []
        if self.done_events:
            body = []
            for chunk in self.done_events:
                body += chunk
            body += evs
            evs = body
        n = len(evs)
        if not n:
            return ""
        # One join for the whole list: far cheaper than a format per event.
        pieces = [""] * (2 * n)
        pieces[0::2] = _seq_heads(n)
        pieces[1::2] = evs
        pieces[0] = '{"seq":0'
        return "".join(pieces)
