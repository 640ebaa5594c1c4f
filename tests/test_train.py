"""The learned project scorer: candidates, shape features, training, cross-validation, ``kg train``."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from helpers import extract

from kg.cli import cli
from kg.evaluate.gold import GoldDoc, GoldEntity
from kg.evaluate.train import examples_of, fit, write_model
from kg.extract import SHIPPED, extract_mentions, rule_mentions, sentence_views
from kg.extract.lexicon import lexicon
from kg.extract.scorer import Model, candidates, features, load_model

BODY = "投资800万元的青禾镇农贸市场建成使用。开工建设白鹭湾污水处理厂、柳塘小学。"


def _doc():  # type: ignore[no-untyped-def]
    return extract(BODY).doc


def _gold() -> GoldDoc:
    names = ("青禾镇农贸市场", "白鹭湾污水处理厂", "柳塘小学")
    return GoldDoc(name="t", path=Path("t.json"), entities=[GoldEntity("Project", n) for n in names])


def _view():  # type: ignore[no-untyped-def]
    return next(v for v in sentence_views(_doc()) if "青禾" in v.text)


def test_candidates_hold_the_rules_names_and_other_starts() -> None:
    view = _view()
    found = rule_mentions(view, lexicon())
    spans = {view.text[c.start:c.end] for c in candidates(view, found, lexicon())}
    assert "青禾镇农贸市场" in spans
    assert "镇农贸市场" in spans  # another start for the same end


def test_features_hold_no_word_of_a_name() -> None:
    view = _view()
    for c in candidates(view, rule_mentions(view, lexicon()), lexicon()):
        for feature in features(view, lexicon(), c):
            assert not any(part in feature for part in ("青禾", "农贸", "市场"))


def test_examples_are_labelled_from_the_gold_one_positive_per_name() -> None:
    examples = examples_of([(_gold(), _doc())])
    assert sum(e.label for e in examples) == 3
    assert len(examples) > 3


def test_training_is_deterministic(tmp_path: Path) -> None:
    examples = examples_of([(_gold(), _doc())])
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_model(fit(examples), first)
    write_model(fit(examples), second)
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text(encoding="utf-8"))
    assert list(data["weights"]) == sorted(data["weights"])
    assert load_model(first) == Model(bias=data["bias"], weights=data["weights"])


def test_the_scorer_decides_which_projects_stay() -> None:
    views = sentence_views(_doc())
    keep_all = Model(bias=30.0, weights={})
    drop_all = Model(bias=-30.0, weights={})
    assert {m.text for m in extract_mentions(views, scorer=drop_all) if m.kind == "Project"} == set()
    kept = {m.text for m in extract_mentions(views, scorer=keep_all) if m.kind == "Project"}
    assert "青禾镇农贸市场" in kept
    rules = {m.text for m in extract_mentions(views, scorer=None) if m.kind == "Project"}
    assert rules == {m.text for m in extract_mentions(views, scorer=SHIPPED) if m.kind == "Project"}  # none shipped


def _set(tmp_path: Path) -> Path:
    folder = tmp_path / "set"
    (folder / "gold").mkdir(parents=True)
    (folder / "docs").mkdir()
    for i, name in enumerate(("a", "b")):
        (folder / "docs" / f"{name}.txt").write_text(f"2023年工作总结\n{BODY}\n新建第{i + 1}水厂。\n", encoding="utf-8")
        (folder / "gold" / f"{name}.json").write_text(json.dumps({"entities": [
            {"type": "Project", "label": label} for label in ("青禾镇农贸市场", "白鹭湾污水处理厂", "柳塘小学")]}),
            encoding="utf-8")
    return folder


def test_kg_train_writes_a_model_and_cross_validates(tmp_path: Path) -> None:
    folder = _set(tmp_path)
    out = tmp_path / "model.json"
    result = CliRunner().invoke(cli, ["train", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(rf"trained on 2 documents, \d+ candidates; wrote {re.escape(str(out))}\n", result.output)
    assert load_model(out) is not None
    result = CliRunner().invoke(cli, ["train", str(folder), "--cv-on", str(folder), "--folds", "2"])
    assert result.exit_code == 0, result.output
    assert "rules alone" in result.output and "rules + scorer" in result.output


def test_kg_train_refuses_more_folds_than_documents(tmp_path: Path) -> None:
    folder = _set(tmp_path)
    result = CliRunner().invoke(cli, ["train", str(folder), "--cv-on", str(folder), "--folds", "3"])
    assert result.exit_code == 2
    assert "cannot split 2 documents into 3 folds" in result.output
