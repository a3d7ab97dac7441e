# A Condition: consumers wait until the producer notifies them.
import asyncio

items = []


async def consumer(cond, name):
    async with cond:
        await cond.wait_for(lambda: items)
        print(f"{name} took {items.pop(0)}")


async def producer(cond):
    for i in range(2):
        await asyncio.sleep(0.1)
        async with cond:
            items.append(i)
            print(f"produced {i}")
            cond.notify()


async def main():
    cond = asyncio.Condition()
    await asyncio.gather(consumer(cond, "c1"), consumer(cond, "c2"), producer(cond))


asyncio.run(main())
