import asyncio


async def fetch_user(user_id):
    await asyncio.sleep(0.5)
    return {"id": user_id, "name": f"User {user_id}"}


def get_user(user_id):
    user = await fetch_user(user_id)
    return user


print(get_user(1))
