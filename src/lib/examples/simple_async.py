import asyncio


async def say_hello():
    print("Hello...")
    await asyncio.sleep(1)
    print("...world!")


asyncio.run(say_hello())
