import asyncio


async def save(order):
    await asyncio.sleep(0.1)
    print(f"saved {order}")


async def main():
    save("order 1")  # forgot await: a coroutine is made, and never run
    await save("order 2")
    print("done")


asyncio.run(main())
