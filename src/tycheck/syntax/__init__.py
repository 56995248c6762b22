"""tycheck.syntax layer."""
