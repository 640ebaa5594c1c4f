"""The language knowledge of the extractors, loaded from ``extract/data/*.toml`` and the campaign
scheme ``ontology/campaigns.ttl``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kg.data import load_toml, string_list
from kg.errors import DataFileError
from kg.extract.tokens import CAMPAIGN_TAG, Segmenter, Token


@dataclass(frozen=True, slots=True)
class SuffixRules:
    """How names of one entity type are recognised: a name, then one of the suffixes."""

    kind: str
    suffixes: tuple[str, ...]  # longest first
    min_name_chars: int
    max_name_chars: int
    reject: frozenset[str]
    reject_name_endings: tuple[str, ...]
    reject_contains: tuple[str, ...]
    extra_name_chars: frozenset[str]
    strip_leading: tuple[str, ...] = ()
    stop_after: tuple[str, ...] = ()
    allow_common: bool = False
    internal: frozenset[str] = frozenset()
    internal_tags: frozenset[str] = frozenset()
    never_words: frozenset[str] = frozenset()
    word_name_tags: frozenset[str] = frozenset()
    contains_allowed: tuple[str, ...] = ()  # words holding a reject_contains word harmlessly ("活动室")
    _suffix_set: frozenset[str] = field(init=False, repr=False, compare=False)
    _suffix_lengths: tuple[int, ...] = field(init=False, repr=False, compare=False)

    _last_chars: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_suffix_set", frozenset(self.suffixes))
        object.__setattr__(self, "_suffix_lengths", tuple(sorted({len(s) for s in self.suffixes}, reverse=True)))
        object.__setattr__(self, "_last_chars", frozenset(s[-1] for s in self.suffixes if s))

    def may_end_in(self, text: str) -> bool:
        """Whether some word of ``text`` may end in a suffix (it holds a suffix's last character)."""
        return not self._last_chars.isdisjoint(text)

    def suffix_at_end(self, text: str) -> str | None:
        """The longest suffix ``text`` ends with (a set lookup per suffix length, after a check of
        the last character: this runs for every word of every sentence)."""
        if text[-1:] not in self._last_chars:
            return None
        for length in self._suffix_lengths:
            if length <= len(text) and text[-length:] in self._suffix_set:
                return text[-length:]
        return None


@dataclass(frozen=True, slots=True)
class ProjectRules:
    """What decides that a name is a project (``extract/data/project.toml``)."""

    anchors: tuple[str, ...]
    complete_endings: tuple[str, ...]
    works: tuple[str, ...]
    before_triggers: tuple[str, ...]
    after_triggers: tuple[str, ...]
    clause_triggers: tuple[str, ...]
    investment_link: re.Pattern[str]
    joinable: tuple[str, ...]
    always_joiners: frozenset[str]
    anchor_min_name: int
    strip_leading: re.Pattern[str]
    stages: tuple[str, ...]
    level_prefixes: tuple[str, ...]
    count: re.Pattern[str]
    quantity_head: re.Pattern[str]
    count_before: re.Pattern[str]
    verb_tags: frozenset[str]
    work_verbs: frozenset[str]
    date_name: re.Pattern[str]
    jurisdiction_endings: tuple[str, ...]
    count_head: re.Pattern[str]
    investment_after: re.Pattern[str]
    place_after: tuple[str, ...]
    clause_openers: tuple[str, ...]
    idiom_tags: frozenset[str]
    plant_stage: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class VillageShapes:
    """Shapes of village names besides a name and a suffix (``extract/data/village.toml``)."""

    group: re.Pattern[str]  # a group of a village, "三组": the name before or after it is a village
    settlement_endings: str  # last characters of natural-village names ("康家湾", "惠家塬")
    name_prefix_chars: str  # a character before a common word that makes a name ("西水泉村")
    own_roads: tuple[str, ...]  # roads of a village named after it ("X村通组路")


@dataclass(frozen=True, slots=True)
class RoadShapes:
    """Shapes of road names besides a name and a suffix (``extract/data/road.toml``)."""

    place_endings: str  # "土地岭隧道": a common word and a place character
    abbreviated_suffixes: tuple[str, ...]  # "新台高速": two single characters before these
    numbered: re.Pattern[str]  # "钢三路"
    numbered_not: tuple[str, ...]  # "一路走来": an adverb
    strip_leading_tokens: frozenset[str]  # "沿/新河路": a preposition before the name
    ends_list: re.Pattern[str]  # "甲至乙、丙至丁2个高速公路项目"
    ends_list_trailers: tuple[str, ...]
    unit_endings: tuple[str, ...]  # list items that are townships or subdistricts ("甲乡")
    unit_suffixes: tuple[str, ...]  # road suffixes that may name such a unit too ("乙街")


@dataclass(frozen=True, slots=True)
class InitiativeShapes:
    """Shapes of campaign names the scheme does not know (``extract/data/initiative.toml``)."""

    numbered: re.Pattern[str]  # "十件民生实事", "五小工程"
    named: re.Pattern[str]  # "2019年民生实事": only after a year or a place
    numeral_initials: str  # a quoted phrase opening with one of these is a slogan ("“两个先行”")
    generic_name_tags: frozenset[str]  # "长远战略": one word of these tags names no campaign
    designation: re.Pattern[str]  # "省级特色旅游名村", "国家湿地公园"
    designation_triggers: tuple[str, ...]  # …in a clause with one of these ("入选", "创建")
    listed: re.Pattern[str]  # "甲、乙、丙等政策机遇"
    listed_not_endings: tuple[str, ...]  # list items ending so are projects ("…工程")
    direction_pair: re.Pattern[str]  # "西电东送", "南水北调"
    document: re.Pattern[str]  # "《X工作方案》"


@dataclass(frozen=True, slots=True)
class Campaign:
    """A concept of the campaign scheme: its IRI, preferred label and every surface form."""

    iri: str
    label: str
    forms: tuple[str, ...]


@dataclass(frozen=True, slots=True, eq=False)
class Lexicon:
    """Everything the extractors read from data files."""

    verbs: frozenset[str]
    classifiers: frozenset[str]
    numeral_words: frozenset[str]
    linking_words: frozenset[str]
    leading_verbs: tuple[str, ...]
    joiners: frozenset[str]
    forbidden_chars: frozenset[str]
    boundary_tags: frozenset[str]
    internal_verbs: frozenset[str]
    name_tags: frozenset[str]
    function_tags: frozenset[str]
    never_suffix_tags: frozenset[str]
    strip_leading_chars: str
    split_words: tuple[str, ...]
    list_separators: tuple[str, ...]
    list_trailers: tuple[str, ...]
    road: SuffixRules
    village: SuffixRules
    project: SuffixRules
    organization: SuffixRules
    projects: ProjectRules
    road_joiners: frozenset[str]
    road_false_endings: tuple[str, ...]
    road_never_before: tuple[str, ...]
    road_code: re.Pattern[str]
    road_between: re.Pattern[str]
    road_min_chars: int
    roads: RoadShapes
    org_specific_suffixes: frozenset[str]
    community_suffixes: tuple[str, ...]
    village_drop_through: tuple[str, ...]
    village_list: re.Pattern[str]
    villages: VillageShapes
    org_levels: tuple[str, ...]
    org_bodies: tuple[str, ...]
    org_agencies: tuple[str, ...]
    org_agency_stop: str
    org_known: tuple[str, ...]
    org_acting: re.Pattern[str]
    org_level_agencies: tuple[re.Pattern[str], ...]  # agencies of one level ("县委农工办", "省…厅")
    org_place_levels: str  # last characters of a place's name before a body ("新密市")
    org_not_before: tuple[str, ...]  # words after a name that make it a place ("X学院周边")
    org_list_closed: re.Pattern[str]  # "甲、乙、丙等单位"
    org_list_opened: re.Pattern[str]  # "入驻企业12家(甲、乙、丙…)"
    org_list_item_never: tuple[str, ...]  # list items opening so are no name ("各通信运营商")
    org_subdistrict_not_before: frozenset[str]  # words after "X街道" that do not make it act
    org_facility_endings: tuple[str, ...]
    enterprise_suffixes: tuple[str, ...]
    person_titles: tuple[str, ...]
    campaigns: tuple[Campaign, ...]
    campaign_by_form: dict[str, Campaign]
    initiative: dict[str, Any]
    campaign_pattern: re.Pattern[str]
    initiative_rules: SuffixRules
    initiative_place: re.Pattern[str]
    initiatives: InitiativeShapes

    def is_boundary(self, token: Token, rules: SuffixRules | None = None) -> bool:
        """A word that ends a name: a listed verb or function word, or one the dictionary tags so
        (``rules`` may keep some inside names of its type)."""
        text = token.text
        if rules and text in rules.internal:
            return False
        if text in self.verbs:
            return True
        if rules and token.tag in rules.internal_tags:
            return False
        if token.tag == CAMPAIGN_TAG:
            return True
        if len(text) == 1:
            return False  # single characters are the stuff of unknown names; their tags mislead
        return token.tag in self.boundary_tags and text not in self.internal_verbs

    def dictionary_words(self) -> dict[str, str | None]:
        """Words the segmenter must keep whole, with their tags: campaign names (tagged as such so
        that they end other names) and suffixes (tagged as jieba's dictionary tags them)."""
        words: dict[str, str | None] = {}
        for w in (*self.road.suffixes, *self.village.suffixes, *self.project.suffixes,
                  *self.organization.suffixes, *self.org_bodies, *self.leading_verbs,
                  *self.initiative_rules.suffixes):
            if len(w) >= 2:
                words[w] = None
        for c in self.campaigns:
            for form in c.forms:
                if 2 <= len(form) <= 12:
                    words[form] = CAMPAIGN_TAG
        return words


def _suffix_rules(kind: str, table: dict[str, Any], name: str, suffixes: list[str]) -> SuffixRules:
    return SuffixRules(
        kind=kind,
        suffixes=tuple(sorted(set(suffixes), key=len, reverse=True)),
        min_name_chars=int(table.get("min_name_chars", 2)),
        max_name_chars=int(table.get("max_name_chars", 12)),
        reject=frozenset(string_list(table, "reject", source=name)),
        reject_name_endings=tuple(string_list(table, "reject_name_endings", source=name)),
        reject_contains=tuple(string_list(table, "reject_contains", source=name)),
        extra_name_chars=frozenset(str(table.get("extra_name_chars", ""))),
        strip_leading=tuple(sorted(string_list(table, "strip_leading", source=name), key=len, reverse=True)),
        stop_after=tuple(string_list(table, "stop_after", source=name)),
        allow_common=bool(table.get("allow_common", False)),
        internal=frozenset(string_list(table, "internal", source=name)),
        internal_tags=frozenset(string_list(table, "internal_tags", source=name)),
        never_words=frozenset(string_list(table, "never_words", source=name)),
        word_name_tags=frozenset(string_list(table, "word_name_tags", source=name)),
        contains_allowed=tuple(string_list(table, "reject_contains_except", source=name)),
    )


def load_campaigns() -> tuple[Campaign, ...]:
    """The concepts of ``ontology/campaigns.ttl`` with their zh labels."""
    from rdflib.namespace import RDF, SKOS

    from kg.read.text import fold
    from kg.vocab import load_campaigns as load_graph

    graph = load_graph()
    campaigns = []
    for concept in sorted(set(graph.subjects(RDF.type, SKOS.Concept)), key=str):
        pref = sorted(str(o) for o in graph.objects(concept, SKOS.prefLabel) if getattr(o, "language", None) == "zh")
        alts = [str(o) for o in graph.objects(concept, SKOS.altLabel) if getattr(o, "language", None) in ("zh", None)]
        if not pref:
            continue
        forms = tuple(sorted({fold(f) for f in (pref[0], *alts)}, key=lambda f: (-len(f), f)))
        campaigns.append(Campaign(iri=str(concept), label=pref[0], forms=forms))
    return tuple(campaigns)


def _compile(table: dict[str, Any], key: str, name: str) -> re.Pattern[str]:
    try:
        return re.compile(table[key])
    except (KeyError, re.error) as e:
        raise DataFileError(f"extract/data/{name}", None, f"bad or missing '{key}': {e}") from None


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load every data file once per process."""
    bounds = load_toml("kg.extract", "boundaries.toml", keys=(
        "classifiers", "function_tags", "boundary_tags", "forbidden_chars", "internal_verbs", "joiners",
        "leading_verbs", "name_tags", "never_suffix_tags", "split_words", "strip_leading_chars", "verbs",
        "list_separators", "list_trailers", "numeral_words", "linking_words",
    ))
    road = load_toml("kg.extract", "road.toml", keys=("between_pattern",
        "false_endings", "never_before", "code_pattern", "word_name_tags", "extra_name_chars", "joiners",
        "max_name_chars", "min_chars", "min_name_chars", "reject", "reject_contains", "reject_name_endings",
        "stop_after", "strip_leading", "suffixes", "internal", "place_endings", "abbreviated_suffixes",
        "numbered_pattern", "numbered_not", "strip_leading_tokens", "ends_list_pattern", "ends_list_trailers",
        "unit_endings", "unit_suffixes",
    ))
    village = load_toml("kg.extract", "village.toml", keys=("drop_through",
        "word_name_tags", "community_suffixes", "list_pattern", "max_name_chars", "min_name_chars", "reject",
        "reject_contains", "reject_name_endings", "stop_after", "strip_leading", "suffixes",
        "internal", "group_pattern", "settlement_endings", "name_prefix_chars", "own_roads",
    ))
    project = load_toml("kg.extract", "project.toml", keys=(
        "clause_triggers", "complete_endings", "count_pattern", "after_triggers", "allow_common", "always_joiners",
        "anchor_min_name_chars", "anchors", "before_triggers", "extra_name_chars", "facilities", "internal",
        "internal_tags", "investment_link", "joinable_endings", "level_prefixes", "quantity_head",
        "count_before", "verb_tags", "work_verbs", "date_name", "jurisdiction_endings", "count_head", "place_after",
        "reject_contains_except",
        "investment_after", "clause_openers", "idiom_tags", "plant_stage",
        "max_name_chars", "min_name_chars", "reject", "reject_contains", "reject_name_endings", "stages",
        "stop_after", "strip_leading", "strip_leading_pattern", "works",
    ))
    org = load_toml("kg.extract", "organization.toml", keys=(
        "agencies", "agency_stop_chars", "allow_common", "bodies", "enterprise_suffixes", "facility_endings",
        "internal", "internal_tags", "known", "levels", "max_name_chars", "min_name_chars", "never_words",
        "person_titles", "reject", "reject_contains", "reject_name_endings", "specific_suffixes", "suffixes",
        "level_agency_patterns", "place_levels", "not_before", "strip_leading", "list_closed_pattern",
        "list_opened_pattern", "list_item_never", "subdistrict_not_before", "acting_pattern",
    ))
    initiative = load_toml("kg.extract", "initiative.toml", keys=(
        "discover_suffixes", "max_name_chars", "quoted_endings", "quoted_followers", "quoted_max_chars",
        "quoted_not_before", "place_campaign_pattern",
        "reject", "stop_before", "numbered_pattern", "named_pattern", "numeral_initials", "generic_name_tags",
        "designation_pattern", "designation_triggers", "list_pattern", "list_not_endings", "direction_pair_pattern",
        "document_pattern",
    ))
    campaigns = load_campaigns()
    by_form: dict[str, Campaign] = {}
    for campaign in campaigns:
        for form in campaign.forms:
            if form in by_form and by_form[form].iri != campaign.iri:
                raise DataFileError("ontology/campaigns.ttl", None,
                                    f"label '{form}' names two concepts: {by_form[form].iri} and {campaign.iri}")
            by_form[form] = campaign
    village_list = _compile(village, "list_pattern", "village.toml")
    project_suffixes = (string_list(project, "anchors", source="project.toml")
                        + string_list(project, "works", source="project.toml")
                        + string_list(project, "facilities", source="project.toml"))
    return Lexicon(
        verbs=frozenset(string_list(bounds, "verbs", source="boundaries.toml")),
        classifiers=frozenset(string_list(bounds, "classifiers", source="boundaries.toml")),
        numeral_words=frozenset(string_list(bounds, "numeral_words", source="boundaries.toml")),
        linking_words=frozenset(string_list(bounds, "linking_words", source="boundaries.toml")),
        leading_verbs=tuple(sorted(string_list(bounds, "leading_verbs", source="boundaries.toml"),
                                   key=len, reverse=True)),
        joiners=frozenset(string_list(bounds, "joiners", source="boundaries.toml")),
        forbidden_chars=frozenset(str(bounds.get("forbidden_chars", ""))),
        boundary_tags=frozenset(string_list(bounds, "boundary_tags", source="boundaries.toml")),
        internal_verbs=frozenset(string_list(bounds, "internal_verbs", source="boundaries.toml"))
        | frozenset(string_list(bounds, "leading_verbs", source="boundaries.toml")),
        name_tags=frozenset(string_list(bounds, "name_tags", source="boundaries.toml")),
        function_tags=frozenset(string_list(bounds, "function_tags", source="boundaries.toml")),
        never_suffix_tags=frozenset(string_list(bounds, "never_suffix_tags", source="boundaries.toml")),
        strip_leading_chars=str(bounds.get("strip_leading_chars", "")),
        split_words=tuple(string_list(bounds, "split_words", source="boundaries.toml")),
        list_separators=tuple(string_list(bounds, "list_separators", source="boundaries.toml")),
        list_trailers=tuple(string_list(bounds, "list_trailers", source="boundaries.toml")),
        road=_suffix_rules("Road", road, "road.toml", string_list(road, "suffixes", source="road.toml")),
        village=_suffix_rules("Village", village, "village.toml",
                              string_list(village, "suffixes", source="village.toml")),
        project=_suffix_rules("Project", project, "project.toml", project_suffixes),
        organization=_suffix_rules("Organization", org, "organization.toml",
                                   string_list(org, "suffixes", source="organization.toml")),
        projects=ProjectRules(
            anchors=tuple(string_list(project, "anchors", source="project.toml")),
            complete_endings=tuple(string_list(project, "complete_endings", source="project.toml")),
            works=tuple(string_list(project, "works", source="project.toml")),
            before_triggers=tuple(string_list(project, "before_triggers", source="project.toml")),
            after_triggers=tuple(string_list(project, "after_triggers", source="project.toml")),
            clause_triggers=tuple(string_list(project, "clause_triggers", source="project.toml")),
            investment_link=_compile(project, "investment_link", "project.toml"),
            joinable=tuple(string_list(project, "joinable_endings", source="project.toml")),
            always_joiners=frozenset(string_list(project, "always_joiners", source="project.toml")),
            anchor_min_name=int(project.get("anchor_min_name_chars", 3)),
            strip_leading=_compile(project, "strip_leading_pattern", "project.toml"),
            stages=tuple(string_list(project, "stages", source="project.toml")),
            level_prefixes=tuple(string_list(project, "level_prefixes", source="project.toml")),
            count=_compile(project, "count_pattern", "project.toml"),
            quantity_head=_compile(project, "quantity_head", "project.toml"),
            count_before=_compile(project, "count_before", "project.toml"),
            verb_tags=frozenset(string_list(project, "verb_tags", source="project.toml")),
            work_verbs=frozenset(string_list(project, "work_verbs", source="project.toml")),
            date_name=_compile(project, "date_name", "project.toml"),
            jurisdiction_endings=tuple(string_list(project, "jurisdiction_endings", source="project.toml")),
            count_head=_compile(project, "count_head", "project.toml"),
            investment_after=_compile(project, "investment_after", "project.toml"),
            place_after=tuple(string_list(project, "place_after", source="project.toml")),
            clause_openers=tuple(string_list(project, "clause_openers", source="project.toml")),
            idiom_tags=frozenset(string_list(project, "idiom_tags", source="project.toml")),
            plant_stage=_compile(project, "plant_stage", "project.toml"),
        ),
        road_joiners=frozenset(string_list(road, "joiners", source="road.toml")),
        road_false_endings=tuple(string_list(road, "false_endings", source="road.toml")),
        road_never_before=tuple(string_list(road, "never_before", source="road.toml")),
        road_code=_compile(road, "code_pattern", "road.toml"),
        road_between=_compile(road, "between_pattern", "road.toml"),
        road_min_chars=int(road.get("min_chars", 3)),
        roads=RoadShapes(
            place_endings=str(road.get("place_endings", "")),
            abbreviated_suffixes=tuple(string_list(road, "abbreviated_suffixes", source="road.toml")),
            numbered=_compile(road, "numbered_pattern", "road.toml"),
            numbered_not=tuple(string_list(road, "numbered_not", source="road.toml")),
            strip_leading_tokens=frozenset(string_list(road, "strip_leading_tokens", source="road.toml")),
            ends_list=_compile(road, "ends_list_pattern", "road.toml"),
            ends_list_trailers=tuple(string_list(road, "ends_list_trailers", source="road.toml")),
            unit_endings=tuple(string_list(road, "unit_endings", source="road.toml")),
            unit_suffixes=tuple(string_list(road, "unit_suffixes", source="road.toml")),
        ),
        org_specific_suffixes=frozenset(string_list(org, "specific_suffixes", source="organization.toml")),
        community_suffixes=tuple(string_list(village, "community_suffixes", source="village.toml")),
        village_drop_through=tuple(string_list(village, "drop_through", source="village.toml")),
        village_list=village_list,
        villages=VillageShapes(
            group=_compile(village, "group_pattern", "village.toml"),
            settlement_endings=str(village.get("settlement_endings", "")),
            name_prefix_chars=str(village.get("name_prefix_chars", "")),
            own_roads=tuple(string_list(village, "own_roads", source="village.toml")),
        ),
        org_levels=tuple(sorted(string_list(org, "levels", source="organization.toml"), key=len, reverse=True)),
        org_bodies=tuple(sorted(string_list(org, "bodies", source="organization.toml"), key=len, reverse=True)),
        org_agencies=tuple(sorted(string_list(org, "agencies", source="organization.toml"), key=len, reverse=True)),
        org_agency_stop=str(org.get("agency_stop_chars", "")),
        org_known=tuple(sorted(string_list(org, "known", source="organization.toml"), key=len, reverse=True)),
        org_acting=_compile(org, "acting_pattern", "organization.toml"),
        org_level_agencies=tuple(_compile({"p": p}, "p", "organization.toml")
                                 for p in string_list(org, "level_agency_patterns", source="organization.toml")),
        org_place_levels=str(org.get("place_levels", "")),
        org_not_before=tuple(string_list(org, "not_before", source="organization.toml")),
        org_list_closed=_compile(org, "list_closed_pattern", "organization.toml"),
        org_list_opened=_compile(org, "list_opened_pattern", "organization.toml"),
        org_list_item_never=tuple(string_list(org, "list_item_never", source="organization.toml")),
        org_subdistrict_not_before=frozenset(string_list(org, "subdistrict_not_before", source="organization.toml")),
        org_facility_endings=tuple(string_list(org, "facility_endings", source="organization.toml")),
        enterprise_suffixes=tuple(string_list(org, "enterprise_suffixes", source="organization.toml")),
        person_titles=tuple(string_list(org, "person_titles", source="organization.toml")),
        campaigns=campaigns,
        campaign_by_form=by_form,
        initiative=initiative,
        campaign_pattern=re.compile("|".join(map(re.escape, sorted(by_form, key=lambda f: (-len(f), f))))),
        initiative_place=_compile(initiative, "place_campaign_pattern", "initiative.toml"),
        initiatives=InitiativeShapes(
            numbered=_compile(initiative, "numbered_pattern", "initiative.toml"),
            named=_compile(initiative, "named_pattern", "initiative.toml"),
            numeral_initials=str(initiative.get("numeral_initials", "")),
            generic_name_tags=frozenset(string_list(initiative, "generic_name_tags", source="initiative.toml")),
            designation=_compile(initiative, "designation_pattern", "initiative.toml"),
            designation_triggers=tuple(string_list(initiative, "designation_triggers", source="initiative.toml")),
            listed=_compile(initiative, "list_pattern", "initiative.toml"),
            listed_not_endings=tuple(string_list(initiative, "list_not_endings", source="initiative.toml")),
            direction_pair=_compile(initiative, "direction_pair_pattern", "initiative.toml"),
            document=_compile(initiative, "document_pattern", "initiative.toml"),
        ),
        initiative_rules=SuffixRules(
            kind="Initiative",
            suffixes=tuple(sorted(string_list(initiative, "discover_suffixes", source="initiative.toml"),
                                  key=len, reverse=True)),
            min_name_chars=2, max_name_chars=int(initiative.get("max_name_chars", 12)),
            reject=frozenset(string_list(initiative, "reject", source="initiative.toml")),
            reject_name_endings=(), reject_contains=(), extra_name_chars=frozenset()),
    )


@lru_cache(maxsize=1)
def default_segmenter() -> Segmenter:
    """One segmenter per process, built with every suffix and campaign label we know (here, not in
    tokens.py: the segmenter needs the lexicon, the lexicon reads tokens)."""
    lex = lexicon()
    return Segmenter(lex.dictionary_words(), lex.split_words)
