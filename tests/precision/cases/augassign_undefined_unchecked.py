def f():
    global x
    x += 1
def g() -> None:
    global y
    y += 1
