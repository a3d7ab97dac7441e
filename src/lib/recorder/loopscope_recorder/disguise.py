"""The recorder out of the program's sight: its Task passes for asyncio's, and its own
frames are left out of every traceback the program prints.

A program must not be able to tell it is recorded, except by the limits. The recorder's
Task subclass (``_LTask``) is installed as ``asyncio.Task`` for the run, so
``type(asyncio.current_task()) is asyncio.Task`` holds, a program's own ``asyncio.Task(coro)``
and ``eager_task_factory`` make recorded tasks, and reprs say ``Task``. The ``traceback``
module (``print_exc``, ``format_exc``, ``print_stack``, ``logging.exception``, asyncio's
"exception was never retrieved") skips the frames of this package, as CPython would have
none: its ``time.sleep`` and loop are C or asyncio's own.
"""

import asyncio
import os
import traceback
from asyncio import tasks

from .virtual_loop import _LTask, _policy_class, VirtualLoop

# The loop passes for the one asyncio.run makes on Linux: its repr says so.
VirtualLoop.__name__ = VirtualLoop.__qualname__ = "_UnixSelectorEventLoop"
VirtualLoop.__module__ = "asyncio.unix_events"

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
_Summary = traceback.StackSummary


def _not_ours(frame_gen):
    """The (frame, positions) pairs of frame_gen, less those of the recorder's own code."""
    for item in frame_gen:
        if not item[0].f_code.co_filename.startswith(_PACKAGE_DIR):
            yield item


def _install_default_policy(rec, restore):
    """The default loop policy of the run: it hands out virtual loops. Installed as asyncio's
    default too, so that set_event_loop_policy(None) or DefaultEventLoopPolicy() (and a
    program's subclass of it) still give virtual loops. Returns the class."""
    from asyncio import unix_events

    base = _policy_class()

    class _UnixDefaultEventLoopPolicy(base):
        def __init__(self):
            super().__init__(rec)

    _UnixDefaultEventLoopPolicy.__module__ = "asyncio.unix_events"
    saved = {}
    # 3.14 keeps the class private (asyncio.DefaultEventLoopPolicy is a deprecated alias
    # looked up on access); 3.11-3.13 export it.
    for module, name in (
        (unix_events, "_DefaultEventLoopPolicy"),
        (unix_events, "DefaultEventLoopPolicy"),
        (asyncio, "DefaultEventLoopPolicy"),
    ):
        if name in vars(module):
            saved[(module, name)] = vars(module)[name]
            setattr(module, name, _UnixDefaultEventLoopPolicy)

    def undo_default_policy():
        for (module, name), value in saved.items():
            setattr(module, name, value)

    restore.append(undo_default_policy)
    return _UnixDefaultEventLoopPolicy


def _install_disguise(restore):
    """Installs _LTask as asyncio.Task and the traceback filter; undone through `restore`."""
    saved = {
        "Task": asyncio.Task,
        "eager_task_factory": getattr(asyncio, "eager_task_factory", None),
    }
    asyncio.Task = tasks.Task = _LTask
    factory = getattr(tasks, "create_eager_task_factory", None)  # 3.12+
    if factory is not None:
        asyncio.eager_task_factory = tasks.eager_task_factory = factory(_LTask)

    def undo_task():
        asyncio.Task = tasks.Task = saved["Task"]
        if factory is not None:
            asyncio.eager_task_factory = tasks.eager_task_factory = saved["eager_task_factory"]

    restore.append(undo_task)

    extract = _Summary.__dict__["_extract_from_extended_frame_gen"]
    real = extract.__func__

    def _extract_from_extended_frame_gen(klass, frame_gen, **kwargs):
        return real(klass, _not_ours(frame_gen), **kwargs)

    _Summary._extract_from_extended_frame_gen = classmethod(_extract_from_extended_frame_gen)

    def undo_traceback():
        _Summary._extract_from_extended_frame_gen = extract

    restore.append(undo_traceback)
