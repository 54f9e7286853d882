"""``newsgraph serve``: the read-only web UI and JSON API over a store."""

from __future__ import annotations

import errno
import socket
from typing import Annotated

import typer
from rich.markup import escape

from .cli_options import DbOpt
from .cli_support import err, fail, user_errors
from .ingestion import DEFAULT_STORE as DEFAULT_DB


def listen_refused(host: str, port: int) -> str | None:
    """Why the server could not listen on ``host:port`` and what to do (a port in use, an
    address not of this machine), else None: one line before the server starts, rather than
    an error inside its log."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            probe.bind((host, port))
        except OSError as exc:
            in_use = exc.errno == errno.EADDRINUSE
            hint = "choose another with --port" if in_use else "check --host"
            return f"{exc.strerror or exc} ({hint})"
    return None


def serve(
    db: DbOpt = DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Address to listen on (0.0.0.0: every interface, no login).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            envvar="NEWSGRAPH_ALLOW_HOST",
            help="Another host name the server answers to besides localhost (repeatable).",
        ),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="NEWSGRAPH_TOKEN",
            help="Require this token: 'Authorization: Bearer TOKEN', or open ?token=TOKEN once.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            "-j",
            min=1,
            help="Server processes (default: one per two cores, at most 4, on DuckDB; 1 on "
            "PostgreSQL, where each holds a connection).",
        ),
    ] = None,
    cache_mb: Annotated[
        float,
        typer.Option(
            min=0,
            help="Megabytes of rendered answers each process keeps by address on a DuckDB "
            "store (0: none).",
        ),
    ] = 64,
) -> None:
    """Browse a store in a web browser, with a read-only JSON API (needs the api extra).

    Pages: articles with their evidence highlighted, actors, events (with CSV download); the
    JSON API is under /api, its reference at /docs. The store is opened read-only; a DuckDB
    file cannot be ingested into while it is served.
    """
    from .store import open_store

    try:
        import uvicorn

        from .web import create_app
        from .web.serving import ServeSettings, default_workers, run_workers, warm_up
    except ImportError as exc:
        err.print(f"[red]serve needs FastAPI, uvicorn and Jinja2 ({exc.name} is missing):[/]")
        err.print("pip install 'newsgraph[api]'")
        raise typer.Exit(2) from None
    with user_errors():
        store = open_store(db, read_only=True)
    refused = listen_refused(host, port)
    if refused:
        store.close()
        raise fail(f"cannot listen on {host}:{port}: {refused}")
    try:
        local = host in ("127.0.0.1", "::1", "localhost")
        where = f"http://{'localhost' if local else host}:{port}/"
        processes = workers or default_workers(store.dialect)
        err.print(
            f"serving {escape(store.target)} read-only at {where} with {processes} "
            f"process{'es' if processes > 1 else ''} (Ctrl+C stops)"
        )
        if not local and not token:
            err.print("[yellow]note: no --token: whoever can reach this port can read the store[/]")
        hosts = list(allow_host or [])
        if host not in ("0.0.0.0", "::"):
            hosts.append(host)  # the address it was asked to listen on is a name it answers to
        if processes > 1:
            store.close()  # each worker opens its own
            settings = ServeSettings(db, host, port, hosts, token, processes, cache_mb)
            run_workers(settings)
            return
        app_ = create_app(store, allowed_hosts=hosts, token=token, cache_mb=cache_mb)
        warm_up(app_)
        uvicorn.run(app_, host=host, port=port, log_level="info")
    finally:
        store.close()
