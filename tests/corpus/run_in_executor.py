# loop.run_in_executor with the default executor and with a pool of one thread.
import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def work(n):
    time.sleep(0.2)
    return n + 100


async def main():
    loop = asyncio.get_running_loop()
    start = time.perf_counter()
    a = await loop.run_in_executor(None, work, 1)
    print(a, f"{time.perf_counter() - start:.1f}s")
    with ThreadPoolExecutor(max_workers=1) as pool:
        start = time.perf_counter()
        results = await asyncio.gather(*(loop.run_in_executor(pool, work, n) for n in range(3)))
    print(results, f"{time.perf_counter() - start:.1f}s")


asyncio.run(main())
