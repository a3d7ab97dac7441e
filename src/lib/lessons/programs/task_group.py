import asyncio


async def fetch_user(user_id, seconds):
    await asyncio.sleep(seconds)
    if user_id == 2:
        raise ConnectionError(f"user {user_id}: server not responding")
    print(f"fetched user {user_id}")
    return user_id


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fetch_user(1, 0.2))
            group.create_task(fetch_user(2, 0.3))
            group.create_task(fetch_user(3, 0.5))  # cancelled when user 2 fails
    except* ConnectionError as failures:
        print(f"failed: {failures.exceptions[0]}")


asyncio.run(main())
