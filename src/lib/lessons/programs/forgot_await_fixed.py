import asyncio


async def save(order):
    await asyncio.sleep(0.1)
    print(f"saved {order}")


async def main():
    await save("order 1")  # the fix: await it
    await save("order 2")
    print("done")


asyncio.run(main())
