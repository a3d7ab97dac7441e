import asyncio


async def fetch_user(user_id):
    await asyncio.sleep(0.3)
    if user_id == 2:
        raise ConnectionError(f"user {user_id}: server not responding")
    return {"id": user_id}


async def safe_fetch(user_id):
    try:
        user = await fetch_user(user_id)
        print(f"Fetched user {user_id}")
        return user
    except ConnectionError as error:
        print(f"Failed: {error}")
        return None


async def main():
    results = await asyncio.gather(safe_fetch(1), safe_fetch(2), safe_fetch(3))
    print(f"{sum(r is not None for r in results)} of {len(results)} fetched")


asyncio.run(main())
