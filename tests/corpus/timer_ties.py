# Timers with equal deadlines fire in the order they were scheduled, as on a real clock.
# (Not tested here: loop.call_at() with the very same float deadline, where CPython's heap
# order is arbitrary; the recorder keeps scheduling order there too.)
import asyncio


async def sleeper(name, delay):
    await asyncio.sleep(delay)
    print(name, "woke")


async def main():
    names = ["e", "b", "d", "a", "c", "f", "h", "g"]
    await asyncio.gather(*(sleeper(n, 0.1) for n in names))
    await asyncio.sleep(0.1)
    print("second round")
    await asyncio.gather(*(sleeper(n, 0.05 * (i % 2)) for i, n in enumerate(names)))


asyncio.run(main())
