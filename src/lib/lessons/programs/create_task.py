import asyncio


async def brew(drink, seconds):
    print(f"start {drink}")
    await asyncio.sleep(seconds)
    print(f"{drink} ready")
    return drink


async def main():
    tea = asyncio.create_task(brew("tea", 0.3))  # scheduled, not started
    coffee = asyncio.create_task(brew("coffee", 0.2))
    print("both ordered")  # main keeps going: the tasks have not run yet
    first = await tea  # main waits; both tasks run meanwhile
    second = await coffee  # already done: no wait at all
    print(f"served {first} and {second}")


asyncio.run(main())
