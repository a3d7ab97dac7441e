# Coaching: a task made with create_task and kept by nothing (the docs: save a reference).
import asyncio


async def heartbeat():
    for beat in range(3):
        print(f"beat {beat}")
        await asyncio.sleep(0.1)


async def main():
    asyncio.create_task(heartbeat())
    await asyncio.sleep(0.5)
    print("done")


asyncio.run(main())
