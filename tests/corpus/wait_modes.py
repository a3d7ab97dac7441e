# asyncio.wait with FIRST_COMPLETED and FIRST_EXCEPTION.
import asyncio


async def job(n, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(f"job {n}")
    return n


async def main():
    tasks = [asyncio.create_task(job(n, 0.1 * n)) for n in (1, 2, 3)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("first completed:", [t.result() for t in done], "pending:", len(pending))
    tasks = [asyncio.create_task(job(4, 0.3)), asyncio.create_task(job(5, 0.1, fail=True))]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("first exception:", [repr(t.exception()) for t in done], "pending:", len(pending))
    for t in pending:
        t.cancel()
    done, pending = await asyncio.wait(tasks)
    print("all done:", len(done), len(pending))


asyncio.run(main())
