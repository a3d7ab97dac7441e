import asyncio


async def fetch_user(user_id):
    await asyncio.sleep(0.5)
    return {"id": user_id, "name": f"User {user_id}"}


async def get_user_wrong(user_id):
    return fetch_user(user_id)  # returns the coroutine, not the user


async def get_user(user_id):
    return await fetch_user(user_id)  # returns the user


async def main():
    wrong = await get_user_wrong(1)
    print(f"get_user_wrong gave a {type(wrong).__name__}")
    right = await get_user(2)
    print(f"get_user gave {right}")


asyncio.run(main())
