"""tycheck.modules: module names, search paths, typeshed and stub packages, module resolution.

Public API:

* ``search``: ``SearchPaths``, ``compute_search_paths`` (mypy's order of search-path groups);
* ``resolve``: ``ModuleFinder`` (memoised lookups), ``find_module``, ``ModuleFile``,
  ``ModuleNotFound``, ``ModuleNotFoundReason``, ``load_stdlib_versions``;
* ``messages``: ``module_not_found_messages`` / ``module_not_found_report`` (mypy's texts);
* ``import_report``: ``arrange_import_failures`` (a file's failures as mypy reports them),
  ``is_once_per_run``;
* ``bundled_stubs/``: typeshed's ``mypy-extensions`` and ``librt`` stubs (package data), searched
  by ``search.typeshed_dirs`` after the stdlib;
* ``sources``: ``BuildSource``, ``find_sources``, ``find_duplicate``;
* ``typeshed_versions``: ``StdlibVersions`` (the stdlib VERSIONS table);
* ``stub_packages``: ``stub_distribution`` (known ``types-*`` distributions);
* ``failure``: ``SourceError`` (bad targets or search setup: message and exit code).
"""
