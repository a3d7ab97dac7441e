import asyncio


async def download(name):
    try:
        print(f"{name}: downloading")
        await asyncio.sleep(10)
        print(f"{name}: done")
    except asyncio.CancelledError:
        print(f"{name}: cancelled, cleaning up")
        raise  # let the cancellation finish the task


async def main():
    task = asyncio.create_task(download("big.iso"))
    await asyncio.sleep(0.5)
    task.cancel()  # asks the task to stop: CancelledError at its await
    try:
        await task
    except asyncio.CancelledError:
        print(f"main: cancelled() is {task.cancelled()}")


asyncio.run(main())
