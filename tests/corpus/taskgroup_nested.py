# Nested TaskGroups: a child fails, its group cancels the rest (the inner group too) and raises an ExceptionGroup.
import asyncio


async def worker(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} done")
    return name


async def failing():
    await asyncio.sleep(0.2)
    raise ValueError("boom")


async def inner_group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(worker("c", 0.1))
        tg.create_task(worker("d", 0.5))
    print("inner done")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker("a", 0.1))
            tg.create_task(inner_group())
            tg.create_task(failing())
    except* ValueError as group:
        print("caught", [str(e) for e in group.exceptions])


asyncio.run(main())
