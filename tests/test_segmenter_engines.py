"""The two segmenter engines (rjieba, the default, and jieba) cut alike, and the cache tells them apart."""

from __future__ import annotations

import pytest

from kg.cache import extractor_version
from kg.extract.lexicon import default_segmenter, lexicon
from kg.extract.tokens import ENGINE_VARIABLE, Segmenter, segmenter_engine

SENTENCES = [
    "下半年加快推进司神公路改造工程，投资1200万元，同步建设高堂社区污水管网。",
    "县交通运输局牵头实施溪北大道提升工程，确保年底前建成通车。",
    "全面推进乡村振兴，完成陈库村文化礼堂新建工程和农村人居环境整治三年行动。",
    "投资X万元的望江新村安置小区主体完工，龙井小学新校区竣工使用。",
    "2023年计划实施城市更新项目12个，总投资3.5亿元。",
]


@pytest.fixture(scope="module")
def both() -> tuple[Segmenter, Segmenter]:
    lex = lexicon()
    return (Segmenter(lex.dictionary_words(), lex.split_words, engine="rjieba"),
            Segmenter(lex.dictionary_words(), lex.split_words, engine="jieba"))


@pytest.mark.parametrize("sentence", SENTENCES)
def test_engines_cut_alike(both: tuple[Segmenter, Segmenter], sentence: str) -> None:
    rust, python = both
    assert rust.tokens(sentence) == python.tokens(sentence)


def test_our_words_and_split_words_reach_rjieba(both: tuple[Segmenter, Segmenter]) -> None:
    rust, python = both
    lex = lexicon()
    for word in sorted(lex.split_words)[:20]:  # taken out of the dictionary in both
        assert [t.text for t in rust.tokens(word)] == [t.text for t in python.tokens(word)]
    campaign = next(w for w, tag in sorted(lex.dictionary_words().items()) if tag == "x-campaign" and len(w) > 3)
    assert [t.text for t in rust.tokens(f"推进{campaign}工作")] == ["推进", campaign, "工作"]


def test_the_default_is_rjieba(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENGINE_VARIABLE, raising=False)
    assert segmenter_engine() == "rjieba"
    assert default_segmenter().engine == "rjieba"
    monkeypatch.setenv(ENGINE_VARIABLE, "jieba")
    assert segmenter_engine() == "jieba"


def test_an_unknown_engine_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENGINE_VARIABLE, "pkuseg")
    with pytest.raises(ValueError, match="GOVKG_SEGMENTER='pkuseg': choose one of rjieba, jieba"):
        segmenter_engine()


def test_the_cache_version_names_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENGINE_VARIABLE, "rjieba")
    rust = extractor_version()
    monkeypatch.setenv(ENGINE_VARIABLE, "jieba")
    assert extractor_version() != rust
    monkeypatch.setenv(ENGINE_VARIABLE, "rjieba")
    assert extractor_version() == rust
