# shield: the outer wait is cancelled, the shielded task carries on.
# differs: 3.11's wait_for waits on the shield with an extra step of main (_cancel_and_wait); 3.12+ uses asyncio.timeout, so the step order is not compared
import asyncio


async def save():
    await asyncio.sleep(0.3)
    print("saved")
    return "ok"


async def main():
    task = asyncio.create_task(save())
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=0.1)
    except TimeoutError:
        print("gave up waiting; task still running:", not task.done())
    print("result:", await task)


asyncio.run(main())
