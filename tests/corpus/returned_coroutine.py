# get_user() returns a coroutine object, not the user: the caller has to await it again.
import asyncio


async def fetch_user(user_id):
    await asyncio.sleep(0.5)
    return {"id": user_id, "name": f"User {user_id}"}


async def get_user(user_id):
    return fetch_user(user_id)  # forgot the await: hands back the coroutine


async def main():
    result = await get_user(1)
    print("get_user gave a", type(result).__name__, "of", result.__qualname__)
    user = await result  # awaiting it runs fetch_user at last
    print("awaiting it gave", user)


asyncio.run(main())
