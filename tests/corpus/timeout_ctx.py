# asyncio.timeout cancels the block when the deadline passes and raises TimeoutError.
import asyncio


async def slow():
    try:
        await asyncio.sleep(1)
    finally:
        print("slow cleans up")


async def main():
    try:
        async with asyncio.timeout(0.2):
            await slow()
    except TimeoutError:
        print("timed out")
    async with asyncio.timeout(0.5):
        await asyncio.sleep(0.1)
    print("fast enough")


asyncio.run(main())
