"""The depot's entry point: build a stock, price it, print reports."""

from __future__ import annotations

from depot.models import Box, Category, Item, Location, Stock
from depot.pricing import PriceBook, apply_all, make_rule, round_price, scale, total
from depot.reports import StockReport, first_word, grouped, render, summary
from depot.storage import DEFAULT_LOCATION, ItemRepository, locate_all, lookup

CATALOG = [
    Item("h1", "hammer", 12.5, Category.TOOLS, ["metal"]),
    Item("b7", "bread", 2.25, Category.FOOD),
    Item("k3", "kite", 8.0, Category.TOYS, ["summer", "outdoor"]),
]


def build_repository(items: list[Item]) -> ItemRepository:
    repo = ItemRepository()
    for item in items:
        repo.put(item.sku, item)
    return repo


def stock_up(stock, items, amount=5):
    for item in items:
        stock.add(item.sku, amount)
        stock.place(item.sku, Location(len(item.name), 2))
    return stock


def main() -> None:
    repo = build_repository(CATALOG)
    stock = stock_up(Stock(), CATALOG)
    stock.owner = "ada"
    book = PriceBook(1.1)
    book.set_price("h1", 11.0)
    hammer = lookup(repo, "h1")
    several = lookup(repo, ["h1", "k3"])
    cheapest = repo.cheapest()
    tagged = repo.by_tag("summer")
    rule = make_rule(10)
    discounted = apply_all(CATALOG, rule)
    boxed = Box(CATALOG[0], 2.5).relabel("empty")
    places = locate_all(stock.places, ["h1", "zz"])
    where = stock.where("b7") or DEFAULT_LOCATION
    print(render(StockReport(stock), CATALOG))
    print(summary(CATALOG, book), total(CATALOG, with_tax=False), round_price(3.14159, 3))
    print(hammer, several, cheapest, tagged, discounted, boxed.unwrap(), places, where.code())
    print(grouped(CATALOG), first_word("deep blue"), scale([1, 2], 3), repo.count())


if __name__ == "__main__":
    main()
