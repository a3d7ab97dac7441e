# The docs' wait_for and timeout examples, with an eternity that is truly infinite
# (asyncio.sleep(float('inf'))), and the odd delays: negative, in the past, NaN timeouts.
# Sources: https://docs.python.org/3/library/asyncio-task.html#asyncio.wait_for
#          https://docs.python.org/3/library/asyncio-task.html#asyncio.timeout
# differs: 3.11's wait_for runs the coroutine in a task of its own; 3.12+ awaits it in the caller, so the tasks and step order are not compared
import asyncio


async def eternity():
    await asyncio.sleep(float("inf"))
    print("yay!")


async def main():
    try:
        await asyncio.wait_for(eternity(), timeout=1.0)
    except TimeoutError:
        print("timeout!")

    try:
        async with asyncio.timeout(0.5):
            await eternity()
    except TimeoutError:
        print("The long operation timed out, but we've handled it.")
    print("This statement will run regardless.")

    loop = asyncio.get_running_loop()
    loop.call_at(loop.time() - 5, print, "call_at in the past runs at once")
    loop.call_later(-1, print, "a negative delay too")
    await asyncio.sleep(-1)
    try:
        async with asyncio.timeout_at(loop.time() - 1):
            await asyncio.sleep(1)
    except TimeoutError:
        print("a deadline in the past expires at once")
    try:
        await asyncio.wait_for(asyncio.sleep(1), timeout=float("nan"))
    except TimeoutError:
        print("a timeout of float('nan') too")


asyncio.run(main())
