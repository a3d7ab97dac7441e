# A bounded queue: the producer waits when the queue is full.
import asyncio


async def producer(queue):
    for i in range(5):
        await queue.put(i)
        print(f"put {i} (size {queue.qsize()})")
    await queue.put(None)


async def consumer(queue):
    while True:
        item = await queue.get()
        if item is None:
            break
        print(f"got {item}")
        await asyncio.sleep(0.1)


async def main():
    queue = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(queue), consumer(queue))


asyncio.run(main())
