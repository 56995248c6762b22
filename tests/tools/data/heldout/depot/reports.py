"""Reports printed by the depot."""

from __future__ import annotations

from depot.models import Item, Stock
from depot.pricing import PriceBook, describe, total


class Report:
    title: str = "report"

    def lines(self, items: list[Item]) -> list[str]:
        return [describe(item) for item in items]

    def footer(self, count: int) -> str:
        return f"{count} items"


class StockReport(Report):
    title = "stock"

    def __init__(self, stock: Stock) -> None:
        self.stock = stock

    def lines(self, items):
        out = []
        for item in items:
            out.append(f"{item.label} x{self.stock.counts.get(item.sku, 0)}")
        return out

    def footer(self, count):
        return f"{count} lines, owner {self.stock.owner}"


def render(report, items):
    body = report.lines(items)
    return "\n".join([report.title, *body, report.footer(len(body))])


def summary(items, book):
    prices = [book.price_of(item) for item in items]
    return {"count": len(prices), "total": total(items), "max": max(prices, default=0.0)}


def grouped(items):
    groups = {}
    for item in items:
        groups.setdefault(item.category, []).append(item)
    return groups


def first_word(text):
    def head(parts):
        return parts[0] if parts else ""

    return head(text.split())
