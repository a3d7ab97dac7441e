# A TaskGroup's body goes on after create_task: the group's tasks run while main awaits inside
# the block, before it waits for them at its end.
import asyncio


async def download(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} downloaded")
    return name


async def main():
    async with asyncio.TaskGroup() as tg:
        first = tg.create_task(download("a.txt", 0.2))
        # first is in the group already, and runs while main sleeps here.
        await asyncio.sleep(0.1)
        print("main: still in the block; a.txt done?", first.done())
        second = tg.create_task(download("b.txt", 0.05))
        async with asyncio.TaskGroup() as inner:
            inner.create_task(download("c.txt", 0.3))
            await asyncio.sleep(0)
            print("main: the inner group's task has started")
        print("main: the inner group is done")
    print("results:", first.result(), second.result())


asyncio.run(main())
