# A timeout inside a TaskGroup: one expires inside a task, one is cut short by the group.
import asyncio


async def fetch(name, delay):
    # A timeout inside a TaskGroup's task: it expires, and the task handles TimeoutError.
    try:
        async with asyncio.timeout(0.2):
            await asyncio.sleep(delay)
    except TimeoutError:
        print(f"{name} timed out, using the cache")
        return "cached"
    print(f"{name} fetched")
    return "fresh"


async def fail_later():
    await asyncio.sleep(0.3)
    raise ValueError("disk full")


async def main():
    async with asyncio.TaskGroup() as tg:
        fast = tg.create_task(fetch("fast", 0.1))
        slow = tg.create_task(fetch("slow", 0.5))
    print(fast.result(), slow.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail_later())
            # The body's own timeout: the TaskGroup cancels main before it expires, so the
            # timeout passes the CancelledError on instead of turning it into TimeoutError.
            async with asyncio.timeout(1):
                await asyncio.sleep(2)
    except* ValueError as group:
        print("group:", [str(e) for e in group.exceptions])
    print("cancelling:", asyncio.current_task().cancelling())


asyncio.run(main())
