"""Story records: one real-world event (an event cluster) with everything said about it.

``story_record(store, story_id)`` returns a JSON-ready dict: the cluster and its summary (each
field's values with the outlets that give each, and whether accounts differ), the reports over
time (each member event with its outlet, date, wording and evidence spans, asserted or
attributed), who says what about it (the statements the events are attributed to, and the
accusations and denials in the reporting articles), who disputes whom (``claim_links`` touching
those statements), and each outlet's wording side by side (event evidence and framing terms).
``list_stories(store)`` lists clusters reported by the most outlets first. A story whose reports
are all negated, hypothetical or future (``link --irrealis own``: a threatened strike) says so
(``irrealis``). The CLI's ``newsgraph story ID`` and the web's ``/api/stories/{id}`` print and
serve these.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

from .compatibility import Compatibility
from .incremental import store_affiliations
from .moment_twins import twins

# Statement acts that take a side on who did what.
SIDE_ACTS = frozenset({"accusation", "denial", "claim", "condemnation", "threat"})
BLAME_ACTS = frozenset({"accusation", "denial"})


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _date(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else value


# the cluster columns a story reads
_CLUSTER_COLUMNS = (
    "id, type, place_id, time_value, first_reported, n_articles, outlets, consensus, irrealis"
)


def list_stories(store: Any, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Clusters reported by two articles or more, most articles first, each marked disputed as
    its story is (``claims_disputed``: the attacker it names denies it; stored by the link run,
    so one query lists them)."""
    rows = store.query(
        f"SELECT {_CLUSTER_COLUMNS}, claims_disputed FROM event_clusters WHERE n_articles > 1 "
        "ORDER BY n_articles DESC, first_reported, id LIMIT ? OFFSET ?",
        [limit, offset],
    )
    # the stored flag is the last column; a NULL one (no link run set it) needs the affiliations
    check = Compatibility(store_affiliations(store)) if any(r[-1] is None for r in rows) else None
    return [_with_claims(store, _cluster_row(row[:-1]), row[-1], check) for row in rows]


def _with_claims(
    store: Any, row: dict[str, Any], flag: bool | None, check: Compatibility | None
) -> dict[str, Any]:
    """The listed row with its story's ``claims_disputed``: the flag the link run stored
    (``story_flags``), or, for a cluster no run has flagged (a store linked before the flag),
    the story record's, read for that row."""
    if flag is None:
        story = story_record(store, row["id"], check)
        flag = bool(story and story["claims_disputed"])
    return row | {"claims_disputed": bool(flag), "disputed": row["disputed"] or bool(flag)}


def contested(story: Mapping[str, Any]) -> list[str]:
    """The fields a story's accounts differ on, with "source" (who did it) where the attacker
    it names denies it."""
    differing = list(story["differing"])
    denied = story.get("claims_disputed") and "source" not in differing
    return [*differing, "source"] if denied else differing


def _cluster_row(row: tuple) -> dict[str, Any]:
    cid, type_, place, time_value, first, n_articles, outlets, consensus, irrealis = row
    consensus = _json(consensus) or {}
    return {
        "id": cid,
        "type": type_,
        "place": place,
        "time": time_value,
        "first_reported": _date(first),
        "n_articles": n_articles,
        "outlets": _json(outlets) or [],
        "disputed": bool(consensus.get("disputed")),
        "differing": consensus.get("differing", []),
        "consensus": consensus,
        # every report negated, hypothetical or future (a threat, a plan, a denial): clustered
        # only by ``link --irrealis own`` or ``join``
        "irrealis": bool(irrealis),
    }


