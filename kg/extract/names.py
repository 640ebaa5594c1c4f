"""The generic engine behind most extractors: find a suffix that ends a word, then extend the name
leftwards word by word until a boundary (punctuation, a verb, a function word, a number)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.lexicon import Lexicon, SuffixRules
from kg.extract.tokens import Token
from kg.model import Mention, Span

_CJK = re.compile(r"[\u3400-\u9fff]")
NUMERAL = re.compile(r"[\dX一二两三四五六七八九十百千万几多数余]$")
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


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name found by :func:`suffix_candidates` (offsets relative to the sentence)."""

    start: int
    end: int
    suffix: str
    specific: bool  # holds a proper name: a dictionary name, an unknown word, X or digits


def suffix_candidates(view: SentenceView, rules: SuffixRules, lex: Lexicon, *,
                      joiners: frozenset[str] = frozenset(),
                      joinable: tuple[str, ...] = (), join_always: bool = False,
                      always_joiners: frozenset[str] = frozenset(), keep_one: bool = True,
                      complete: tuple[str, ...] = ()) -> list[Candidate]:
    """Names ending in one of ``rules.suffixes`` at a word end.

    ``joiners`` (和, 及, 至) may be crossed when the words before them end in ``joinable`` (or
    always, with ``join_always``).
    """
    out: list[Candidate] = []
    if not rules.may_end_in(view.folded):
        return out  # no word of the sentence can end in a suffix: most sentences, for most kinds
    tokens = view.tokens
    word_ends = {t.start: t.end for t in tokens}
    word_starts = set(word_ends)
    for k, token in enumerate(tokens):
        suffix = rules.suffix_at_end(token.text)
        if suffix is None:
            continue
        longer = len(token.text) > len(suffix)
        if longer and (token.tag in lex.never_suffix_tags or token.text in rules.never_words):
            continue  # "沿线", "沿街", "大局": words that only end like a name
        common = longer and bool(token.tag) and token.tag not in lex.name_tags and not rules.allow_common
        first = _extend_left(view, k, rules, lex, joiners, joinable, join_always, always_joiners, complete)
        left = tokens[first:k]
        if longer and token.text in rules.reject and not (left and rules.allow_common):
            continue  # "生产线", "沿线"; for types of common-word names, "建设项目" on its own
        specific = is_specific(left, lex) or token.tag in lex.name_tags
        if common and not is_specific(left, lex):
            continue  # a common word that ends like a name ("思路", "热线", "农村")
        end = token.end
        start = tokens[first].start if first < k else token.start
        if first == k and not common and len(token.text) > len(suffix):
            head = token.text[: len(token.text) - len(suffix)]
            if head in lex.verbs or not all(name_char_ok(ch, rules) for ch in head):
                start = end - len(suffix)
        stripped_verbs = strip_leading_verbs(view.folded, start, end - len(suffix), lex, keep_one=keep_one,
                                             word_starts=word_starts)
        if stripped_verbs > start:  # "新建/ns 热力管网": the verb's tag makes no proper name
            start, left = stripped_verbs, tuple(t for t in left if t.start >= stripped_verbs)
            specific = is_specific(left, lex) or token.tag in lex.name_tags
        stripped = strip_leading_words(view.folded, start, end - len(suffix), rules.strip_leading,
                                       word_ends=word_ends)
        if stripped > start:
            rest = tuple(t for t in left if t.start >= stripped)
            # "县城滨江大道…工程" loses 县城; "县城污水处理厂…" keeps it, or it would name nothing
            if is_specific(rest, lex) or token.tag in lex.name_tags or not rules.allow_common:
                start, left = stripped, rest
                specific = is_specific(left, lex) or token.tag in lex.name_tags
        if accept(view.folded[start:end], suffix, rules):
            out.append(Candidate(start, end, suffix, specific))
    return out


def strip_leading_words(folded: str, start: int, limit: int, words: tuple[str, ...],
                        word_ends: dict[int, int] | None = None) -> int:
    """Move ``start`` past generic words that open a phrase but not a name ("县城", "沿"), unless
    the word is only the head of a longer word there (``word_ends``: token start -> end):
    "项目区…" does not lose "项目"."""
    head_end = (word_ends or {}).get(start, start)
    for word in words:
        after = start + len(word)
        if folded.startswith(word, start) and after < limit and head_end <= after:
            return after
    return start


def is_specific(tokens: list[Token] | tuple[Token, ...], lex: Lexicon) -> bool:
    """Whether words hold a proper name: one the dictionary tags as a name, an unknown word (a run
    of two or more single characters), the mask X, digits or Latin letters."""
    run = 0
    for t in tokens:
        if t.tag in lex.name_tags or re.search(r"[X0-9A-Za-z]", t.text):
            return True
        run = run + 1 if len(t.text) == 1 and is_cjk(t.text) and t.tag not in lex.function_tags else 0
        if run >= 2:
            return True
    return False


def place_named(words: list[Token] | tuple[Token, ...], lex: Lexicon) -> bool:
    """Whether the words before a suffix end in a common word and a place character: "土地/岭"
    (…大桥), "核桃/峪" (…养殖场) name a place as a run of single characters would."""
    endings = lex.roads.place_endings + lex.villages.settlement_endings.replace("家", "")
    return len(words) >= 2 and len(words[-1].text) == 1 and words[-1].text in endings \
        and is_cjk(words[-2].text[-1:]) and not lex.is_boundary(words[-2])


