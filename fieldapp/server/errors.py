"""Why the server refused, in words an analyst can act on (the CLI prints them as one line)."""
from fieldapp.core.errors import StoreError


class ServerError(StoreError):
    """Something about the server database or the request to it is wrong; nothing was changed.
    ``zh``: the same in Chinese, for the window (``text('zh')``); the CLI prints the English line."""

    def __init__(self, message: str, zh: str = ""):
        super().__init__(message)
        self.zh = zh


class ServerUnreachable(ServerError):
    """No connection: wrong URL or service name, server down, password refused."""


class ServerNotInitialised(ServerError):
    """The database has no FieldApp schema yet (run `fieldapp server init`)."""


class ServerSchemaBehind(ServerError):
    """The server schema lacks a table or column of this FieldApp's store."""
