"""Word segmentation with a private jieba tokenizer that knows our suffixes and campaign names:
jieba-rs through rjieba by default (4× faster, the same words on every gold set; README "Word
segmentation"), jieba's own with ``GOVKG_SEGMENTER=jieba``."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from kg.data import data_path

CAMPAIGN_TAG = "x-campaign"  # our tag for campaign names added to the dictionary
ENGINES = ("rjieba", "jieba")  # jieba-rs (Rust) through rjieba, or jieba: the same dictionary and algorithm
ENGINE_VARIABLE = "GOVKG_SEGMENTER"  # the environment variable that chooses one (default rjieba)


def segmenter_engine() -> str:
    """The engine ``GOVKG_SEGMENTER`` names (rjieba when unset)."""
    engine = os.environ.get(ENGINE_VARIABLE, "").strip() or "rjieba"
    if engine not in ENGINES:
        raise ValueError(f"{ENGINE_VARIABLE}={engine!r}: choose one of {', '.join(ENGINES)}")
    return engine


class Token(NamedTuple):
    """A word of the folded sentence text, with offsets relative to the sentence (a named tuple:
    one is made for every word of every report, and a tuple is the cheapest immutable record)."""

    text: str
    start: int
    end: int
    tag: str | None  # part of speech in jieba's dictionary; None for words it does not list


class Segmenter:
    """A private jieba tokenizer (never the global one) loaded with our user dictionary: jieba's
    ``Tokenizer``, or jieba-rs's ``Jieba`` with ``engine="rjieba"`` (built the same way, word by word)."""

    def __init__(self, extra_words: dict[str, str | None] | None = None, split_words: tuple[str, ...] = (),
                 engine: str | None = None) -> None:
        self.engine = engine or segmenter_engine()
        self._tokenizer = _rjieba() if self.engine == "rjieba" else jieba_tokenizer()
        shared = dictionary_tags()
        own: dict[str, str] = {}  # our words' tags, over the shared dictionary's (never copied)
        for word, tag in sorted((extra_words or {}).items()):
            if word and " " not in word:
                self._tokenizer.add_word(word, None, None)
                if tag or word not in shared:
                    own[word] = tag or "n"
        self._own_tags, self._tags = own, shared
        for word in split_words:
            self._tokenizer.add_word(word, 0, None)  # what jieba's del_word does
        cut = self._tokenizer.cut
        self._cut = (lambda text: cut(text, False)) if self.engine == "rjieba" else (lambda text: cut(text, HMM=False))

    def tokens(self, text: str) -> list[Token]:
        """The words of ``text`` with their offsets.

        Without jieba's HMM: a name the dictionary does not know stays a run of single characters,
        which the extractors read as a sign of a proper name, rather than being glued to its
        neighbours ("线澜江", "被市").
        """
        out: list[Token] = []
        pos = 0
        own, shared = self._own_tags, self._tags
        for word in self._cut(text):
            out.append(Token(word, pos, pos + len(word), own.get(word) or shared.get(word)))
            pos += len(word)
        return out


def jieba_tokenizer(*, ours: bool = True) -> Any:
    """A private ``jieba.Tokenizer`` (never the global one), with our user dictionary unless ``ours`` is false."""
    try:
        import jieba
    except ImportError as e:  # pragma: no cover - jieba is a dependency
        raise ImportError("govkg needs jieba: pip install jieba") from e
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    if ours:
        tokenizer.load_userdict(str(user_dictionary()))
    return tokenizer


def _rjieba() -> Any:
    try:
        import rjieba
    except ImportError as e:  # pragma: no cover - rjieba is a dependency
        raise ImportError("govkg needs rjieba: pip install rjieba (or GOVKG_SEGMENTER=jieba)") from e
    tokenizer = rjieba.Jieba()  # jieba-rs's copy of jieba's dictionary
    for word, freq, tag in dictionary_entries(user_dictionary()):  # as jieba's load_userdict adds them
        tokenizer.add_word(word, freq, tag)
    return tokenizer


def dictionary_entries(path: Path) -> Iterator[tuple[str, int | None, str | None]]:
    """The (word, frequency, tag) of each ``word [freq] [tag]`` line of a jieba dictionary file."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, *rest = line.split() or [""]
            if word:
                freq = int(rest[0]) if rest and rest[0].isdigit() else None
                yield word, freq, rest[-1] if rest and not rest[-1].isdigit() else None


@lru_cache(maxsize=1)
def dictionary_tags() -> dict[str, str]:
    """Part-of-speech tags of the words in jieba's dictionary and ours (``word freq tag`` lines)."""
    import jieba

    tags: dict[str, str] = {}
    for path in (Path(jieba.__file__).with_name("dict.txt"), user_dictionary()):
        tags.update((word, tag) for word, freq, tag in dictionary_entries(path) if freq is not None and tag)
    return tags


def user_dictionary() -> Path:
    """The jieba user dictionary shipped in ``extract/data/userdict.txt``."""
    return data_path("kg.extract", "userdict.txt")
