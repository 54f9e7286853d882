"""A cluster run that scales: the workers read, annotate and write; the driver only lists.

``scale_run`` lists the input files (names only), leaves out those a complete shard of the
output folder already covers, and hands the rest to Ray Data as a dataset of file names.
``map_batches`` runs ``ShardActor`` on a fixed pool of actors: each batch of files is read on
the node that runs it (so inputs must be on a filesystem every node mounts at the same path,
or on an object store every node reaches: ``s3://bucket/prefix``, ``newsgraph.scale.storage``),
annotated with the ``Annotator`` (``annotate_safely``: a bad article is an error record of its
own) and written as one Parquet shard (``newsgraph.scale.shards``). Only a one-row summary per
shard crosses back to the driver: no article text, no record. ``newsgraph load`` then puts the
shards into a store (``newsgraph.scale.load``).

Resuming: a shard is renamed into place only when complete, so a re-run skips exactly the
inputs of complete shards and redoes the others.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import ArticleError
from .lifeline import pid_view, tie_to_driver
from .ray_runner import (
    TASKS_PER_ACTOR,
    RayRunFailed,
    cluster_cpus,
    import_ray,
    last_line,
    quiet_ray_data_console,
    ray_session,
)
from .shard_work import ReadOptions, ShardSummary, annotate_to_shard, uri_sources
from .shards import done_inputs, item_row, write_shard
from .storage import Storage, is_uri

if TYPE_CHECKING:
    import pyarrow as pa

INPUT = "input"
NODE = "node"  # the Ray node that wrote a shard
# at most this many input files per shard, and about this many shards per actor: enough for
# the pool to share the work evenly, few enough that shards stay large
MAX_FILES_PER_SHARD = 256
SHARDS_PER_ACTOR = 8
# every actor of the pool loads its pipeline (seconds) before the first shard is handed out:
# otherwise the first actor ready takes shards while the others load, and on a small run one
# node does all the work; a pool that cannot start in this time fails with Ray's clear message
# ("Timed out while starting actors") instead of waiting for resources that never come
ACTOR_START_TIMEOUT_S = 600


class ScaleRunError(ValueError):
    """A run that cannot start: stdin as input, an output folder that is a file."""


@dataclass(slots=True)
class ScaleRunResult:
    """What a run did: inputs found, skipped as done, and what the new shards hold."""

    out_dir: str
    inputs: int = 0
    skipped: int = 0
    shards: int = 0
    articles: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)  # inputs that failed before any worker
    nodes: set[str] = field(default_factory=set)  # the Ray nodes that wrote shards

    def summary(self) -> str:
        on_nodes = f" on {len(self.nodes)} node(s)" if self.nodes else ""
        return (
            f"{self.inputs} inputs: {self.skipped} already done, {self.inputs - self.skipped} "
            f"written as {self.shards} shards{on_nodes} ({self.articles} articles, "
            f"{self.failed} failed)"
        )


@dataclass(slots=True)
class ScaleProgress:
    done: int  # input files finished (this run)
    total: int  # input files to do (this run)
    articles: int
    failed: int


class ShardActor:
    """Ray Data callable class: one pipeline per actor; a batch of file names → one shard."""

    def __init__(
        self,
        out_dir: str,
        base_dir: str | None,
        options: ReadOptions,
        model: str | None = None,
        batch_size: int = 16,
        driver: tuple[str, int] | None = None,
        storage: Storage | None = None,
    ) -> None:
        from ..pipeline import Annotator

        tie_to_driver(driver)  # on the driver's machine an actor ends with it (see lifeline)

        if base_dir is not None:  # None: every input and the output are URIs
            if not os.path.isdir(base_dir):
                raise RayRunFailed(
                    f"folder {base_dir} is not on this node: inputs and output must be on a "
                    "filesystem every node mounts at the same path"
                )
            # input names are relative to the driver's folder, as `ingest` records them
            os.chdir(base_dir)
        self.out_dir = out_dir
        self.options = options
        self.storage = storage
        self.annotator = Annotator(model, batch_size=batch_size)

    def __call__(self, batch: pa.Table) -> pa.Table:
        import pyarrow as pa

        inputs = [str(name) for name in batch[INPUT].to_pylist()]
        import ray

        summary = annotate_to_shard(
            self.annotator, self.out_dir, inputs, self.options, self.storage
        )
        node = ray.get_runtime_context().get_node_id()
        return pa.Table.from_pylist([{**summary.to_row(), NODE: node}])


def plan_inputs(
    paths: Sequence[str], out_dir: str | Path, storage: Storage | None = None
) -> tuple[list[str], list[ArticleError], int]:
    """The input files still to do, the arguments that name no file, and how many are done.

    A URI argument (``s3://bucket/prefix``) is listed through its filesystem; a store that
    refuses (no such bucket, bad credentials) raises ``StorageError`` before anything runs.
    """
    from ..read import read_inputs

    storage = storage or Storage.from_env()
    if any(path == "-" for path in paths):
        raise ScaleRunError("a cluster run reads files: standard input (-) cannot be shared")
    if not is_uri(out_dir) and Path(out_dir).exists() and not Path(out_dir).is_dir():
        raise ScaleRunError(f"--out {out_dir} is a file, not a folder")
    sources: list[str | ArticleError] = []
    for path in paths:
        if is_uri(path):
            sources += uri_sources(path, storage)
        else:
            sources += read_inputs([path]).sources
    done = done_inputs(out_dir, storage)
    files = list(dict.fromkeys(s for s in sources if isinstance(s, str)))
    todo = [name for name in files if name not in done]
    failed = [s for s in sources if isinstance(s, ArticleError)]
    missing = [s for s in failed if s.source not in done]
    return todo, missing, len(files) - len(todo) + len(failed) - len(missing)


def files_per_shard(n_inputs: int, actors: int) -> int:
    return max(1, min(MAX_FILES_PER_SHARD, math.ceil(n_inputs / (actors * SHARDS_PER_ACTOR))))


def scale_run(
    paths: Sequence[str],
    out_dir: str | Path,
    *,
    options: ReadOptions | None = None,
    model: str | None = None,
    workers: int | None = None,
    batch_size: int = 16,
    inputs_per_shard: int | None = None,
    address: str | None = None,
    on_progress: Callable[[ScaleProgress], None] | None = None,
    storage: Storage | None = None,
) -> ScaleRunResult:
    """Annotate ``paths`` on Ray into Parquet shards under ``out_dir``; resumable.

    ``address``: as for ``annotate_with_ray`` (None: a Ray instance on this machine with
    ``workers`` CPUs; ``"auto"``: the cluster this machine belongs to). ``workers``: annotator
    actors (default: one per CPU of the cluster). ``paths`` and ``out_dir`` may be URIs
    (``s3://bucket/prefix``); ``storage``: how to reach them (default: the S3 endpoint the
    environment names), handed to every actor. Raises ``ScaleRunError`` for a run that cannot
    start, ``StorageError`` for an object store that refuses, and ``RayRunFailed`` when the
    cluster fails it.
    """
    if any(n is not None and n < 1 for n in (workers, batch_size, inputs_per_shard)):
        raise ScaleRunError("--workers, --batch-size and --inputs-per-shard must be at least 1")
    options = options or ReadOptions()
    storage = storage or Storage.from_env()
    out_path = str(out_dir) if is_uri(out_dir) else str(Path(out_dir).resolve())
    todo, missing, skipped = plan_inputs(paths, out_path, storage)
    result = ScaleRunResult(out_path, inputs=len(todo) + len(missing) + skipped)
    result.skipped = skipped
    if missing:
        # arguments that name no file fail on the driver, and are kept like any failed input
        rows = [item_row(e.source or "", 0, e, e.to_dict()) for e in missing]
        write_shard(out_path, [e.source or "" for e in missing], rows, storage)
        result.shards += 1
        result.failed += len(missing)
        result.errors += [f"{e.source}: {e.message} ({e.code})" for e in missing]
    if not todo:
        return result
    ray = import_ray()
    address = address or os.environ.get("RAY_ADDRESS") or None
    model = model or os.environ.get("NEWSGRAPH_MODEL") or None
    with ray_session(ray, address, num_cpus=workers or 2):
        actors = min(workers or cluster_cpus(ray), len(todo))
        per_shard = inputs_per_shard or files_per_shard(len(todo), actors)
        # the driver's folder matters to actors only for local names (relative, as typed)
        local = not is_uri(out_path) or any(not is_uri(name) for name in todo)
        actor_kwargs = {
            "out_dir": out_path,
            "base_dir": os.getcwd() if local else None,
            "options": options,
            "model": model,
            "batch_size": batch_size,
            "driver": (pid_view(), os.getpid()),
            "storage": storage,
        }
        summaries = _run_on_ray(todo, actor_kwargs, actors, per_shard)
        done_files = 0
        for node, summary in summaries:
            result.nodes.add(node)
            result.shards += 1
            result.articles += summary.articles
            result.failed += summary.failed
            done_files += summary.inputs
            if on_progress is not None:
                on_progress(ScaleProgress(done_files, len(todo), result.articles, result.failed))
    return result


def _run_on_ray(todo: list[str], actor_kwargs: dict[str, Any], actors: int, per_shard: int) -> Any:
    """Yield ``(node, summary)`` for each shard as its actor finishes it."""
    import ray.data
    from ray.exceptions import RayError

    n_shards = math.ceil(len(todo) / per_shard)
    dataset = ray.data.from_items([{INPUT: name} for name in todo], override_num_blocks=n_shards)
    context = dataset.context
    context.enable_progress_bars = False  # the CLI draws its own progress bar
    context.print_on_execution_start = False
    context.enable_auto_log_stats = False
    # one batch of files at a time per actor (see ray_runner.TASKS_PER_ACTOR)
    context.max_tasks_in_flight_per_actor = TASKS_PER_ACTOR
    context.wait_for_min_actors_s = ACTOR_START_TIMEOUT_S
    summaries = dataset.map_batches(
        ShardActor,
        fn_constructor_kwargs=actor_kwargs,
        compute=ray.data.ActorPoolStrategy(size=actors),
        batch_size=per_shard,
        batch_format="pyarrow",
        num_cpus=1,
    )
    quiet_ray_data_console()
    try:
        for batch in summaries.iter_batches(batch_size=None, batch_format="pyarrow"):
            for row in batch.to_pylist():
                node = row.pop(NODE)
                yield node, ShardSummary(**row)
    except RayError as exc:
        raise RayRunFailed(f"cluster run failed: {last_line(str(exc))}") from exc
