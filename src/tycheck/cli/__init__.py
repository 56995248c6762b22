"""tycheck.cli layer."""
