"""tycheck.semantic layer."""
