# wait_for: a result in time, then a timeout that cancels the inner task.
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
