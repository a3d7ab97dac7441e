import asyncio


async def greet(name):  # async def: calling greet() makes a coroutine object
    print(f"Hello, {name}!")
    await asyncio.sleep(1)  # await: pause here and give the loop back
    print(f"Goodbye, {name}!")
    return name


coro = greet("Ada")  # nothing has run yet
print(f"greet('Ada') gave a {type(coro).__name__} object")
result = asyncio.run(coro)  # asyncio.run: start a loop, run coro to its end
print(f"asyncio.run returned {result!r}")
