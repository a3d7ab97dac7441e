# as_completed yields results in the order they finish.
# differs: as_completed wraps the coroutines in tasks in set order, which CPython leaves to addresses; the recorder fixes it, so task names and step order are not compared
import asyncio


async def job(n, delay):
    await asyncio.sleep(delay)
    return f"job {n} after {delay}s"


async def main():
    jobs = [job(1, 0.3), job(2, 0.1), job(3, 0.2)]
    for next_done in asyncio.as_completed(jobs):
        print(await next_done)


asyncio.run(main())
