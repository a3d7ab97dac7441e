# shield: the outer wait is cancelled, the shielded task carries on.
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
