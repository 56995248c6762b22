"""tycheck.errors layer."""
