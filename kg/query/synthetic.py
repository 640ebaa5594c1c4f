"""Graphs in the govkg ontology made up for tests and benchmarks.

:func:`sample_graph` is a two-report graph small enough to know every answer by heart (the saved
queries are tested against it). :func:`synthetic_ntriples` writes a graph of any size, shaped like
the real ones (reports with sections, sentences, mentions and assertions; villages, roads,
initiatives and bodies shared across reports; projects restated from one report to the next),
for the query benchmark (scripts/benchmark_query.py).
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator

from rdflib import Graph

GK = "https://w3id.org/govkg/ontology#"
BASE = "https://w3id.org/govkg/id/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_SCHEMA = "https://schema.org/"
_DCT = "http://purl.org/dc/terms/"
_CAMP = "https://w3id.org/govkg/campaign/"

_STATUSES = ("Planned", "Started", "UnderConstruction", "Completed", "InUse")
_VILLAGE_STEMS = ("高堂 陈库 溪岭 南塘 西坞 上叶 龙井 坪寨 望江 柳湾 "
                  "东山 石门 桃源 青石 白沙 新桥 古城 红星 长乐 和平").split()
_ROAD_STEMS = "司神 溪北 滨河 环城 迎宾 建设 人民 解放 工业 园区 沿江 朝阳".split()
_INITIATIVES = ("乡村振兴", "创文", "脱贫攻坚", "雨污分流", "五水共治", "三改一拆", "美丽乡村", "城市更新",
                "河长制", "未来乡村", "污染防治攻坚战", "农村人居环境整治")
_ORG_STEMS = ("县交通运输局", "县教育局", "镇政府", "县水利局", "县住建局", "城投公司", "供电公司", "县农业农村局")
_PROJECT_KINDS = ("改造工程", "新建工程", "提升工程", "污水管网工程", "小学新校区", "文化礼堂", "安置小区", "公园")


def _iri(local: str) -> str:
    return f"<{BASE}{local}>"


def _gk(local: str) -> str:
    return f"<{GK}{local}>"


def _lit(text: str, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def _typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{_XSD}{datatype}>'


def _hex(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def synthetic_ntriples(triples: int = 1_000_000, *, seed: int = 7) -> Iterator[str]:
    """N-Triples lines of a made-up govkg graph of about ``triples`` triples (±2 %)."""
    rng = random.Random(seed)
    reports = max(1, round(triples / 4030))
    villages = [f"{stem}{suffix}" for suffix in ("村", "社区", "新村") for stem in _VILLAGE_STEMS]
    villages += [f"{a}{b}村" for a in _VILLAGE_STEMS for b in _VILLAGE_STEMS if a != b][: max(0, reports * 3)]
    roads = [f"{stem}{suffix}" for suffix in ("公路", "大道", "路", "线") for stem in _ROAD_STEMS]
    roads += [f"{a}{b}路" for a in _ROAD_STEMS for b in _VILLAGE_STEMS][: max(0, reports)]
    orgs = list(_ORG_STEMS) + [f"{v}村委会" for v in villages[: reports]]
    emitted: set[str] = set()
    projects: list[tuple[str, str]] = []  # (key, label) of projects seen so far

    def entity(kind: str, cls: str, label: str) -> Iterator[str]:
        key = _hex(kind, label)
        node = _iri(f"{kind}/{key}")
        if node not in emitted:
            emitted.add(node)
            yield f"{node} <{_RDF}type> {_gk(cls)} ."
            yield f"{node} <{_RDFS}label> {_lit(label, 'zh')} ."
            yield f"{node} {_gk('masked')} {_typed('false', 'boolean')} ."
            if kind == "initiative":
                concept = f"<{_CAMP}{_hex('concept', label)}>"
                yield f"{node} {_gk('concept')} {concept} ."
                if concept not in emitted:
                    emitted.add(concept)
                    yield f"{concept} <{_RDF}type> <{_SKOS}Concept> ."
                    yield f"{concept} <{_SKOS}inScheme> <{_CAMP}scheme> ."
                    yield f"{concept} <{_SKOS}prefLabel> {_lit(label, 'zh')} ."

    for r in range(reports):
        doc_id = _hex("doc", r)
        doc = _iri(f"doc/{doc_id}")
        year = 2015 + r % 10
        period = f"{year}-H{1 + r % 2}" if r % 3 else str(year)
        plan_period = f"{year}-H2" if period.endswith("H1") else f"{year + 1}"
        yield f"{doc} <{_RDF}type> {_gk('Report')} ."
        yield f"{doc} <{_DCT}title> {_lit(f'第{r}号{year}年工作报告', 'zh')} ."
        yield f"{doc} {_gk('reportPeriod')} {_lit(period)} ."
        yield f"{doc} {_gk('year')} {_typed(year, 'integer')} ."
        yield f"{doc} {_gk('sha256')} {_lit(_hex('sha', r) * 4)} ."
        yield f"{doc} {_gk('encoding')} {_lit('utf-8')} ."
        yield f"{doc} {_gk('sourceFile')} {_lit(f'report_{r:05d}.txt')} ."
        sections = 30
        for s in range(sections):
            node = _iri(f"doc/{doc_id}/section/{s}")
            part = "Review" if s < 18 else "Plan"
            yield f"{node} <{_RDF}type> {_gk('Section')} ."
            yield f"{node} {_gk('heading')} {_lit(f'（{s}）第{s}项工作')} ."
            yield f"{node} {_gk('level')} {_typed(1 + s % 3, 'integer')} ."
            yield f"{node} {_gk('part')} {_gk(part)} ."
            yield f"{node} {_gk('inDocument')} {doc} ."
            yield f"{node} {_gk('startOffset')} {_typed(s * 400, 'integer')} ."
            yield f"{node} {_gk('endOffset')} {_typed(s * 400 + 400, 'integer')} ."
            yield f"{node} {_gk('reportPeriod')} {_lit(period if part == 'Review' else plan_period)} ."
        sentences = 150
        for i in range(sentences):
            node = _iri(f"doc/{doc_id}/sentence/{i}")
            works = "污水管网" if i % 10 == 0 else rng.choice(("道路", "校舍", "公园", "农房", "电网"))
            text = f"第{i}句：加快推进{rng.choice(_VILLAGE_STEMS)}{works}建设，确保年底前完成。"
            yield f"{node} <{_RDF}type> {_gk('Sentence')} ."
            yield f"{node} {_gk('text')} {_lit(text)} ."
            yield f"{node} {_gk('startOffset')} {_typed(i * 80, 'integer')} ."
            yield f"{node} {_gk('endOffset')} {_typed(i * 80 + len(text), 'integer')} ."
            yield f"{node} {_gk('inDocument')} {doc} ."
            yield f"{node} {_gk('section')} {_iri(f'doc/{doc_id}/section/{i // 5}')} ."

        offset = 0

        def mention(entity_node: str, kind: str, label: str, sentence: int,
                    doc_id: str = doc_id, doc: str = doc) -> Iterator[str]:
            nonlocal offset
            offset += 7
            node = _iri(f"doc/{doc_id}/mention/{offset}-{offset + len(label)}-{kind}")
            yield f"{entity_node} {_gk('mention')} {node} ."
            yield f"{node} <{_RDF}type> {_gk('Mention')} ."
            yield f"{node} {_gk('quote')} {_lit(label)} ."
            yield f"{node} {_gk('startOffset')} {_typed(offset, 'integer')} ."
            yield f"{node} {_gk('endOffset')} {_typed(offset + len(label), 'integer')} ."
            yield f"{node} {_gk('sentence')} {_iri(f'doc/{doc_id}/sentence/{sentence}')} ."
            yield f"{node} {_gk('inDocument')} {doc} ."
            yield f"{node} {_gk('rule')} {_lit(kind.lower() + ':suffix')} ."

        def assertion(subject: str, prop: str, obj: str, sentence: int, doc_id: str = doc_id, doc: str = doc,
                      period: str = period, plan_period: str = plan_period) -> Iterator[str]:
            node = _iri(f"doc/{doc_id}/assertion/{_hex(subject, prop, obj, sentence)}")
            part = "Review" if sentence < 90 else "Plan"
            yield f"{subject} {_gk(prop)} {obj} ."
            yield f"{node} <{_RDF}type> {_gk('Assertion')} ."
            yield f"{node} <{_RDF}subject> {subject} ."
            yield f"{node} <{_RDF}predicate> {_gk(prop)} ."
            yield f"{node} <{_RDF}object> {obj} ."
            yield f"{node} {_gk('sentence')} {_iri(f'doc/{doc_id}/sentence/{sentence}')} ."
            yield f"{node} {_gk('inDocument')} {doc} ."
            yield f"{node} {_gk('startOffset')} {_typed(sentence * 80, 'integer')} ."
            yield f"{node} {_gk('endOffset')} {_typed(sentence * 80 + 12, 'integer')} ."
            yield f"{node} {_gk('rule')} {_lit(prop + ':rule')} ."
            yield f"{node} {_gk('reportPeriod')} {_lit(period if part == 'Review' else plan_period)} ."
            yield f"{node} {_gk('part')} {_gk(part)} ."

        for p in range(36):
            sentence = rng.randrange(sentences)
            if projects and rng.random() < 0.25:
                key, label = rng.choice(projects)
            else:
                village = rng.choice(villages)
                label = f"{village}{rng.choice(_PROJECT_KINDS)}{r}-{p}"
                key = _hex("project", label)
                projects.append((key, label))
            project = _iri(f"project/{key}")
            yield from entity("project", "Project", label)
            yield from mention(project, "Project", label, sentence)
            place_kind, place_cls, place = (("village", "Community" if "社区" in label else "Village",
                                             rng.choice(villages)) if rng.random() < 0.6
                                            else ("road", "Road", rng.choice(roads)))
            place_node = _iri(f"{place_kind}/{_hex(place_kind, place)}")
            yield from entity(place_kind, place_cls, place)
            yield from mention(place_node, place_cls, place, sentence)
            yield from assertion(project, "locatedIn", place_node, sentence)
            initiative = rng.choice(_INITIATIVES)
            initiative_node = _iri(f"initiative/{_hex('initiative', initiative)}")
            yield from entity("initiative", "Initiative", initiative)
            yield from mention(initiative_node, "Initiative", initiative, sentence)
            yield from assertion(project, "initiative", initiative_node, sentence)
            yield from assertion(project, "status", _gk(rng.choice(_STATUSES)), sentence)
            if rng.random() < 0.3:
                org = rng.choice(orgs)
                org_node = _iri(f"organization/{_hex('organization', org)}")
                yield from entity("organization", "Organization", org)
                yield from mention(org_node, "Organization", org, sentence)
                yield from assertion(project, "responsibleBody", org_node, sentence)
            if rng.random() < 0.55:
                amount = _iri(f"doc/{doc_id}/amount/{offset}-{offset + 6}")
                masked = rng.random() < 0.1
                yield f"{amount} <{_RDF}type> <{_SCHEMA}MonetaryAmount> ."
                yield f"{amount} <{_SCHEMA}currency> {_lit('CNY')} ."
                if not masked:
                    yield f"{amount} <{_SCHEMA}value> {_typed(rng.randrange(10, 50000) * 10000, 'decimal')} ."
                yield f"{amount} {_gk('approximate')} {_typed('false', 'boolean')} ."
                yield f"{amount} {_gk('masked')} {_typed('true' if masked else 'false', 'boolean')} ."
                yield f"{amount} {_gk('quote')} {_lit('X万元' if masked else '1200万元')} ."
                yield f"{amount} {_gk('sentence')} {_iri(f'doc/{doc_id}/sentence/{sentence}')} ."
                yield f"{amount} {_gk('startOffset')} {_typed(offset, 'integer')} ."
                yield f"{amount} {_gk('endOffset')} {_typed(offset + 6, 'integer')} ."
                yield from assertion(project, "investment", amount, sentence)


def synthetic_graph(triples: int = 10_000, *, seed: int = 7) -> Graph:
    """:func:`synthetic_ntriples` parsed into an rdflib graph (keep it small: rdflib is slow)."""
    graph = Graph()
    graph.parse(data="\n".join(synthetic_ntriples(triples, seed=seed)) + "\n", format="nt")
    return graph


SAMPLE_TTL = """\
@prefix gk: <https://w3id.org/govkg/ontology#> .
@base <https://w3id.org/govkg/id/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix camp: <https://w3id.org/govkg/campaign/> .

