# The Python 3.11 documentation's custom event loop policy, installed before asyncio.run.
# Source: https://docs.python.org/3.11/library/asyncio-policy.html#custom-policies
# version-change: 3.14
import asyncio


class MyEventLoopPolicy(asyncio.DefaultEventLoopPolicy):

    def get_event_loop(self):
        """Get the event loop.

        This may be None or an instance of EventLoop.
        """
        loop = super().get_event_loop()
        # Do something with loop ...
        return loop


async def main():
    await asyncio.sleep(0.1)
    print("policy:", type(asyncio.get_event_loop_policy()).__name__)


asyncio.set_event_loop_policy(MyEventLoopPolicy())
asyncio.run(main())
