# PyMOTW-3's first coroutine: a module-level get_event_loop() and run_until_complete.
# Source: https://pymotw.com/3/asyncio/coroutines.html (asyncio_coroutine.py)
# version-change: 3.14
# differs: 3.11 makes a loop at get_event_loop() and prints four lines; 3.14 raises RuntimeError there, and the trace says what changed
import asyncio


async def coroutine():
    print('in coroutine')


event_loop = asyncio.get_event_loop()
try:
    print('starting coroutine')
    coro = coroutine()
    print('entering event loop')
    event_loop.run_until_complete(coro)
finally:
    print('closing event loop')
    event_loop.close()
