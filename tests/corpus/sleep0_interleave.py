# asyncio.sleep(0) yields to the loop: two counters interleave step by step.
import asyncio


async def count(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(count("A", 3), count("B", 3), count("C", 2))


asyncio.run(main())
