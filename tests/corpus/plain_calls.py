# Plain functions called from a coroutine run inside the same task, as frames on its stack.
import asyncio


def greet(name):
    text = f"hello {name}"
    return text


def report(name):
    line = greet(name)
    print(line)
    return len(line)


async def worker(name):
    await asyncio.sleep(0.1)
    size = report(name)
    await asyncio.sleep(0.1)
    return size


async def main():
    sizes = await asyncio.gather(worker("ada"), worker("grace"))
    print("sizes", sizes)


asyncio.run(main())
