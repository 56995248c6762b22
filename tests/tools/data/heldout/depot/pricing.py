"""Prices, taxes and totals."""

from __future__ import annotations

from typing import Callable, Iterable

from depot.models import Category, Item

TAX_RATES = {Category.TOOLS: 0.2, Category.FOOD: 0.05, Category.TOYS: 0.1}


def tax_for(item):
    return item.price * TAX_RATES[item.category]


def total(items, with_tax=True):
    amount = 0.0
    for item in items:
        amount += item.price
        if with_tax:
            amount += tax_for(item)
    return amount


def apply_all(items: Iterable[Item], rule: Callable[[Item], float]) -> list[float]:
    return [rule(item) for item in items]


def make_rule(percent):
    def rule(item: Item) -> float:
        return item.discounted(percent)

    return rule


def round_price(value, digits=2):
    return round(value, digits)


def describe(item, currency="EUR"):
    text = f"{item.name} {round_price(item.price)} {currency}"
    return text.upper()


def scale(values, factor):
    return [v * factor for v in values]


class PriceBook:
    def __init__(self, base):
        self.base = base
        self.overrides = {}

    def set_price(self, sku, price):
        self.overrides[sku] = price

    def price_of(self, item):
        if item.sku in self.overrides:
            return self.overrides[item.sku]
        return item.price * self.base
