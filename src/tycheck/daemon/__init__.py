"""tycheck.daemon layer."""
