# A class attribute holding a module may hold another module in a subclass (flask's
# Response.json_module = flask.json over werkzeug's json); a module alias assigned another
# module is a semantic error of its own.
import json
import sys
import types


class Base:
    json_module = json


class Sub(Base):
    json_module = sys


def use(m: types.ModuleType) -> None: ...


use(json)
alias = json
alias = sys
same = json
same = json
reveal_type(Sub.json_module)
