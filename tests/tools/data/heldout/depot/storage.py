"""Repositories that keep objects by key."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Generic, Iterator, TypeVar, overload

from depot.models import Item, Location

K = TypeVar("K")
V = TypeVar("V")


class Repository(ABC, Generic[K, V]):
    @abstractmethod
    def get(self, key: K) -> V | None: ...

    @abstractmethod
    def put(self, key: K, value: V) -> None: ...

    def count(self) -> int:
        return 0


class MemoryRepository(Repository[K, V]):
    def __init__(self) -> None:
        self.data: dict[K, V] = {}

    def get(self, key):
        return self.data.get(key)

    def put(self, key, value):
        self.data[key] = value

    def count(self):
        return len(self.data)

    def __iter__(self) -> Iterator[K]:
        return iter(self.data)


class ItemRepository(MemoryRepository[str, Item]):
    def cheapest(self):
        items = list(self.data.values())
        if not items:
            return None
        return min(items, key=lambda item: item.price)

    def by_tag(self, tag):
        return [item for item in self.data.values() if tag in item.tags]


@overload
def lookup(repo: ItemRepository, key: str) -> Item | None: ...
@overload
def lookup(repo: ItemRepository, key: list[str]) -> list[Item | None]: ...
def lookup(repo: ItemRepository, key: str | list[str]) -> Item | None | list[Item | None]:
    if isinstance(key, str):
        return repo.get(key)
    return [repo.get(k) for k in key]


def locate_all(places, skus):
    found = {}
    for sku in skus:
        if sku in places:
            found[sku] = places[sku]
    return found


DEFAULT_LOCATION = Location(1)