def story_record(
    store: Any, story_id: str, check: Compatibility | None = None
) -> dict[str, Any] | None:
    """The story of one event cluster (see the module docstring), or None if no such id
    (``check``: the store's actor compatibility, when the caller reads many stories)."""
    rows = store.query(f"SELECT {_CLUSTER_COLUMNS} FROM event_clusters WHERE id = ?", [story_id])
    if not rows:
        return None
    story = _cluster_row(rows[0])
    members = store.query(
        "SELECT article_id, event_id FROM event_cluster_members WHERE cluster_id = ? "
        "ORDER BY article_id, event_id",
        [story_id],
    )
    events_by_article: dict[str, set[str]] = defaultdict(set)
    for article_id, event_id in members:
        events_by_article[article_id].add(event_id)
    records = {a: store.get_record(a) for a in sorted(events_by_article)}
    records = {a: r for a, r in records.items() if r}

    reports, statements, wording = [], [], []
    for article_id, record in records.items():
        article = record.get("article") or {}
        names = {a["id"]: a.get("name") for a in record.get("actors") or []}
        events = member_events(record, events_by_article[article_id])
        reports += [_report(article, e, names, told) for e, told in one_report_each(record, events)]
        for st in story_statements(record, events):
            statements.append(_statement(article, st, names))
        wording.append(_wording(article, events, record.get("framing") or []))
    reports.sort(key=lambda r: (r["published"] or "", r["article_id"], r["event_id"]))
    statement_keys = {(s["article_id"], s["id"]) for s in statements}
    links = _links(store, sorted(records), statement_keys)
    story |= {
        "reports": reports,
        "statements": statements,
        "disputes": links,
        "wording": sorted(wording, key=lambda w: (w["outlet"] or "", w["article_id"])),
    }
    story["claims_disputed"] = _attacker_denies(store, reports, links, check)
    story["disputed"] = story["disputed"] or story["claims_disputed"]
    return story


def _attacker_denies(
    store: Any, reports: list[dict[str, Any]], links: list[dict], check: Compatibility | None
) -> bool:
    """The story's ``claims_disputed`` (``denies_source``) from its reports' sources and its
    links' deniers; the store's affiliations are read only when there are both."""
    deniers = link_deniers(links)
    sources = {r["source"]["actor"] for r in reports if r["source"]["actor"]}
    if not deniers or not sources:
        return False
    return denies_source(deniers, sources, check or Compatibility(store_affiliations(store)))


def member_events(record: Mapping[str, Any], own: Collection[str]) -> list[Mapping[str, Any]]:
    """The events of a reporting article that are members of the story (ids in ``own``)."""
    return [e for e in record.get("events") or [] if e.get("id") in own]


def one_report_each(
    record: Mapping[str, Any], events: list[Mapping[str, Any]]
) -> list[tuple[Mapping[str, Any], list[Mapping[str, Any]]]]:
    """Each member event with the twins it is told with: two records of one sentence that
    tell one incident (``moment_twins``: "stormed a post, killing four officers", "were killed
    when ... bombed") are one report, told by the one with the larger toll (the first on a
    tie), so a story counts one article's toll of one incident once, never twice or summed."""
    tied = twins(record) if len(events) > 1 else {}
    groups: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for event in events:
        groups[tied.get(event.get("id"), f"own:{event.get('id')}")].append(event)
    out = []
    for group in groups.values():
        main = max(group, key=lambda e: (_toll(e), -group.index(e)))
        out.append((main, [e for e in group if e is not main]))
    return out


def _toll(event: Mapping[str, Any]) -> int:
    killed = (event.get("magnitude") or {}).get("killed") or {}
    return (killed.get("min") or 0) if isinstance(killed, Mapping) else 0


def story_statements(
    record: Mapping[str, Any], events: list[Mapping[str, Any]]
) -> list[Mapping[str, Any]]:
    """The statements of a reporting article that a story with these member ``events`` shows:
    those its events are attributed to, and the acts that take a side on them."""
    about = {e.get("attributed_to") for e in events if e.get("attributed_to")}
    return [
        st
        for st in record.get("statements") or []
        if st.get("id") in about or _takes_side(st, events)
    ]


def link_deniers(links: Iterable[Mapping[str, Any]]) -> set[str]:
    """The speakers of the denials among ``disputes`` links (``claim_links`` evidence)."""
    return {
        part["speaker"]
        for link in links
        if link["relation"] == "disputes"
        for part in link["evidence"]
        if part.get("role") == "denial" and part.get("speaker")
    }


def denies_source(deniers: set[str], sources: set[str], check: Compatibility) -> bool:
    """Whether an actor the reports name as the source (or its parent or child by affiliation)
    is among the deniers of a claim among the story's links: a denial is about the denier's
    responsibility, so who did it is contested, in the reporting article or in another outlet's,
    and is never shown as agreed (issue 14, item 2). Others' denials in a reporting article (the
    rocket's denial beside the reprisal strike it reports) do not touch this story."""
    return any(check.actors(denier, source) is True for denier in deniers for source in sources)


