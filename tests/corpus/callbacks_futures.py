# call_soon, call_later and a plain Future resolved by a callback.
import asyncio


def hello(name):
    print("callback says hello to", name)


async def main():
    loop = asyncio.get_running_loop()
    future = loop.create_future()
    loop.call_later(0.2, future.set_result, "the answer")
    loop.call_later(0.1, hello, "later")
    loop.call_soon(hello, "soon")
    future.add_done_callback(lambda f: print("done callback:", f.result()))
    print("waiting for the future")
    print("got", await future)
    await asyncio.sleep(0)


asyncio.run(main())
