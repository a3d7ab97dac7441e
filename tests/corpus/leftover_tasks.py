# When main returns, asyncio.run cancels the tasks still running; their cleanup runs.
# (With several leftover tasks CPython cancels them in set order, which follows memory
# addresses; the recorder uses creation order. One leftover task keeps this exact.)
import asyncio


async def background(name):
    try:
        await asyncio.sleep(10)
    finally:
        print(name, "cleaned up")


async def quick():
    await asyncio.sleep(0.05)
    print("quick finished")


async def main():
    asyncio.create_task(background("first"))
    asyncio.create_task(quick())
    await asyncio.sleep(0.1)
    print("main done")


asyncio.run(main())
