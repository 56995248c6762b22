"""tycheck.checker layer."""
