import asyncio


async def fetch_user(user_id):
    print(f"Fetching user {user_id}...")
    await asyncio.sleep(0.5)  # pretend this is a network call
    return {"id": user_id, "name": f"User {user_id}"}


async def main():
    user = await fetch_user(1)
    print(f"Got {user['name']}")


asyncio.run(main())
