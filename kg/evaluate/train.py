"""Training the project scorer (:mod:`kg.extract.scorer`) from gold files, and deciding by
cross-validation by document whether it beats the rules alone (``kg train``).

Every candidate the rules propose is labelled from the gold: of the candidates that end where one
rule name ends, the one that best matches a gold project (by the scorer's lenient name match) is a
positive, the others negatives. A logistic regression (scikit-learn, liblinear, fixed seed: the
same data always gives the same weights) is fitted on the candidates' shape features and written
as JSON weights, rounded, in sorted order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.evaluate.folder import concept_forms, load_pairs, set_folders
from kg.evaluate.gold import GoldDoc
from kg.evaluate.score import Report, names_match, score_document
from kg.extract import rule_mentions, sentence_views
from kg.extract.lexicon import lexicon
from kg.extract.scorer import Model, candidates, features
from kg.model import Document

Pair = tuple[GoldDoc, Document]


@dataclass(frozen=True, slots=True)
class Example:
    """One candidate: its features and whether it is the gold project's name."""

    doc: str
    features: list[str]
    label: int


def examples_of(pairs: Iterable[Pair]) -> list[Example]:
    """Labelled candidates of every document."""
    lex = lexicon()
    out: list[Example] = []
    for gold, doc in pairs:
        forms = [f for e in gold.entities if e.kind == "Project" for f in e.forms]
        for view in sentence_views(doc):
            found = rule_mentions(view, lex)
            by_end: dict[int, list[tuple[float, list[str]]]] = {}
            for c in candidates(view, found, lex):
                quality = max((names_match(view.text[c.start:c.end], f) for f in forms), default=0.0)
                by_end.setdefault(c.end, []).append((quality, features(view, lex, c)))
            for group in by_end.values():
                best = max(range(len(group)), key=lambda i: group[i][0])
                for i, (quality, feats) in enumerate(group):
                    out.append(Example(gold.name, feats, int(i == best and quality > 0)))
    return out


def fit(examples: list[Example], *, c: float = 1.0) -> Model:
    """A logistic model of the examples (needs scikit-learn: pip install 'govkg[train]')."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as e:  # pragma: no cover - an optional dependency
        raise KgError("training needs scikit-learn: pip install 'govkg[train]'") from e
    if len({e.label for e in examples}) < 2:
        raise KgError("the gold files give no positive and negative candidates to learn from")
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([{f: 1 for f in e.features} for e in examples])
    y = [e.label for e in examples]
    model = LogisticRegression(C=c, solver="liblinear", random_state=0, max_iter=1000).fit(x.toarray(), y)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True) if abs(w) >= 1e-4}
    return Model(bias=round(float(model.intercept_[0]), 4), weights=dict(sorted(weights.items())))


def write_model(model: Model, path: Path) -> None:
    """The model as JSON, deterministic (sorted keys, rounded weights), written atomically."""
    from kg.export.atomic import atomic_write_text

    text = json.dumps({"bias": model.bias, "weights": model.weights}, ensure_ascii=False, indent=0, sort_keys=True)
    atomic_write_text(path, text + "\n")


def load_sets(folders: Iterable[Path]) -> list[Pair]:
    """(gold, document) pairs of evaluation sets (see :func:`kg.evaluate.set_folders`)."""
    pairs: list[Pair] = []
    for folder in folders:
        gold_dir, reports_dir = set_folders(folder)
        found, _ = load_pairs(gold_dir, reports_dir)
        pairs.extend(found)
    return pairs


@dataclass(frozen=True, slots=True)
class CrossValidation:
    """Reports of the held-out folds: rules alone and rules with the scorer trained on the rest."""

    rules: Report
    scored: Report
    folds: int


def cross_validate(evaluated: list[Pair], always: list[Pair], *, folds: int = 5) -> CrossValidation:
    """Documents of ``evaluated`` split round-robin (in name order) into ``folds``; each fold is
    scored with a model trained on the other folds plus ``always``."""
    from kg.pipeline import extract_document

    if folds < 2 or folds > len(evaluated):
        raise KgError(f"cannot split {len(evaluated)} documents into {folds} folds")
    ordered = sorted(evaluated, key=lambda p: p[0].name)
    concepts = concept_forms()
    rules, scored = Report(), Report()
    base = examples_of(always)
    cached = {p[0].name: examples_of([p]) for p in ordered}
    for k in range(folds):
        test = [p for i, p in enumerate(ordered) if i % folds == k]
        train = base + [e for i, p in enumerate(ordered) if i % folds != k for e in cached[p[0].name]]
        model = fit(train)
        for gold, doc in test:
            rules.add(score_document(extract_document(doc, scorer=None), gold, forms_of_concept=concepts))
            scored.add(score_document(extract_document(doc, scorer=model), gold, forms_of_concept=concepts))
    return CrossValidation(rules=rules, scored=scored, folds=folds)
