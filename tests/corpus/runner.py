# asyncio.Runner runs several coroutines on one loop.
import asyncio


async def step(n):
    await asyncio.sleep(0.1)
    print("step", n)
    return n


with asyncio.Runner() as runner:
    print(runner.run(step(1)))
    print(runner.run(step(2)))
print("closed")
