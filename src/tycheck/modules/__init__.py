"""tycheck.modules: module names, search paths, typeshed and stub packages, module resolution.

Public API:

* ``search``: ``SearchPaths``, ``compute_search_paths`` (mypy's order of search-path groups);
* ``resolve``: ``ModuleFinder`` (memoised lookups), ``find_module``, ``ModuleFile``,
  ``ModuleNotFound``, ``ModuleNotFoundReason``, ``load_stdlib_versions``;
* ``messages``: ``module_not_found_messages`` / ``module_not_found_report`` (mypy's texts);
* ``sources``: ``BuildSource``, ``find_sources``, ``find_duplicate``;
* ``typeshed_versions``: ``StdlibVersions`` (the stdlib VERSIONS table);
* ``stub_packages``: ``stub_distribution`` (known ``types-*`` distributions);
* ``failure``: ``SourceError`` (bad targets or search setup: message and exit code).
"""
