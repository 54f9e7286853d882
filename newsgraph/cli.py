"""The ``newsgraph`` command line: ingest, annotate, show, export, actors, serve, eval."""

from __future__ import annotations

import contextlib
import importlib
import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from . import __version__
from .cli_errors import errors
from .cli_options import (
    DateOpt,
    DbOpt,
    EngineOpt,
    FieldOpt,
    FormatOpt,
    ModelOpt,
    OutletOpt,
    PathsArg,
    RayAddressOpt,
    WorkersOpt,
)
from .cli_scale import load, scale_run
from .cli_serve import serve
from .cli_story import story
from .cli_support import (
    check_format,
    debug_mode,
    err,
    fail,
    interrupt_in_one_line,
    out,
    parse_date,
    parse_fields,
    print_rows,
    resume_line,
    run_in_one_line,
    unwrap_command_help,
    user_errors,
)
from .eval import SCORERS as SCORER_NAMES
from .ingestion import DEFAULT_STORE, ENGINES
from .show import add_whole_column, progress_bar

app = typer.Typer(
    help="newsgraph: who did what to whom, where and when, who said what, and who disputes it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
DEFAULT_DB = DEFAULT_STORE


def version_callback(value: bool) -> None:
    if value:
        out.print(f"newsgraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=version_callback, is_eager=True, help="Show version."),
    ] = None,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Show the traceback of a failure (or NEWSGRAPH_DEBUG=1)."),
    ] = False,
) -> None:
    """Turn news articles into an evidence-linked record of actors, statements and events."""
    debug_mode["on"] = debug_mode["on"] or debug


# ---------------------------------------------------------------------------------------------
# shared helpers


def read_items(
    paths: list[str], fmt: str, published: str | None, outlet: str | None, fields: list[str] | None
) -> Any:
    """A ``ReadStream`` over ``paths``: items read lazily, the input list fixed now."""
    from .read import read_inputs

    return read_inputs(
        paths,
        check_format(fmt),
        published=parse_date(published),
        outlet=outlet,
        field_map=parse_fields(fields),
    )


def check_engine(engine: str) -> str:
    if engine not in ENGINES:
        raise typer.BadParameter(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if engine == "ray":
        from .scale.ray_runner import import_ray

        with user_errors():
            import_ray(data=False)  # `--engine ray` runs plain actors, not Ray Data
    return engine


# ---------------------------------------------------------------------------------------------
# annotate


@app.command()
def annotate(
    paths: PathsArg,
    fmt: FormatOpt = "auto",
    published: DateOpt = None,
    outlet: OutletOpt = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write JSON Lines here (default stdout).")
    ] = None,
    fields: FieldOpt = None,
    model: ModelOpt = None,
    workers: WorkersOpt = None,
    engine: EngineOpt = "local",
    ray_address: RayAddressOpt = None,
) -> None:
    """Annotate articles to JSON Lines, one record per article, without a database.

    The output format is newsgraph's public contract (docs/contract.md): actors, statements,
    events, places, times and framing, every span with exact character offsets into the text.
    An input that fails gives an error record naming it, and a line on stderr; the exit status
    is 1 when every input failed.
    """
    from .ingestion import annotate_items, naming_source
    from .read.count import estimate_items

    check_engine(engine)
    items = read_items(paths, fmt, published, outlet, fields)  # streamed, never all in memory
    with user_errors():
        sink = output.open("w", encoding="utf-8") if output else sys.stdout
    failed = errors = written = 0
    where = output or "standard output"
    try:
        # Ray prints cluster errors to sys.stdout: send them to stderr, away from the records
        # (`sink` already holds the real stdout)
        with (
            interrupt_in_one_line(lambda: f"{written} whole records written to {where}"),
            contextlib.redirect_stdout(sys.stderr),
            user_errors(),
            progress_bar(err) as progress,
        ):
            task = progress.add_task("annotate", total=estimate_items(items.sources), status="")
            records = annotate_items(
                items, engine=engine, model=model, workers=workers, ray_address=ray_address
            )
            for item, record in records:
                record = naming_source(item, record)
                errors += "error" in record
                if "error" in record and "article" not in record:
                    failed += 1
                    line = f"{record['id'] or ''} {record['error']['message']}".strip()
                    line = f"[red]failed:[/] {escape(line)} ({record['error']['code']})"
                    progress.console.print(line, soft_wrap=True, highlight=False)
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                written += 1  # after the write: a Ctrl-C's count is of lines written
                progress.update(task, advance=1, status=f"{failed} failed" if failed else "")
    finally:
        if output:
            sink.close()
    if output:
        err.print(f"wrote {written} records to {output} ({errors} with errors)")
    if written and failed == written:
        raise typer.Exit(1)


