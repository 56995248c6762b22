"""Which imported names a module exports: the explicit re-export rules of stubs.

In a stub (and in any module under ``--no-implicit-reexport``) a name bound by an import is
private unless it is imported as ``import m as m`` / ``from m import x as x``, listed in
``__all__``, or is the package's own submodule (``from . import sub`` in ``pkg/__init__``).
Importing such a name elsewhere is reported, though it still resolves.
"""

from __future__ import annotations

from tycheck.checker.core.program import Program
from tycheck.semantic.symbols import IMPORTED, MODULE, Symbol


def not_exported_message(module: str, name: str) -> str:
    return f'Module "{module}" does not explicitly export attribute "{name}"'


def is_hidden_import(p: Program, module: str, name: str) -> bool:
    """Whether ``name`` in ``module`` is bound by an import that the module does not export."""
    mod = p.module(module)
    if mod is None:
        return False
    sym = mod.ns.get(name)
    if sym is None or sym.kind not in (IMPORTED, MODULE) or sym.explicit_reexport:
        return False
    if mod.ns.all_names is not None and name in mod.ns.all_names:
        return False
    if not mod.is_stub and _implicit_reexport(p, module):
        return False
    return not _is_own_submodule(module, sym)


def _implicit_reexport(p: Program, module: str) -> bool:
    opts = p.options
    for_module = getattr(opts, "for_module", None)
    if for_module is not None:
        opts = for_module(module)
    return bool(getattr(opts, "implicit_reexport", True))


def _is_own_submodule(module: str, sym: Symbol) -> bool:
    # ``from . import sub`` (or ``from pkg import sub``) inside ``pkg`` binds ``pkg.sub``,
    # which is an attribute of the package anyway.
    if sym.kind == IMPORTED and sym.target is not None and sym.attr is not None:
        return f"{sym.target}.{sym.attr}" == f"{module}.{sym.name}"
    return False
