# The older style: a loop of one's own and run_until_complete.
import asyncio


async def greet(name):
    await asyncio.sleep(0.1)
    print("hello", name)
    return len(name)


async def both():
    return await asyncio.gather(greet("a"), greet("bb"))


loop = asyncio.new_event_loop()
try:
    print(loop.run_until_complete(greet("world")))
    print(loop.run_until_complete(both()))
finally:
    loop.close()
