"""tycheck.tools layer."""
