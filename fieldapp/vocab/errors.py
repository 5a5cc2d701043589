"""Errors of the vocabulary: bad input named in both languages.

``field`` names the input ('parameter', 'value', 'unit', 'qualifier', 'standard', 'medium'); the
message (str) is English, ``zh`` the same in Chinese, so the UI shows the user's language and the
store wraps it in its ValidationError without losing either.
"""
from __future__ import annotations


class VocabError(ValueError):
    def __init__(self, field: str, message: str, zh: str = ""):
        super().__init__(message)
        self.field = field
        self.zh = zh or message

    def text(self, lang: str = "zh") -> str:
        return str(self) if lang.startswith("en") else self.zh
