# create_task starts work at once; awaiting the task later only collects it.
import asyncio


async def worker(name, delay):
    print(f"{name} starts")
    await asyncio.sleep(delay)
    print(f"{name} ends")
    return name.upper()


async def main():
    a = asyncio.create_task(worker("a", 0.3))
    b = asyncio.create_task(worker("b", 0.1), name="bee")
    print("tasks created")
    await asyncio.sleep(0.2)
    print("main woke up", b.done(), a.done(), b.get_name())
    print(await a, await b)


asyncio.run(main())
