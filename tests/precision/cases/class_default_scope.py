# A method's defaults see the class body's names only when defined before the method
# (trio._abc: def socket(self, family=socket.AF_INET)).
import json
import socket


class SocketFactory:
    loads = json.loads

    def socket(self, family: int = socket.AF_INET, kind: int = socket.SOCK_STREAM) -> None: ...

    def decode(self, text: str, parse=loads) -> object:
        return parse(text)

    def json(self, dumps=json.dumps) -> str:
        return dumps({})


class Response:
    json_module = json  # the module: the property below is defined later (werkzeug)

    @property
    def json(self) -> int:
        return 1

    def get_json(self, data: str) -> object:
        return self.json_module.loads(data)


reveal_type(Response.json_module)
