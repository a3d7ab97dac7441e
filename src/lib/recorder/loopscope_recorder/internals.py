"""The asyncio and interpreter internals the recorder depends on, named once.

The recorder observes the real C ``asyncio.Task`` from the outside, so it reads private
names of asyncio (``_GatheringFuture``, ``_set_result_unless_cancelled``, where asyncio's
own files live). Naming them in one module keeps a Python upgrade that moves one of them
to one file, and gives the hot paths a module-level name to compare types by identity.
"""

import asyncio
import os
import types
from asyncio import futures, tasks

_ASYNCIO_DIR = os.path.dirname(asyncio.__file__)
_TaskType = asyncio.Task
_GatheringFuture = tasks._GatheringFuture
_set_result_unless_cancelled = futures._set_result_unless_cancelled
_CoroutineType = types.CoroutineType
_GeneratorType = types.GeneratorType
_FutureType = asyncio.Future
