import os
import posixpath as _p

q = _p


def f(files: set[str], x: str, a: object) -> None:
    reveal_type(q)
    reveal_type(os.path.abspath(x))
    reveal_type({os.path.abspath(f) for f in files})
    reveal_type(os.path.join("a", x))


class C:
    def __init__(self, files: set[str]) -> None:
        self.files = {os.path.abspath(f) for f in files}

    def isfile(self, path: str) -> bool:
        return path in self.files
