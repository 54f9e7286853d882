"""The ``newsgraph`` command line: ingest, annotate, show, export, actors, serve, eval."""

from __future__ import annotations

import contextlib
import importlib
import inspect
import json
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from itertools import chain, islice
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import __version__
from .read import FORMATS as READ_FORMATS

app = typer.Typer(
    help="newsgraph: who did what to whom, where and when, who said what, and who disputes it.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
out = Console()
err = Console(stderr=True)

FORMATS = ("auto", *READ_FORMATS)

PathsArg = Annotated[
    list[str], typer.Argument(help="Files, directories, globs, or - for standard input.")
]
FormatOpt = Annotated[
    str, typer.Option("--format", "-f", help=f"Input format: {', '.join(FORMATS)}.")
]
DateOpt = Annotated[
    str | None,
    typer.Option("--date", help="Publication date (YYYY-MM-DD) for inputs that have none."),
]
OutletOpt = Annotated[
    str | None, typer.Option("--outlet", help="Outlet name for inputs that have none.")
]
FieldOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--field",
        help="JSON Lines field mapping, e.g. --field text=body --field published=date.",
    ),
]
ModelOpt = Annotated[
    str | None,
    typer.Option("--model", help="spaCy model package (default: en_core_web_sm if installed)."),
]
WorkersOpt = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-j",
        help="Processes to annotate with (default: up to 2); with --engine ray: Ray actors.",
    ),
]
EngineOpt = Annotated[
    str,
    typer.Option(
        "--engine",
        help="Where to annotate: local (processes here) or ray (needs newsgraph[scale]).",
        envvar="NEWSGRAPH_ENGINE",
    ),
]
RayAddressOpt = Annotated[
    str | None,
    typer.Option(
        "--ray-address",
        help="With --engine ray: auto, or ray://HOST:10001 (default: start Ray on this machine).",
    ),
]
ENGINES = ("local", "ray")
DbOpt = Annotated[
    str,
    typer.Option("--db", help="DuckDB file, or a postgresql:// URL.", envvar="NEWSGRAPH_DB"),
]
DEFAULT_DB = "newsgraph.duckdb"
# below this many inputs a run stays in one process (workers each load the pipeline)
SMALL_RUN = 64


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
) -> None:
    """Turn news articles into an evidence-linked record of actors, statements and events."""


# ---------------------------------------------------------------------------------------------
# shared helpers


def parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def parse_fields(pairs: list[str] | None) -> dict[str, str] | None:
    if not pairs:
        return None
    mapping = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or not ours or not theirs:
            raise typer.BadParameter(f"--field takes OURS=THEIRS, got {pair!r}")
        mapping[ours] = theirs
    return mapping


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    return fmt


def read_items(
    paths: list[str], fmt: str, published: str | None, outlet: str | None, fields: list[str] | None
) -> Iterator[Any]:
    from .read import read_inputs

    return read_inputs(
        paths,
        check_format(fmt),
        published=parse_date(published),
        outlet=outlet,
        field_map=parse_fields(fields),
    )


def progress_bar(console: Console) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(),
        console=console,
        transient=False,
        disable=not console.is_terminal,
    )


def pick_workers(workers: int | None) -> int:
    from .scale.local import default_workers

    return workers if workers is not None else default_workers()


