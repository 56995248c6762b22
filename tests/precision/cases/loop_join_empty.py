def h(c: bool) -> None:
    x = None
    for i in range(3):
        if c:
            x = 1
        reveal_type(x)
    reveal_type(x)
def k(c: bool) -> None:
    x = None
    if c:
        x = 1
    reveal_type(x)
