# The docs' create_task example (say_after), asking what the program can see of its tasks:
# their names, and the traceback of an error raised by a blocking call (no recorder frames).
# (Their type is checked by src/lib/recorder/faithful.test.ts: `npm run corpus` makes its
# tasks through a factory of its own.)
# Source: https://docs.python.org/3/library/asyncio-task.html#creating-tasks
import asyncio
import time
import traceback


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    task1 = asyncio.create_task(say_after(1, "hello"))
    task2 = asyncio.create_task(say_after(2, "world"))
    me = asyncio.current_task()
    print(isinstance(me, asyncio.Task), isinstance(task1, asyncio.Task))
    print(me.get_name(), task1.get_name(), task2.get_name())
    await task1
    await task2
    try:
        time.sleep(-1)
    except ValueError as exc:
        print([frame.name for frame in traceback.extract_tb(exc.__traceback__)], exc)


asyncio.run(main())
