"""The form names are compared in across reports, and the shape that makes a name generic.

A name's *key* is what is left when the differences that do not change what it names are taken
away: width, quotes and punctuation; the report's place as a prefix (临江县东城… and 临江东城… are
东城… in 临江县's reports); the level word of the place it is relative to (县第三中学 = 第三中学 in a
county's report); wrappers at its end (…项目, …工程, …建设项目); short forms of common bodies
(交通局 = 交通运输局). Stage words (一期, 二期) are never taken away. The words live in
``kg/resolve/data/resolve.toml``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from kg.data import alternation, data_path, load_toml, string_list
from kg.errors import DataFileError
from kg.model import PLACE_LEVELS, Place

QUOTES = "“”\"'‘’「」『』《》"
DATA = "resolve.toml"


@lru_cache(maxsize=1 << 16)
def normalise(label: str) -> str:
    """The form labels are compared in within a report: NFKC, without quotes and spaces."""
    text = unicodedata.normalize("NFKC", label)
    return "".join(ch for ch in text if ch not in QUOTES and not ch.isspace())


@lru_cache(maxsize=1 << 16)
def clean(label: str) -> str:
    """``normalise`` without any punctuation or symbol either (东城污水处理厂（一期） -> 东城污水处理厂一期)."""
    return "".join(ch for ch in normalise(label) if not unicodedata.category(ch).startswith(("P", "S")))


@dataclass(frozen=True, slots=True, kw_only=True)
class Rules:
    """The word lists of resolve.toml, ready to use."""

    wrappers: tuple[str, ...]  # longest first
    stages: tuple[str, ...]
    levels: dict[str, tuple[str, ...]]  # level word -> place levels it names
    not_level_prefix: tuple[str, ...]
    not_after_short_form: tuple[str, ...]
    named_after: tuple[str, ...]
    place_bodies: dict[str, str]  # level word -> the body of a place of that level (镇 -> 镇政府)
    synonyms: tuple[tuple[str, str], ...]  # (short form, full form), longest first
    rewrites: tuple[tuple[re.Pattern[str], str], ...]  # word forms written two ways, in order
    generic: re.Pattern[str]  # a name with no proper-name part (level word left out)
    fuzzy_ratio: float
    fuzzy_min_length: int
    discriminators: frozenset[str]

    def level_word(self, text: str) -> str:
        """The level word ``text`` opens with ("县" of 县政府), or "" (also for 县城, 市场 …)."""
        if text.startswith(self.not_level_prefix):
            return ""
        return next((w for w in sorted(self.levels, key=len, reverse=True) if text.startswith(w)), "")

    def place_word(self, place: Place) -> str:
        """The level word a place's name ends with ("县" of 临江县), or ""."""
        return next((w for w in sorted(self.levels, key=len, reverse=True)
                     if place.name.endswith(w) and len(place.name) > len(w)), "")

    def is_generic(self, text: str) -> bool:
        """Whether a (cleaned) name has no proper-name part: 县政府, 第一小学, 人民医院, 县交通运输局."""
        word = self.level_word(text)
        return bool(self.generic.fullmatch(text[len(word):]))


@cache
def rules() -> Rules:
    """The rules of ``kg/resolve/data/resolve.toml`` (loaded once)."""
    table = load_toml("kg.resolve", DATA, required=("wrappers", "stages", "rewrites", "levels", "names", "fuzzy"))
    source = str(data_path("kg.resolve", DATA))
    names = _table(table, "names", source)
    fuzzy = _table(table, "fuzzy", source)
    levels: dict[str, tuple[str, ...]] = {}
    for word, values in _table(table, "levels", source).items():
        if not isinstance(values, list) or not all(v in PLACE_LEVELS for v in values):
            raise DataFileError(source, None, f"levels.{word} must be a list of {', '.join(PLACE_LEVELS)}")
        levels[word] = tuple(values)
    synonyms = _table(names, "synonyms", source)
    if not all(isinstance(v, str) for v in synonyms.values()):
        raise DataFileError(source, None, "names.synonyms must map short forms to full forms (strings)")
    institutions = string_list(names, "institutions", source=source)
    rewrites = []
    for entry in table["rewrites"]:
        if not (isinstance(entry, list) and len(entry) == 2 and all(isinstance(e, str) for e in entry)):
            raise DataFileError(source, None, f"rewrites: each entry is [pattern, replacement], not {entry!r}")
        try:
            rewrites.append((re.compile(entry[0]), entry[1]))
        except re.error as e:
            raise DataFileError(source, None, f"rewrites: {entry[0]!r} is no regular expression: {e}") from None
    try:
        generic = re.compile(f"(?:{names['ordinal']})?(?:{alternation(institutions)})+")
        ratio, min_length = float(fuzzy["ratio"]), int(fuzzy["min_length"])
    except (KeyError, TypeError, ValueError, re.error) as e:
        raise DataFileError(source, None, f"names.ordinal, fuzzy.ratio or fuzzy.min_length: {e}") from None
    return Rules(
        wrappers=tuple(sorted(string_list(table, "wrappers", source=source), key=len, reverse=True)),
        stages=tuple(string_list(table, "stages", source=source)),
        levels=levels,
        not_level_prefix=tuple(string_list(names, "not_level_prefix", source=source)),
        not_after_short_form=tuple(string_list(names, "not_after_short_form", source=source)),
        named_after=tuple(string_list(names, "named_after", source=source)),
        place_bodies={str(k): str(v) for k, v in _table(names, "place_bodies", source).items()},
        synonyms=tuple(sorted(synonyms.items(), key=lambda kv: len(kv[0]), reverse=True)),
        rewrites=tuple(rewrites),
        generic=generic,
        fuzzy_ratio=ratio,
        fuzzy_min_length=min_length,
        discriminators=frozenset(str(fuzzy.get("discriminators", ""))),
    )


