# Real Python's countasync.py, timed with perf_counter, and with process_time beside it:
# three one-second sleeps take one second of wall time and no CPU time.
# Source: https://realpython.com/async-io-python/#the-asyncawait-syntax-and-native-coroutines
import asyncio
import time


async def count():
    print("One")
    await asyncio.sleep(1)
    print("Two")


async def main():
    await asyncio.gather(count(), count(), count())


if __name__ == "__main__":
    s = time.perf_counter()
    cpu = time.process_time()
    ns = time.monotonic_ns()
    asyncio.run(main())
    elapsed = time.perf_counter() - s
    print(f"executed in {elapsed:0.2f} seconds.")
    print(f"monotonic_ns: {(time.monotonic_ns() - ns) / 1e9:0.1f} s, CPU: {time.process_time() - cpu:0.1f} s")
