# A caught CancelledError: uncancel() and go on; a timeout rescheduled, a cleanup that re-raises.
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        task = asyncio.current_task()
        print("caught CancelledError, cancelling =", task.cancelling())
        task.uncancel()
        print("after uncancel, cancelling =", task.cancelling())
    await asyncio.sleep(0.5)
    return "survived"


async def slow():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print("slow: cleaning up")
        raise


async def main():
    task = asyncio.create_task(stubborn())
    await asyncio.sleep(0.1)
    task.cancel()
    print(await task)
    try:
        async with asyncio.timeout(1) as scope:
            # Sooner than planned: the deadline moves to t + 0.25 s.
            scope.reschedule(asyncio.get_running_loop().time() + 0.25)
            await slow()
    except TimeoutError:
        print("timed out, cancelling =", asyncio.current_task().cancelling())


asyncio.run(main())
