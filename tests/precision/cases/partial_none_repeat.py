def f() -> None:
    x = None
    x = None
    reveal_type(x)
def g(c: bool) -> None:
    x = None
    for i in range(3):
        x = None
        if c:
            x = 1
    reveal_type(x)
y = None
y = None
y = 3
reveal_type(y)
