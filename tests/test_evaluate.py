"""The scorer behind ``kg eval``: lenient names, strict facts, one-to-one pairing, both gold formats."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kg.errors import DataFileError
from kg.evaluate.gold import GoldAmount, GoldDoc, GoldEntity, GoldFact, load_gold
from kg.evaluate.score import names_match, score_document
from kg.model import Amount, Extraction, Mention, Relation, Span
from kg.read import document_from_raw
from kg.read.text import decode_bytes

TEXT = "2023年工作总结\n投资1200万元的青禾小学新校区竣工使用。\n二、明年工作安排\n新建青禾卫生院。\n"


@pytest.mark.parametrize("a, b, matches", [
    ("青禾小学新校区", "青禾小学新校区", True),
    ("青禾小学新校区项目", "青禾小学新校区", True),       # one holds the other, at least half as long
    ("“美丽乡村”建设", "美丽乡村建设", True),            # punctuation dropped
    ("新校区", "青禾小学新校区项目", False),             # shorter than half
    ("青禾小学", "白石小学", False),
    ("", "青禾小学", False),
])
def test_names_match(a: str, b: str, matches: bool) -> None:
    assert (names_match(a, b) > 0) is matches


def _doc():  # type: ignore[no-untyped-def]
    return document_from_raw(decode_bytes(TEXT.encode("utf-8"), source="t.txt"))


def _mention(doc, kind: str, text: str, *, nth: int = 0) -> Mention:  # type: ignore[no-untyped-def]
    start = doc.text.index(text)
    sentence = next(s.index for s in doc.sentences if s.start <= start < s.end)
    return Mention(kind=kind, text=text, span=Span(doc_id=doc.doc_id, start=start + nth, end=start + len(text)),
                   sentence=sentence, rule="test")


def _amount(doc, value: int) -> Amount:  # type: ignore[no-untyped-def]
    return Amount(value=Decimal(value), unit="CNY", approximate=False, masked=False, quote=str(value),
                  span=Span(doc_id=doc.doc_id, start=0, end=1))


def _gold(**facts: list[GoldFact]) -> GoldDoc:
    gold = GoldDoc(name="t", path=Path("t.json"),
                   entities=[GoldEntity("Project", "青禾小学新校区", ("青禾小学新校区项目",)),
                             GoldEntity("Project", "青禾卫生院")])
    for items in facts.values():
        gold.facts.extend(items)
    return gold


def test_two_predicted_names_for_one_thing_are_one_hit_and_one_false_positive() -> None:
    doc = _doc()
    school = _mention(doc, "Project", "青禾小学新校区")
    shorter = Mention(kind="Project", text="小学新校区", span=school.span, sentence=school.sentence, rule="t")
    report = score_document(Extraction(doc=doc, mentions=[school, shorter]), _gold(), forms_of_concept={})
    score = report.entities["Project"]
    assert (score.hits, score.gold, score.pred) == (1, 2, 2)
    assert [(e.what, e.item) for e in report.errors if e.kind == "Project"] == \
        [("missed", "青禾卫生院"), ("spurious", "小学新校区  (t)")]
    missed = next(e for e in report.errors if e.what == "missed")
    assert missed.sentence == "新建青禾卫生院。"


@pytest.mark.parametrize("value, hit, wrong", [
    (12_000_000, 1, 0),
    (12_050_000, 1, 0),     # within 0.5 %
    (12_100_000, 0, 1),     # off by 0.8 %: a wrong amount
])
def test_amounts_match_within_half_a_percent(value: int, hit: int, wrong: int) -> None:
    doc = _doc()
    school = _mention(doc, "Project", "青禾小学新校区")
    rel = Relation(kind="investment", subject=school, target=_amount(doc, value), evidence=school.span,
                   sentence=school.sentence, rule="t")
    gold = _gold(i=[GoldFact("investment", "青禾小学新校区", GoldAmount(Decimal(12_000_000), False))])
    report = score_document(Extraction(doc=doc, mentions=[school], relations=[rel]), gold, forms_of_concept={})
    assert report.relations["investment"].hits == hit
    assert report.wrong_amounts == wrong


def test_status_with_and_without_its_part() -> None:
    doc = _doc()
    clinic = _mention(doc, "Project", "青禾卫生院")
    said = [Relation(kind="status", subject=clinic, target="Planned", evidence=clinic.span,
                     sentence=clinic.sentence, rule="t")]
    wrong_part = [GoldFact("status", "青禾卫生院", "Planned", "review")]
    report = score_document(Extraction(doc=doc, mentions=[clinic], relations=said), _gold(s=wrong_part),
                            forms_of_concept={})
    assert report.relations["status"].hits == 1
    assert report.relations["status+part"].hits == 0  # the sentence stands in the plan part
    right_part = [GoldFact("status", "青禾卫生院", "Planned", "plan")]
    report = score_document(Extraction(doc=doc, mentions=[clinic], relations=said), _gold(s=right_part),
                            forms_of_concept={})
    assert report.relations["status+part"].hits == 1


def test_json_gold_is_read(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text(json.dumps({
        "doc": "d", "entities": [{"type": "Road", "label": "青禾大道", "aliases": ["青禾路"]}],
        "investments": [{"project": "x", "yuan": 35000000.0, "approx": True}],
        "statuses": [{"project": "x", "status": "Completed", "part": "plan"}]}, ensure_ascii=False), encoding="utf-8")
    gold = load_gold(path)
    assert gold.entities == [GoldEntity("Road", "青禾大道", ("青禾路",))]
    assert GoldFact("investment", "x", GoldAmount(Decimal("35000000.0"), True)) in gold.facts
    assert GoldFact("status", "x", "Completed", "plan") in gold.facts
    assert not gold.latest_status


@pytest.mark.parametrize("content, problem", [
    ("{", "invalid JSON"),
    ('{"entities": [{"type": "Planet", "label": "火星"}]}', "entities[0]: unknown entity type 'Planet'"),
    ('{"entities": [], "statuses": [{"project": "x", "status": "Done", "part": "plan"}]}',
     "statuses[0]: unknown status 'Done'"),
    ('{"entities": [], "statuses": [{"project": "x", "status": "Planned", "part": "later"}]}',
     "statuses[0]: 'part' must be one of review, plan"),
    ('{"entities": [], "locations": [{"project": "x"}]}', "locations[0]: missing place"),
])
def test_malformed_json_gold_names_the_file_and_the_problem(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_gold(path)
    assert str(info.value).startswith(str(path))
    assert problem in str(info.value)


def test_quality_floor_fails_below_tolerance_and_on_any_wrong_amount() -> None:
    from kg.evaluate.floor import check
    from kg.evaluate.score import Report, Score

    report = Report()
    report.entities["Project"] = Score(hits=8, gold=10, pred=10)  # F1 0.8
    assert check(report, {"Project_f1": 0.81}, 0.02) == []
    assert check(report, {"Project_f1": 0.83}, 0.02) == ["Project_f1 0.800 is below its floor 0.830 - 0.02"]
    assert check(report, {"Projekt_f1": 0.5}, 0.02) == ["unknown figure 'Projekt_f1'"]
    report.wrong_amounts = 1
    assert check(report, {}, 0.02) == ["1 wrong investment amount(s)"]


def test_quality_floor_file_is_read(tmp_path: Path) -> None:
    from kg.evaluate.floor import load_floors

    (tmp_path / "quality").mkdir()
    path = tmp_path / "quality" / "floors.toml"
    path.write_text('tolerance = 0.01\n[sets.a]\npath = "x"\noptional = true\n[sets.a.floors]\nRoad_f1 = 0.5\n',
                    encoding="utf-8")
    tolerance, sets = load_floors(path)
    assert tolerance == 0.01
    assert [(s.name, s.path, s.optional, s.floors) for s in sets] == [("a", tmp_path / "x", True, {"Road_f1": 0.5})]
    path.write_text('[sets.a.floors]\nRoad_f1 = "high"\n', encoding="utf-8")
    with pytest.raises(DataFileError, match="must map figure names to numbers"):
        load_floors(path)


def _script(name: str) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parents[1] / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_floor_update_raises_floors_and_never_lowers_them(tmp_path: Path) -> None:
    floors = tmp_path / "floors.toml"
    floors.write_text("# kept\ntolerance = 0.02\n[sets.a]\npath = \"x\"\n[sets.a.floors]\n"
                      "Project_f1 = 0.800\nlocation_recall = 0.700\n", encoding="utf-8")
    _script("quality_gate")._rewrite(floors, {"a": {"Project_f1": 0.8512, "location_recall": 0.69}})
    assert floors.read_text(encoding="utf-8") == (
        "# kept\ntolerance = 0.02\n[sets.a]\npath = \"x\"\n[sets.a.floors]\n"
        "Project_f1 = 0.851\nlocation_recall = 0.700\n")


def test_readme_tables_are_replaced_between_their_markers_only(tmp_path: Path) -> None:
    module = _script("quality_table")
    readme = tmp_path / "README.md"
    readme.write_text("intro\n<!-- quality-tables -->\nold\n<!-- /quality-tables -->\nafter\n", encoding="utf-8")
    module.write_between_markers(readme, "| new |\n")
    assert readme.read_text(encoding="utf-8") == (
        "intro\n<!-- quality-tables -->\n| new |\n<!-- /quality-tables -->\nafter\n")
    readme.write_text("no markers\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="markers"):
        module.write_between_markers(readme, "x")
    assert readme.read_text(encoding="utf-8") == "no markers\n"
