"""The statement checker: one body of statements with flow-sensitive types."""
