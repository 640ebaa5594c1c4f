"""``kg train``: fit the project scorer on gold sets, or cross-validate it against the rules alone.

Registered on the ``kg`` group in ``kg/cli/__init__.py``; exit codes as there: 0 done, 2 nothing done
(a missing set, malformed gold, scikit-learn not installed), with a one-line ``Error: …``.
"""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.errors import KgClickError
from kg.display import one_line
from kg.errors import KgError


@click.command()
@click.argument("sets", nargs=-1, required=True, type=click.Path(file_okay=False, path_type=Path))
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("output") / "project_scorer.json", show_default=True,
              help="Where to write the model (copy it to kg/extract/data/ to ship it).")
@click.option("--cv-on", "cv_set", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Instead of writing a model: cross-validate by document on this set (the SETS are "
                   "added to every fold's training data) and print rules alone against rules + scorer.")
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True, help="Folds for --cv-on.")
def train(sets: tuple[Path, ...], out: Path, cv_set: Path | None, folds: int) -> None:
    """Train the learned project scorer from gold SETS (folders as kg eval takes them), or with
    --cv-on measure whether it beats the rules alone on documents it was not trained on.
    Needs scikit-learn (pip install 'govkg[train]').

    \\b
    Examples:
      kg train examples ../shared/dev -o output/project_scorer.json
      kg train examples examples/dev2 --cv-on ../shared/dev --folds 5
    """
    from kg.evaluate.train import cross_validate, examples_of, fit, load_sets, write_model

    try:
        pairs = load_sets(sets)
        if cv_set is None:
            examples = examples_of(pairs)
            write_model(fit(examples), out)
            click.echo(one_line(f"trained on {len(pairs)} documents, {len(examples)} candidates; wrote {out}"))
            return
        cv = cross_validate(load_sets([cv_set]), pairs, folds=folds)
    except KgError as e:
        raise KgClickError(str(e)) from e
    click.echo(f"cross-validation by document, {cv.folds} folds of {len(cv.rules.documents)} documents")
    click.echo(f"{'':<18}{'Project P':>10}{'R':>7}{'F1':>7}{'macro-F1':>10}{'inv R':>7}{'status+part R':>15}")
    for name, r in (("rules alone", cv.rules), ("rules + scorer", cv.scored)):
        s = r.entities["Project"]
        click.echo(f"{name:<18}{s.precision:>10.3f}{s.recall:>7.3f}{s.f1:>7.3f}{r.macro_f1:>10.3f}"
                   f"{r.relations['investment'].recall:>7.3f}{r.relations['status+part'].recall:>15.3f}")
