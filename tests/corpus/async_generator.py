# An async generator produces values with awaits in between; async for consumes them.
import asyncio


async def ticker(n, delay):
    for i in range(n):
        await asyncio.sleep(delay)
        yield i


async def main():
    async for tick in ticker(3, 0.1):
        print("tick", tick)
    squares = [x * x async for x in ticker(4, 0.05)]
    print("squares", squares)
    evens = [x async for x in ticker(4, 0.05) if x % 2 == 0]
    print("evens", evens)


asyncio.run(main())
