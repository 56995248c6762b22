"""tycheck.modules layer."""
