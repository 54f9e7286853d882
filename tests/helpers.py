"""Small helpers shared by test modules: stopping real processes, loading a script of tools/,
the character range of words in a test sentence, parsing a source file, shutting Ray down."""

from __future__ import annotations

import ast
import gc
import importlib.util
import subprocess
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

TOOLS = Path(__file__).resolve().parents[1] / "tools"


def places_by_name(nlp: Any, text: str) -> dict[str, Any]:
    """The places a pipeline reads in ``text``, by name."""
    return {p.name: p for p in nlp(text)._.ng_places}


def targets_by_type(nlp: Any, text: str) -> dict[str, str | None]:
    """Event type -> its target's text (None where it has none), for the events the events
    component extracts from ``text`` parsed by the bare spaCy model ``nlp``."""
    from newsgraph.components.events.component import extract_events

    return {
        e.type: (e.target.span.text if e.target.span else None) for e in extract_events(nlp(text))
    }


def annotate_article(pipeline: Any, text: str) -> Any:
    """``text`` run through ``pipeline`` as the body of an article (the components that read
    ``doc._.ng_article`` see one)."""
    from newsgraph.model import Article

    doc = pipeline.make_doc(text)
    doc._.ng_article = Article(id="t", text=text)
    return pipeline(doc)


def first_target_text(nlp: Any, text: str, event_type: str) -> str | None:
    """The target text of the first ``event_type`` event the full pipeline ``nlp`` reads in
    ``text`` (None where it has none); fails when there is no such event."""
    events = [e for e in nlp(text)._.ng_events if e.type == event_type]
    assert events, text
    target = events[0].target
    return target.span.text if target is not None and target.span is not None else None


def dispute_texts(records: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """The ``disputes`` links ``link_records`` makes among ``records``, each as (the disputing
    statement's content, the disputed one's), sorted."""
    from newsgraph.link import link_records

    texts = {(r["article"]["id"], s["id"]): " ".join(c["text"] for c in s["content"])
             for r in records for s in r["statements"]}  # fmt: skip
    return sorted(
        (texts[(x.article_id, x.from_id)], texts[(x.to_article_id, x.to_id)])
        for x in link_records(list(records)).links
        if x.relation == "disputes"
    )


def load_tool(name: str) -> ModuleType:
    """The script ``tools/<name>.py`` as a module (the tools are scripts, not a package)."""
    if str(TOOLS) not in sys.path:  # a tool imports its siblings, as it does run as a script
        sys.path.append(str(TOOLS))
    spec = importlib.util.spec_from_file_location(name, TOOLS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses in a tool look their module up
    spec.loader.exec_module(module)
    return module


def parse_source(path: Path) -> ast.Module:
    """The syntax tree of the Python file at ``path``.

    CPython 3.11 keeps the AST builder's recursion count per interpreter, not per thread, so a
    parse that races another thread's can fail with a spurious "AST constructor recursion depth
    mismatch" SystemError (python/cpython#106905; CI hit it once). The file is fine: parse again.
    """
    source = path.read_text(encoding="utf-8")
    for _ in range(4):
        try:
            return ast.parse(source, filename=str(path))
        except SystemError:
            continue
    return ast.parse(source, filename=str(path))


def shutdown_ray(ray: ModuleType) -> None:
    """Shut Ray down once the garbage a test left is freed.

    An object ref freed after ``ray.shutdown()`` (say, in a failed run's traceback, kept in a
    reference cycle until the next collection) makes Ray end this process: "The core worker has
    already been shutdown ... The process will exit" (a pytest-xdist worker "crashed" in CI).
    """
    gc.collect()
    ray.shutdown()


def stop_process(process: subprocess.Popen, timeout: float) -> None:
    """Ask ``process`` to stop, and kill it if it has not within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def char_range(text: str, words: str) -> tuple[int, int]:
    """The character range of the first occurrence of ``words`` in ``text``."""
    start = text.index(words)
    return start, start + len(words)


# (article id, outlet, publication date YYYY-MM-DD, text): a small multi-article story
StoryArticle = tuple[str, str, str, str]


def story_records(stories: Sequence[StoryArticle]) -> tuple[list[Any], list[dict[str, Any]]]:
    """The stories' articles and their records, annotated by the whole pipeline."""
    from newsgraph.model import Article
    from newsgraph.pipeline import Annotator

    articles = [
        Article(id=aid, text=text, outlet=outlet, published=date.fromisoformat(day), language="en")
        for aid, outlet, day, text in stories
    ]
    return articles, list(Annotator().annotate(articles))


def linked_story_store(db: Path, stories: Sequence[StoryArticle]) -> Path:
    """A DuckDB store at ``db`` with the stories annotated, stored and linked (then closed)."""
    from newsgraph.link import link_store
    from newsgraph.store import open_store

    articles, records = story_records(stories)
    with open_store(db) as store:
        run_id = store.begin_run({"command": "test"})
        for record, article in zip(records, articles, strict=True):
            store.write_record(record, article, run_id)
        link_store(store)
    return db


def cluster_of(store: Any, article_id: str, words: str) -> str:
    """The cluster of the stored article's event whose evidence holds ``words``."""
    ((cluster_id,),) = store.query(
        "SELECT m.cluster_id FROM event_cluster_members m JOIN events e "
        "ON e.article_id = m.article_id AND e.id = m.event_id "
        "WHERE m.article_id = ? AND e.evidence_text LIKE ?",
        [article_id, f"%{words}%"],
    )
    return cluster_id


def span_text(ref: object) -> str | None:
    """The text of an event party's span (an ``ActorRef``), or None when it has none."""
    span = getattr(ref, "span", None)
    return span.text if span is not None else None
