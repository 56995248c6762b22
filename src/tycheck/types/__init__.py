"""tycheck.types layer."""
