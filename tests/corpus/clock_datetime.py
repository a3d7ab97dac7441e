# The docs' display_date example, printing the seconds elapsed by datetime.now() instead of
# the date (so that the output is the same on every run).
# Source: https://docs.python.org/3.7/library/asyncio-task.html#coroutines (display_date)
import asyncio
import datetime


async def display_date():
    loop = asyncio.get_running_loop()
    start = datetime.datetime.now()
    end_time = loop.time() + 5.0
    while True:
        print((datetime.datetime.now() - start).seconds)
        if (loop.time() + 1.0) >= end_time:
            break
        await asyncio.sleep(1)


asyncio.run(display_date())
