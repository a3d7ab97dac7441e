"""A program's source as CPython reads a file: bytes decoded by PEP 263.

The browser hands the recorder text (the editor's); the CLI and the tests can hand it the
file's bytes, and then the program's ``# -*- coding: latin-1 -*-`` line is honoured and
invalid UTF-8 without one is the SyntaxError ``python3 prog.py`` gives.
"""

import io
import tokenize


def _as_bytes(source):
    """The bytes of `source` when it is bytes-like (a JavaScript Uint8Array arrives in
    Pyodide as a buffer proxy with to_bytes()), else None: it is text."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    to_bytes = getattr(source, "to_bytes", None)
    if callable(to_bytes) and not isinstance(source, (int, str)):
        return bytes(to_bytes())
    return None


def _declares(line):
    """Whether a first line (bytes) is a coding declaration (cookie_re is a str pattern up to
    3.13, a bytes one in 3.14)."""
    pattern = tokenize.cookie_re
    return bool(pattern.match(line if isinstance(pattern.pattern, bytes) else line.decode("latin-1")))


def _decode(data, filename):
    """(text, SyntaxError or None): the source text of `data` by its coding declaration
    (UTF-8 without one), and the error CPython would stop on before compiling, if any.
    Undecodable text is returned with U+FFFD in place of its bad bytes, for display."""
    shown = data.decode("utf-8", "replace")
    try:
        encoding, lines = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:
        text = str(exc)
        if text.startswith("invalid or missing encoding declaration"):
            encoding, lines = "utf-8", []  # a first line that is not UTF-8: said below
        else:  # an unknown encoding, or a BOM that contradicts the cookie
            name = text.partition("unknown encoding: ")[2]
            return shown, SyntaxError(f"encoding problem: {name}" if name else text)
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError as exc:
        if any(_declares(line) for line in lines):
            # Declared, yet not that encoding: compile() says where, as CPython does.
            try:
                compile(data, filename, "exec", dont_inherit=True)
            except SyntaxError as err:
                return shown, err
            return shown, SyntaxError(str(exc))
        line = data.count(b"\n", 0, exc.start) + 1
        err = SyntaxError(
            f"Non-UTF-8 code starting with '\\x{data[exc.start]:02x}' in file {filename} on "
            f"line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ "
            "for details"
        )
        err.lineno = line
        return shown, err
