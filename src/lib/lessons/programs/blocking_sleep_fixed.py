import asyncio
import time


async def heartbeat():
    for beat in range(4):
        print(f"beat {beat} at {time.perf_counter() - start:.1f} s")
        await asyncio.sleep(0.3)


async def slow_report():
    await asyncio.sleep(0.2)
    await asyncio.sleep(0.5)  # the fix: the loop runs the heartbeat meanwhile
    print("report done")


async def main():
    await asyncio.gather(heartbeat(), slow_report())


start = time.perf_counter()
asyncio.run(main())
