# TaskGroup: a failing child cancels its siblings; the error arrives as an ExceptionGroup.
# differs: TaskGroup cancels its tasks in set order, which CPython leaves to addresses; the step order is not compared
import asyncio


async def slow(name):
    try:
        await asyncio.sleep(1)
        print(name, "finished")
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def fail():
    await asyncio.sleep(0.1)
    raise ValueError("boom")


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(slow("s1"))
            tg.create_task(fail())
            tg.create_task(slow("s2"))
    except* ValueError as group:
        print("caught", [str(e) for e in group.exceptions])


asyncio.run(main())
