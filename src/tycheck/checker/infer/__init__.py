"""Inference: expressions, operators, calls and argument mapping, solving, overloads, partial types."""
