# The docs' wait_for example, with the eternity asking which task runs it: 3.8-3.11 wrap the
# coroutine in a task of its own (Task-2), 3.12+ run it in the caller's (Task-1).
# Source: https://docs.python.org/3/library/asyncio-task.html#asyncio.wait_for
# version-change: 3.12
# differs: 3.11 prints Task-2 (wait_for made a task); 3.12+ prints Task-1, and the trace says what changed
import asyncio


async def eternity():
    print("eternity runs in", asyncio.current_task().get_name())
    # Sleep for one hour
    await asyncio.sleep(3600)
    print('yay!')


async def main():
    # Wait for at most 1 second
    try:
        await asyncio.wait_for(eternity(), timeout=1.0)
    except TimeoutError:
        print('timeout!')


asyncio.run(main())
