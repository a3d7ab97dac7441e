# Seed tutorial: the simplest coroutine.
import asyncio


async def simple_async():
    print("Hello")
    await asyncio.sleep(1)
    print("World")


asyncio.run(simple_async())