<doc/a> a gk:Report ; dcterms:title "甲镇2020年上半年工作总结"@zh ; gk:reportPeriod "2020-H1" ;
    gk:sourceFile "a.txt" ; dcterms:spatial <place/jia> ; gk:placeSource "title" .
<doc/b> a gk:Report ; dcterms:title "甲镇2020年下半年工作总结"@zh ; gk:reportPeriod "2020-H2" ;
    gk:sourceFile "b.txt" ; dcterms:spatial <place/jia> ; gk:placeSource "title" .
<place/jia> a schema:Place , gk:Jurisdiction ; rdfs:label "甲镇"@zh ; gk:jurisdictionLevel gk:TownLevel ;
    gk:masked false ; schema:containedInPlace <place/yi> .
<place/yi> a schema:Place , gk:Jurisdiction ; rdfs:label "乙县"@zh ; gk:jurisdictionLevel gk:CountyLevel ;
    gk:masked false .

<doc/a/sentence/1> a gk:Sentence ; gk:inDocument <doc/a> ; gk:startOffset 10 ; gk:endOffset 30 ;
    gk:text "投资1200万元的陈库小学新校区竣工使用。" .
<doc/a/sentence/2> a gk:Sentence ; gk:inDocument <doc/a> ; gk:startOffset 40 ; gk:endOffset 70 ;
    gk:text "下半年加快推进司神公路改造工程，投资X万元，同步建设污水管网。" .
