"""Coach facts: what Python's own parser says about the program's shape, for the coaching notes.

The run tells what happened (a ``warning`` that a coroutine was never awaited, a ``blocking``
call, a RuntimeError); some gotchas are only visible in the source, and the parser, not a
pattern over the text, is the truth about it. ``coach_facts(source)`` returns a short list of
facts, each a dict with ``kind`` and ``line`` (1-based) and, where a fix needs them, the names
and the columns (0-based, in characters of the line, not bytes) involved:

* ``await_outside_async``: an ``await`` whose nearest enclosing function is a plain ``def``
  (``def``: that function's ``name`` and ``line``). Such a program does not compile, but it
  parses, so the fact is there for its SyntaxError.
* ``async_without_await``: an ``async def`` (``name``) with no ``await``, ``async for`` or
  ``async with`` of its own (protocol methods such as ``__aenter__`` and async generators
  left out: they need no await to be right).
* ``coroutine_call``: a call of one of the program's own ``async def`` functions, or of an
  asyncio coroutine function such as ``asyncio.sleep`` (``name``), that is not awaited where
  it is made: returned (``use`` ``return``), printed (``print``), a statement on its own
  (``expr``) or assigned (``assign``); ``col``/``end`` span the call, ``scope`` says where
  it is (``async``: in an ``async def``, ``def``: a plain function, ``module``: top level).
* ``bare_create_task``: ``asyncio.create_task(...)`` (or ``ensure_future``) as a statement
  on its own, its task kept by nothing; ``call`` is the function as written.
* ``run_call``: ``asyncio.run(...)`` inside a function (where a loop may already run);
  ``arg`` spans its first argument.
* ``get_event_loop``: a call of ``asyncio.get_event_loop()`` (with ``scope``).
* ``time_sleep``: a call of ``time.sleep(...)`` (with ``scope``; ``arg`` spans its argument).

Only the source is read; nothing runs. A program that does not parse has no facts.
"""

import ast

# A machine-made program must not make the trace large; the schema's bound too.
from .shared_limits import COACH_FACTS_MAX as _MAX_FACTS

_PLAIN = (ast.FunctionDef, ast.Lambda)
_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
_CREATE = ("create_task", "ensure_future")
# asyncio's coroutine functions a learner calls and forgets to await.
_ASYNCIO_COROUTINES = ("sleep", "wait_for", "wait", "to_thread", "open_connection", "start_server")


def coach_facts(source):
    """The coach facts of `source` (text), in source order; [] when it does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    lines = source.splitlines()
    try:
        facts = _Finder(lines, tree).facts
    except RecursionError:
        return []
    facts.sort(key=lambda fact: (fact["line"], fact.get("col", -1)))
    return facts[:_MAX_FACTS]


def _async_names(tree):
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.AsyncFunctionDef)}


def _imported(tree, module):
    """Names bound to `module`'s functions by `from module import ...`: name -> function."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == module:
            for alias in node.names:
                names[alias.asname or alias.name] = alias.name
    return names


def _own_nodes(func):
    """The nodes of `func`'s body that are its own: nested functions and classes left out."""
    stack = list(func.body)
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if not isinstance(child, _FUNCS + (ast.ClassDef,)):
                stack.append(child)


