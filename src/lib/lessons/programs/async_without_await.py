import asyncio


async def count(name):
    for step in range(3):
        print(f"{name}: step {step}")
        # no await in this loop: nothing lets the event loop switch tasks
    return name


async def main():
    await asyncio.gather(count("A"), count("B"))


asyncio.run(main())
