"""The recorder of the run in progress, or None between runs.

Set by ``record`` for the length of a run and read where no recorder is at hand: a task's
``cancel()`` (asyncio calls it, not the recorder) and ``_short`` (a task's repr is its
label). A module of its own so that everything that reads it can import it without a cycle.
"""

REC = None  # the recorder of the run in progress (for _short and _LTask.cancel)