def check_engine(engine: str) -> str:
    if engine not in ENGINES:
        raise typer.BadParameter(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
    if engine == "ray":
        from .scale.ray_runner import RayNotInstalled, import_ray

        try:
            import_ray()
        except RayNotInstalled as exc:
            err.print(f"[red]{exc}[/]")
            raise typer.Exit(2) from None
    return engine


def annotate_items(
    items: Iterable[Any],
    *,
    engine: str,
    model: str | None,
    workers: int | None,
    batch_size: int = 16,
    ray_address: str | None = None,
) -> Iterator[tuple[Any, dict[str, Any]]]:
    """``(item, record)`` in input order, from local processes or from Ray."""
    if engine == "ray":
        from .scale.ray_runner import annotate_with_ray

        # --workers is the number of Ray actors; unset: one per CPU of the cluster
        return annotate_with_ray(
            items, model=model, concurrency=workers, batch_size=batch_size, address=ray_address
        )
    from .scale.local import annotate_stream

    # worker start-up costs a pipeline load each: only worth it for a real batch, so look at
    # the first items of the stream before choosing
    stream = iter(items)
    head = list(islice(stream, SMALL_RUN))
    n_articles = sum(1 for item in head if not hasattr(item, "code"))
    small = len(head) < SMALL_RUN and n_articles < SMALL_RUN // 2
    n_workers = 1 if small else pick_workers(workers)
    return annotate_stream(
        chain(head, stream), model=model, workers=n_workers, batch_size=batch_size
    )


@contextlib.contextmanager
def ray_failure_exits() -> Iterator[None]:
    """A failed Ray run (an actor that cannot start, say) ends with its reason, not a trace."""
    from .scale.ray_runner import RayRunFailed

    try:
        yield
    except RayRunFailed as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(1) from None


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
    """
    check_engine(engine)
    items = read_items(paths, fmt, published, outlet, fields)  # streamed, never all in memory
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    failed = written = 0
    try:
        # Ray prints cluster errors to sys.stdout: send them to stderr, away from the records
        # (`sink` already holds the real stdout)
        with (
            contextlib.redirect_stdout(sys.stderr),
            ray_failure_exits(),
            progress_bar(err) as progress,
        ):
            task = progress.add_task("annotate", total=None, status="")
            records = annotate_items(
                items, engine=engine, model=model, workers=workers, ray_address=ray_address
            )
            for _, record in records:
                failed += "error" in record
                written += 1
                sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                progress.update(task, advance=1, status=f"{failed} failed" if failed else "")
    finally:
        if output:
            sink.close()
    if output:
        err.print(f"wrote {written} records to {output} ({failed} with errors)")


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
        bool, typer.Option("--verbose", "-v", help="Log each stored or failed input to stderr.")
    ] = False,
    engine: EngineOpt = "local",
    ray_address: RayAddressOpt = None,
) -> None:
    """Read, annotate and store articles; already stored articles are skipped (resumable).

    Each article is written whole in its own transaction, so a run that is killed leaves only
    whole articles and a re-run completes the rest. Inputs that fail are kept in the errors
    table with their reason and raw bytes.
    """
    from .store import open_store

    check_engine(engine)
    with open_store(db) as store:
        config = {
            "command": "ingest",
            "paths": paths,
            "format": fmt,
            "date": published,
            "outlet": outlet,
            "model": model,
            "engine": engine,
        }
        run_id = store.begin_run(config)
        counts: Counter[str] = Counter()
        items = read_items(paths, fmt, published, outlet, fields)  # streamed
        todo = unstored(store, items, run_id, counts)
        with ray_failure_exits(), progress_bar(err) as progress:
            task = progress.add_task("ingest", total=None, status="")
            # the store is written here, on the driver, whatever the engine: one writer
            results = annotate_items(
                todo,
                engine=engine,
                model=model,
                workers=workers,
                batch_size=batch_size,
                ray_address=ray_address,
            )
            for batch in batched(results, batch_size):
                # one transaction per batch: DuckDB's cost is per commit, not per row
                for outcome, item in store_batch(store, batch, run_id, counts):
                    if verbose:
                        print(f"{outcome}\t{item.id}\t{item.source}", file=sys.stderr, flush=True)
                done = counts["stored"] + counts["skipped"] + counts["failed"]
                progress.update(task, completed=done, status=summary_line(counts))
        store.finish_run(run_id, dict(counts))
    out.print(f"[bold]ingest[/] {db}: {summary_line(counts)}  (run {run_id})", soft_wrap=True)


def unstored(
    store: Any, items: Iterable[Any], run_id: str, counts: Counter[str], chunk: int = 500
) -> Iterator[Any]:
    """The items still to do, looked up in the store a chunk at a time as the stream goes."""
    seen: set[str] = set()
    for batch in batched(items, chunk):
        yield from skip_stored(store, batch, run_id, counts, seen)


def skip_stored(
    store: Any, items: list[Any], run_id: str, counts: Counter[str], seen: set[str]
) -> list[Any]:
    """Drop articles already in the store (recording the new source) and ones already ``seen``
    in this run (adding the others to it)."""
    ids = [item.id for item in items if not hasattr(item, "code")]
    known = store.known_ids(ids)
    todo = []
    for item in items:
        if hasattr(item, "code"):
            todo.append(item)
        elif item.id in known or item.id in seen:
            store.add_source(item.id, item.source, item.format, run_id)
            counts["skipped"] += 1
        else:
            seen.add(item.id)
            todo.append(item)
    return todo


def store_batch(
    store: Any, batch: list[tuple[Any, dict[str, Any]]], run_id: str, counts: Counter[str]
) -> list[tuple[str, Any]]:
    """Write one batch of results; returns ``(outcome, item)`` pairs, outcome stored|failed.

    Articles go in one transaction; an input that failed is kept in the errors table with its
    reason and raw bytes. A non-English article is stored with its text, marked, not parsed.
    """
    from .model import ArticleError

    records, outcomes = [], []
    for item, record in batch:
        if isinstance(item, ArticleError):
            store.write_error(item, run_id)
            outcomes.append(("failed", item))
        elif "error" in record and "article" not in record:
            error = record["error"]
            failure = ArticleError(
                error["code"], error["message"], source=item.source, id=item.id, raw=item.raw
            )
            store.write_error(failure, run_id)
            outcomes.append(("failed", item))
        else:
            counts["not_english"] += "error" in record
            records.append((record, item))
            outcomes.append(("stored", item))
    store.write_records(records, run_id)
    counts["stored"] += len(records)
    counts["failed"] += len(batch) - len(records)
    return outcomes


def batched(iterable: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def summary_line(counts: Counter[str]) -> str:
    line = f"{counts['stored']} stored, {counts['skipped']} skipped, {counts['failed']} failed"
    if counts["not_english"]:
        line += f" ({counts['not_english']} not English: stored, not parsed)"
    return line


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

    with open_store(db, read_only=True) as store:
        record = store.get_record(article_id)
    if record is None:
        err.print(f"[red]no article {article_id!r} in {db}[/]")
        raise typer.Exit(1)
    if as_json:
        out.print_json(json.dumps(record, ensure_ascii=False))
    else:
        render_record(record, out)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet, csv or jsonl.")] = "parquet",
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder to write into.")] = Path(
        "export"
    ),
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Export every table (and JSON Lines records) for pandas, R or a spreadsheet."""
    from .export import export_store
    from .store import open_store

    if fmt not in ("parquet", "csv", "jsonl"):
        raise typer.BadParameter("--format must be parquet, csv or jsonl")
    with open_store(db, read_only=True) as store:
        written = export_store(store, fmt, out_dir)
    for path in written:
        out.print(str(path))


@app.command()
def link(
    db: DbOpt = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Cluster stored events across articles and find claim links (disputes, repeats)."""
    from .link import link_store
    from .store import open_store

    with open_store(db) as store:
        summary = link_store(store)
    if as_json:
        print(json.dumps(summary.to_dict(), indent=2))
        return
    for line in summary.lines():
        out.print(line)


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
    table = Table("id", "name", "type", "country", "affiliation", "also called", "side names")
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


# ---------------------------------------------------------------------------------------------
# serve


@app.command()
def serve(
    db: DbOpt = DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0: every interface, no login).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """Browse a store in a web browser, with a read-only JSON API (needs the api extra).

    Pages: articles with their evidence highlighted, actors, events (with CSV download); the
    JSON API is under /api, its reference at /docs. The store is opened read-only; a DuckDB
    file cannot be ingested into while it is served.
    """
    from rich.markup import escape

    from .store import StoreError, open_store

    try:
        import uvicorn

        from .web import create_app
    except ImportError as exc:
        err.print(f"[red]serve needs FastAPI, uvicorn and Jinja2 ({exc.name} is missing):[/]")
        err.print("pip install 'newsgraph[api]'")
        raise typer.Exit(2) from None
    try:
        store = open_store(db, read_only=True)
    except StoreError as exc:
        err.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(1) from None
    try:
        local = host in ("127.0.0.1", "::1", "localhost")
        where = f"http://{'localhost' if local else host}:{port}/"
        err.print(f"serving {escape(store.target)} read-only at {where} (Ctrl+C stops)")
        if not local:
            err.print("[yellow]note: no login: whoever can reach this port can read the store[/]")
        uvicorn.run(create_app(store), host=host, port=port, log_level="info")
    finally:
        store.close()


# ---------------------------------------------------------------------------------------------
# eval


@app.command("eval")
def evaluate(
    name: Annotated[
        str,
        typer.Argument(
            help="Scorer: polnear, plover, geo, timeml, ecbplus, conflibert-cameo, rams, muc4, "
            "wikievents, gvdb, factuality, event-location."
        ),
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

    if name not in SCORERS:
        raise typer.BadParameter(f"unknown scorer {name!r}; choose from {', '.join(SCORERS)}")
    if split not in ("fit", "heldout", "both"):
        raise typer.BadParameter(f"unknown split {split!r}; choose fit, heldout or both")
    scorer = importlib.import_module(SCORERS[name])
    data_dir = data or shared_eval_dir() / scorer.DEFAULT_DATA
    if not data_dir.exists():
        err.print(f"[red]no gold data at {data_dir}[/] (give --data DIR)")
        raise typer.Exit(2)
    options = scorer_options(scorer.evaluate, limit=limit, split=split, subset=subset)
    started = time.perf_counter()
    report = scorer.evaluate(data_dir, **options)
    if as_json:
        print(json.dumps(report.to_dict(), indent=2))
        return
    print_report(report, time.perf_counter() - started)


def scorer_options(
    evaluate_fn: Any, *, limit: int | None, split: str, subset: str | None
) -> dict[str, Any]:
    """Map the CLI's generic options onto the keywords this scorer accepts."""
    accepted = inspect.signature(evaluate_fn).parameters
    options: dict[str, Any] = {"split": split}
    if limit is not None:
        options["limit"] = limit
    if subset is not None:
        key = next((k for k in ("set", "corpus") if k in accepted), None)
        if key is None:
            raise typer.BadParameter("this scorer has no --set")
        options[key] = subset
    return options


def print_report(report: Any, seconds: float) -> None:
    """One table per part: the fit part, the held-out part, then reference rows (no split)."""
    blocks = (("fit", "fitted on"), ("heldout", "held out"), (None, "reference"))
    for split, label in blocks:
        rows = [r for r in report.rows if r.split == split]
        if not rows:
            continue
        table = Table(title=f"{report.name} on {report.data}: {label}  ({seconds:.0f} s)")
        for column in ("measure", "precision", "recall", "F1", "value", "support"):
            table.add_column(column, justify="left" if column == "measure" else "right")
        for row in rows:
            table.add_row(
                row.measure,
                *(fmt_figure(v) for v in (row.precision, row.recall, row.f1, row.value)),
                "" if row.support is None else str(row.support),
            )
        out.print(table)


def fmt_figure(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    app()
