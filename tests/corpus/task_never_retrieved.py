# A task that fails and is dropped: Python reports "Task exception was never retrieved" as soon
# as the task is thrown away (right after its step), not when the program ends. The loop's
# exception handler prints the report where it comes.
import asyncio


async def boom():
    raise ValueError("lost")


async def tick(n):
    await asyncio.sleep(0.1)
    print("tick", n)


def report(loop, context):
    print("handler:", context["message"], repr(context["exception"]))


async def main():
    asyncio.get_running_loop().set_exception_handler(report)
    asyncio.create_task(boom())
    await asyncio.sleep(0)
    print("after boom's step")
    await asyncio.gather(tick(1), tick(2))


asyncio.run(main())
print("done")
