# Seed tutorial: three fetches under gather take 0.5 s, not 1.5 s.
import asyncio
import time


async def fetch_user(user_id):
    print(f"Fetching user {user_id}...")
    await asyncio.sleep(0.5)
    return {"id": user_id, "name": f"User {user_id}"}


async def get_users_batch():
    start = time.perf_counter()
    users = await asyncio.gather(fetch_user(1), fetch_user(2), fetch_user(3))
    elapsed = time.perf_counter() - start
    print(f"Got {len(users)} users in {elapsed:.1f}s")
    return users


asyncio.run(get_users_batch())
