"""kg.segment.place: the place a report is about, from its title, opening, headings or body;
kg.read.meta: the sidecar file; ``kg build --place`` and sidecar files through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import MetadataError
from kg.model import Document, Place
from kg.read import document_from_raw, read_document
from kg.read.meta import PlaceSpec, read_sidecar, sidecar_path
from kg.read.text import decode_bytes
from kg.segment.place import detect_place, level_of, place_from_spec


def doc_of(text: str) -> Document:
    return document_from_raw(decode_bytes(text.encode("utf-8"), source="test.txt"))


def described(place: Place | None) -> tuple[tuple[str, ...], str, str] | None:
    """(path, level, source) of a place, None for none."""
    return None if place is None else (place.path, place.level, place.source)


BODY = "一、主要工作\n全年完成固定资产投资3亿元，新建村级活动场所2处。\n"


@pytest.mark.parametrize("title, expected", [
    ("临江县2022年政府工作报告", (("临江县",), "county", "title")),
    ("青石镇2021年上半年工作总结和下半年工作安排", (("青石镇",), "town", "title")),
    ("关于东城街道2023年民生实事项目进展情况的报告", (("东城街道",), "subdistrict", "title")),
    ("临江县青石镇2022年工作总结", (("临江县", "青石镇"), "town", "title")),
    ("某市临江县2023年政府工作报告", (("某市", "临江县"), "county", "title")),
    ("岚州市澄湖区白沙乡2024年上半年工作总结", (("岚州市", "澄湖区", "白沙乡"), "township", "title")),
    ("松岭村2023年工作总结及2024年工作计划", (("松岭村",), "village", "title")),
    ("新塘社区2022年工作总结", (("新塘社区",), "village", "title")),
    ("云溪新区2022年工作总结", (("云溪新区",), "district", "title")),
    ("临江县委办公室2022年工作总结", (("临江县",), "county", "title")),  # a county body's report
    # not places
    ("关于加快推进乡村振兴的报告", None),
    ("县委办公室2022年工作总结", None),
    ("2023年上半年工作总结", None),
    ("全县农业农村局2022年工作总结", None),
    ("关于老旧小区改造工作的报告", None),
    ("新农村建设工作总结", None),
    ("百强县2023年工作总结", None),
    ("美丽乡村建设工作总结", None),
    ("政府工作报告（2023年1月8日在临江县第十八届人民代表大会第二次会议上）", (("临江县",), "county", "title")),
    ("XX镇2021年工作总结", (("XX镇",), "town", "title")),
])
def test_place_from_title(title: str, expected: tuple[tuple[str, ...], str, str] | None) -> None:
    assert described(doc_of(f"{title}\n{BODY}").place) == expected


@pytest.mark.parametrize("opening, expected", [
    # the congress session the report was given at
    ("——2023年1月8日在临江县第十八届人民代表大会第二次会议上\n各位代表：\n现在，我代表县人民政府向大会报告工作。",
     (("临江县",), "county", "opening")),
    ("——2022年12月在澄湖区第五届人民代表大会第三次会议上", (("澄湖区",), "district", "opening")),
    # the body that published it
    ("2023-07-10 来源：临江县青石镇人民政府\n上半年，全镇上下攻坚克难。", (("临江县", "青石镇"), "town", "opening")),
    # the subject of the first sentence, under a superior that is its parent
    ("今年以来，青石镇在临江县委、县政府的坚强领导下，全镇上下团结一心。",
     (("临江县", "青石镇"), "town", "opening")),
    ("上半年，在临江县委、县政府的坚强领导下，东城街道紧紧围绕全年目标，全街道各项工作稳步推进。",
     (("临江县", "东城街道"), "subdistrict", "opening")),
    # a report to its superior: the addressee is not the report's place
    ("临江县人民政府：\n青石镇集镇建设三年行动计划已编制完成，现将有关情况报告如下。",
     (("临江县", "青石镇"), "town", "opening")),
    # a level without a name is no place
    ("各位代表：\n现在，我代表县人民政府向大会报告工作，请予审议。", None),
    ("在县委、县政府的坚强领导下，在镇人大的监督支持下，全镇上下团结一心。", None),
    # a place of another level merely named is not the report's
    ("全区19个街乡已有15个开工，其中白沙乡、青石乡完成加宽工程。", None),
])
def test_place_from_opening(opening: str, expected: tuple[tuple[str, ...], str, str] | None) -> None:
    text = f"2023年政府工作报告\n{opening}\n{BODY}"
    assert described(doc_of(text).place) == expected


def test_parents_from_where_the_text_spells_them_out() -> None:
    text = "青石镇2022年工作总结\n今年以来，全镇上下团结一心。\n一、主要工作\n临江县青石镇卫生院建成投用。\n"
    assert described(doc_of(text).place) == (("临江县", "青石镇"), "town", "title")
    other = "青石镇2022年工作总结\n今年以来，全镇上下团结一心。\n一、主要工作\n临江县白沙镇卫生院建成投用。\n"
    assert described(doc_of(other).place) == (("青石镇",), "town", "title")


def test_place_from_a_headline_without_report_words() -> None:
    doc = doc_of("青石镇十件民生实事全部完成\n今年以来，全镇新建道路3条。\n")
    assert described(doc.place) == (("青石镇",), "town", "title")
    bracketed = doc_of("【临江】青石镇十件民生实事全部完成\n今年以来，全镇新建道路3条。\n")  # a heading too
    assert described(bracketed.place) == (("青石镇",), "town", "title")


def test_place_from_a_heading() -> None:
    text = "2022年工作总结\n今年以来，我们坚持稳中求进。\n一、青石镇2022年工作回顾\n全年完成投资2亿元。\n"
    assert described(doc_of(text).place) == (("青石镇",), "town", "heading")


def test_a_village_heading_is_no_report_place() -> None:
    text = "2022年工作总结\n今年以来，我们坚持稳中求进。\n（一）松岭村人居环境整治\n完成改厕30户。\n"
    assert doc_of(text).place is None


def test_place_from_the_body_of_its_own_level() -> None:
    body = ("全镇上下凝心聚力。白沙镇新建道路3条；白沙镇完成投资1亿元。邻近的青石镇开展了交流。"
            "白沙镇获评先进。")
    text = f"2022年工作总结\n今年以来，我们坚持稳中求进。\n一、主要工作\n{body}\n"
    assert described(doc_of(text).place) == (("白沙镇",), "town", "body")


def test_a_body_place_named_too_rarely_is_not_taken() -> None:
    body = "全镇上下凝心聚力。白沙镇新建道路3条。"
    assert doc_of(f"2022年工作总结\n今年以来，我们坚持稳中求进。\n一、主要工作\n{body}\n").place is None


MASKED = """\
仅供学习 禁止外传
现在订阅立享前3年的所有权益和资料
会员群：                      免费QQ群：

