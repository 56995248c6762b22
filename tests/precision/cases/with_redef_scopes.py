def f(p: str) -> None:
    with open(p, "rb") as f:
        f.read()
    with open(p, "w") as f:
        f.write("x")
    with open(p, "rb") as f:
        f.read()
def g(p: str) -> None:
    with open(p, "rb") as f:
        f.read()
    with open(p, "w") as f:
        f.write("x")
    print(f)
def h(p: str) -> None:
    with open(p, "rb") as f, open(p) as g:
        f.read()
    with open(p, "w") as f:
        with open(p) as f:
            f.write("x")
    def k() -> None: pass
def m(p: str) -> None:
    with open(p, "rb") as (f):
        f.read()
    with open(p, "w") as f:
        f.write("x")
    x = lambda: 1
    y = [f for f in "ab"]
