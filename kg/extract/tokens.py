"""Word segmentation with a private jieba tokenizer that knows our suffixes and campaign names."""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from kg.data import data_path

CAMPAIGN_TAG = "x-campaign"  # our tag for campaign names added to the dictionary


class Token(NamedTuple):
    """A word of the folded sentence text, with offsets relative to the sentence (a named tuple:
    one is made for every word of every report, and a tuple is the cheapest immutable record)."""

    text: str
    start: int
    end: int
    tag: str | None  # part of speech in jieba's dictionary; None for words it does not list


class Segmenter:
    """A private ``jieba.Tokenizer`` (never the global one) loaded with our user dictionary."""

    def __init__(self, extra_words: dict[str, str | None] | None = None, split_words: tuple[str, ...] = ()) -> None:
        try:
            import jieba
        except ImportError as e:  # pragma: no cover - jieba is a dependency
            raise ImportError("govkg needs jieba: pip install jieba") from e
        jieba.setLogLevel(logging.WARNING)
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.initialize()
        self._tokenizer.load_userdict(str(user_dictionary()))
        shared = dictionary_tags()
        own: dict[str, str] = {}  # our words' tags, over the shared dictionary's (never copied)
        for word, tag in sorted((extra_words or {}).items()):
            if word and " " not in word:
                self._tokenizer.add_word(word, freq=None)
                if tag or word not in shared:
                    own[word] = tag or "n"
        self._own_tags, self._tags = own, shared
        for word in split_words:
            self._tokenizer.del_word(word)

    def tokens(self, text: str) -> list[Token]:
        """The words of ``text`` with their offsets.

        Without jieba's HMM: a name the dictionary does not know stays a run of single characters,
        which the extractors read as a sign of a proper name, rather than being glued to its
        neighbours ("线澜江", "被市").
        """
        out: list[Token] = []
        pos = 0
        own, shared = self._own_tags, self._tags
        for word in self._tokenizer.cut(text, HMM=False):
            out.append(Token(word, pos, pos + len(word), own.get(word) or shared.get(word)))
            pos += len(word)
        return out


@lru_cache(maxsize=1)
def dictionary_tags() -> dict[str, str]:
    """Part-of-speech tags of the words in jieba's dictionary and ours (``word freq tag`` lines)."""
    import jieba

    tags: dict[str, str] = {}
    for path in (Path(jieba.__file__).with_name("dict.txt"), user_dictionary()):
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 3:
                    tags[parts[0]] = parts[2]
    return tags


def user_dictionary() -> Path:
    """The jieba user dictionary shipped in ``extract/data/userdict.txt``."""
    return data_path("kg.extract", "userdict.txt")
