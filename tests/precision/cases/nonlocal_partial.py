from typing import Any


def outer(ip: Any) -> None:
    tb_data = {}

    def show(*args: Any, **kwargs: Any) -> None:
        nonlocal tb_data
        tb_data = kwargs

    def disp() -> None:
        nonlocal tb_data
        compiled = tb_data.get("running_compiled_code", False)
        tb_data = {}

    ip.a = disp
    ip.b = show
    reveal_type(tb_data)


def other() -> None:
    x = {}

    def inner() -> None:
        nonlocal x
        x = [1]

    reveal_type(x)
