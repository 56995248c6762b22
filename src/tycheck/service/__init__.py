"""tycheck.service layer."""