def _table(table: dict[str, Any], key: str, source: str) -> dict[str, Any]:
    value = table.get(key, {})
    if not isinstance(value, dict):
        raise DataFileError(source, None, f"'{key}' must be a table")
    return value


def as_body(text: str, chain: tuple[Place, ...]) -> str:
    """A body named by one of ``chain``'s places alone (东城街道) as that place's government
    (街道办事处), else ``text``."""
    r = rules()
    for place in chain:
        if text == place.name:
            return r.place_bodies.get(r.place_word(place), text)
    return text


@lru_cache(maxsize=1 << 16)
def rewrite(text: str) -> str:
    """``text`` with the word forms written two ways in their one form (县一中 -> 县第一中学)."""
    for pattern, replacement in rules().rewrites:
        text = pattern.sub(replacement, text)
    return text


@dataclass(frozen=True, slots=True, kw_only=True)
class Key:
    """A name's key and the steps that made it from the name (for the record of a merge)."""

    text: str
    steps: tuple[str, ...] = ()


def strip_places(text: str, chain: tuple[Place, ...]) -> tuple[str, int | None]:
    """``text`` without a leading place of ``chain`` (outermost first): 临江县东城污水处理厂 ->
    东城污水处理厂 in 临江县's reports, 临江东城… likewise (the short form, unless a proper name goes
    on: 临江大道); before a generic name the place's level word stays (临江县人民医院 -> 县人民医院).
    The index in ``chain`` of the innermost place taken away, or None."""
    r = rules()
    changed: int | None = None
    for i, place in enumerate(chain):
        word = r.place_word(place)
        forms = [place.name] + ([place.name[: -len(word)]] if word and len(place.name) - len(word) >= 2 else [])
        for form in forms:
            rest = text[len(form):]
            if not text.startswith(form) or len(rest) < 2:
                continue
            if form != place.name and rest.startswith(r.not_after_short_form):
                continue
            inner = tuple(p.name for p in chain[i + 1:])
            # the level word stays where it makes the name relative: 临江县人民医院 -> 县人民医院
            text = word + rest if r.is_generic(rest) and not rest.startswith(inner) else rest
            changed = i
            break
    return text, changed


def variant_key(label: str, *, chain: tuple[Place, ...] = (), strip_level: tuple[str, ...] = (),
                body: bool = False) -> Key:
    """The key of ``label`` in a report about ``chain[-1]`` (``chain`` outermost first); a leading
    level word is taken away when it names one of the levels ``strip_level``; a ``body`` named by
    its place alone is that place's government."""
    r = rules()
    steps: list[str] = []
    text = clean(label)
    if text != label:
        steps.append("punctuation")
    if body and as_body(text, chain) != text:
        text = as_body(text, chain)
        steps.append("place-body")
    text, changed = strip_places(text, chain)
    if changed is not None:
        steps.append("place-prefix")
    rewritten = rewrite(text)
    if rewritten != text:
        text = rewritten
        steps.append("rewrite")
    stripped = True
    while stripped:
        stripped = False
        for wrapper in r.wrappers:
            if text.endswith(wrapper) and len(text) - len(wrapper) >= 2:
                text = text[: -len(wrapper)]
                stripped = True
                if "suffix" not in steps:
                    steps.append("suffix")
                break
    for short, full in r.synonyms:
        if text.endswith(short):
            text = text[: -len(short)] + full
            steps.append("synonym")
            break
    word = r.level_word(text)
    if word and set(r.levels[word]) & set(strip_level) and len(text) - len(word) >= 2:
        text = text[len(word):]
        steps.append("level-word")
    return Key(text=text, steps=tuple(steps))
