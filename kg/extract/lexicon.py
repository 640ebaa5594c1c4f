"""The language knowledge of the extractors, loaded from ``extract/data/*.toml`` and the campaign
scheme ``ontology/campaigns.ttl``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from kg.data import load_toml, string_list
from kg.errors import DataFileError
from kg.extract.tokens import Token


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

    def suffix_at_end(self, text: str) -> str | None:
        """The longest suffix ``text`` ends with."""
        return next((s for s in self.suffixes if text.endswith(s)), None)


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
    leading_verbs: tuple[str, ...]
    joiners: frozenset[str]
    forbidden_chars: frozenset[str]
    boundary_tags: frozenset[str]
    internal_verbs: frozenset[str]
    name_tags: frozenset[str]
    strip_leading_chars: str
    road: SuffixRules
    village: SuffixRules
    project: SuffixRules
    organization: SuffixRules
    project_anchors: tuple[str, ...]
    project_triggers: tuple[str, ...]
    project_joinable: tuple[str, ...]
    community_suffixes: tuple[str, ...]
    village_list: re.Pattern[str]
    org_levels: tuple[str, ...]
    org_bodies: tuple[str, ...]
    org_facility_endings: tuple[str, ...]
    enterprise_suffixes: tuple[str, ...]
    person_titles: tuple[str, ...]
    campaigns: tuple[Campaign, ...]
    campaign_by_form: dict[str, Campaign]
    initiative: dict[str, Any]
    campaign_pattern: re.Pattern[str]
    initiative_rules: SuffixRules

    def is_boundary(self, token: Token) -> bool:
        """A word that ends a name: a listed verb or function word, or one the dictionary tags so."""
        text = token.text
        if text in self.verbs:
            return True
        return token.tag in self.boundary_tags and text not in self.internal_verbs

    def dictionary_words(self) -> list[str]:
        """Words the segmenter must keep whole: suffixes and campaign forms."""
        words = set(self.road.suffixes) | set(self.village.suffixes) | set(self.project.suffixes)
        words |= set(self.organization.suffixes) | set(self.org_bodies) | set(self.leading_verbs)
        words |= {form for c in self.campaigns for form in c.forms if len(form) <= 12}
        return sorted(w for w in words if len(w) >= 2)


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
    )


def load_campaigns() -> tuple[Campaign, ...]:
    """The concepts of ``ontology/campaigns.ttl`` with their zh labels."""
    from rdflib.namespace import SKOS

    from kg.vocab import load_campaigns as load_graph

    graph = load_graph()
    campaigns = []
    for concept in sorted(set(graph.subjects(SKOS.prefLabel, None))):
        pref = [str(o) for o in graph.objects(concept, SKOS.prefLabel) if getattr(o, "language", None) == "zh"]
        alts = [str(o) for o in graph.objects(concept, SKOS.altLabel) if getattr(o, "language", None) in ("zh", None)]
        if not pref:
            continue
        forms = tuple(sorted({pref[0], *alts}, key=lambda f: (-len(f), f)))
        campaigns.append(Campaign(iri=str(concept), label=pref[0], forms=forms))
    return tuple(campaigns)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load every data file once per process."""
    bounds = load_toml("kg.extract", "boundaries.toml")
    road = load_toml("kg.extract", "road.toml")
    village = load_toml("kg.extract", "village.toml")
    project = load_toml("kg.extract", "project.toml")
    org = load_toml("kg.extract", "organization.toml")
    initiative = load_toml("kg.extract", "initiative.toml")
    campaigns = load_campaigns()
    by_form: dict[str, Campaign] = {}
    for campaign in campaigns:
        for form in campaign.forms:
            if form in by_form and by_form[form].iri != campaign.iri:
                raise DataFileError("ontology/campaigns.ttl", None,
                                    f"label '{form}' names two concepts: {by_form[form].iri} and {campaign.iri}")
            by_form[form] = campaign
    try:
        village_list = re.compile(village["list_pattern"])
    except (KeyError, re.error) as e:
        raise DataFileError("extract/data/village.toml", None, f"bad list_pattern: {e}") from None
    project_suffixes = string_list(project, "anchors", source="project.toml") + string_list(
        project, "facilities", source="project.toml")
    return Lexicon(
        verbs=frozenset(string_list(bounds, "verbs", source="boundaries.toml")),
        leading_verbs=tuple(sorted(string_list(bounds, "leading_verbs", source="boundaries.toml"),
                                   key=len, reverse=True)),
        joiners=frozenset(string_list(bounds, "joiners", source="boundaries.toml")),
        forbidden_chars=frozenset(str(bounds.get("forbidden_chars", ""))),
        boundary_tags=frozenset(string_list(bounds, "boundary_tags", source="boundaries.toml")),
        internal_verbs=frozenset(string_list(bounds, "internal_verbs", source="boundaries.toml"))
        | frozenset(string_list(bounds, "leading_verbs", source="boundaries.toml")),
        name_tags=frozenset(string_list(bounds, "name_tags", source="boundaries.toml")),
        strip_leading_chars=str(bounds.get("strip_leading_chars", "")),
        road=_suffix_rules("Road", road, "road.toml", string_list(road, "suffixes", source="road.toml")),
        village=_suffix_rules("Village", village, "village.toml",
                              string_list(village, "suffixes", source="village.toml")),
        project=_suffix_rules("Project", project, "project.toml", project_suffixes),
        organization=_suffix_rules("Organization", org, "organization.toml",
                                   string_list(org, "suffixes", source="organization.toml")),
        project_anchors=tuple(string_list(project, "anchors", source="project.toml")),
        project_triggers=tuple(string_list(project, "triggers", source="project.toml")),
        project_joinable=tuple(string_list(project, "joinable_endings", source="project.toml")),
        community_suffixes=tuple(string_list(village, "community_suffixes", source="village.toml")),
        village_list=village_list,
        org_levels=tuple(sorted(string_list(org, "levels", source="organization.toml"), key=len, reverse=True)),
        org_bodies=tuple(sorted(string_list(org, "bodies", source="organization.toml"), key=len, reverse=True)),
        org_facility_endings=tuple(string_list(org, "facility_endings", source="organization.toml")),
        enterprise_suffixes=tuple(string_list(org, "enterprise_suffixes", source="organization.toml")),
        person_titles=tuple(string_list(org, "person_titles", source="organization.toml")),
        campaigns=campaigns,
        campaign_by_form=by_form,
        initiative=initiative,
        campaign_pattern=re.compile("|".join(map(re.escape, sorted(by_form, key=lambda f: (-len(f), f))))),
        initiative_rules=SuffixRules(
            kind="Initiative",
            suffixes=tuple(sorted(string_list(initiative, "discover_suffixes", source="initiative.toml"),
                                  key=len, reverse=True)),
            min_name_chars=2, max_name_chars=int(initiative.get("max_name_chars", 12)),
            reject=frozenset(string_list(initiative, "reject", source="initiative.toml")),
            reject_name_endings=(), reject_contains=(), extra_name_chars=frozenset()),
    )