class _Finder(ast.NodeVisitor):
    def __init__(self, lines, tree):
        self.lines = lines
        self.facts = []
        self.funcs = []  # the enclosing functions, innermost last
        self.async_names = _async_names(tree)
        self.asyncio_names = _imported(tree, "asyncio")
        self.time_names = _imported(tree, "time")
        self.visit(tree)

    def col(self, line, offset):
        """A column in characters: ast counts the UTF-8 bytes of the line."""
        if line is None or offset is None or not 1 <= line <= len(self.lines):
            return None
        return len(self.lines[line - 1].encode("utf-8")[:offset].decode("utf-8", "replace"))

    def span(self, node):
        """{col, end} of `node` when it sits on one line, else {col}."""
        fact = {"col": self.col(node.lineno, node.col_offset)}
        if node.end_lineno == node.lineno:
            fact["end"] = self.col(node.lineno, node.end_col_offset)
        return fact

    def add(self, kind, node, **fields):
        if len(self.facts) < _MAX_FACTS * 2:
            self.facts.append({"kind": kind, "line": node.lineno, **fields})

    def asyncio_function(self, func):
        """Which asyncio function `func` (a call's callee) names, or None."""
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            return func.attr if func.value.id == "asyncio" else None
        if isinstance(func, ast.Name):
            return self.asyncio_names.get(func.id)
        return None

    def scope(self):
        func = self.funcs[-1] if self.funcs else None
        if func is None:
            return "module"
        return "async" if isinstance(func, ast.AsyncFunctionDef) else "def"

    def arg_span(self, node):
        """{arg: [col, end]} of a call's first argument when it sits on the call's line."""
        if not node.args:
            return {}
        arg = node.args[0]
        if not arg.end_lineno == arg.lineno == node.lineno:
            return {}
        return {"arg": [self.col(arg.lineno, arg.col_offset), self.col(arg.lineno, arg.end_col_offset)]}

    def own_coroutine(self, node):
        """The name of the coroutine function `node` calls (the program's own, or asyncio's)."""
        if not isinstance(node, ast.Call):
            return None
        func = node.func
        which = self.asyncio_function(func)
        if which in _ASYNCIO_COROUTINES:
            return "asyncio." + which
        name = None
        if isinstance(func, ast.Name):
            name = func.id
        elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            name = func.attr if func.value.id in ("self", "cls") else None
        return name if name in self.async_names else None

    def visit_function(self, node):
        self.funcs.append(node)
        self.generic_visit(node)
        self.funcs.pop()

    def visit_FunctionDef(self, node):
        self.visit_function(node)

    def visit_Lambda(self, node):
        self.visit_function(node)

    def visit_AsyncFunctionDef(self, node):
        if not (node.name.startswith("__") and node.name.endswith("__")):
            own = list(_own_nodes(node))
            awaits = (ast.Await, ast.AsyncFor, ast.AsyncWith, ast.Yield, ast.YieldFrom)
            if not any(isinstance(n, awaits) for n in own):
                self.add("async_without_await", node, name=node.name)
        self.visit_function(node)

    def visit_Await(self, node):
        func = self.funcs[-1] if self.funcs else None
        if isinstance(func, _PLAIN):
            name = func.name if isinstance(func, ast.FunctionDef) else "<lambda>"
            where = {"name": name, "line": func.lineno, "col": self.col(func.lineno, func.col_offset)}
            self.add("await_outside_async", node, **self.span(node), **{"def": where})
        # An awaited call is the right use: only its arguments are looked at.
        value = node.value
        if isinstance(value, ast.Call):
            self.visit(value.func)
            for arg in value.args + [kw.value for kw in value.keywords]:
                self.visit(arg)
        else:
            self.visit(value)

    def visit_Return(self, node):
        self.unawaited(node.value, "return")
        self.generic_visit(node)

    def visit_Expr(self, node):
        value = node.value
        self.unawaited(value, "expr")
        if isinstance(value, ast.Call) and self.asyncio_function(value.func) in _CREATE:
            call = ast.get_source_segment("\n".join(self.lines), value.func) or "asyncio.create_task"
            self.add("bare_create_task", value, **self.span(value), call=call)
        self.generic_visit(node)

    def visit_Assign(self, node):
        self.unawaited(node.value, "assign")
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        self.unawaited(node.value, "assign")
        self.generic_visit(node)

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Name) and func.id == "print":
            for arg in node.args:
                self.unawaited(arg, "print")
        which = self.asyncio_function(func)
        if which == "run" and self.funcs and node.args:
            self.add("run_call", node, **self.span(node), **self.arg_span(node))
        elif which == "get_event_loop":
            self.add("get_event_loop", node, **self.span(node), scope=self.scope())
        elif self.time_sleep(func):
            self.add("time_sleep", node, **self.span(node), **self.arg_span(node), scope=self.scope())
        self.generic_visit(node)

    def time_sleep(self, func):
        if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
            return func.value.id == "time" and func.attr == "sleep"
        return isinstance(func, ast.Name) and self.time_names.get(func.id) == "sleep"

    def unawaited(self, value, use):
        name = self.own_coroutine(value)
        if name is not None:
            self.add("coroutine_call", value, **self.span(value), name=name, use=use, scope=self.scope())
