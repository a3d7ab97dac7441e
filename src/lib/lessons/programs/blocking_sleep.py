import asyncio
import time


async def heartbeat():
    for beat in range(4):
        print(f"beat {beat} at {time.perf_counter() - start:.1f} s")
        await asyncio.sleep(0.3)


async def slow_report():
    await asyncio.sleep(0.2)
    time.sleep(0.5)  # blocks the whole loop: no heartbeat can run
    print("report done")


async def main():
    await asyncio.gather(heartbeat(), slow_report())


start = time.perf_counter()
asyncio.run(main())
