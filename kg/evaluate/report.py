"""What ``kg eval`` prints: a table of precision, recall and F1, the errors grouped by document,
or the same as JSON for scripts."""

from __future__ import annotations

from typing import Any

from kg.evaluate.score import Error, Report, Score


def _row(name: str, s: Score) -> str:
    if not s.gold and not s.pred:
        return f"{name:<16}{'-':>7}{'-':>7}{'-':>7}{0:>7}{0:>7}"
    return f"{name:<16}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}{s.gold:>7}{s.pred:>7}"


def format_report(report: Report, *, errors: bool = False) -> str:
    """The table (and, with ``errors``, every miss and false positive under its document)."""
    head = f"{'':<16}{'P':>7}{'R':>7}{'F1':>7}{'gold':>7}{'pred':>7}"
    lines = [f"documents: {len(report.documents)}", "", "entity type" + head[11:]]
    total = Score()
    for kind, s in report.entities.items():
        total.add(s)
        lines.append(_row(kind, s))
    lines.append(_row("(all)", total))
    lines.append(f"{'macro-F1':<16}{'':>14}{report.macro_f1:>7.3f}")
    lines += ["", "relation" + head[8:]]
    lines += [_row(kind, s) for kind, s in report.relations.items()]
    lines += ["", f"wrong investment amounts: {report.wrong_amounts}"]
    if errors:
        lines += ["", f"errors: {len(report.errors)}"]
        doc = None
        for e in sorted(report.errors, key=_order):
            if e.doc != doc:
                doc = e.doc
                lines += ["", f"== {doc}"]
            lines.append(f"  {e.what:<12} {e.kind:<13} {e.item}")
            if e.sentence:
                lines.append(f"  {'':<12} {'':<13} « {e.sentence} »")
    return "\n".join(lines)


def _order(e: Error) -> tuple[str, str, str, str]:
    return (e.doc, e.kind, e.what, e.item)


def _score(s: Score) -> dict[str, Any]:
    return {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
            "hits": s.hits, "gold": s.gold, "pred": s.pred}


def report_json(report: Report, *, errors: bool = False,
                per_document: dict[str, Report] | None = None) -> dict[str, Any]:
    """The report as a JSON-ready dict (scores rounded to 4 places)."""
    out: dict[str, Any] = {
        "documents": report.documents,
        "entities": {k: _score(s) for k, s in report.entities.items()},
        "entity_macro_f1": round(report.macro_f1, 4),
        "relations": {k: _score(s) for k, s in report.relations.items()},
        "wrong_amounts": report.wrong_amounts,
    }
    if per_document is not None:
        out["per_document"] = {name: {"entities": {k: _score(s) for k, s in r.entities.items()},
                                      "relations": {k: _score(s) for k, s in r.relations.items()},
                                      "wrong_amounts": r.wrong_amounts}
                               for name, r in per_document.items()}
    if errors:
        out["errors"] = [{"doc": e.doc, "kind": e.kind, "what": e.what, "item": e.item, "sentence": e.sentence}
                         for e in sorted(report.errors, key=_order)]
    return out
