from pathlib import Path

allowed = {"a": str, "b": bytes, "c": int, "d": object}
reveal_type(allowed)
reveal_type([str, int])
reveal_type([str, object])
reveal_type([str, str])
reveal_type([int, float])


def f(c: bool) -> None:
    for name_type in [Path, str]:
        reveal_type(name_type("x"))
