# The Python 3.6 documentation's "Hello World coroutine": the get_event_loop() and
# run_until_complete() idiom of the tutorials of its time.
# Source: https://docs.python.org/3.6/library/asyncio-task.html#example-hello-world-coroutine
# version-change: 3.14
# differs: 3.11 prints Hello World!; 3.14 raises RuntimeError at get_event_loop(), and the trace says what changed
import asyncio

async def hello_world():
    print("Hello World!")

loop = asyncio.get_event_loop()
# Blocking call which returns when the hello_world() coroutine is done
loop.run_until_complete(hello_world())
loop.close()
