import asyncio


async def slow_query():
    await asyncio.sleep(2)
    return "42 rows"


async def main():
    try:
        async with asyncio.timeout(0.5):
            print(await slow_query())
    except TimeoutError:
        print("gave up after 0.5 s")

    rows = await asyncio.wait_for(slow_query(), timeout=3)  # in time: no error
    print(f"wait_for gave {rows}")


asyncio.run(main())
