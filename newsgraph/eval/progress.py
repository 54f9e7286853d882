"""The progress line of the eval scorers: the CLI's progress bar (``show.progress_bar``) on
stderr, named by the set, on a terminal only (redirected runs and tests print nothing)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def eval_progress(label: str, total: int, enabled: bool = True) -> Iterator[Callable[[], None]]:
    """A progress bar ``label done/total`` while the block runs; yields the function that counts
    one item done. Nothing is shown unless ``enabled`` and stderr is a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console

    from ..show import progress_bar

    with progress_bar(Console(file=sys.stderr)) as bar:
        task = bar.add_task(label, total=total, status="")
        yield lambda: bar.advance(task)
