"""The options several ``newsgraph`` commands share, declared once (typer annotations)."""

from __future__ import annotations

from typing import Annotated

import typer

BUILT_IN_FORMATS = ("auto", "seed", "text", "jsonl", "html", "rss", "telegram")

PathsArg = Annotated[
    list[str], typer.Argument(help="Files, directories, globs, or - for standard input.")
]
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help=f"Input format: {', '.join(BUILT_IN_FORMATS)}, or a plug-in's (docs/plugins.md).",
    ),
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
        help="Where to annotate: local (processes here) or ray (needs newsgraph\\[scale]).",
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
DbOpt = Annotated[
    str,
    typer.Option("--db", help="DuckDB file, or a postgresql:// URL.", envvar="NEWSGRAPH_DB"),
]
