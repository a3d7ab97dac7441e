import asyncio


async def count(name):
    for step in range(3):
        print(f"{name}: step {step}")
        await asyncio.sleep(0)  # the fix: give the loop a chance to run the others
    return name


async def main():
    await asyncio.gather(count("A"), count("B"))


asyncio.run(main())
