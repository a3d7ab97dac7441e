# PEP 263: a source file with a non-UTF-8 byte (Latin-1 \xe9) and no coding declaration
# is a SyntaxError. Source: https://peps.python.org/pep-0263/ (the "Defining the Encoding" section)
import asyncio

print("café")
