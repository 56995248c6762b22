# mypy: enable-error-code="possibly-undefined"
# Names bound on some paths only; a branch that ends in a call that never returns, a
# ``break`` that binds, and an ``else`` of the loop bind on every path that goes on.
import sys
def pick(flag: bool, items: list[int]) -> int:
    if flag:
        chosen = 1
    else:
        sys.exit("no")
    for item in items:
        if item:
            found = item
            break
    else:
        found = 0
    for item in items:
        last = item
    try:
        value = int("3")
    except ValueError:
        print(value)
    return chosen + found + last
