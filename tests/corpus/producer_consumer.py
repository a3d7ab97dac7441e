# Two consumers share a bounded queue; the producer waits while it is full, join() waits for all.
import asyncio


async def producer(queue, count):
    for i in range(count):
        await queue.put(f"job-{i}")
        print(f"queued job-{i} ({queue.qsize()} waiting)")
    print("producer done")


async def consumer(name, queue):
    while True:
        job = await queue.get()
        print(f"{name} takes {job}")
        await asyncio.sleep(0.2)
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    workers = [asyncio.create_task(consumer(n, queue)) for n in ("c1", "c2")]
    await producer(queue, 5)
    await queue.join()
    for w in workers:
        w.cancel()
    print("all jobs done")


asyncio.run(main())
