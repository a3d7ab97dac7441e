# An exception nobody catches ends the program.
import asyncio


async def fetch(n):
    await asyncio.sleep(0.1)
    if n == 2:
        raise KeyError(f"user {n}")
    print("fetched", n)


async def main():
    await fetch(1)
    await fetch(2)
    print("never printed")


asyncio.run(main())
