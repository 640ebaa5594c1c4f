"""A naive baseline for ``kg eval --baseline jieba``: jieba's part-of-speech tags, out of the box.

Place names (``ns``) become roads when they end in a road suffix and villages otherwise; agency
names (``nt``) become organizations. Projects and initiatives are never found, and no relations:
the baseline shows what govkg's rules add over a general-purpose tagger.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from kg.extract.tokens import jieba_tokenizer
from kg.model import Document, Extraction, Mention, Span
from kg.read.text import fold

RULE = "baseline:jieba-pos"
ROAD_SUFFIXES = ("高速公路", "公路", "大道", "大街", "大桥", "路", "街", "巷", "线", "桥")


@lru_cache(maxsize=1)
def _pos_tokenizer() -> Any:
    """A private ``POSTokenizer`` over a private ``jieba.Tokenizer`` with jieba's own dictionary."""
    import jieba.posseg

    tokenizer = jieba_tokenizer(ours=False)
    return jieba.posseg.POSTokenizer(tokenizer)


def kind_of(word: str, flag: str) -> str | None:
    """The entity kind the baseline gives a tagged word, or None."""
    if flag == "nt":
        return "Organization"
    if flag == "ns":
        return "Road" if word.endswith(ROAD_SUFFIXES) and len(word) > 1 else "Village"
    return None


def baseline_extraction(doc: Document) -> Extraction:
    """Mentions of ``doc`` found by jieba's tagger alone (rule ``baseline:jieba-pos``)."""
    tagger = _pos_tokenizer()
    mentions: list[Mention] = []
    for sentence in doc.sentences:
        pos = sentence.start
        for pair in tagger.cut(fold(sentence.text)):
            word, flag = pair.word, pair.flag
            start, end = pos, pos + len(word)
            pos = end
            kind = kind_of(word, flag)
            if kind is None:
                continue
            text = doc.text[start:end]
            subtype = "Community" if kind == "Village" and text.endswith("社区") else None
            mentions.append(Mention(kind=kind, text=text, span=Span(doc_id=doc.doc_id, start=start, end=end),
                                    sentence=sentence.index, rule=RULE, masked="X" in word,
                                    subtype=subtype))
    return Extraction(doc=doc, mentions=mentions)
