import asyncio


async def fetch_user(user_id):
    print(f"Fetching user {user_id}...")
    await asyncio.sleep(0.5)  # pretend this is a network call
    return {"id": user_id, "name": f"User {user_id}"}


async def get_users_one_by_one():
    users = []
    for user_id in (1, 2, 3):
        users.append(await fetch_user(user_id))  # waits before starting the next
    print(f"Got {len(users)} users")
    return users


asyncio.run(get_users_one_by_one())