def _extend_left(view: SentenceView, k: int, rules: SuffixRules, lex: Lexicon, joiners: frozenset[str],
                 joinable: tuple[str, ...], join_always: bool, always_joiners: frozenset[str],
                 complete: tuple[str, ...] = ()) -> int:
    """Index of the first word of the name whose suffix ends word k.

    A joiner (和, 及) is crossed when the words before it end in ``joinable``, or, given
    ``complete`` (the endings of a whole name), when they do not end like a whole name: "…生产及加气站
    建设项目" is one name, "…加工厂和…体验中心" two. A short bracketed group inside a name is
    crossed too ("…天然气(LNG)生产…项目")."""
    tokens = view.tokens
    folded = view.folded
    token = tokens[k]
    first = k
    j = k - 1
    while j >= 0:
        word = tokens[j]
        if word.text in always_joiners:
            pass
        elif word.text in joiners:
            before = folded[:word.start]
            if not join_always and not before.endswith(joinable or ("\0",)) \
                    and not (complete and before[-1:] and name_char_ok(before[-1], rules)
                             and not before.endswith(complete)):
                break
        elif word.text in BRACKET_CLOSE:
            opened = _bracket_start(view, j)
            if opened is None or ends_name(tokens, opened - 1, rules, lex):
                break
            j = opened
            word = tokens[j]
        elif ends_name(tokens, j, rules, lex):
            break
        if token.end - word.start > rules.max_name_chars + 8:
            break
        first = j
        j -= 1
    while first < k and (tokens[first].text in joiners or tokens[first].text in always_joiners):
        first += 1
    return first


def ends_name(tokens: tuple[Token, ...], j: int, rules: SuffixRules, lex: Lexicon) -> bool:
    """Whether word j, left of a name, stops it: a boundary word, a character no name holds, a word
    after which names of this type never reach on, a classifier or 余/多 after a number ("3家", not
    "帅家桥"), a linking 之 after a word that stops it."""
    word = tokens[j]
    if word.text in lex.classifiers or word.text in lex.numeral_words:
        return j > 0 and bool(NUMERAL.search(tokens[j - 1].text))
    if word.text in lex.linking_words:
        return j == 0 or not is_cjk(tokens[j - 1].text[-1:]) or ends_name(tokens, j - 1, rules, lex)
    return lex.is_boundary(word, rules) or not all(name_char_ok(ch, rules) for ch in word.text) \
        or any(ch in lex.forbidden_chars for ch in word.text) \
        or bool(rules.stop_after and word.text.endswith(rules.stop_after))


BRACKET_CLOSE = frozenset(")）")
BRACKET_MAX_CHARS = 14


def _bracket_start(view: SentenceView, j: int) -> int | None:
    """For a closing bracket at word j inside a name, the word of its opening bracket, when the
    group is short, holds no clause mark and follows a name character; else None."""
    tokens = view.tokens
    i = j - 1
    while i >= 0 and tokens[j].start - tokens[i].start <= BRACKET_MAX_CHARS:
        text = tokens[i].text
        if text in ("(", "（"):
            before = view.folded[tokens[i].start - 1:tokens[i].start]
            return i if i > 0 and (is_cjk(before) or before.isalnum()) else None
        if any(ch in "，,。;；:：()（）" for ch in text):
            return None
        i -= 1
    return None


def strip_leading_verbs(folded: str, start: int, limit: int, lex: Lexicon, *, keep_one: bool = True,
                        word_starts: set[int] | None = None) -> int:
    """Move ``start`` past verbs that may stand inside a name but never open one; with ``keep_one``
    a verb that is all there is before ``limit`` stays ("建设东路"). A conjunction or preposition
    is dropped only when it is a word of its own (given ``word_starts``): "和平路" keeps its 和."""
    while start < limit - 1 and folded[start] in lex.strip_leading_chars \
            and (word_starts is None or start + 1 in word_starts):
        start += 1
    changed = True
    while changed:
        changed = False
        for verb in lex.leading_verbs:
            if folded.startswith(verb, start) and (start + len(verb) < limit or not keep_one) \
                    and not folded.startswith(lex.road.suffixes, start + len(verb)):  # 建设东路
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
    if holds_rejected(candidate, rules):
        return False
    if re.fullmatch(r"[\d.]+|X*\d[\dX.]*", name):
        return False  # a count or a number, not a name
    return True


def holds_rejected(name: str, rules: SuffixRules) -> bool:
    """Whether ``name`` holds a word of ``rules.reject_contains`` outside the words that hold one
    harmlessly ("老年活动室" holds 活动 as a facility does)."""
    for allowed in rules.contains_allowed:
        name = name.replace(allowed, "\0")
    return any(c in name for c in rules.reject_contains)


def after_leading_verbs(view: SentenceView, start: int, end: int, lex: Lexicon) -> int:
    """``start`` moved past the boundary words (verbs, prepositions) that open folded[start:end]
    ("紧盯甲振兴" -> "甲振兴"; the 振兴 inside stays)."""
    for t in view.tokens:
        if t.end <= start:
            continue
        if t.start >= end or not lex.is_boundary(t) or t.start < start:
            break
        start = t.end
    return start


def clause_bounds(folded: str, start: int, end: int) -> tuple[int, int]:
    """The clause (between commas, semicolons or colons) around folded[start:end]."""
    left = max(folded.rfind(ch, 0, start) for ch in CLAUSE_MARKS) + 1
    rights = [i for i in (folded.find(ch, end) for ch in CLAUSE_MARKS) if i >= 0]
    return left, min(rights) if rights else len(folded)


def single_word_name(view: SentenceView, start: int, end: int, tags: frozenset[str]) -> bool:
    """Whether view.folded[start:end] is one two-character dictionary word with one of ``tags``:
    places named after a common word ("建设路", "文峰社区", "凉水村")."""
    words = [t for t in view.tokens if start <= t.start and t.end <= end]
    return len(words) == 1 and len(words[0].text) == 2 and words[0].tag in tags
