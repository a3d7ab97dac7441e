# A Semaphore(2): at most two downloads at once.
import asyncio
import time


async def download(sem, n):
    async with sem:
        print(f"start {n}")
        await asyncio.sleep(0.2)
        print(f"end {n}")


async def main():
    sem = asyncio.Semaphore(2)
    start = time.monotonic()
    await asyncio.gather(*(download(sem, n) for n in range(5)))
    print(f"took {time.monotonic() - start:.1f}s")


asyncio.run(main())
