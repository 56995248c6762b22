from typing import IO, Iterable
class NullFile(IO[str]):
    def write(self, text: str) -> int:
        return 0
    def writelines(self, lines: Iterable[str]) -> None:
        pass
