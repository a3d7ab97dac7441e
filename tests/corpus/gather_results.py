# What gather hands back: the results in argument order, and an exception as a value.
import asyncio


async def square(n):
    await asyncio.sleep(0.1 * (3 - n))
    if n == 2:
        raise ValueError(f"no square for {n}")
    return n * n


async def total(values):
    await asyncio.sleep(0.05)
    return sum(values)


async def main():
    results = await asyncio.gather(square(0), square(1), square(2), return_exceptions=True)
    print("gather gave", results)
    numbers = [r for r in results if not isinstance(r, Exception)]
    print("total", await total(numbers))


asyncio.run(main())
