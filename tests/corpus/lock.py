# A Lock lets one task at a time into the critical section.
import asyncio

lock = asyncio.Lock()
balance = 0


async def deposit(name, amount):
    global balance
    print(f"{name} wants the lock")
    async with lock:
        print(f"{name} has the lock")
        current = balance
        await asyncio.sleep(0.1)
        balance = current + amount
    print(f"{name} released it")


async def main():
    await asyncio.gather(deposit("a", 10), deposit("b", 20), deposit("c", 30))
    print("balance", balance)


asyncio.run(main())
