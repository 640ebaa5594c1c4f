"""Projects: works, facilities built or opened, enterprise investment projects.

A name ending in an anchor (工程, 项目 …) is a project; a name ending in a facility suffix (学校,
市场, 公园 …) is one only when its clause says it is built, renovated or opened.
"""

from __future__ import annotations

import re

from kg.extract.lexicon import Lexicon
from kg.extract.names import SentenceView, clause_bounds, suffix_candidates
from kg.model import Mention

COUNT = re.compile(r"[\dX一二两三四五六七八九十]+[个项宗批类所座处家]")

def find_projects(view: SentenceView, lex: Lexicon) -> list[Mention]:
    """Project names in the sentence."""
    found = []
    for start, end, suffix in suffix_candidates(view, lex.project, lex, joiners=lex.joiners,
                                                joinable=lex.project_joinable):
        if COUNT.match(view.folded, end):
            continue  # "民生实事项目X宗": a count of projects, not one
        if suffix in lex.project_anchors:
            found.append(view.mention("Project", start, end, "project:anchor"))
            continue
        left, right = clause_bounds(view.folded, start, end)
        clause = view.folded[left:start] + view.folded[end:right]
        if any(t in clause for t in lex.project_triggers):
            found.append(view.mention("Project", start, end, "project:facility"))
    return found
