# Coaching: asyncio.run() inside a coroutine raises RuntimeError (a loop is already running).
import asyncio


async def fetch_user(user_id):
    await asyncio.sleep(0.5)
    return {"id": user_id, "name": f"User {user_id}"}


async def main():
    user = asyncio.run(fetch_user(1))
    print(user)


asyncio.run(main())
