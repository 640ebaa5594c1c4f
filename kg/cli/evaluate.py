"""``kg eval``: the extractor (or the resolver, with --clusters) scored against gold annotations."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.errors import EXAMPLE_GOLD, EXAMPLE_REPORTS, KgClickError
from kg.display import one_line
from kg.errors import KgError


@click.command(name="eval")
@click.argument("eval_set", metavar="[SET]", required=False,
                type=click.Path(file_okay=False, path_type=Path))
@click.option("--gold", "gold_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of gold files (*.json, *.tsv)  [default: the bundled examples/gold]")
@click.option("--reports", "reports_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of the reports, GOLD/x.json or GOLD/x.tsv annotating REPORTS/x.txt  "
                   "[default: the bundled examples/reports]")
@click.option("--baseline", type=click.Choice(["jieba"]), default=None,
              help="Score a naive baseline instead: jieba's ns/nt tags as villages, roads, organizations.")
@click.option("-e", "--errors", "-v", "--verbose", "errors", is_flag=True,
              help="Also list every miss and false positive, per document, with its sentence.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores (and errors) as JSON.")
@click.option("--clusters", "clusters", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Score resolution instead: pairwise merge P/R against a clusters TSV beside its reports.")
@click.option("--links", "links", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="With --clusters: apply this links file (as kg build --links) before scoring.")
def eval_(eval_set: Path | None, gold_dir: Path | None, reports_dir: Path | None, baseline: str | None,
          errors: bool, as_json: bool, clusters: Path | None, links: Path | None) -> None:
    """Score the extractor against gold annotations: precision, recall and F1 per entity type and
    relation kind, and the investment amounts that are wrong. SET is a folder with gold/ and docs/
    (or reports/) inside, such as ../shared/dev, or one holding gold files beside their reports.
    Gold files without a matching report are skipped with a note on stderr.

    \b
    Examples:
      kg eval                                   # the bundled examples/gold
      kg eval ../shared/dev --errors            # the real development set, every error
      kg eval examples/dev2 --json
      kg eval --gold my/gold --reports my/reports
      kg eval --baseline jieba
      kg eval --clusters examples/corpora/yunling/clusters.tsv --errors   # merges across reports
    """
    import json

    if clusters is not None:
        _eval_clusters(clusters, links, eval_set or gold_dir or reports_dir or baseline, errors=errors,
                       as_json=as_json)
        return
    if links is not None:
        raise KgClickError("--links is for --clusters")

    from kg.evaluate import evaluate_folder, extractor_named, format_report, report_json, set_folders

    try:
        if eval_set is not None:
            if gold_dir or reports_dir:
                raise KgClickError("give either SET or --gold/--reports, not both")
            gold_dir, reports_dir = set_folders(eval_set)
        evaluation = evaluate_folder(gold_dir or EXAMPLE_GOLD, reports_dir or EXAMPLE_REPORTS,
                                     extractor=extractor_named(baseline))
    except KgError as e:
        raise KgClickError(str(e)) from e
    for path in evaluation.unpaired:
        click.echo(one_line(f"skipped {path}: no matching report"), err=True)
    if as_json:
        data = report_json(evaluation.report, errors=errors, per_document=evaluation.per_document)
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        click.echo(format_report(evaluation.report, errors=errors))


def _eval_clusters(clusters: Path, links: Path | None, other: object, *, errors: bool, as_json: bool) -> None:
    import json

    from kg.evaluate.clusters import clusters_json, evaluate_clusters, format_clusters
    from kg.resolve import load_links

    if other:
        raise KgClickError("--clusters scores resolution: give no SET, --gold, --reports or --baseline with it")
    try:
        score = evaluate_clusters(clusters, links=load_links(links) if links else None)
    except KgError as e:
        raise KgClickError(str(e)) from e
    if as_json:
        click.echo(json.dumps(clusters_json(score), ensure_ascii=False, indent=1))
    else:
        click.echo(format_clusters(score, clusters, errors=errors))
