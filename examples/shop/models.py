"""A tiny shop model: the example project tycheck checks in the README's quick start."""

from typing import Optional


class Item:
    def __init__(self, name: str, price: float) -> None:
        self.name = name
        self.price = price


class Cart:
    def __init__(self) -> None:
        self.items: list[Item] = []

    def add(self, item: Item) -> None:
        self.items.append(item)

    def total(self) -> float:
        return sum(i.price for i in self.items)

    def find(self, name: str) -> Optional[Item]:
        for item in self.items:
            if item.name == name:
                return item
        return None
