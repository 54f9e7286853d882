"""The cluster path's commands: ``scale-run`` (workers write record shards) and ``load``."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.markup import escape

from .cli_options import DateOpt, DbOpt, FieldOpt, ModelOpt, OutletOpt, PathsArg
from .cli_support import (
    check_format,
    err,
    interrupt_in_one_line,
    out,
    parse_date,
    parse_fields,
    resume_line,
    user_errors,
)
from .ingestion import DEFAULT_STORE
from .show import progress_bar

PARQUET = "parquet"

ShardsOutOpt = Annotated[
    str,
    typer.Option(
        "--out",
        "-o",
        help="Folder for the record shards: on storage every node mounts at the same path, "
        "or an object-store URI (s3://bucket/prefix).",
    ),
]
EndpointOpt = Annotated[
    str | None,
    typer.Option(
        "--endpoint-url",
        help="S3-compatible server for s3:// locations (MinIO: http://HOST:9000); default: "
        "AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, else AWS S3. Credentials come from the "
        "standard AWS variables of each node.",
    ),
]
AddressOpt = Annotated[
    str | None,
    typer.Option(
        "--address",
        "--ray-address",
        help="auto (the cluster this machine belongs to), or ray://HOST:10001 "
        "(default: start Ray on this machine).",
        envvar="RAY_ADDRESS",
    ),
]
ActorsOpt = Annotated[
    int | None,
    typer.Option(
        "--workers", "-j", help="Annotator actors, one CPU each (default: one per cluster CPU)."
    ),
]
ScaleFormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help="Input format: auto, seed, text, jsonl, html, rss, telegram, parquet (article "
        "columns), or a plug-in's. auto reads *.parquet as Parquet.",
    ),
]


def scale_run(
    paths: PathsArg,
    out_dir: ShardsOutOpt,
    address: AddressOpt = None,
    workers: ActorsOpt = None,
    fmt: ScaleFormatOpt = "auto",
    published: DateOpt = None,
    outlet: OutletOpt = None,
    fields: FieldOpt = None,
    model: ModelOpt = None,
    batch_size: Annotated[int, typer.Option(help="Articles per parse batch.")] = 16,
    inputs_per_shard: Annotated[
        int | None,
        typer.Option(help="Input files per shard (default: about 8 shards per actor)."),
    ] = None,
    endpoint_url: EndpointOpt = None,
) -> None:
    """Annotate on a Ray cluster: the workers read the inputs and write record shards.

    Each Ray actor reads a share of the input files (on a filesystem every node mounts at the
    same path, or an object store: s3://bucket/prefix), annotates them and writes one Parquet
    shard per batch of files into --out; nothing but a count per shard comes back to this
    process. Run `newsgraph load` next to put the shards into a store. Re-running the same
    command skips the inputs already in a complete shard, so a run that failed or was stopped
    resumes where it was.
    """
    from .scale.ray_data import ScaleProgress
    from .scale.ray_data import scale_run as run_on_cluster
    from .scale.ray_runner import import_ray
    from .scale.shard_work import ReadOptions
    from .scale.storage import Storage

    if fmt != PARQUET:
        check_format(fmt)
    options = ReadOptions(
        fmt=fmt,
        published=parse_date(published),
        outlet=outlet,
        field_map=parse_fields(fields) or {},
    )
    with user_errors(), progress_bar(err) as progress:
        import_ray()
        task = progress.add_task("scale-run", total=None, status="starting Ray")

        def show_progress(state: ScaleProgress) -> None:
            status = f"{state.articles} articles, {state.failed} failed"
            progress.update(task, completed=state.done, total=state.total, status=status)

        result = run_on_cluster(
            paths,
            out_dir,
            options=options,
            model=model,
            workers=workers,
            batch_size=batch_size,
            inputs_per_shard=inputs_per_shard,
            address=address,
            on_progress=show_progress,
            storage=Storage.from_env(endpoint_url),
        )
    for line in result.errors:
        err.print(f"[red]failed:[/] {escape(line)}", soft_wrap=True, highlight=False)
    out.print(f"[bold]scale-run[/] {escape(result.out_dir)}: {result.summary()}", soft_wrap=True)
    out.print(f"next: newsgraph load {escape(out_dir)} --db STORE", soft_wrap=True)


def load(
    shards_dir: Annotated[
        str,
        typer.Argument(
            help="A folder (or s3://bucket/prefix) of record shards written by `newsgraph "
            "scale-run`."
        ),
    ],
    db: DbOpt = DEFAULT_STORE,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.")] = 64,
    part: Annotated[
        str,
        typer.Option(
            help="K/N: load only the K-th of every N shards, so that N loads (on PostgreSQL) "
            "share one folder: --part 1/3, --part 2/3, --part 3/3.",
        ),
    ] = "1/1",
    endpoint_url: EndpointOpt = None,
) -> None:
    """Store the record shards of a cluster run, as `ingest` stores the same inputs.

    Articles already in the store are skipped (loading twice changes nothing; a stopped load
    finishes on a re-run). Inputs that failed are kept in the errors table with their reason.
    Several loads may write one PostgreSQL store at once; a DuckDB file takes one at a time.
    """
    from .ingestion import IngestProgress, InputFailure
    from .scale.load import load_shards
    from .scale.storage import Storage

    share = parse_part(part)
    so_far = {"status": "nothing stored yet"}
    stopped = interrupt_in_one_line(lambda: resume_line(so_far["status"], db))
    with stopped, user_errors(), progress_bar(err) as progress:
        task = progress.add_task("load", total=None, status="")

        def show_progress(state: IngestProgress) -> None:
            stored, skipped, failed = (state.counts[k] for k in ("stored", "skipped", "failed"))
            so_far["status"] = f"{stored} stored, {skipped} skipped, {failed} failed"
            progress.update(task, completed=state.done, total=state.total, status=so_far["status"])

        def show_outcome(outcome: str, item: Any, failure: InputFailure | None) -> None:
            if failure is not None:
                line = f"[red]failed:[/] {escape(failure.line())}"
                progress.console.print(line, soft_wrap=True, highlight=False)

        result = load_shards(
            shards_dir,
            db,
            batch_size=batch_size,
            on_progress=show_progress,
            on_outcome=show_outcome,
            part=share,
            storage=Storage.from_env(endpoint_url),
        )
    run = f"  (run {result.run_id})" if result.run_id else ""
    # the store as it names itself: a PostgreSQL URL without its password
    out.print(f"[bold]load[/] {escape(result.store)}: {result.summary()}{run}", soft_wrap=True)
    if not result.ok:
        raise typer.Exit(1)


def parse_part(value: str) -> tuple[int, int]:
    k, sep, n = value.partition("/")
    if not (sep and k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise typer.BadParameter(f"--part takes K/N with 1 <= K <= N, got {value!r}")
    return int(k), int(n)