# ---------------------------------------------------------------------------------------------
# ingest


@app.command()
def ingest(
    paths: PathsArg,
    db: DbOpt = DEFAULT_DB,
    fmt: FormatOpt = "auto",
    published: DateOpt = None,
    outlet: OutletOpt = None,
    fields: FieldOpt = None,
    model: ModelOpt = None,
    workers: WorkersOpt = None,
    batch_size: Annotated[int, typer.Option(help="Articles per parse batch.")] = 16,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log every input to stderr; show tracebacks.")
    ] = False,
    engine: EngineOpt = "local",
    ray_address: RayAddressOpt = None,
) -> None:
    """Read, annotate and store articles; already stored articles are skipped (resumable).

    Each batch of articles is written in one transaction, so a run that is killed (or stopped
    with Ctrl-C) leaves only whole articles and a re-run completes the rest. Inputs that fail
    are kept in the errors table with their reason and raw bytes, and each gets a line on
    stderr; the exit status is 1 when inputs failed and none was stored (then no new store is
    created).
    """
    from .ingestion import IngestProgress, InputFailure
    from .ingestion import ingest as run_ingest

    debug_mode["on"] = debug_mode["on"] or verbose
    check_engine(engine)
    check_format(fmt)
    so_far = {"status": "nothing stored yet"}
    stopped = interrupt_in_one_line(lambda: resume_line(so_far["status"], db))
    with stopped, user_errors(), progress_bar(err) as progress:
        task = progress.add_task("ingest", total=None, status="")

        def show_progress(state: IngestProgress) -> None:
            total = state.total if state.total is None else max(state.total, state.done)
            stored, skipped, failed = (state.counts[k] for k in ("stored", "skipped", "failed"))
            so_far["status"] = f"{stored} stored, {skipped} skipped, {failed} failed"
            progress.update(task, completed=state.done, total=total, status=so_far["status"])

        def show_outcome(outcome: str, item: Any, failure: InputFailure | None) -> None:
            if failure is not None:
                line = f"[red]failed:[/] {escape(failure.line())}"
                progress.console.print(line, soft_wrap=True, highlight=False)
            if verbose:
                print(f"{outcome}\t{item.id}\t{item.source}", file=sys.stderr, flush=True)

        result = run_ingest(
            paths,
            db,
            format=fmt,
            published=parse_date(published),
            outlet=outlet,
            field_map=parse_fields(fields),
            model=model,
            workers=workers,
            engine=engine,
            batch_size=batch_size,
            ray_address=ray_address,
            on_progress=show_progress,
            on_outcome=show_outcome,
        )
    run = f"  (run {result.run_id})" if result.run_id else "  (no store written)"
    out.print(f"[bold]ingest[/] {escape(db)}: {result.summary()}{run}", soft_wrap=True)
    if result.failed and result.run_id:
        out.print("the failed inputs are kept: `newsgraph errors --run last` lists them")
    if not result.ok:
        raise typer.Exit(1)


# the cluster path (docs/scale.md): workers write record shards, `load` stores them
app.command("scale-run")(scale_run)
app.command("load")(load)


