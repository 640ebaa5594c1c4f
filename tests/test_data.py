"""Language-data files: every one loads, and a key written in the wrong place is an error."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import kg.data as data
from kg.errors import DataFileError
from kg.extract.lexicon import lexicon
from kg.extract.listing import item_rules
from kg.read.boilerplate import boilerplate_ranges
from kg.relate import amounts, investment, responsibility, status
from kg.segment.structure import rules as structure_rules


def test_every_data_file_loads() -> None:
    assert lexicon().campaigns
    assert item_rules().leads
    assert structure_rules().headings
    assert amounts.rules().money_scales["亿"] == 100_000_000
    assert investment.rules().triggers
    assert responsibility.rules().after_org
    assert status.rules().plan_keeps == frozenset({"UnderConstruction", "Started"})
    assert boilerplate_ranges("仅供学习 禁止外传\n2020年工作总结\n", 12) == [(0, 9)]


@pytest.fixture
def fake_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(data, "data_path", lambda package, name: tmp_path / name)
    data._parse.cache_clear()
    yield tmp_path
    data._parse.cache_clear()


def test_a_key_below_a_table_header_is_reported(fake_data: Path) -> None:
    (fake_data / "status.toml").write_text('[[status]]\nstatus = "InUse"\nwords = ["投入使用"]\n'
                                           'plan_keeps = ["Started"]\n', encoding="utf-8")
    table = data.load_toml("kg.relate", "status.toml", keys=("plan_keeps", "status"))
    with pytest.raises(DataFileError, match=r"status.toml: unknown key\(s\) plan_keeps in \[\[status\]\]"):
        data.check_keys(table["status"][0], ("status", "words"), source="status.toml", where="[[status]]")


@pytest.mark.parametrize("text, message", [
    ('suffixes = ["路"]\nsufixes = ["街"]\n', r"road.toml: unknown key\(s\) sufixes"),
    ('max_name_chars = 3\n', r"road.toml: missing key\(s\) suffixes"),
    ("suffixes = [\"路\"\n", r"road.toml(:\d+)?: invalid TOML"),
])
def test_bad_data_files_name_the_file(fake_data: Path, text: str, message: str) -> None:
    (fake_data / "road.toml").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        data.load_toml("kg.extract", "road.toml", keys=("suffixes", "max_name_chars"), required=("suffixes",))


@dataclass(frozen=True)
class _Rules:
    words: tuple[str, ...]
    tags: frozenset[str]
    pattern: re.Pattern[str]
    text: str


@pytest.mark.parametrize("text, message", [
    ('words = ["甲"]\ntags = ["n"]\npattern = "a+"\n', r"items.toml: missing key\(s\) text"),
    ('words = ["甲"]\ntags = ["n"]\npattern = "a+"\ntext = "x"\nextra = 1\n', r"items.toml: unknown key\(s\) extra"),
    ('words = "甲"\ntags = ["n"]\npattern = "a+"\ntext = "x"\n', r"'words' must be a list of strings"),
    ('words = ["甲"]\ntags = ["n"]\npattern = "(a"\ntext = "x"\n', r"'pattern' is no regular expression"),
])
def test_rules_dataclass_loader_names_the_file_and_key(fake_data: Path, text: str, message: str) -> None:
    (fake_data / "items.toml").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=message):
        data.load_rules(_Rules, "kg.extract", "items.toml")


def test_rules_dataclass_loader_reads_each_field_by_its_type(fake_data: Path) -> None:
    (fake_data / "items.toml").write_text('words = ["甲", "乙"]\ntags = ["n"]\npattern = "a+"\ntext = "x"\n',
                                          encoding="utf-8")
    rules = data.load_rules(_Rules, "kg.extract", "items.toml")
    assert rules == _Rules(words=("甲", "乙"), tags=frozenset({"n"}), pattern=re.compile("a+"), text="x")
