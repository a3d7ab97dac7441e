# Blocking work runs on a worker thread: it is named, it is not the main thread, and no
# event loop runs in it (a tutorial's `threading.current_thread().name`).
import asyncio
import concurrent.futures
import threading


def where(tag):
    thread = threading.current_thread()
    print(tag, thread.name, thread is threading.main_thread(), threading.get_ident() != MAIN)
    try:
        asyncio.get_running_loop()
        print(tag, "sees a running loop")
    except RuntimeError as error:
        print(tag, "RuntimeError:", error)
    return thread.name


async def main():
    where("main")
    loop = asyncio.get_running_loop()
    a = await asyncio.to_thread(where, "to_thread")
    b = await loop.run_in_executor(None, where, "executor")
    with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="pool") as pool:
        c = await loop.run_in_executor(pool, where, "pool")
    print(a, b, c, threading.current_thread().name)


MAIN = threading.get_ident()
asyncio.run(main())
