# -*- coding: latin-1 -*-
# PEP 263: a source file in Latin-1, declared on its first line; Python decodes it so.
# Source: https://peps.python.org/pep-0263/ (the "Examples" section)
import asyncio


async def order(drink):
    await asyncio.sleep(0.1)
    print(f"un {drink}, s'il vous plaît")


asyncio.run(order("café"))