<doc/b/sentence/1> a gk:Sentence ; gk:inDocument <doc/b> ; gk:startOffset 5 ; gk:endOffset 30 ;
    gk:text "投资3.5亿元的司神公路改造工程建成通车。" .

<project/p1> a gk:Project ; rdfs:label "陈库小学新校区"@zh ; gk:masked false ;
    gk:mention <doc/a/mention/m1> ;
    gk:investment <doc/a/amount/x1> ; gk:locatedIn <village/v1> ; gk:initiative <initiative/i1> ;
    gk:status gk:InUse ; gk:responsibleBody <organization/o1> ; gk:inJurisdiction <place/jia> .
<project/p2> a gk:Project ; rdfs:label "司神公路改造工程"@zh ; gk:masked false ;
    gk:mention <doc/a/mention/m2> , <doc/b/mention/m3> ;
    gk:investment <doc/a/amount/x2> , <doc/b/amount/x3> ; gk:locatedIn <road/r1> ;
    gk:initiative <initiative/i1> ; gk:status gk:Planned , gk:Completed ; gk:inJurisdiction <place/jia> .
<village/v1> a gk:Community ; rdfs:label "高堂社区"@zh ; skos:altLabel "高堂"@zh ; gk:masked false ;
    gk:mention <doc/a/mention/m4> .
