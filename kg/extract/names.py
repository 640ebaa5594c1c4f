"""The generic engine behind most extractors: find a suffix that ends a word, then extend the name
leftwards word by word until a boundary (punctuation, a verb, a function word, a number)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import Lexicon, SuffixRules
from kg.extract.tokens import Token
from kg.model import Mention, Span

_CJK = re.compile(r"[\u3400-\u9fff]")
MASK = "X"
CLAUSE_MARKS = ",;:，；："


@dataclass(frozen=True, slots=True)
class SentenceView:
    """One sentence as the extractors see it: folded text, words, and where it sits."""

    doc_id: str
    index: int
    offset: int  # start of the sentence in Document.text
    text: str  # original text
    folded: str  # same length, full-width folded
    tokens: tuple[Token, ...]

    def mention(self, kind: str, start: int, end: int, rule: str, **extra: object) -> Mention:
        """A mention of folded[start:end] (sentence-relative offsets)."""
        text = self.text[start:end]
        return Mention(kind=kind, text=text, span=Span(doc_id=self.doc_id, start=self.offset + start,
                                                       end=self.offset + end),
                       sentence=self.index, rule=rule, masked=is_masked(self.folded[start:end]),
                       **extra)  # type: ignore[arg-type]


def is_masked(name: str) -> bool:
    """A name with an X where a real name would be ("X镇", "X针织厂")."""
    return MASK in name.upper() and not re.search(r"[A-WYZa-wyz]", name)


def is_cjk(ch: str) -> bool:
    """A Chinese character."""
    return bool(_CJK.match(ch))


def name_char_ok(ch: str, rules: SuffixRules) -> bool:
    """Chinese characters, the mask X, and the type's extra characters may stand in a name."""
    return bool(_CJK.match(ch)) or ch in (MASK, "x") or ch in rules.extra_name_chars


def suffix_candidates(view: SentenceView, rules: SuffixRules, lex: Lexicon, *,
                      joiners: frozenset[str] = frozenset(),
                      joinable: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """(start, end, suffix) of names ending in one of ``rules.suffixes`` at a word end.

    ``joiners`` (和, 及) may be crossed when the words before them end in ``joinable``.
    """
    out: list[tuple[int, int, str]] = []
    tokens = view.tokens
    for k, token in enumerate(tokens):
        suffix = rules.suffix_at_end(token.text)
        if suffix is None:
            continue
        if len(token.text) > len(suffix) and (token.text in rules.reject
                                              or token.tag and token.tag not in lex.name_tags):
            continue  # a common word that happens to end like a name ("思路", "热线", "农村")
        end = token.end
        start = _extend_left(view, k, len(token.text) - len(suffix), rules, lex, joiners, joinable)
        start = strip_leading_verbs(view.folded, start, end - len(suffix), lex)
        if accept(view.folded[start:end], suffix, rules):
            out.append((start, end, suffix))
    return out


def _extend_left(view: SentenceView, k: int, inner: int, rules: SuffixRules, lex: Lexicon,
                 joiners: frozenset[str], joinable: tuple[str, ...]) -> int:
    """Start of the name whose suffix is in token k (``inner`` chars of that token precede it)."""
    tokens = view.tokens
    token = tokens[k]
    start = token.end - (len(token.text) - inner)
    # characters of the suffix's own token that precede the suffix
    head = token.text[:inner]
    if head:
        if head in lex.verbs or not all(name_char_ok(ch, rules) for ch in head):
            return start
        start = token.start
    j = k - 1
    while j >= 0:
        word = tokens[j]
        if word.text in joiners:
            if not view.folded[:word.start].endswith(joinable or ("\0",)):
                break
        elif lex.is_boundary(word) or not all(name_char_ok(ch, rules) for ch in word.text) \
                or any(ch in lex.forbidden_chars for ch in word.text):
            break
        if token.end - tokens[j].start > rules.max_name_chars + 8:
            break
        start = tokens[j].start
        j -= 1
    return start


def strip_leading_verbs(folded: str, start: int, limit: int, lex: Lexicon) -> int:
    """Move ``start`` past verbs that may stand inside a name but never open one."""
    while start < limit - 1 and folded[start] in lex.strip_leading_chars:
        start += 1
    changed = True
    while changed:
        changed = False
        for verb in lex.leading_verbs:
            if folded.startswith(verb, start) and start + len(verb) < limit:
                start += len(verb)
                changed = True
                break
    return start


def accept(candidate: str, suffix: str, rules: SuffixRules) -> bool:
    """Whether a candidate name passes the type's length and reject lists."""
    name = candidate[: len(candidate) - len(suffix)]
    if candidate in rules.reject or not name:
        return False
    if len(name) < rules.min_name_chars and not (name == MASK and rules.kind != "Project"):
        return False
    if len(name) > rules.max_name_chars:
        return False
    if any(name.endswith(e) for e in rules.reject_name_endings):
        return False
    if any(c in candidate for c in rules.reject_contains):
        return False
    if re.fullmatch(r"[\dX.]+", name):
        return False  # a count or a number, not a name
    return True


def clause_bounds(folded: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between commas, semicolons or colons) around folded[start:end]."""
    left = max(folded.rfind(ch, 0, start) for ch in CLAUSE_MARKS) + 1
    rights = [i for i in (folded.find(ch, end) for ch in CLAUSE_MARKS) if i >= 0]
    return left, min(rights) if rights else len(folded)
