# A property object made by a function and held in a class attribute (werkzeug's
# _set_property): read from an instance it is Any, from the class a "property".
def _set_property(name: str) -> property:
    def fget(self: object) -> set[str]:
        return set()

    return property(fget)


class Response:
    vary = _set_property("Vary")
    allow: property


r = Response()
r.vary.add("Cookie")
r.allow.update(["GET"])
reveal_type(r.vary)
reveal_type(Response.vary)
