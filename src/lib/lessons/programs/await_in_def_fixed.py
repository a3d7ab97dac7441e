import asyncio


async def fetch_user(user_id):
    await asyncio.sleep(0.5)
    return {"id": user_id, "name": f"User {user_id}"}


async def get_user(user_id):  # the fix: async def, so await is allowed
    user = await fetch_user(user_id)
    return user


print(asyncio.run(get_user(1)))  # and asyncio.run to call it from plain code
