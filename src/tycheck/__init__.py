"""tycheck: a mypy-compatible static type checker for Python on an incremental query engine."""

__version__ = "0.1.0"
