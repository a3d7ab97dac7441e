# Cancelling a task: CancelledError is raised at its await; finally blocks run.
import asyncio


async def worker():
    try:
        while True:
            print("working")
            await asyncio.sleep(0.1)
    except asyncio.CancelledError:
        print("cancelled, cleaning up")
        await asyncio.sleep(0.05)
        print("cleanup done")
        raise
    finally:
        print("finally runs")


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0.25)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("main saw the cancellation", task.cancelled())


asyncio.run(main())
