"""tycheck.engine layer."""