<road/r1> a gk:Road ; rdfs:label "司神公路"@zh ; gk:masked false ; gk:mention <doc/a/mention/m5> .
<initiative/i1> a gk:Initiative ; rdfs:label "乡村振兴"@zh ; gk:masked false ; gk:concept camp:rural ;
    gk:mention <doc/a/mention/m6> .
camp:rural a skos:Concept ; skos:inScheme camp:scheme ; skos:prefLabel "乡村振兴"@zh .
<organization/o1> a gk:Organization ; rdfs:label "县教育局"@zh ; gk:masked false ;
    gk:mention <doc/a/mention/m7> .

<doc/a/mention/m1> a gk:Mention ; gk:quote "陈库小学新校区" ; gk:sentence <doc/a/sentence/1> ;
    gk:inDocument <doc/a> ; gk:startOffset 20 ; gk:endOffset 27 ; gk:rule "project:facility" .
<doc/a/mention/m2> a gk:Mention ; gk:quote "司神公路改造工程" ; gk:sentence <doc/a/sentence/2> ;
    gk:inDocument <doc/a> ; gk:startOffset 47 ; gk:endOffset 55 ; gk:rule "project:suffix" .
<doc/b/mention/m3> a gk:Mention ; gk:quote "司神公路改造工程" ; gk:sentence <doc/b/sentence/1> ;
    gk:inDocument <doc/b> ; gk:startOffset 14 ; gk:endOffset 22 ; gk:rule "project:suffix" .
