# An assignment to a nonlocal variable narrows it to the value, within the declared type
# of the enclosing function (werkzeug serving.py, trio test_run.py).
class Token:
    def run(self) -> None: ...
def current() -> Token: return Token()
def outer(s: str | None) -> None:
    token: Token | None = None
    sent: str | None = None
    mixed: int | str = 1
    def main() -> None:
        nonlocal token, sent, mixed
        token = current()
        token.run()
        assert s is not None
        if sent is None:
            sent = s
            a, b = sent.split(None, 1)
        mixed = "a"
        reveal_type(mixed)
        mixed = b""
    main()
