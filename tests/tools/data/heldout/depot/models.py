"""Domain objects of the depot."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Generic, Optional, TypeVar

T = TypeVar("T")


class Category(Enum):
    TOOLS = "tools"
    FOOD = "food"
    TOYS = "toys"


@dataclass
class Item:
    sku: str
    name: str
    price: float
    category: Category = Category.TOOLS
    tags: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.sku}: {self.name}"

    def discounted(self, percent: int) -> float:
        return self.price * (100 - percent) / 100


@dataclass(frozen=True)
class Location:
    aisle: int
    shelf: int = 0

    def code(self) -> str:
        return f"A{self.aisle}-S{self.shelf}"


class Box(Generic[T]):
    def __init__(self, content: T, weight: float = 1.0) -> None:
        self.content = content
        self.weight = weight

    def unwrap(self) -> T:
        return self.content

    def relabel(self, content):
        return Box(content, self.weight)


class Stock:
    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.places: dict[str, Location] = {}
        self._owner: Optional[str] = None

    @property
    def owner(self) -> Optional[str]:
        return self._owner

    @owner.setter
    def owner(self, value: str) -> None:
        self._owner = value

    def add(self, sku, amount):
        self.counts[sku] = self.counts.get(sku, 0) + amount
        return self.counts[sku]

    def place(self, sku, location):
        self.places[sku] = location

    def where(self, sku: str) -> Optional[Location]:
        return self.places.get(sku)
