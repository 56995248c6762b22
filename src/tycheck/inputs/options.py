"""Checker options: one frozen value holding every setting mypy 2.4.1 knows about.

Field names and defaults follow mypy's ``Options`` attributes so that config files, inline
``# mypy:`` comments and command lines written for mypy mean the same thing here. Where mypy
keeps a mutable list, set or dict we keep a tuple, frozenset or ``FrozenMap`` so that an
``Options`` value is hashable and can be an engine input compared by value.

Per-module sections (``[mypy-foo]``, ``[mypy-foo.*]``, ``[mypy-*.bar]``) are stored raw in
``per_module_options`` and resolved by ``for_module``; results are memoised on the instance,
which is safe because the instance never changes.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Final, TypeVar

K = TypeVar("K")
V = TypeVar("V")

#: Options a per-module config section (or an inline comment) may set.
PER_MODULE_OPTIONS: Final = frozenset(
    {
        "allow_redefinition_old",
        "allow_redefinition",
        "allow_untyped_globals",
        "always_false",
        "always_true",
        "check_unreachable",
        "check_untyped_defs",
        "debug_cache",
        "disable_error_code",
        "disabled_error_codes",
        "disallow_any_decorated",
        "disallow_any_explicit",
        "disallow_any_expr",
        "disallow_any_generics",
        "disallow_any_unimported",
        "disallow_incomplete_defs",
        "disallow_subclassing_any",
        "disallow_untyped_calls",
        "disallow_untyped_decorators",
        "disallow_untyped_defs",
        "enable_error_code",
        "enabled_error_codes",
        "extra_checks",
        "follow_imports_for_stubs",
        "follow_imports",
        "follow_untyped_imports",
        "ignore_errors",
        "ignore_missing_imports",
        "implicit_optional",
        "implicit_reexport",
        "local_partial_types",
        "mypyc",
        "strict_concatenate",
        "strict_equality",
        "strict_equality_for_none",
        "strict_optional",
        "warn_no_return",
        "warn_return_any",
        "warn_unreachable",
        "warn_unused_ignores",
    }
)

#: What ``--strict`` (or ``strict = True`` in a config file) turns on, in mypy's order.
STRICT_FLAG_ASSIGNMENTS: Final[tuple[tuple[str, bool], ...]] = (
    ("disallow_any_generics", True),
    ("disallow_subclassing_any", True),
    ("disallow_untyped_calls", True),
    ("disallow_untyped_defs", True),
    ("disallow_incomplete_defs", True),
    ("check_untyped_defs", True),
    ("disallow_untyped_decorators", True),
    ("warn_redundant_casts", True),
    ("warn_unused_ignores", True),
    ("warn_return_any", True),
    ("implicit_reexport", False),
    ("strict_equality", True),
    ("extra_checks", True),
)

#: The command-line spelling of each strict flag, as listed in ``--help``.
STRICT_FLAG_NAMES: Final = (
    "--disallow-any-generics",
    "--disallow-subclassing-any",
    "--disallow-untyped-calls",
    "--disallow-untyped-defs",
    "--disallow-incomplete-defs",
    "--check-untyped-defs",
    "--disallow-untyped-decorators",
    "--warn-redundant-casts",
    "--warn-unused-ignores",
    "--warn-return-any",
    "--no-implicit-reexport",
    "--strict-equality",
    "--extra-checks",
)

INCOMPLETE_FEATURES: Final = frozenset({"PreciseTupleTypes", "InlineTypedDict"})
COMPLETE_FEATURES: Final = frozenset({"TypeVarTuple", "Unpack", "NewGenericSyntax", "TypeForm"})

DEFAULT_CACHE_DIR: Final = ".mypy_cache"
PYTHON3_VERSION_MIN: Final = (3, 10)


class FrozenMap(Mapping[K, V]):
    """An immutable, hashable mapping that keeps insertion order (config order matters)."""

    __slots__ = ("_items", "_hash")

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = ()) -> None:
        data = dict(items.items() if isinstance(items, Mapping) else items)
        self._items: dict[K, V] = data
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(tuple(self._items.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._items == other._items
        if isinstance(other, Mapping):
            return self._items == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._items!r})"


def freeze(value: object) -> object:
    """Turn lists, sets and dicts (as produced by config parsing) into hashable equivalents."""
    if isinstance(value, FrozenMap):
        return value
    if isinstance(value, Mapping):
        return FrozenMap((k, freeze(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    if isinstance(value, (set, frozenset)):
        return frozenset(freeze(v) for v in value)
    return value


def compile_module_glob(pattern: str) -> re.Pattern[str]:
    """A regex for a section pattern where a ``*`` component matches zero or more components."""
    parts = pattern.split(".")
    expr = re.escape(parts[0]) if parts[0] != "*" else ".*"
    for part in parts[1:]:
        expr += re.escape("." + part) if part != "*" else r"(\..*)?"
    return re.compile(expr + r"\Z")


@dataclass(frozen=True)
class Options:
    """Every checker setting; see mypy's documentation for the meaning of each field."""

    # -- build --
    build_type: int = 0
    python_version: tuple[int, int] = (sys.version_info[0], sys.version_info[1])
    python_executable: str | None = sys.executable
    platform: str = sys.platform
    custom_typing_module: str | None = None
    custom_typeshed_dir: str | None = None
    abs_custom_typeshed_dir: str | None = None
    mypy_path: tuple[str, ...] = ()
    report_dirs: FrozenMap[str, str] = field(default_factory=FrozenMap)
    no_silence_site_packages: bool = False
    no_site_packages: bool = False
    ignore_missing_imports: bool = False
    ignore_missing_imports_per_module: bool = False
    follow_untyped_imports: bool = False
    follow_imports: str = "normal"
    follow_imports_for_stubs: bool = False
    namespace_packages: bool = True
    explicit_package_bases: bool = False
    exclude: tuple[str, ...] = ()
    exclude_gitignore: bool = False
    # -- dynamic typing and untyped code --
    disallow_any_generics: bool = False
    disallow_any_unimported: bool = False
    disallow_any_expr: bool = False
    disallow_any_decorated: bool = False
    disallow_any_explicit: bool = False
    disallow_untyped_calls: bool = False
    untyped_calls_exclude: tuple[str, ...] = ()
    disallow_untyped_defs: bool = False
    disallow_incomplete_defs: bool = False
    check_unreachable: bool = False
    check_untyped_defs: bool = False
    disallow_untyped_decorators: bool = False
    disallow_subclassing_any: bool = False
    # -- warnings --
    warn_incomplete_stub: bool = False
    warn_redundant_casts: bool = False
    warn_no_return: bool = True
    warn_return_any: bool = False
    report_deprecated_as_note: bool = False
    deprecated_calls_exclude: tuple[str, ...] = ()
    warn_unused_ignores: bool = False
    warn_unused_configs: bool = False
    ignore_errors: bool = False
    strict_optional: bool = True
    show_error_context: bool = False
    color_output: bool = True
    error_summary: bool = True
    implicit_optional: bool = False
    implicit_reexport: bool = True
    allow_untyped_globals: bool = False
    allow_redefinition_old: bool = False
    allow_redefinition: bool = False
    strict_equality: bool = False
    strict_equality_for_none: bool = False
    strict_bytes: bool = True
    strict_concatenate: bool = False
    extra_checks: bool = False
    warn_unreachable: bool = False
    always_true: tuple[str, ...] = ()
    always_false: tuple[str, ...] = ()
    # -- error codes: raw names as written, and the effective sets of code names --
    disable_error_code: tuple[str, ...] = ()
    disabled_error_codes: frozenset[str] = frozenset()
    enable_error_code: tuple[str, ...] = ()
    enabled_error_codes: frozenset[str] = frozenset()
    scripts_are_modules: bool = False
    config_file: str | None = None
    quickstart_file: str | None = None
    files: tuple[str, ...] | None = None
    packages: tuple[str, ...] | None = None
    modules: tuple[str, ...] | None = None
    junit_xml: str | None = None
    junit_format: str = "global"
    # -- caching --
    incremental: bool = True
    # tycheck's own: a progress line on a terminal's stderr (``--no-progress`` turns it off).
    progress: bool = True
    cache_dir: str = DEFAULT_CACHE_DIR
    sqlite_cache: bool = True
    sqlite_num_shards: int = 16
    fixed_format_cache: bool = True
    debug_cache: bool = False
    skip_version_check: bool = False
    skip_cache_mtime_checks: bool = False
    fine_grained_incremental: bool = False
    cache_fine_grained: bool = False
    use_fine_grained_cache: bool = False
    debug_serialize: bool = False
    mypyc: bool = False
    inspections: bool = False
    preserve_asts: bool = False
    include_docstrings: bool = False
    plugins: tuple[str, ...] = ()
    per_module_options: FrozenMap[str, FrozenMap[str, object]] = field(default_factory=FrozenMap)
    # -- development --
    verbosity: int = 0
    pdb: bool = False
    show_traceback: bool = False
    raise_exceptions: bool = False
    dump_type_stats: bool = False
    dump_inference_stats: bool = False
    dump_build_stats: bool = False
    enable_incomplete_feature: tuple[str, ...] = ()
    timing_stats: str | None = None
    line_checking_stats: str | None = None
    semantic_analysis_only: bool = False
    use_builtins_fixtures: bool = False
    test_env: bool = False
    # -- experimental and output --
    num_workers: int = 0
    shadow_file: tuple[tuple[str, str], ...] | None = None
    show_column_numbers: bool = False
    show_error_end: bool = False
    hide_error_codes: bool = False
    show_error_code_links: bool = False
    reveal_verbose_types: bool = False
    pretty: bool = False
    dump_graph: bool = False
    dump_deps: bool = False
    logical_deps: bool = False
    local_partial_types: bool = True
    native_parser: bool = True
    bazel: bool = False
    export_types: bool = False
    package_root: tuple[str, ...] = ()
    cache_map: FrozenMap[str, tuple[str, str]] = field(default_factory=FrozenMap)
    fast_exit: bool = True
    fast_module_lookup: bool = False
    allow_empty_bodies: bool = False
    transform_source: None = None
    show_absolute_path: bool = False
    install_types: bool = False
    non_interactive: bool = False
    many_errors_threshold: int = -1
    old_type_inference: bool = False
    disable_expression_cache: bool = False
    export_ref_info: bool = False
    pos_only_special_methods: bool = True
    disable_bytearray_promotion: bool = True
    disable_memoryview_promotion: bool = True
    output: str | None = None
    mypyc_annotation_file: str | None = None
    mypyc_skip_c_generation: bool = False
    # -- tycheck's own --
    #: Flags given that mypy accepts but whose effect tycheck does not implement.
    unsupported_flags: tuple[str, ...] = ()
    # Memo of for_module results; not part of the value.
    _module_cache: dict[str, Options] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )
    _structured_memo: list[dict[str, Options]] = field(
        default_factory=list, init=False, repr=False, compare=False, hash=False
    )

    # ---------------------------------------------------------------- derived views

    @property
    def show_error_codes(self) -> bool:
        """The positive spelling of ``hide_error_codes`` (config key ``show_error_codes``)."""
        return not self.hide_error_codes

    def is_code_enabled(
        self, code_name: str, default_enabled: bool, *, sub_code_of: str | None = None
    ) -> bool:
        """Whether errors with this code are reported in code governed by these options.

        An explicit disable wins over an explicit enable of the same code only when both
        came from the same level; ``enabled_error_codes`` and ``disabled_error_codes`` are
        already resolved so that they never share a name.
        """
        if code_name in self.disabled_error_codes:
            return False
        if code_name in self.enabled_error_codes:
            return True
        if sub_code_of is not None and sub_code_of in self.disabled_error_codes:
            return False
        return default_enabled

    # ---------------------------------------------------------------- derivation

    def with_overrides(self, changes: Mapping[str, object]) -> Options:
        """A copy with some fields replaced, as a per-module section or inline comment does.

        Error-code lists in ``changes`` act on top of this value's resolved sets: a
        disable removes an enable and vice versa, enables applied last so they win.
        Names that are not known error codes are ignored here (they are reported where the
        option was written).
        """
        names = option_field_names()
        frozen = {k: freeze(v) for k, v in changes.items() if k in names}
        frozen.pop("enabled_error_codes", None)
        frozen.pop("disabled_error_codes", None)
        new = replace(self, **frozen)  # type: ignore[arg-type]
        if changes.get("ignore_missing_imports"):
            # A per-module ignore behaves slightly differently from the global one.
            new = replace(new, ignore_missing_imports_per_module=True)
        known = _known_error_code_names()
        disabled = set(self.disabled_error_codes)
        enabled = set(self.enabled_error_codes)
        for name in new.disable_error_code:
            if known is None or name in known:
                disabled.add(name)
                enabled.discard(name)
        for name in new.enable_error_code:
            if known is None or name in known:
                enabled.add(name)
                disabled.discard(name)
        return replace(
            new, enabled_error_codes=frozenset(enabled), disabled_error_codes=frozenset(disabled)
        )

    def for_module(self, module: str) -> Options:
        """The options in effect for ``module`` after applying matching per-module sections.

        Precedence (last applied wins): the global section, then the closest structured
        wildcard ``foo.bar.*`` (which itself inherits from ``foo.*``), or the concrete
        section ``foo.bar`` if there is one; then every unstructured glob such as
        ``*.bar`` or ``foo.*.baz`` that matches, in file order.
        """
        cached = self._module_cache.get(module)
        if cached is not None:
            return cached
        result = self._resolve_for_module(module)
        self._module_cache[module] = result
        return result

    def _resolve_for_module(self, module: str) -> Options:
        if not self.per_module_options:
            return self
        structured = self._structured_sections()
        if module in structured:
            return structured[module]
        options = self
        parent = self._closest_wildcard(module, structured)
        if parent is not None:
            options = structured[parent]
        if not module.endswith(".*"):
            for key in self._unstructured_globs():
                if compile_module_glob(key).match(module):
                    options = options.with_overrides(self.per_module_options[key])
        return options

    @staticmethod
    def _closest_wildcard(module: str, structured: Mapping[str, Options]) -> str | None:
        path = module.split(".")
        for i in range(len(path), 0, -1):
            key = ".".join(path[:i] + ["*"])
            if key in structured:
                return key
        return None

    def _unstructured_globs(self) -> list[str]:
        return [k for k in self.per_module_options if "*" in k[:-1]]

    def _structured_sections(self) -> dict[str, Options]:
        """Options for each ``foo.bar.*`` and ``foo.bar`` section, parents applied first."""
        if self._structured_memo:
            return self._structured_memo[0]
        keys = [k for k in self.per_module_options if "*" not in k[:-1]]
        # Sorting puts foo.* before foo.bar.*, and all wildcards go before concrete names,
        # so a section's parent is always built before the section itself.
        ordered = sorted(k for k in keys if k.endswith(".*")) + [
            k for k in keys if not k.endswith(".*")
        ]
        sections: dict[str, Options] = {}
        for key in ordered:
            parent = self._closest_wildcard(key, sections)
            base = sections[parent] if parent is not None else self
            if not key.endswith(".*"):
                for glob in self._unstructured_globs():
                    if compile_module_glob(glob).match(key):
                        base = base.with_overrides(self.per_module_options[glob])
            sections[key] = base.with_overrides(self.per_module_options[key])
        self._structured_memo.append(sections)
        return sections

    # ---------------------------------------------------------------- unused sections

    def config_sections_used_by(self, module: str) -> frozenset[str]:
        """The per-module sections that count as used when ``module`` is looked up.

        Mirrors mypy: a concrete section is used only by its own module; otherwise the
        closest structured wildcard and every matching unstructured glob are used.
        """
        if not self.per_module_options:
            return frozenset()
        structured = self._structured_sections()
        if module in structured:
            return frozenset({module})
        used: set[str] = set()
        parent = self._closest_wildcard(module, structured)
        if parent is not None:
            used.add(parent)
        if not module.endswith(".*"):
            used.update(
                g for g in self._unstructured_globs() if compile_module_glob(g).match(module)
            )
        return frozenset(used)

    def unused_config_sections(self, modules: Iterable[str]) -> list[str]:
        """Sections (in config order) not used by any of ``modules``.

        Unstructured globs also count as used when they match a concrete section name.
        """
        used: set[str] = set()
        concrete = [k for k in self.per_module_options if "*" not in k]
        for key in concrete:
            used.update(g for g in self._unstructured_globs() if compile_module_glob(g).match(key))
        for module in modules:
            used |= self.config_sections_used_by(module)
        return [k for k in self.per_module_options if k not in used]

    # ---------------------------------------------------------------- identity

    def snapshot(self) -> dict[str, object]:
        """Every public field and its value."""
        return {f.name: getattr(self, f.name) for f in fields(self) if not f.name.startswith("_")}

    def fingerprint(self) -> str:
        """A stable digest of all settings: equal options give equal fingerprints across runs."""
        text = json.dumps(_canonical(self.snapshot()), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(value: object) -> object:
    """A JSON-friendly form whose serialisation does not depend on set or dict order."""
    if isinstance(value, Mapping):
        return [[str(k), _canonical(v)] for k, v in value.items()]
    if isinstance(value, (set, frozenset)):
        return sorted((_canonical(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return repr(value)


def _known_error_code_names() -> frozenset[str] | None:
    """Names of all error codes, or None while the registry is not available."""
    try:
        from tycheck.errors import codes
    except ImportError:
        return None
    registry = getattr(codes, "ERROR_CODES", None)
    if not registry:
        return None
    return frozenset(registry)


def known_error_code_names() -> frozenset[str] | None:
    """Public accessor used by the command line and config validation."""
    return _known_error_code_names()


def option_field_names() -> frozenset[str]:
    """Names of all public option fields (what a config file may mention)."""
    return frozenset(f.name for f in fields(Options) if not f.name.startswith("_"))


def default_values() -> dict[str, object]:
    """A fresh dictionary of every public field's default value."""
    return Options().snapshot()


def thaw(name: str, value: object) -> object:
    """Option values in the mutable shapes config parsing and argparse work on."""
    if name == "python_version":
        return value
    if isinstance(value, FrozenMap):
        return {k: thaw("", v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [thaw("", v) for v in value]
    if isinstance(value, frozenset):
        return set(value)
    return value


def builder_values(options: Options) -> dict[str, object]:
    """All public fields in mutable shapes, for config parsing and argparse to work on."""
    return {k: thaw(k, v) for k, v in options.snapshot().items()}
