if __debug__:
    x = 1
reveal_type(__debug__)


def f() -> bool:
    return __debug__
