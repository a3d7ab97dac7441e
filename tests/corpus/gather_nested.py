# Nested gathers: results keep the argument order, whatever finishes first.
import asyncio


async def leaf(name, delay):
    await asyncio.sleep(delay)
    print("leaf", name)
    return name


async def branch(prefix):
    return await asyncio.gather(leaf(prefix + "1", 0.3), leaf(prefix + "2", 0.1))


async def main():
    result = await asyncio.gather(branch("a"), branch("b"), leaf("c", 0.2))
    print(result)


asyncio.run(main())
