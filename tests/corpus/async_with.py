# async with: a class with __aenter__/__aexit__, and @asynccontextmanager.
import asyncio
from contextlib import asynccontextmanager


class Connection:
    async def __aenter__(self):
        await asyncio.sleep(0.1)
        print("connected")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.1)
        print("disconnected", exc_type.__name__ if exc_type else None)
        return False


@asynccontextmanager
async def transaction(name):
    print("begin", name)
    try:
        yield name
        await asyncio.sleep(0.05)
        print("commit", name)
    except KeyError:
        print("rollback", name)


async def main():
    async with Connection():
        async with transaction("t1") as t:
            print("inside", t)
        async with transaction("t2"):
            raise KeyError("oops")
    print("done")


asyncio.run(main())
