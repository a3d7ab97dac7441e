import asyncio


async def fetch_user(user_id):
    print(f"Fetching user {user_id}...")
    await asyncio.sleep(0.5)  # pretend this is a network call
    return {"id": user_id, "name": f"User {user_id}"}


async def get_users_batch():
    users = await asyncio.gather(
        fetch_user(1),
        fetch_user(2),
        fetch_user(3),
    )
    print(f"Got {len(users)} users")
    return users


asyncio.run(get_users_batch())