<doc/a/mention/m4> a gk:Mention ; gk:quote "高堂社区" ; gk:sentence <doc/a/sentence/1> ;
    gk:inDocument <doc/a> ; gk:startOffset 10 ; gk:endOffset 14 ; gk:rule "village:suffix" .
<doc/a/mention/m5> a gk:Mention ; gk:quote "司神公路" ; gk:sentence <doc/a/sentence/2> ;
    gk:inDocument <doc/a> ; gk:startOffset 47 ; gk:endOffset 51 ; gk:rule "road:suffix" .
<doc/a/mention/m6> a gk:Mention ; gk:quote "乡村振兴" ; gk:sentence <doc/a/sentence/1> ;
    gk:inDocument <doc/a> ; gk:startOffset 12 ; gk:endOffset 16 ; gk:rule "initiative:scheme" .
<doc/a/mention/m7> a gk:Mention ; gk:quote "县教育局" ; gk:sentence <doc/a/sentence/1> ;
    gk:inDocument <doc/a> ; gk:startOffset 28 ; gk:endOffset 32 ; gk:rule "organization:suffix" .

<doc/a/amount/x1> a schema:MonetaryAmount ; schema:currency "CNY" ; schema:value 12000000.0 ;
    gk:masked false ; gk:approximate false ; gk:quote "1200万元" ; gk:sentence <doc/a/sentence/1> ;
    gk:startOffset 12 ; gk:endOffset 18 .
<doc/a/amount/x2> a schema:MonetaryAmount ; schema:currency "CNY" ;
    gk:masked true ; gk:approximate false ; gk:quote "X万元" ; gk:sentence <doc/a/sentence/2> ;
    gk:startOffset 58 ; gk:endOffset 61 .
<doc/b/amount/x3> a schema:MonetaryAmount ; schema:currency "CNY" ; schema:value 350000000.0 ;
    gk:masked false ; gk:approximate false ; gk:quote "3.5亿元" ; gk:sentence <doc/b/sentence/1> ;
    gk:startOffset 7 ; gk:endOffset 12 .

<doc/a/assertion/s1> a gk:Assertion ; rdf:subject <project/p1> ; rdf:predicate gk:investment ;
    rdf:object <doc/a/amount/x1> ; gk:sentence <doc/a/sentence/1> ; gk:inDocument <doc/a> ;
    gk:rule "investment:lead" ; gk:reportPeriod "2020-H1" ; gk:part gk:Review .
<doc/a/assertion/s2> a gk:Assertion ; rdf:subject <project/p1> ; rdf:predicate gk:locatedIn ;
    rdf:object <village/v1> ; gk:sentence <doc/a/sentence/1> ; gk:inDocument <doc/a> ;
    gk:rule "location:in" ; gk:reportPeriod "2020-H1" ; gk:part gk:Review .
