"""One exception hierarchy. The library raises; the CLI and the page translate.

AssistantError
├── InputError            bad user input (empty / too long question, unknown doc id)
├── DocumentError         a file cannot be read or parsed (names file and line)
│   ├── UnsupportedFormatError   .doc / .wps / unknown extension
│   └── EmptyDocumentError       nothing readable in the file
├── IndexError_           the index is missing, stale, corrupt or mismatched
│   └── IndexNotReady        the index is still being built in the background (ask again shortly)
├── ModelError            the embedding model cannot be found or built
└── ConfigError           a setting has an invalid value

Every message says what was wrong, what is allowed, and what to do next,
in Chinese and English.
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base class; ``str(err)`` is a complete, user-facing message."""


class InputError(AssistantError):
    pass


class DocumentError(AssistantError):
    def __init__(self, message: str, path: str | None = None, lineno: int | None = None):
        where = ""
        if path:
            where = f"{path}" + (f":{lineno}" if lineno else "") + ": "
        super().__init__(where + message)
        self.path = path
        self.lineno = lineno


class UnsupportedFormatError(DocumentError):
    pass


class EmptyDocumentError(DocumentError):
    pass


class IndexError_(AssistantError):  # noqa: N801 - avoid shadowing the builtin
    pass


class IndexNotReady(IndexError_):
    """Raised while a background build runs; the message says how far it is. Not a failure: ask again."""


class ModelError(AssistantError):
    pass


class ConfigError(AssistantError):
    pass
