"""Checks of definitions: overrides, overload definitions, exceptions."""
