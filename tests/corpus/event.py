# An Event wakes every waiter at once.
import asyncio


async def waiter(event, name):
    print(f"{name} waits")
    await event.wait()
    print(f"{name} goes")


async def main():
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event, f"w{i}")) for i in range(3)]
    await asyncio.sleep(0.2)
    print("setting the event")
    event.set()
    await asyncio.gather(*tasks)


asyncio.run(main())
