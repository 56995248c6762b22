"""tycheck.base layer."""