def _takes_side(statement: Mapping[str, Any], events: list[Mapping[str, Any]]) -> bool:
    """An accusation or denial in a reporting article concerns the story; another side-taking
    act does when its speaker or addressee is one of the story events' actors."""
    if statement.get("act") in BLAME_ACTS:
        return True
    if statement.get("act") not in SIDE_ACTS:
        return False
    actors = {(e.get(r) or {}).get("actor") for e in events for r in ("source", "target")}
    actors.discard(None)
    speaker = (statement.get("speaker") or {}).get("actor")
    return speaker in actors or statement.get("addressee") in actors


def _report(
    article: Mapping[str, Any],
    event: Mapping[str, Any],
    names: dict,
    told: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """One report: ``event`` with what its twins (``told``, ``one_report_each``) add: an actor
    or place it lacks and their words (``told_with``: their event ids)."""
    source, target = (_actor(event, told, role) for role in ("source", "target"))
    evidence = [s for e in (event, *told) for s in e.get("evidence") or []]
    return {
        "article_id": article.get("id"),
        "outlet": article.get("outlet"),
        "published": _date(article.get("published")),
        "title": article.get("title"),
        "event_id": event.get("id"),
        "type": event.get("type"),
        "source": {"actor": source, "name": names.get(source)},
        "target": {"actor": target, "name": names.get(target)},
        "place": next((e["place"] for e in (event, *told) if e.get("place")), None),
        "magnitude": event.get("magnitude"),
        "voice": "attributed" if event.get("attributed_to") else "asserted",
        "attributed_to": event.get("attributed_to"),
        "disputed": bool(event.get("disputed")),
        # not reported as done (a story read with unreal events, or a store linked so)
        "flags": [f for f in ("negated", "hypothetical", "future") if event.get(f)],
        "evidence": sorted(evidence, key=lambda s: (s.get("start") or 0, s.get("end") or 0)),
        "told_with": [e.get("id") for e in told],
    }


def _actor(event: Mapping[str, Any], told: Sequence[Mapping[str, Any]], role: str) -> str | None:
    """The report's actor in ``role``: the event's, else the first its twins name."""
    return next(((e.get(role) or {}).get("actor") for e in (event, *told)
                 if (e.get(role) or {}).get("actor")), None)  # fmt: skip


def _statement(article: Mapping[str, Any], st: Mapping[str, Any], names: dict) -> dict[str, Any]:
    speaker = (st.get("speaker") or {}).get("actor")
    return {
        "article_id": article.get("id"),
        "outlet": article.get("outlet"),
        "published": _date(article.get("published")),
        "id": st.get("id"),
        "speaker": {
            "actor": speaker,
            "name": names.get(speaker),
            "span": (st.get("speaker") or {}).get("span"),
        },
        "act": st.get("act"),
        "addressee": st.get("addressee"),
        "cue": (st.get("cue") or {}).get("span"),
        "content": st.get("content") or [],
        "text": " ".join(c.get("text", "") for c in st.get("content") or []),
    }


def _wording(
    article: Mapping[str, Any], events: list[Mapping[str, Any]], framing: list[Mapping[str, Any]]
) -> dict[str, Any]:
    return {
        "article_id": article.get("id"),
        "outlet": article.get("outlet"),
        "published": _date(article.get("published")),
        "event_wording": [s.get("text") for e in events for s in e.get("evidence") or []],
        "framing": [
            {
                "term": f.get("term"),
                "category": f.get("category"),
                "speaker": f.get("speaker"),
                "span": f.get("span"),
            }
            for f in framing
        ],
    }


def _links(
    store: Any, article_ids: list[str], statements: set[tuple[str, str]]
) -> list[dict[str, Any]]:
    """``disputes`` and ``repeats`` links that touch the story's statements."""
    if not article_ids:
        return []
    marks = ", ".join("?" for _ in article_ids)
    rows = store.query(
        "SELECT article_id, from_id, to_article_id, to_id, relation, evidence, origin "
        f"FROM claim_links WHERE article_id IN ({marks}) OR to_article_id IN ({marks}) "
        "ORDER BY article_id, from_id, to_article_id, to_id",
        [*article_ids, *article_ids],
    )
    links = []
    for article_id, from_id, to_article_id, to_id, relation, evidence, origin in rows:
        if (article_id, from_id) not in statements and (to_article_id, to_id) not in statements:
            continue
        links.append(
            {
                "from": {"article_id": article_id, "statement": from_id},
                "to": {"article_id": to_article_id, "statement": to_id},
                "relation": relation,
                "origin": origin,
                "evidence": _json(evidence) or [],
            }
        )
    return links