2020年上半年政府工作总结
2020年上半年，在区委、区政府和镇委的坚强领导下，全镇人民团结一心。
一、经济平稳增长
X镇“中国名镇”顺利复评。投资X万元的X镇大溪整治工程建成使用。X镇污水处理厂扩建完成。
"""


def test_a_masked_place_is_marked_and_scoped_to_its_report() -> None:
    doc = doc_of(MASKED)
    assert doc.place is not None
    assert (doc.place.name, doc.place.level, doc.place.masked, doc.place.source) == ("X镇", "town", True, "body")
    other = doc_of(MASKED.replace("大溪", "小溪"))
    assert other.place is not None and other.place.path == doc.place.path
    assert doc.place.identity(doc.doc_id) != other.place.identity(other.doc_id)


def test_the_advertising_header_names_no_place() -> None:
    text = "仅供学习 禁止外传\n青石镇资料会员群：12345\n\n2020年上半年政府工作总结\n全年完成投资2亿元。\n"
    assert doc_of(text).place is None


def test_identity_of_a_named_place_is_its_path() -> None:
    county = Place(name="临江县", level="county")
    town = Place(name="青石镇", level="town", parent=county)
    assert town.identity("d1") == town.identity("d2") == ("临江县", "青石镇")
    masked = Place(name="X镇", level="town", parent=county, masked=True)
    assert masked.identity("d1") == ("临江县", "X镇@d1")


def test_detect_place_is_a_function_of_the_text() -> None:
    assert described(detect_place("x", title="临江县2022年政府工作报告")) == (("临江县",), "county", "title")
    assert detect_place("x") is None


@pytest.mark.parametrize("name, level", [
    ("临江县", "county"), ("青石镇", "town"), ("东城街道", "subdistrict"), ("白沙乡", "township"),
    ("松岭村", "village"), ("新塘社区", "village"), ("岚州市", "city"), ("澄湖区", "district"),
    ("峰岭自治县", "county"), ("临江", None), ("县", None),
])
def test_level_of(name: str, level: str | None) -> None:
    assert level_of(name) == level


# sidecar files and --place -------------------------------------------------------------------

REPORT = "2022年上半年工作总结\n今年以来，全镇完成投资3亿元，新建松岭村文化广场。\n"


def write_report(folder: Path, name: str = "r.txt", meta: str | None = None, text: str = REPORT) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    if meta is not None:
        sidecar_path(path).write_text(meta, encoding="utf-8")
    return path


def test_sidecar_path() -> None:
    assert sidecar_path(Path("reports/2022.txt")) == Path("reports/2022.meta.toml")


def test_sidecar_gives_the_place(tmp_path: Path) -> None:
    path = write_report(tmp_path, meta='place = "青石镇"\nparent = "临江县"\n')
    doc = read_document(path)
    assert described(doc.place) == (("临江县", "青石镇"), "town", "metadata")
    assert doc.place is not None and doc.place.parent is not None and doc.place.parent.level == "county"


def test_sidecar_overrides_the_text(tmp_path: Path) -> None:
    path = write_report(tmp_path, meta='place = "白沙"\nlevel = "township"\n',
                        text="青石镇2022年工作总结\n全年完成投资3亿元。\n")
    assert described(read_document(path).place) == (("白沙",), "township", "metadata")


def test_option_overrides_sidecar_and_text(tmp_path: Path) -> None:
    path = write_report(tmp_path, meta='place = "白沙乡"\n', text="青石镇2022年工作总结\n全年完成投资3亿元。\n")
    spec = PlaceSpec(name="临江县", source="option", origin="--place")
    assert described(read_document(path, place=spec).place) == (("临江县",), "county", "option")


@pytest.mark.parametrize("meta, problem", [
    ('place = "青石镇"\nlevel = "tow"\n', "level 'tow' is not one of province, city"),
    ('place = "青石"\n', "cannot tell the level of '青石' from its name: give level"),
    ('place = 3\n', "'place' must be a non-empty string"),
    ('place = "青石镇"\ncounty = "临江县"\n', "unknown key(s) county; expected some of place, level, parent"),
    ('level = "town"\n', "'level' given without 'place'"),
    ('place = "青石镇"\nparent_level = "county"\n', "'parent_level' given without 'parent'"),
    ('place = "临江县"\nparent = "青石镇"\n', "a town (青石镇) cannot hold a county (临江县)"),
    ('place = "青石镇\n', "invalid TOML"),
])
def test_bad_sidecar_names_the_file(tmp_path: Path, meta: str, problem: str) -> None:
    path = write_report(tmp_path, meta=meta)
    with pytest.raises(MetadataError) as raised:
        read_document(path)
    assert str(raised.value).startswith(f"{sidecar_path(path)}: ")
    assert problem in str(raised.value)


def test_empty_sidecar_is_no_place(tmp_path: Path) -> None:
    assert read_sidecar(write_report(tmp_path, meta="")) is None


def test_a_masked_looking_name_the_user_gives_is_one_place() -> None:
    place = place_from_spec(PlaceSpec(name="X镇", parent="临江县"))
    assert not place.masked and place.identity("d1") == place.identity("d2") == ("临江县", "X镇")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def places_in(graph_file: Path) -> set[str]:
    from rdflib import RDFS, Graph

    from kg.vocab import SCHEMA

    graph = Graph().parse(graph_file)
    return {str(graph.value(node, RDFS.label)) for node in graph.subjects(predicate=None, object=SCHEMA.Place)}


def test_cli_place_option(tmp_path: Path) -> None:
    write_report(tmp_path / "in", meta='place = "白沙乡"\n')
    result = run("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--place", "青石镇",
                 "--place-parent", "临江县")
    assert result.exit_code == 0, result.output
    assert places_in(tmp_path / "out" / "graph.ttl") == {"青石镇", "临江县"}


def test_cli_place_option_without_a_level(tmp_path: Path) -> None:
    write_report(tmp_path / "in")
    result = run("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--place", "青石")
    assert result.exit_code == 2
    assert result.output.strip() == ("Error: --place: cannot tell the level of '青石' from its name: give "
                                     "--place-level (levels: province, city, county, district, town, township, "
                                     "subdistrict, village)")
    assert not (tmp_path / "out").exists()
    result = run("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--place", "青石",
                 "--place-level", "town")
    assert result.exit_code == 0, result.output


def test_cli_place_level_needs_place(tmp_path: Path) -> None:
    write_report(tmp_path / "in")
    result = run("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--place-level", "town")
    assert result.exit_code == 2
    assert result.output.strip() == "Error: --place-level and --place-parent need --place"


def test_cli_sidecar(tmp_path: Path) -> None:
    write_report(tmp_path / "in", meta='place = "白沙乡"\nparent = "临江县"\n')
    result = run("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert places_in(tmp_path / "out" / "graph.ttl") == {"白沙乡", "临江县"}


def test_cli_bad_sidecar_writes_nothing(tmp_path: Path) -> None:
    report = write_report(tmp_path / "in", meta='place = "白沙乡"\nlevel = "tow"\n')
    write_report(tmp_path / "in", name="other.txt", text="青石镇2022年工作总结\n全年完成投资3亿元。\n")
    result = run("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.output.strip() == (f"Error: {sidecar_path(report)}: level 'tow' is not one of province, city, "
                                     "county, district, town, township, subdistrict, village")
    assert not (tmp_path / "out").exists()


# a places table (kg build --places) ----------------------------------------------------------

TABLE = '["青石镇"]\nparent = "临江县"\n["临江县"]\nparent = "岚州"\nparent_level = "city"\n'


def table_of(tmp_path: Path, text: str = TABLE):  # type: ignore[no-untyped-def]
    from kg.read.meta import read_place_table

    path = tmp_path / "places.toml"
    path.write_text(text, encoding="utf-8")
    return read_place_table(path)


def test_table_gives_the_parents_a_report_does_not_name(tmp_path: Path) -> None:
    path = write_report(tmp_path / "in", text="青石镇2022年工作总结\n全年完成投资3亿元。\n")
    place = read_document(path, table=table_of(tmp_path)).place
    assert place is not None and place.path == ("岚州", "临江县", "青石镇")
    assert place.parent is not None and place.parent.parent is not None
    assert (place.source, place.parent.source, place.parent.level, place.parent.parent.level) == \
        ("title", "table", "county", "city")


def test_table_completes_the_parents_the_text_names(tmp_path: Path) -> None:
    path = write_report(tmp_path / "in", text="临江县青石镇2022年工作总结\n全年完成投资3亿元。\n")
    place = read_document(path, table=table_of(tmp_path)).place
    assert place is not None and place.path == ("岚州", "临江县", "青石镇")


def test_table_leaves_unlisted_and_masked_places_alone(tmp_path: Path) -> None:
    path = write_report(tmp_path / "in", text="白沙乡2022年工作总结\n全年完成投资3亿元。\n")
    place = read_document(path, table=table_of(tmp_path, '["X镇"]\nparent = "临江县"\n')).place
    assert place is not None and place.path == ("白沙乡",)
    masked = Place(name="X镇", level="town", masked=True)
    from kg.segment.place import with_table_parents

    assert with_table_parents(masked, table_of(tmp_path, '["X镇"]\nparent = "临江县"\n')).parent is None


@pytest.mark.parametrize("text, problem", [
    ('["青石镇"]\nparent = "临江"\n', "cannot tell the level of '临江' from its name: give parent_level"),
    ('["青石镇"]\nparent = "白沙村"\n', "a village (白沙村) cannot hold a town (青石镇)"),
    ('["青石镇"]\nparent = "临江县"\n["临江县"]\nparent = "青石镇"\n', "go round in a loop"),
    ('["青石镇"]\nparnet = "临江县"\n', "[青石镇]: unknown key(s) parnet; expected parent, parent_level"),
    ('"青石镇" = "临江县"\n', "'青石镇' must be a table"),
    ('["青石镇"\n', "invalid TOML"),
])
def test_bad_table_names_the_file(tmp_path: Path, text: str, problem: str) -> None:
    path = write_report(tmp_path / "in", text="青石镇2022年工作总结\n全年完成投资3亿元。\n")
    with pytest.raises(MetadataError) as raised:
        read_document(path, table=table_of(tmp_path, text))
    assert str(raised.value).startswith(str(tmp_path / "places.toml"))
    assert problem in str(raised.value)


def test_cli_places_table(tmp_path: Path) -> None:
    write_report(tmp_path / "in", text="青石镇2022年工作总结\n全年完成投资3亿元，新建松岭村文化广场。\n")
    (tmp_path / "places.toml").write_text(TABLE, encoding="utf-8")
    result = run("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--places", str(tmp_path / "places.toml"))
    assert result.exit_code == 0, result.output
    assert places_in(tmp_path / "out" / "graph.ttl") == {"青石镇", "临江县", "岚州"}
    result = run("build", str(tmp_path / "in"), "-o", str(tmp_path / "out2"), "--places", str(tmp_path / "none.toml"))
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {tmp_path / 'none.toml'}: no such file"


# parents completed across the reports of a build ----------------------------------------------

def town(county: Place | None = None, name: str = "青石镇") -> Place:
    return Place(name=name, level="town", parent=county)


CITY = Place(name="云岭市", level="city")


def test_parents_are_completed_from_other_reports() -> None:
    from kg.segment.place import complete_parents

    county = Place(name="临江县", level="county")
    places = [town(county), Place(name="临江县", level="county", parent=CITY), None]
    completed = complete_parents(places)
    assert [p.path if p else None for p in completed] == [("云岭市", "临江县", "青石镇"), ("云岭市", "临江县"), None]
    assert [p.path if p else None for p in complete_parents(places[::-1])] == [None, ("云岭市", "临江县"),
                                                                              ("云岭市", "临江县", "青石镇")]


def test_two_fuller_paths_leave_a_place_as_it_is() -> None:
    from kg.segment.place import complete_parents

    county = Place(name="临江县", level="county")
    other_city = Place(name="岚州市", level="city")
    places = [town(county), Place(name="临江县", level="county", parent=CITY),
              Place(name="临江县", level="county", parent=other_city)]
    assert complete_parents(places)[0] == town(county)


def test_completion_keeps_levels_and_masks_apart() -> None:
    from kg.segment.place import complete_parents

    district = Place(name="临江区", level="district", parent=CITY)
    masked = Place(name="X镇", level="town", masked=True)
    assert complete_parents([town(Place(name="临江县", level="county")), district])[0] == \
        town(Place(name="临江县", level="county"))
    assert complete_parents([masked, Place(name="X镇", level="town", parent=CITY, masked=True)])[0] == masked


@pytest.mark.parametrize("places, unplaced, line", [
    ({"county": 1, "town": 2}, (), "places: 3 of 3 reports (county 1, town 2)"),
    ({"town": 1}, ("b.txt",), "places: 1 of 2 reports (town 1); none found for b.txt (give --place, --places or a "
                              "sidecar file)"),
    ({}, ("a.txt", "b.txt", "c.txt", "d.txt", "e.txt"),
     "places: 0 of 5 reports; none found for a.txt, b.txt, c.txt and 2 more (give --place, --places or a sidecar "
     "file)"),
])
def test_places_line(places: dict[str, int], unplaced: tuple[str, ...], line: str) -> None:
    from kg.cli.graph import places_line

    assert places_line(places, unplaced) == line


def test_cli_build_prints_the_places(tmp_path: Path) -> None:
    write_report(tmp_path / "in", name="a.txt", text="青石镇2022年工作总结\n全年完成投资3亿元。\n")
    write_report(tmp_path / "in", name="b.txt")
    result = run("build", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert ("places: 1 of 2 reports (town 1); none found for b.txt (give --place, --places or a sidecar file)"
            in result.output.splitlines())