# ---------------------------------------------------------------------------------------------
# show, export, actors


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id (or a unique prefix of it).")],
    db: DbOpt = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the record as JSON.")] = False,
) -> None:
    """Show an article with its extractions highlighted in the terminal."""
    from .show import render_record
    from .store import open_store

    with user_errors(), open_store(db, read_only=True) as store:
        record = store.get_record(article_id)
    if record is None:
        raise fail(f"no article {article_id!r} in {db} (`newsgraph articles` lists them)")
    if as_json:
        out.print_json(json.dumps(record, ensure_ascii=False))
    else:
        render_record(record, out)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet, csv or jsonl.")] = "parquet",
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Folder to write into (made if missing).")
    ] = Path("export"),
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Export every table (and JSON Lines records) for pandas, R or a spreadsheet.

    One file per table, named after it (articles, events, statements, ...); jsonl adds
    records.jsonl, one `annotate` record per article. CSV is UTF-8 with a header row; read
    code columns as text (pandas: dtype={"cameo": str}; docs/store.md#export).
    """
    from .export import export_store
    from .store import open_store

    if fmt not in ("parquet", "csv", "jsonl"):
        raise typer.BadParameter("--format must be parquet, csv or jsonl")

    def resume_hint() -> str:
        return f"export stopped; the files in {out_dir} are incomplete: run it again"

    with interrupt_in_one_line(resume_hint), user_errors(), open_store(db, read_only=True) as store:
        written = export_store(store, fmt, out_dir)
    for path in written:
        out.print(str(path))


@app.command()
def link(
    db: DbOpt = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    full: Annotated[
        bool, typer.Option("--full", help="Recompute everything, not only the new articles.")
    ] = False,
    collections: Annotated[
        bool,
        typer.Option(
            "--collections/--no-collections",
            help="Use the mention linker's clusters over collections of 14-40 articles as "
            "evidence in event clustering (--no-collections: the pair evidence only, less CPU; "
            "see docs/link.md).",
        ),
    ] = True,
    irrealis: Annotated[
        str,
        typer.Option(
            "--irrealis",
            help="Negated, hypothetical and future events: 'apart' (left out of clustering), "
            "'own' (clustered among themselves) or 'join' (with real reports too, as ECB+ "
            "annotates them; see docs/link.md).",
        ),
    ] = "apart",
    retell: Annotated[
        bool,
        typer.Option(
            "--retell/--no-retell",
            help="Join a bare event (no place, actor or toll) to the event of its own article "
            "it retells, in dated articles only (on by default; see docs/link.md, cluster14 "
            "and session 16).",
        ),
    ] = True,
    profiles: Annotated[
        bool,
        typer.Option(
            "--profiles/--no-profiles",
            help="Count two anchored events of one article's incident (the toll in one "
            "sentence, the attacker in another) as one report, in dated articles only (on by "
            "default; see docs/link.md, story17).",
        ),
    ] = True,
    regroup: Annotated[
        bool,
        typer.Option(
            "--regroup/--no-regroup",
            help="Join two dated clusters of one incident that formed apart in the greedy "
            "pass (on by default; see docs/link.md, story15).",
        ),
    ] = True,
) -> None:
    """Cluster stored events across articles and find claim links (disputes, repeats).

    Takes the articles stored since the last run into the existing clusters and links (the
    first run, or --full, links the whole store). Writes into an existing store; never
    creates one.
    """
    from .link import LinkOptions, link_store
    from .store import open_store

    try:
        options = LinkOptions(
            collections=collections,
            irrealis=irrealis,  # type: ignore[arg-type]
            retell=retell,
            profiles=profiles,
            regroup=regroup,
        )
    except ValueError as error:
        raise typer.BadParameter(f"--{error}") from None

    def resume_hint() -> str:  # a run's clusters and links are written in one transaction
        return f"link stopped; run it again on {db} to finish"

    linking = err.status("link: clustering events and linking claims")  # terminals only
    stopped = interrupt_in_one_line(resume_hint)
    with stopped, user_errors(), linking, open_store(db, create=False) as store:
        summary = link_store(store, full=full, options=options)
    if as_json:
        print(json.dumps(summary.to_dict(), indent=2))
        return
    for line in summary.lines():
        out.print(line, soft_wrap=True)


@app.command()
def articles(
    query: Annotated[
        str | None, typer.Argument(help="Words to find in titles, outlets or texts (any case).")
    ] = None,
    db: DbOpt = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="Most rows to show.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print rows as JSON Lines.")] = False,
) -> None:
    """List stored articles (id, date, outlet, title), newest first, or search them."""
    from .show import articles_table, find_articles
    from .store import open_store

    with user_errors(), open_store(db, read_only=True) as store:
        rows, total = find_articles(store, query, limit)
    print_rows(rows, total, as_json, articles_table, "article(s)")


@app.command()
def actors(
    query: Annotated[str | None, typer.Argument(help="Name, alias or id to look for.")] = None,
    limit: Annotated[int, typer.Option(help="Most rows to show.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print entries as JSON Lines.")] = False,
) -> None:
    """Search the actor knowledge base: canonical names, aliases, every side's names, roles."""
    from .components.actors.kb import KnowledgeBase

    kb = KnowledgeBase.load()
    entries = kb.search(query) if query else list(kb.entries)
    if as_json:
        for entry in entries[:limit]:
            print(json.dumps(entry.to_dict(), ensure_ascii=False))
        return
    table = Table()
    add_whole_column(table, "id", [entry.id for entry in entries[:limit]])
    for header in ("name", "type", "country", "affiliation", "also called", "side names"):
        table.add_column(header)
    for entry in entries[:limit]:
        data = entry.to_dict()
        roles = [role["title"] for role in data.get("roles", [])]
        table.add_row(
            entry.id,
            "\n".join([entry.name, *roles]),
            entry.type or "",
            entry.country or "",
            entry.affiliation or "",
            "\n".join(data.get("aliases", [])[:4]),
            "\n".join(data.get("side_vocabulary", [])[:4]),
        )
    out.print(table)
    shown = f", first {limit} shown" if len(entries) > limit else ""
    out.print(f"{len(entries)} actor(s){shown}")


# the web UI and JSON API (newsgraph/cli_serve.py)
app.command("serve")(serve)


# ---------------------------------------------------------------------------------------------
# eval


@app.command("eval")
def evaluate(
    name: Annotated[
        str,
        typer.Argument(help="Scorer: " + ", ".join(SCORER_NAMES) + "."),
    ],
    data: Annotated[
        Path | None, typer.Option("--data", help="Gold data folder (default ../shared/eval/…).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print figures as JSON.")] = False,
    split: Annotated[
        str,
        typer.Option(help="Part of the fixed split: fit, heldout or both (docs/evaluation.md)."),
    ] = "both",
    subset: Annotated[
        str | None,
        typer.Option("--set", help="Sub-corpus: gwn|lgl (geo), timebank|aquaint (timeml)."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(help="Score only the first N documents (topics for ecbplus).")
    ] = None,
) -> None:
    """Score an extractor on public gold data; print the fit part's and the held-out part's
    figures (see docs/evaluation.md)."""
    from .eval import SCORERS
    from .eval.base import shared_eval_dir
    from .eval.report_view import only_part, print_report, scorer_options

    if name not in SCORERS:
        raise typer.BadParameter(f"unknown scorer {name!r}; choose from {', '.join(SCORERS)}")
    if split not in ("fit", "heldout", "both"):
        raise typer.BadParameter(f"unknown split {split!r}; choose fit, heldout or both")
    scorer = importlib.import_module(SCORERS[name])
    data_dir = data or shared_eval_dir() / scorer.DEFAULT_DATA
    if not data_dir.exists():
        raise fail(f"no gold data at {data_dir} (give --data DIR)", 2)
    try:
        options = scorer_options(scorer.evaluate, limit=limit, split=split, subset=subset)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    started = time.perf_counter()
    report = only_part(scorer.evaluate(data_dir, **options), split)
    if as_json:
        print(json.dumps(report.to_dict(), indent=2))
        return
    print_report(report, time.perf_counter() - started, out)


# one real event across outlets (newsgraph/cli_story.py)
app.command("story")(story)
# the inputs that failed, kept in the store (newsgraph/cli_errors.py)
app.command("errors")(errors)


unwrap_command_help(app)  # after the last command is registered


def run() -> None:
    """The ``newsgraph`` console script: the app, with a usage mistake told in one line."""
    sys.exit(run_in_one_line(app))


if __name__ == "__main__":
    run()
