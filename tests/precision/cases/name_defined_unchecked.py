def f7(x):
    return y


def f8(x: int) -> None:
    print(z)


def f9(x):
    g = lambda: w


def f10(x: int) -> None:
    g = lambda: w2


print(u)


class D:
    b = t

    def m(self):
        return s
