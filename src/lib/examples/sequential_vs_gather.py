import asyncio
import time


async def fetch_user(user_id):
    await asyncio.sleep(0.5)
    return user_id


async def sequential():
    start = time.perf_counter()
    for user_id in (1, 2, 3):
        await fetch_user(user_id)  # each await waits for the previous one
    print(f"sequential: {time.perf_counter() - start:.1f} s")


async def concurrent():
    start = time.perf_counter()
    await asyncio.gather(fetch_user(1), fetch_user(2), fetch_user(3))
    print(f"gather:     {time.perf_counter() - start:.1f} s")


async def main():
    await sequential()
    await concurrent()


asyncio.run(main())
