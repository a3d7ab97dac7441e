# wait_for: a result in time, then a timeout that cancels the inner task.
# differs: 3.11's wait_for runs the coroutine in a task of its own; 3.12+ awaits it in the caller, so the tasks and step order are not compared
import asyncio


async def compute(delay):
    try:
        await asyncio.sleep(delay)
        return delay * 10
    except asyncio.CancelledError:
        print(f"compute({delay}) cancelled")
        raise


async def main():
    print(await asyncio.wait_for(compute(0.1), timeout=0.5))
    try:
        await asyncio.wait_for(compute(1), timeout=0.2)
    except TimeoutError:
        print("too slow")


asyncio.run(main())
