"""``Recorder``: the state of one run, with the methods of every seam mixed in.

All of a run's state is here, in ``Recorder.__slots__`` and ``__init__``: the mixins
(``EventLog``, ``Steps``, ...) hold only methods and have empty ``__slots__``, so an
instance has exactly the slots listed here, and a seam's methods are found in its module.
"""

from .limits import _resolve_limits, Limits
from .encoding import _CHUNK, EventLog
from .labels import Labels
from .virtual_loop import VirtualClock
from .awaits import Awaits
from .steps import Steps
from .snapshots import Snapshots
from .threads import Threads
from .output import Output
from .versions import VersionNotes
from .monitoring import Monitoring
from .primitives import Primitives
from .results import Results
from .scopes import Scopes, ScopeTable


class Recorder(
    EventLog,
    Limits,
    Labels,
    VirtualClock,
    Awaits,
    Steps,
    Snapshots,
    Threads,
    Output,
    VersionNotes,
    Monitoring,
    Primitives,
    Results,
    Scopes,
):
    """One run: the virtual clock, the trace being built and the limits."""

    # Slots, not a dict: the hot paths read and write these attributes millions of times,
    # and a slot is about twice as fast as a dict entry in wasm.
    __slots__ = (
        "abort", "budget", "cancels", "code_info", "cur", "cur_root", "done_events", "ev_base",
        "ev_cap", "events", "filename", "finished", "housekeeping", "hseq", "item_texts", "iterations",
        "job", "jobs", "jump_codes", "jump_lines", "jump_tool", "_l_by_task", "_l_by_task_now", "l_texts", "last_awaits",
        "last_line", "limits", "line_at", "line_budget", "lines_per_step", "list_cap", "loops",
        "max_events", "max_output", "max_time", "module", "names", "now", "open_events",
        "out_chars", "plain_tasks", "pools", "ready_frags", "record_to", "recording",
        "root_codes", "roots", "sleeps", "source", "susp_line", "_t_frag", "_t_now",
        "tails", "tasks", "timeouts", "timer_frags", "tseq", "user_codes", "version_notes",
        "warned_lines", "workers",
        "recursion_asked",  # set by _install_exits
        "prims", "prim_rows", "waiter_of",  # primitives
        "plain_codes",  # monitoring: the plain defs
        "scope_table",
    )

    def __init__(self, source, filename, limits):
        self.source = source
        self.filename = filename
        self.limits = lim = _resolve_limits(limits)
        self.max_events = int(lim["events"])
        self.max_output = int(lim["output"])
        self.max_time = float(lim["time"])
        self.line_budget = int(lim["line_budget"])
        self.lines_per_step = int(lim["lines_per_step"])
        self.list_cap = int(lim["list_cap"])
        self.recording = bool(lim["instrument"])
        self.now = 0.0
        self.tseq = 0  # timer / worker item order
        self.hseq = 0  # task hashes
        self.names = 0  # Task-N numbering
        # JSON text per event (see _frag), or a stdout dict still growing: the latest
        # events. The cyclic GC walks every list it tracks on each pass, and a list of
        # 100,000 events made it a fifth of the run; so full chunks are kept as tuples of
        # strings instead, which the GC stops tracking.
        self.events = []
        self.done_events = []  # the earlier events, as tuples
        self.ev_base = 0  # how many events done_events holds
        self.ev_cap = min(self.max_events, _CHUNK)  # len(events) that needs spill()
        self.open_events = []  # indices of the dicts in `events`
        self._t_now = None  # `,"t":<now>`, cached while the clock stands still
        self._t_frag = ""
        # Line events' texts, {line: text} for the clock and task of the moment; None
        # after either changes (see line_texts). Tasks take turns at the same moment, so
        # the dicts are kept per task while the clock stands still.
        self.l_texts = None
        self._l_by_task = {}  # task id -> its l_texts, for the clock value _l_by_task_now
        self._l_by_task_now = None
        self.code_info = {}  # id(code) -> code_info_of(code)
        self.ready_frags = []  # per task id: ready-queue entries [start, resume] as JSON
        # Per task id: None until its first step (so: has it started), then its tail, what
        # its last step made (see _TAIL_SLOTS): a task looping over one await reuses it.
        self.tails = []
        self.roots = []  # per task id: the code info of its coroutine, when it is a user's
        self.timer_frags = {}  # timer seq -> its timers entry as JSON (sleeps and timeouts)
        # (task id, label) -> a ready-queue entry that is not a task step, as JSON
        self.item_texts = {}
        self.tasks = []  # task table rows
        self.susp_line = []  # per task id: line it is suspended on
        self.last_awaits = []  # per task id: what it waits on
        self.root_codes = []  # per task id: its coroutine's code object
        self.plain_tasks = {}  # id(task) -> (weakref, tid) for tasks not made by create_task
        self.sleeps = {}  # id(future) -> (future, when, delay, tid) for asyncio.sleep
        self.timeouts = {}  # tid -> [TimerHandle] of asyncio.timeout / wait_for
        self.cancels = {}  # tid -> the cause (JSON) of its next step: a cancel() asked for it
        self.housekeeping = False  # a step of the runner's own housekeeping is running
        self.line_at = {}  # (code, offset) -> line, for returns
        self.jump_lines = {}  # id(code) -> the line of each of its code units, for jumps
        self.jump_tool = None  # the sys.monitoring tool counting jumps (see on_jump), False: none
        self.jump_codes = set()  # the code objects whose jumps it counts
        self.jobs = {}  # id(future) -> (future, worker id, label) for thread jobs
        self.pools = {}  # id(executor) -> pool state
        self.workers = []  # trace rows
        self.job = None  # the thread job running right now (its own clock)
        self.cur = None  # task id of the running step
        self.cur_root = None
        self.loops = []
        self.iterations = 0
        # Lines and jumps of user code in this step, against line_budget. A line event is
        # recorded while budget <= record_to: lines_per_step, moved on by every jump (which
        # is counted but is not a line) and by the lines of a thread job (not recorded).
        self.budget = 0
        self.record_to = self.lines_per_step
        self.last_line = None
        self.out_chars = 0
        self.warned_lines = set()  # lines (and (note, line) pairs) already warned about
        self.version_notes = []  # (key, line) of each version note given (see versions)
        self.abort = None  # (status, detail) once stopped
        self.finished = False
        self.user_codes = set()
        self.plain_codes = frozenset()  # the program's plain defs whose calls are frames
        self.module = None  # the program's __main__
        self.prims = []  # the program's queues, locks, ... (see primitives)
        self.prim_rows = []  # their rows of the trace's `primitives` table
        self.waiter_of = {}  # id(future) -> (future, task id) of the future a task awaits
        self.scope_table = ScopeTable()  # TaskGroups, timeouts and shields (see scopes)
