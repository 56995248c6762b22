"""Flow-sensitive types: the binder, narrowing, type guards, match patterns, reachability."""
