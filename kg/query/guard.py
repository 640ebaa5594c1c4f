"""What a query may not do: call out to other servers with ``SERVICE``, or be an update.

A ``SERVICE <url>`` clause makes both engines send an HTTP request to any address the host can
reach (server-side request forgery from ``/sparql``), so it is refused unless the caller allows it.
The check reads the query as SPARQL's lexer does: strings, IRIs and comments are skipped, and a
word counts as the keyword the way the parsers compare keywords (``service``, ``Service``, and the
``ſERVICE`` or ``SERVıCE`` that rdflib's ``str.upper()`` matching accepts). SPARQL applies ``\\uXXXX``
escapes before parsing (rdflib does, Oxigraph does not), so the text is read both as written and
with its escapes applied; the keyword in either refuses the query.

An update (``INSERT``, ``DELETE``, ``LOAD`` …) sent where a query is expected is told from a query
by its first word after the prologue, so the endpoint can refuse it as an update (403), not as a
syntax error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_LEXEMES = re.compile(r"""
    '''(?:[^'\\]|\\.|'(?!''))*'''            # long strings
  | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
  | '(?:[^'\\\n\r]|\\.)*'                   # short strings
  | "(?:[^"\\\n\r]|\\.)*"
  | <[^<>"{}|^`\\\x00-\x20]*>               # IRIs
  | \#[^\n\r]*                              # comments
  | [?$]?[\w:]+                             # words: keywords, names, variables, numbers
""", re.VERBOSE | re.DOTALL)
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def has_service(text: str) -> bool:
    """Whether ``text`` holds the keyword SERVICE outside strings, IRIs and comments, as written or
    with its ``\\u`` escapes applied."""
    return _service_word(text) or _service_word(_unescaped(text))


def update_word(text: str) -> str | None:
    """The update keyword ``text`` starts with after its PREFIX and BASE lines (``INSERT`` …), or
    None for a query (or for text that is neither)."""
    for word in _words(text):
        upper = word.upper()
        if upper in ("PREFIX", "BASE") or word.endswith(":"):
            continue
        return upper if upper in _UPDATE_WORDS else None
    return None


def _service_word(text: str) -> bool:
    return any(word.upper() == "SERVICE" or word.casefold() == "service" for word in _words(text))


def _words(text: str) -> Iterator[str]:
    """The words of ``text`` outside strings, IRIs and comments, variables left out."""
    for match in _LEXEMES.finditer(text):
        word = match.group()
        if word[0] not in "'\"<#?$":
            yield word


def _unescaped(text: str) -> str:
    def char(match: re.Match[str]) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group()

    return _ESCAPE.sub(char, text)
