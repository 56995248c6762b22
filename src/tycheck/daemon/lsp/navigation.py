"""Hover, go to definition and go to type definition, answered by ``tycheckd inspect``'s code.

Hover is ``inspect`` at the cursor (the same ``answer_inspect`` over the same analyzer) (``--include-span``): the innermost expression's type, in
the same words, with its span as the hover's range. Definition is ``inspect --show
definition`` at the cursor, innermost expression first, so it reaches into other modules and
typeshed's stubs exactly as ``inspect`` does. Type definition finds the class of the innermost
expression's type through the same analyzer. Every answer is computed on the worker thread
after the open buffers have been checked, so it is for the text the editor shows.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from lsprotocol import types

from tycheck.daemon.lsp.convert import path_to_uri, uri_to_path
from tycheck.service.editor import EditorService
from tycheck.service.queries import NoProgram, SessionAnalyzer
from tycheck.service.query_data import instance_classes
from tycheck.tools.expr_spans import find_enclosing
from tycheck.tools.inspection import InspectOptions, answer_inspect

if TYPE_CHECKING:
    from tycheck.daemon.lsp.scheduler import Scheduler

# One hover line: "line:col:end_line:end_col -> "type"" (1-based, end inclusive).
_SPAN_TYPE = re.compile(r'^(\d+):(\d+):(\d+):(\d+) -> "(.*)"$')
# One definition: "path:line:column:name" (several are joined by ", ").
_DEFINITION = re.compile(r"(.+?):(\d+):(\d+):([^\s,:]+)(?:, |$)")


def _inspect(
    service: EditorService, location: str, options: InspectOptions
) -> dict[str, object] | None:
    """``inspect``'s answer; an error inside the checker propagates (to an error response)."""
    try:
        analyzer = SessionAnalyzer(service.session)
    except NoProgram:
        return None
    return answer_inspect(analyzer, location, options)


def _location(path: str, position: types.Position) -> str:
    """An ``inspect`` location: 1-based line and column."""
    return f"{path}:{position.line + 1}:{position.character + 1}"


async def hover(scheduler: "Scheduler", params: types.HoverParams) -> types.Hover | None:
    path = uri_to_path(params.text_document.uri)
    if path is None:
        return None
    options = InspectOptions(show="type", include_span=True)
    location = _location(path, params.position)
    answer = await scheduler.call(lambda service: _inspect(service, location, options))
    if not answer or answer.get("status") != 0:
        return None
    lines = str(answer.get("out", "")).splitlines()
    found = _SPAN_TYPE.match(lines[0]) if lines else None
    if found is None:
        return None
    line, col, end_line, end_col = (int(found.group(i)) for i in range(1, 5))
    span = types.Range(types.Position(line - 1, col - 1), types.Position(end_line - 1, end_col))
    return types.Hover(
        types.MarkupContent(types.MarkupKind.Markdown, f"```python\n{found.group(5)}\n```"), span
    )


async def definition(
    scheduler: "Scheduler", params: types.DefinitionParams
) -> list[types.Location] | None:
    path = uri_to_path(params.text_document.uri)
    if path is None:
        return None
    location = _location(path, params.position)
    answer = await scheduler.call(
        lambda service: _inspect(service, location, InspectOptions(show="definition"))
    )
    if not answer or answer.get("status") != 0:
        return None
    root = scheduler.root
    lines = str(answer.get("out", "")).splitlines()
    first = lines[0] if lines else ""
    out = []
    for found in _DEFINITION.finditer(first):
        target = os.path.normpath(os.path.join(root, found.group(1)))
        pos = types.Position(int(found.group(2)) - 1, max(int(found.group(3)) - 1, 0))
        out.append(types.Location(path_to_uri(target), types.Range(pos, pos)))
    return out or None


async def type_definition(
    scheduler: "Scheduler", params: types.TypeDefinitionParams
) -> list[types.Location] | None:
    path = uri_to_path(params.text_document.uri)
    if path is None:
        return None
    position = params.position
    found = await scheduler.call(
        lambda service: _type_definitions(service, path, position.line + 1, position.character + 1)
    )
    if not found:
        return None
    return [
        types.Location(
            path_to_uri(target), types.Range(types.Position(line, col), types.Position(line, col))
        )
        for target, line, col in found
    ]


def _type_definitions(
    service: EditorService, path: str, line: int, column: int
) -> list[tuple[str, int, int]]:
    """(path, 0-based line, column) of the classes of the innermost expression's type."""
    try:
        analyzer = SessionAnalyzer(service.session)
    except NoProgram:
        return []
    module = analyzer.module_by_path(path)
    if module is None:
        return []
    sites = find_enclosing(module.tree, line, column)
    if not sites:
        return []
    types_ = analyzer.expression_types(module, [sites[0].node])
    t = types_.get(sites[0].node)
    if t is None:
        return []
    out = []
    program = analyzer.program
    for cls in instance_classes(t, analyzer.metaclass):
        owner, _, name = cls.rpartition(".")
        loc = analyzer.defs.symbol_location(
            program.resolve(program.module_symbol(owner, name)), member=False
        )
        if loc is not None:
            out.append(
                (
                    os.path.normpath(os.path.join(service.root, loc.path)),
                    loc.line - 1,
                    max(loc.column - 1, 0),
                )
            )
    return out
