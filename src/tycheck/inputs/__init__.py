"""tycheck.inputs layer."""
