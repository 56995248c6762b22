"""A module's interface digest: what other modules can observe of it, hashed.

Other modules read a module's names, classes, signatures and declared attributes, never the
statements inside its function bodies. The digest therefore covers the whole tree except
function bodies, of which it keeps only what leaks out: assignments to attributes of the
first parameter (``self.x = ...`` declares an attribute), whether the body yields (which
changes an ``async def``'s type) and whether it is trivial (``...``, ``pass``). Positions
are left out, so moving code does not count as a change. Two trees with the same digest look
the same from any other module; the daemon uses this for early cutoff between modules.

Given the module's text, each part is hashed as its source text (the same text always parses
to the same tree, so this is at least as sensitive as the tree) instead of ``ast.dump``,
which is several times slower.
"""

from __future__ import annotations

import ast
import hashlib
from typing import Iterator

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def interface_digest(tree: ast.Module, text: str | None = None) -> str:
    global _LINES
    h = hashlib.blake2b(digest_size=16)
    # The parts are generated lazily below; ``_dump`` reads the lines while they are.
    _LINES = text.encode("utf-8", "surrogatepass").splitlines() if text is not None else None
    try:
        for part in _block(tree.body):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
    finally:
        _LINES = None
    return h.hexdigest()


# The source lines (bytes: positions are UTF-8 offsets) of the digest being computed, if known.
_LINES: list[bytes] | None = None


def _dump(node: ast.AST | None) -> str:
    if node is None:
        return ""
    end = getattr(node, "end_lineno", None)
    if _LINES is None or end is None or end > len(_LINES):
        return ast.dump(node, include_attributes=False)
    start, c1, c2 = node.lineno, node.col_offset, node.end_col_offset  # type: ignore[attr-defined]
    if start == end:
        piece = _LINES[start - 1][c1:c2]
    else:
        piece = b"\n".join([_LINES[start - 1][c1:], *_LINES[start : end - 1], _LINES[end - 1][:c2]])
    return piece.decode("utf-8", "surrogateescape")


def _dump_args(args: ast.arguments) -> str:
    """Parameters, annotations, defaults and kinds (``ast.arguments`` itself has no position)."""
    if _LINES is None:
        return _dump(args)
    parts = ["/" + _dump(a) + (a.type_comment or "") for a in args.posonlyargs]
    parts += [_dump(a) + (a.type_comment or "") for a in args.args]
    parts.append("*" + _dump(args.vararg) + (args.vararg.type_comment or "" if args.vararg else ""))
    parts += ["k" + _dump(a) + (a.type_comment or "") for a in args.kwonlyargs]
    parts.append("**" + _dump(args.kwarg) + (args.kwarg.type_comment or "" if args.kwarg else ""))
    parts += ["=" + _dump(d) for d in args.defaults]
    parts += ["k=" + _dump(d) for d in args.kw_defaults]
    return ",".join(parts)


def _block(body: list[ast.stmt]) -> Iterator[str]:
    for stmt in body:
        yield from _stmt(stmt)


def _stmt(stmt: ast.stmt) -> Iterator[str]:
    if isinstance(stmt, _FUNCS):
        yield from _function(stmt)
    elif isinstance(stmt, ast.ClassDef):
        yield "class " + stmt.name
        yield "bases " + "|".join(_dump(b) for b in stmt.bases)
        yield "keywords " + "|".join(_dump(k) for k in stmt.keywords)
        yield "decorators " + "|".join(_dump(d) for d in stmt.decorator_list)
        yield from _block(stmt.body)
        yield "end class"
    elif isinstance(stmt, (ast.If, ast.While)):
        yield type(stmt).__name__ + " " + _dump(stmt.test)
        yield from _block(stmt.body)
        yield "else"
        yield from _block(stmt.orelse)
        yield "end"
    elif isinstance(stmt, (ast.For, ast.AsyncFor)):
        yield "for " + _dump(stmt.target) + " in " + _dump(stmt.iter)
        yield from _block(stmt.body)
        yield "else"
        yield from _block(stmt.orelse)
        yield "end"
    elif isinstance(stmt, (ast.With, ast.AsyncWith)):
        yield "with " + "|".join(_dump(i) for i in stmt.items)
        yield from _block(stmt.body)
        yield "end"
    elif isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
        yield "try"
        yield from _block(stmt.body)  # type: ignore[attr-defined]
        for h in stmt.handlers:  # type: ignore[attr-defined]
            yield "except " + _dump(h.type) + " as " + (h.name or "")
            yield from _block(h.body)
        yield "else"
        yield from _block(stmt.orelse)  # type: ignore[attr-defined]
        yield "finally"
        yield from _block(stmt.finalbody)  # type: ignore[attr-defined]
        yield "end"
    else:
        yield _dump(stmt)


