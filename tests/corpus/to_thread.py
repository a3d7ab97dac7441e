# to_thread runs blocking work off the loop: two 0.5 s jobs finish together in 0.5 s.
import asyncio
import time


def blocking_io(n):
    time.sleep(0.5)
    return n * 2


async def ticker():
    for i in range(4):
        await asyncio.sleep(0.1)
        print("tick", i)


async def main():
    start = time.perf_counter()
    results = await asyncio.gather(asyncio.to_thread(blocking_io, 1), asyncio.to_thread(blocking_io, 2), ticker())
    print(results[:2], f"{time.perf_counter() - start:.1f}s")


asyncio.run(main())
