class Store:
    def close(self) -> None: ...

def make(o: int) -> Store: return Store()

class M:
    def __init__(self, names: list[str], opts: int, store: Store | None = None) -> None:
        for n in names:
            if opts:
                continue
        if store is None:
            store = make(opts)
        self.store = store

    def g(self) -> None:
        self.store.close()

class N:
    def __init__(self, names: list[str], opts: int | None, store: Store | None = None) -> None:
        for n in names:
            if opts is None:
                opts = 1
        if store is None:
            store = make(opts or 0)
        self.store = store

    def g(self) -> None:
        self.store.close()
