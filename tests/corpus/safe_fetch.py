# Seed tutorial: try/except around an awaited fetch that may raise.
import asyncio


async def fetch_user(user_id):
    await asyncio.sleep(0.1)
    if user_id < 0:
        raise ValueError(f"invalid user id {user_id}")
    return {"id": user_id}


async def safe_fetch(user_id):
    try:
        return await fetch_user(user_id)
    except ValueError as error:
        print(f"Failed: {error}")
        return None


async def main():
    print(await safe_fetch(1))
    print(await safe_fetch(-1))


asyncio.run(main())
