import asyncio


async def producer(queue):
    for order in range(3):
        await asyncio.sleep(0.2)  # an order comes in
        await queue.put(order)
        print(f"put order {order}")
    await queue.put(None)  # no more orders


async def consumer(queue):
    while (order := await queue.get()) is not None:
        print(f"cooking order {order}")
        await asyncio.sleep(0.5)  # slower than the orders come in


async def main():
    queue = asyncio.Queue(maxsize=1)
    await asyncio.gather(producer(queue), consumer(queue))


asyncio.run(main())
