# mypy: disallow-untyped-defs
"""Untyped dunders: mypy forgets positional-only names, so self alone is no longer "self"."""
class C:
    def __repr__(self):
        return "x"
    def __foo__(self):
        return 1
    def __len__(self):
        return 1
    def __str__(self):
        return ""
    def __hash__(self):
        return 1
    def __bool__(self):
        return True
def pos(self, /):
    pass
def dunder_arg(__x):
    pass
def plain(self):
    pass