def _function(node: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[str]:
    yield ("async def " if isinstance(node, ast.AsyncFunctionDef) else "def ") + node.name
    yield _dump_args(node.args)
    yield _dump(node.returns)
    yield node.type_comment or ""
    yield "|".join(_dump(d) for d in node.decorator_list)
    self_name = _first_param(node)
    text = _source_of(node)
    if self_name:
        for stmt in _body_statements(node.body):
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and _assigns_self(stmt, self_name):
                yield "self-assign " + _dump(stmt)
    # Walking every expression is the costly part: the text says when there is nothing to find.
    yields = (text is None or b"yield" in text) and any(
        isinstance(sub, (ast.Yield, ast.YieldFrom)) for sub in _body_nodes(node)
    )
    yield "yields" if yields else "returns"
    # Whether the body is trivial leaks out too: an abstract or protocol method with a trivial
    # body makes ``super().m()`` unsafe and a subclass that does not override it abstract.
    yield "trivial" if _is_trivial(node.body) else "body"


def _source_of(node: ast.stmt) -> bytes | None:
    """The source bytes of the lines a statement spans (None without the module's text)."""
    end = node.end_lineno
    if _LINES is None or end is None or end > len(_LINES):
        return None
    return b"\n".join(_LINES[node.lineno - 1 : end])


def _body_statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements of a function body, nested blocks included, not entering nested scopes."""
    stack = list(reversed(body))
    while stack:
        stmt = stack.pop()
        yield stmt
        if isinstance(stmt, (*_FUNCS, ast.ClassDef)):
            continue
        blocks: list[list[ast.stmt]] = [
            getattr(stmt, f, None) or [] for f in ("body", "orelse", "finalbody")
        ]
        blocks += [h.body for h in getattr(stmt, "handlers", None) or []]
        blocks += [c.body for c in getattr(stmt, "cases", None) or []]
        for block in reversed(blocks):
            stack.extend(reversed(block))


def _is_trivial(body: list[ast.stmt]) -> bool:
    """A body of a docstring and/or one ``pass``, ``...`` or ``raise NotImplementedError``."""
    stmts = body[1:] if body and _is_docstring(body[0]) else body
    if not stmts:
        return True
    if len(stmts) > 1:
        return False
    s = stmts[0]
    if (
        isinstance(s, ast.Pass)
        or isinstance(s, ast.Expr)
        and isinstance(s.value, ast.Constant)
        and s.value.value is Ellipsis
    ):
        return True
    if isinstance(s, ast.Raise) and s.exc is not None:
        exc = s.exc.func if isinstance(s.exc, ast.Call) else s.exc
        return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"
    return False


def _is_docstring(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Constant)
        and isinstance(stmt.value.value, str)
    )


def _first_param(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    params = list(node.args.posonlyargs) + list(node.args.args)
    return params[0].arg if params else None


def _assigns_self(stmt: ast.Assign | ast.AnnAssign, self_name: str) -> bool:
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    for t in targets:
        for n in ast.walk(t):
            if (
                isinstance(n, ast.Attribute)
                and isinstance(n.value, ast.Name)
                and n.value.id == self_name
            ):
                return True
    return False


def _body_nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Nodes of a function body, not entering nested functions, classes or lambdas."""
    stack = list(node.body) if hasattr(node, "body") else []  # type: ignore[attr-defined]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, (*_FUNCS, ast.ClassDef, ast.Lambda)):
            continue
        stack.extend(ast.iter_child_nodes(n))
