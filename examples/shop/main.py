"""Uses the shop model, with three deliberate mistakes for tycheck to find."""

from models import Cart, Item


def checkout(cart: Cart) -> str:
    total = cart.total()
    return total  # error: a float is not a str


cart = Cart()
cart.add(Item("apple", 1.5))
cart.add("pear")  # error: a str is not an Item
found = cart.find("apple")
print(found.price)  # error: found may be None
reveal_type(cart.items)
