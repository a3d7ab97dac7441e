# time.sleep blocks the whole loop: two blocking coroutines under gather take the sum.
import asyncio
import time


async def blocking(name):
    print(name, "starts")
    time.sleep(0.2)
    print(name, "ends")


async def main():
    start = time.perf_counter()
    await asyncio.gather(blocking("a"), blocking("b"))
    print(f"took {time.perf_counter() - start:.1f}s")


asyncio.run(main())
