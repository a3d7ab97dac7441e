# Seed tutorial: one fetch, awaited directly.
import asyncio


async def fetch_user(user_id):
    print(f"Fetching user {user_id}...")
    await asyncio.sleep(0.5)
    return {"id": user_id, "name": f"User {user_id}"}


async def main():
    user = await fetch_user(1)
    print(user)


asyncio.run(main())