<doc/a/assertion/s3> a gk:Assertion ; rdf:subject <project/p1> ; rdf:predicate gk:initiative ;
    rdf:object <initiative/i1> ; gk:sentence <doc/a/sentence/1> ; gk:inDocument <doc/a> ;
    gk:rule "membership:heading" ; gk:reportPeriod "2020-H1" ; gk:part gk:Review .
<doc/a/assertion/s4> a gk:Assertion ; rdf:subject <project/p1> ; rdf:predicate gk:status ;
    rdf:object gk:InUse ; gk:sentence <doc/a/sentence/1> ; gk:inDocument <doc/a> ;
    gk:rule "status:竣工使用" ; gk:reportPeriod "2020-H1" ; gk:part gk:Review .
<doc/a/assertion/s5> a gk:Assertion ; rdf:subject <project/p1> ; rdf:predicate gk:responsibleBody ;
    rdf:object <organization/o1> ; gk:sentence <doc/a/sentence/1> ; gk:inDocument <doc/a> ;
    gk:rule "responsible:lead" ; gk:reportPeriod "2020-H1" ; gk:part gk:Review .
<doc/a/assertion/s6> a gk:Assertion ; rdf:subject <project/p2> ; rdf:predicate gk:investment ;
    rdf:object <doc/a/amount/x2> ; gk:sentence <doc/a/sentence/2> ; gk:inDocument <doc/a> ;
    gk:rule "investment:clause" ; gk:reportPeriod "2020-H2" ; gk:part gk:Plan .
<doc/a/assertion/s7> a gk:Assertion ; rdf:subject <project/p2> ; rdf:predicate gk:status ;
    rdf:object gk:Planned ; gk:sentence <doc/a/sentence/2> ; gk:inDocument <doc/a> ;
    gk:rule "status:加快推进" ; gk:reportPeriod "2020-H2" ; gk:part gk:Plan .
<doc/a/assertion/s8> a gk:Assertion ; rdf:subject <project/p2> ; rdf:predicate gk:locatedIn ;
    rdf:object <road/r1> ; gk:sentence <doc/a/sentence/2> ; gk:inDocument <doc/a> ;
    gk:rule "location:road" ; gk:reportPeriod "2020-H2" ; gk:part gk:Plan .
<doc/a/assertion/s9> a gk:Assertion ; rdf:subject <project/p2> ; rdf:predicate gk:initiative ;
    rdf:object <initiative/i1> ; gk:sentence <doc/a/sentence/2> ; gk:inDocument <doc/a> ;
    gk:rule "membership:heading" ; gk:reportPeriod "2020-H2" ; gk:part gk:Plan .
<doc/b/assertion/t1> a gk:Assertion ; rdf:subject <project/p2> ; rdf:predicate gk:investment ;
    rdf:object <doc/b/amount/x3> ; gk:sentence <doc/b/sentence/1> ; gk:inDocument <doc/b> ;
    gk:rule "investment:lead" ; gk:reportPeriod "2020-H2" ; gk:part gk:Review .
<doc/b/assertion/t2> a gk:Assertion ; rdf:subject <project/p2> ; rdf:predicate gk:status ;
    rdf:object gk:Completed ; gk:sentence <doc/b/sentence/1> ; gk:inDocument <doc/b> ;
    gk:rule "status:建成" ; gk:reportPeriod "2020-H2" ; gk:part gk:Review .
<doc/b/assertion/t3> a gk:Assertion ; rdf:subject <project/p2> ; rdf:predicate gk:locatedIn ;
    rdf:object <road/r1> ; gk:sentence <doc/b/sentence/1> ; gk:inDocument <doc/b> ;
    gk:rule "location:road" ; gk:reportPeriod "2020-H2" ; gk:part gk:Review .
"""


def sample_graph() -> Graph:
    """Two reports, two projects, one village, road, initiative and body: every answer known."""
    return Graph().parse(data=SAMPLE_TTL, format="turtle")
