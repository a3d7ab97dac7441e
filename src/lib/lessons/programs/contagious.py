import asyncio


async def fetch_price(item):
    await asyncio.sleep(0.2)  # pretend this is a network call
    return {"apple": 3, "pear": 4}[item]


async def basket_total(items):  # awaits fetch_price, so it must be async too
    total = 0
    for item in items:
        total += await fetch_price(item)
    return total


async def main():  # awaits basket_total: async as well
    total = await basket_total(["apple", "pear"])
    print(f"Total: {total}")


asyncio.run(main())  # the one place where plain code enters async code
