# gather with return_exceptions=True collects errors; without it the first error propagates.
import asyncio


async def job(n, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise RuntimeError(f"job {n} failed")
    print(f"job {n} done")
    return n


async def main():
    results = await asyncio.gather(job(1, 0.1), job(2, 0.2, fail=True), job(3, 0.3), return_exceptions=True)
    print([repr(r) for r in results])
    try:
        await asyncio.gather(job(4, 0.1), job(5, 0.15, fail=True), job(6, 0.3))
    except RuntimeError as error:
        print("caught:", error)
    await asyncio.sleep(0.3)  # job 6 still runs to the end: gather does not cancel it
    print("end")


asyncio.run(main())
