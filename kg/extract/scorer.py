"""A learned scorer over project candidates: the rules propose names (and, for each, other left
boundaries), a logistic model decides which are projects and where each starts.

Features describe the *shape* of a candidate and its context — parts of speech, our own word lists
(boundary verbs, leads, suffixes), character classes, lengths, the rule that proposed it — never
the words of a name itself, so the model holds no place, company or project name of the texts it
was trained on. The weights live in ``extract/data/project_scorer.json`` (written by ``kg train``);
without that file the rules alone decide.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.data import data_path
from kg.extract.lexicon import Lexicon
from kg.extract.names import SentenceView, is_cjk, is_specific, suffix_candidates
from kg.model import Mention

MODEL_FILE = "project_scorer.json"
MAX_EXTRA_CHARS = 12  # how far left of a proposed name other starts are tried
THRESHOLD = 0.2  # chosen by cross-validation (README, "A learned scorer")


@dataclass(frozen=True, slots=True)
class Model:
    """Logistic weights over named features."""

    bias: float
    weights: dict[str, float]

    def probability(self, features: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load_model(path: Path | None = None) -> Model | None:
    """The shipped model (or the one at ``path``); None when there is none."""
    path = path or data_path("kg.extract", MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model(bias=float(data["bias"]), weights={str(k): float(v) for k, v in data["weights"].items()})


@lru_cache(maxsize=1)
def shipped_model() -> Model | None:
    """The model in the package, loaded once."""
    return load_model()


@dataclass(frozen=True, slots=True)
class Candidate:
    """A proposed project name: sentence-relative offsets, the rule that proposed it, and whether
    it is the rules' own choice (True) or another left boundary for it (False)."""

    start: int
    end: int
    rule: str
    proposed: bool


def candidates(view: SentenceView, found: list[Mention], lex: Lexicon | None = None) -> list[Candidate]:
    """The rules' project names of a sentence, the names ending in a project suffix that the rules
    turned down (no trigger, no proper name: rule ``broad:suffix``), and for each the other starts
    at word boundaries from the clause start (or an earlier separator) to just before its last word."""
    out: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    folded = view.folded
    starts = [t.start for t in view.tokens]
    proposals = [(m.span.start - view.offset, m.span.end - view.offset, m.rule, True)
                 for m in found if m.kind == "Project"]
    if lex is not None:
        taken = {b for _, b, _, _ in proposals}
        proposals += [(c.start, c.end, "broad:suffix", False) for c in suffix_candidates(
            view, lex.project, lex, joiners=lex.joiners, joinable=lex.projects.joinable,
            always_joiners=lex.projects.always_joiners) if c.end not in taken]
    for a, b, rule, proposed in proposals:
        if (a, b) not in seen:
            seen.add((a, b))
            out.append(Candidate(a, b, rule, proposed))
        last_word = max((s for s in starts if s < b), default=a)
        for s in starts:
            if s == a or s >= last_word or s < a - MAX_EXTRA_CHARS or (s, b) in seen:
                continue
            if s < a and any(ch in "，,。;；:：、" for ch in folded[s:a]):
                continue
            seen.add((s, b))
            out.append(Candidate(s, b, rule, False))
    return out


def _char_class(ch: str) -> str:
    if not ch:
        return "none"
    if ch.isdigit():
        return "digit"
    if ch in "X":
        return "mask"
    if is_cjk(ch):
        return "cjk"
    if ch in "、":
        return "list"
    if ch in "，,;；:：。":
        return "clause"
    if ch in "(（)）“”\"":
        return "bracket"
    return "other"


def _word_class(text: str | None, lex: Lexicon) -> str:
    """Our own word lists only: the words of a name never become features."""
    if text is None:
        return "none"
    if text in lex.verbs:
        return "verb:" + text if len(text) <= 4 else "verb"
    if text in lex.leading_verbs:
        return "lead:" + text
    if text in lex.projects.anchors:
        return "anchor:" + text
    if text in lex.classifiers:
        return "classifier"
    return "other"


def features(view: SentenceView, lex: Lexicon, c: Candidate) -> list[str]:
    """The shape features of one candidate."""
    folded = view.folded
    name = folded[c.start:c.end]
    words = [t for t in view.tokens if c.start <= t.start and t.end <= c.end]
    before = [t for t in view.tokens if t.end <= c.start]
    after = [t for t in view.tokens if t.start >= c.end]
    prev, nxt = (before[-1] if before else None), (after[0] if after else None)
    suffix = lex.project.suffix_at_end(name) or lex.road.suffix_at_end(name) or ""
    f = [f"rule={c.rule}", f"proposed={c.proposed}", f"rule_proposed={c.rule}:{c.proposed}",
         f"len={min(len(name), 24) // 3}", f"words={min(len(words), 8)}",
         f"suffix={suffix if suffix in lex.projects.anchors else ('facility' if suffix else 'none')}",
         f"first_tag={words[0].tag if words else None}", f"last_tag={words[-1].tag if words else None}",
         f"first_word={_word_class(words[0].text if words else None, lex)}",
         f"prev_tag={prev.tag if prev else None}", f"prev_word={_word_class(prev.text if prev else None, lex)}",
         f"next_tag={nxt.tag if nxt else None}", f"next_word={_word_class(nxt.text if nxt else None, lex)}",
         f"prev_char={_char_class(folded[c.start - 1:c.start])}", f"next_char={_char_class(folded[c.end:c.end + 1])}",
         f"first_char={_char_class(name[:1])}", f"specific={is_specific(words, lex)}",
         f"clause_start={c.start == 0 or _char_class(folded[c.start - 1:c.start]) in ('clause', 'list')}"]
    singles = sum(1 for t in words if len(t.text) == 1)
    f.append(f"singles={min(singles, 4)}")
    if any(t.text in lex.verbs for t in words):
        f.append("inner_verb")
    if any(ch.isdigit() for ch in name):
        f.append("has_digit")
    if any(lex.organization.suffix_at_end(t.text) for t in words[:-1]):
        f.append("inner_org_suffix")
    if any(lex.village.suffix_at_end(t.text) for t in words[:-1]):
        f.append("inner_village_suffix")
    if words and words[0].text in lex.org_levels:
        f.append("starts_with_level")
    return f


def rescore(view: SentenceView, lex: Lexicon, found: list[Mention], model: Model | None) -> list[Mention]:
    """Projects of a sentence as the model decides: for each name the rules end, the best-scoring
    start, kept when the model thinks it a project. Other types pass through."""
    if model is None or not any(m.kind == "Project" for m in found):
        return found
    best: dict[int, tuple[float, Candidate]] = {}
    for c in candidates(view, found, lex):
        p = model.probability(features(view, lex, c))
        if c.end not in best or p > best[c.end][0]:
            best[c.end] = (p, c)
    kept = [view.mention("Project", c.start, c.end, c.rule) for p, c in best.values() if p >= THRESHOLD]
    return [m for m in found if m.kind != "Project"] + kept
