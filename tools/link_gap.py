"""Why ``newsgraph link`` splits what the mention linker joins, and the collection evidence's
settings, on ECB+'s train topics (the fit part) with newsgraph's own event mentions; with
``--set meantime`` on MEANTIME's fit documents (dated) instead.

    python tools/link_gap.py cache            # run the pipeline once over the train topics
    python tools/link_gap.py analyse          # the missed merges by cause (docs/link.md)
    python tools/link_gap.py gold             # every split pair of one gold chain by cause,
                                              # every joined pair of two by its evidence
    python tools/link_gap.py cv               # COLLECTION_EVIDENCE × COLLECTION_AGAINST, 5 folds
    python tools/link_gap.py irrealis         # negated / hypothetical / future events' policies
    python tools/link_gap.py weights          # evidence weights and windows on both fit parts

``cv`` scores ``conll_predicted_link`` per topic for every setting of the grid and lets each
fold of topics (``topics[k::5]``) take the setting best on the other four; it prints the grid
and the out-of-fold figure. Deterministic (no sampling). Train topics only.
"""

from __future__ import annotations

import argparse
import importlib
import pickle
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations, product
from pathlib import Path
from typing import Any

from newsgraph.eval import meantime
from newsgraph.eval.base import FIT, by_part, shared_eval_dir
from newsgraph.eval.coref_scores import CorefScore, conll_f1, coref_scores
from newsgraph.eval.ecbplus import DEFAULT_DATA, load_topics, run_system
from newsgraph.eval.ecbplus_predicted import (
    link_clusterer,
    match_gold,
    predicted_mentions,
    predicted_response,
)
from newsgraph.link import compatibility, events, link_records
from newsgraph.link.compatibility import (
    Compatibility,
    day_parts_compatible,
    family_of,
    tolls_compatible,
)
from newsgraph.link.event_items import ROLES, EventItem, affiliations
from newsgraph.link.incident_profiles import linked_items
from newsgraph.link.mention_pairs import cluster_mentions_learned
from newsgraph.link.options import DEFAULT_OPTIONS, LinkOptions

CACHES = {
    "ecbplus": Path("build/link_gap_train.pkl"),
    "meantime": Path("build/link_gap_meantime_fit.pkl"),
}
GRID = {"evidence": (0.5, 1.0), "against": (0.0, 0.5, 1.0)}
FOLDS = 5
MEASURES = ("muc", "b3", "ceafe")


def fit_topics(gold_set: str) -> dict[int, list[Any]]:
    """topic → documents of the set's fit part (ECB+ train topics, MEANTIME fit documents)."""
    if gold_set == "ecbplus":
        return load_topics(shared_eval_dir() / DEFAULT_DATA, "train")
    docs = by_part(meantime.load_documents(shared_eval_dir() / meantime.DEFAULT_DATA),
                   lambda d: d.name, FIT)[FIT]  # fmt: skip
    topics: dict[int, list[Any]] = {}
    for doc in docs:
        topics.setdefault(doc.topic, []).append(doc)
    return topics


def cache(gold_set: str) -> None:
    topics = fit_topics(gold_set)
    docs = [d for topic_docs in topics.values() for d in topic_docs]
    systems = list(run_system(docs))
    CACHES[gold_set].parent.mkdir(parents=True, exist_ok=True)
    CACHES[gold_set].write_bytes(pickle.dumps((topics, docs, systems)))


def load(gold_set: str) -> tuple[dict[int, list[Any]], dict[str, Any]]:
    topics, docs, systems = pickle.loads(CACHES[gold_set].read_bytes())
    return topics, {d.name: s for d, s in zip(docs, systems, strict=True)}


def split_reason(a: EventItem | None, b: EventItem | None, check: Compatibility) -> str:
    """Why hand-set evidence keeps the two events apart, as the pair alone."""
    if a is None or b is None:
        return "negated / hypothetical / future"
    if family_of(a.type) != family_of(b.type):
        return f"type family {family_of(a.type)}/{family_of(b.type)}"
    if not check.times(a.when, b.when):
        return "dates"
    if not day_parts_compatible({a.day_part} - {None}, b.day_part):  # type: ignore[arg-type]
        return "parts of one day"
    if not tolls_compatible([a], b):
        return "toll"
    if check.places(a.place, b.place) is False:
        return "places far apart / other countries"
    alone = events.EventCluster(type=a.type, parents=check.parents)
    events.add_member(alone, a)
    evidence = check.evidence(alone, b) or 0.0
    if evidence >= events.MERGE_EVIDENCE:
        return "enough evidence as a pair (consensus, greedy order, veto)"
    worded = bool(b.wording) and b.wording in alone.wordings
    return f"evidence {evidence:+.1f}" + (" (the same wording)" if worded else "")


@dataclass
class TopicView:
    """One topic's records, own mentions matched to gold, and ``link``'s clusters."""

    records: list[dict[str, Any]]
    mentions: dict[str, list[Any]]  # document → its own (predicted) mentions
    identity: dict[Any, Any]  # own mention key → the gold mention it matches
    chain: dict[Any, Any]  # gold mention key → its chain
    cluster_of: dict[tuple[str, str], int]  # event key → link's cluster
    check: Compatibility
    items: dict[tuple[str, str], EventItem]

    def found(self) -> list[Any]:
        return [m for ms in self.mentions.values() for m in ms]

    def gold_chain(self, mention: Any) -> Any:
        return self.chain.get(self.identity[mention.key])

    def joined(self, x: tuple[str, str], y: tuple[str, str]) -> bool:
        return x in self.cluster_of and self.cluster_of.get(x) == self.cluster_of.get(y)


def topic_view(topic_docs: Sequence[Any], by_name: Mapping[str, Any]) -> TopicView:
    records = [by_name[d.name].record for d in topic_docs]
    mentions = {d.name: predicted_mentions(by_name[d.name].record, d.checked)
                for d in topic_docs}  # fmt: skip
    identity: dict[Any, Any] = {}
    for d in topic_docs:
        identity.update(match_gold(mentions[d.name], d.mentions))
    return TopicView(
        records,
        mentions,
        identity,
        {m.key: m.chain for d in topic_docs for m in d.mentions},
        {m.key: n for n, c in enumerate(link_records(records).clusters) for m in c.members},
        Compatibility(affiliations(records)),
        # the items as ``link`` clustered them: a bare retelling is dated by its anchor
        {i.key: i for r in records for i in linked_items(r)},
    )


def analyse(gold_set: str) -> None:
    topics, by_name = load(gold_set)
    missed: Counter[tuple[bool, str]] = Counter()
    for topic_docs in topics.values():
        view = topic_view(topic_docs, by_name)
        linker = cluster_mentions_learned(view.records, view.mentions)
        for x, y in combinations(view.found(), 2):
            gx, gy = view.identity[x.key], view.identity[y.key]
            if gx not in view.chain or gy not in view.chain or linker[x.key] != linker[y.key]:
                continue
            ex, ey = (event_key(m) for m in (x, y))
            if ex == ey or view.joined(ex, ey):
                continue
            where = "one article: " if x.article_id == y.article_id else ""
            reason = where + split_reason(view.items.get(ex), view.items.get(ey), view.check)
            missed[(view.chain[gx] == view.chain[gy], reason)] += 1
    reasons = sorted({r for _, r in missed}, key=lambda r: -missed[(True, r)])
    print("true  false  cause (pairs the mention linker joins and link splits)")
    for reason in reasons:
        print(f"{missed[(True, reason)]:5d} {missed[(False, reason)]:6d}  {reason}")


def join_reason(a: EventItem | None, b: EventItem | None, check: Compatibility) -> str:
    """The hand-set evidence two events of one cluster have as a pair (what joined them)."""
    if a is None or b is None:
        return "negated / hypothetical / future"
    parts = []
    place = check.places(a.place, b.place)
    if place or (place is None and a.place and b.place):  # None with both: a region holds one
        parts.append("place" if place else "place inside")
    parts += [
        f"{role} actor {'agrees' if verdict else 'contradicts'}"
        for role in ROLES
        if (verdict := check.sides(a.side(role), b.side(role))) is not None
    ]
    if a.wording and a.wording == b.wording:
        parts.append("wording")
    if a.killed is not None and a.killed == b.killed:
        parts.append("toll")
    return " + ".join(parts) or "nothing as a pair (collection, chain or learned merge)"


def gold_pairs(gold_set: str) -> None:
    """Every pair of own mentions of one gold chain that ``link`` splits, by what blocks it,
    and every pair ``link`` joins across two chains (or with a mention matching none), by the
    evidence the pair has."""
    topics, by_name = load(gold_set)
    missed: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    right = 0
    for topic_docs in topics.values():
        view = topic_view(topic_docs, by_name)
        for x, y in combinations(view.found(), 2):
            ex, ey = (event_key(m) for m in (x, y))
            if ex == ey:
                continue
            gx, gy = view.gold_chain(x), view.gold_chain(y)
            joined = view.joined(ex, ey)
            where = "one article: " if x.article_id == y.article_id else ""
            a, b = view.items.get(ex), view.items.get(ey)
            if gx is None or gy is None:
                wrong[where + "a mention matching no gold one"] += int(joined)
            elif gx == gy and not joined:
                missed[where + split_reason(a, b, view.check) + published_gap(a, b)] += 1
            elif gx != gy and joined:
                wrong[where + join_reason(a, b, view.check)] += 1
            right += gx is not None and gx == gy and joined
    print(f"pairs of one gold chain joined: {right}")
    for title, counts in (("split, of one gold chain", missed), ("joined, of two", wrong)):
        print(f"{sum(counts.values()):5d}  {title}")
        for reason, n in counts.most_common():
            if n:
                print(f"{n:5d}    {reason}")


def published_gap(a: EventItem | None, b: EventItem | None) -> str:
    if a is None or b is None or a.published is None or b.published is None:
        return ""
    return f" [published {abs((a.published - b.published).days)} days apart]"


def event_key(mention: Any) -> tuple[str, str]:
    return (mention.article_id, mention.mention_id.rsplit("@", 1)[0])


def topic_scores(topics: Mapping[int, list[Any]], by_name: Mapping[str, Any],
                 options: LinkOptions = DEFAULT_OPTIONS
                 ) -> dict[int, dict[str, CorefScore]]:  # fmt: skip
    scores = {}
    clusterer = link_clusterer(options)
    for topic, topic_docs in topics.items():
        systems = [by_name[d.name] for d in topic_docs]
        key = {m.key: m.chain for d in topic_docs for m in d.mentions}
        response, _ = predicted_response(topic_docs, systems, clusterer)
        scores[topic] = coref_scores(key, response)
    return scores


def pooled(scores: Mapping[int, Mapping[str, CorefScore]], topics: Sequence[int]) -> float:
    total = {m: CorefScore() for m in MEASURES}
    for topic in topics:
        for m in MEASURES:
            total[m].add(scores[topic][m])
    return conll_f1(total)


def cross_validate(gold_set: str) -> None:
    topics, by_name = load(gold_set)
    grid: dict[tuple[float, float], dict[int, dict[str, CorefScore]]] = {}
    for evidence, against in product(GRID["evidence"], GRID["against"]):
        events.COLLECTION_EVIDENCE, events.COLLECTION_AGAINST = evidence, against
        scores = grid[(evidence, against)] = topic_scores(topics, by_name)
        print(f"evidence {evidence} against {against}: {pooled(scores, list(topics)):.4f}")
    ordered = sorted(topics)
    out_of_fold = {m: CorefScore() for m in MEASURES}
    for k in range(FOLDS):
        fold = ordered[k::FOLDS]
        rest = [t for t in ordered if t not in fold]
        best = max(grid, key=lambda s: pooled(grid[s], rest))
        print(f"fold {k}: chooses evidence {best[0]} against {best[1]}")
        for topic in fold:
            for m in MEASURES:
                out_of_fold[m].add(grid[best][topic][m])
    print(f"out of fold: {conll_f1(out_of_fold):.4f}")


# (policy, the evidence "join" takes off an irrealis event and a real cluster)
IRREALIS_SETTINGS: tuple[tuple[events.IrrealisPolicy, float], ...] = (
    ("apart", 0.0),
    ("own", 0.0),
    ("join", 0.0),
    ("join", 0.5),
    ("join", 1.0),
)


def irrealis_policies(gold_set: str) -> None:
    """``conll_predicted_link`` on the train topics for each way of clustering negated,
    hypothetical and future events (``LinkOptions.irrealis``), with five-fold choice."""
    topics, by_name = load(gold_set)
    grid = {}
    for policy, against in IRREALIS_SETTINGS:
        events.IRREALIS_JOIN_AGAINST = against
        options = LinkOptions(irrealis=policy)
        scores = grid[(policy, against)] = topic_scores(topics, by_name, options)
        print(f"{policy} (join less {against}): {pooled(scores, list(topics)):.4f}", flush=True)
    ordered = sorted(topics)
    out_of_fold = {m: CorefScore() for m in MEASURES}
    for k in range(FOLDS):
        fold = ordered[k::FOLDS]
        best = max(grid, key=lambda s: pooled(grid[s], [t for t in ordered if t not in fold]))
        print(f"fold {k}: chooses {best[0]} {best[1]}")
        for topic in fold:
            for m in MEASURES:
                out_of_fold[m].add(grid[best][topic][m])
    print(f"out of fold: {conll_f1(out_of_fold):.4f}")


# the module, not the function ``newsgraph.link`` exports under its name
ITEMS = importlib.import_module("newsgraph.link.event_items")
# (module, constant, the values tried); dict constants as "NAME[key]"
WEIGHT_SETTINGS: tuple[tuple[Any, str, tuple[float, ...]], ...] = (
    (events, "LEARNED_FLOOR", (0.3, 0.6)),
    (compatibility, "EVIDENCE[place_inside]", (1.0,)),
    (compatibility, "EVIDENCE[wording]", (0.25, 0.75)),
    (compatibility, "PLACE_KM", (50.0, 100.0)),
    (events, "COLLECTION_EVIDENCE", (0.5, 1.5)),
    (events, "COLLECTION_AGAINST", (0.5,)),
    (ITEMS, "PUBLISHED_WINDOW_DAYS", (0, 1, 3, 7, 14)),
)


def weights(_: str) -> None:
    """``conll_predicted_link`` on both fit parts (ECB+ train, MEANTIME fit) as shipped and
    with each of ``WEIGHT_SETTINGS`` alone (both caches needed)."""
    loaded = {name: load(name) for name in CACHES}

    def both(label: str) -> None:
        figures = [f"{n} {pooled(topic_scores(t, b), list(t)):.4f}" for n, (t, b) in loaded.items()]
        print(f"{label}: " + "  ".join(figures))

    both("as shipped")
    for module, name, values in WEIGHT_SETTINGS:
        table, _, key = name.partition("[")
        holder = getattr(module, table) if key else vars(module)
        key = key.rstrip("]") or name
        shipped = holder[key]
        for value in values:
            holder[key] = value
            both(f"{name} {value}")
        holder[key] = shipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=("cache", "analyse", "gold", "cv", "irrealis", "weights"))
    parser.add_argument(
        "--set",
        dest="gold_set",
        choices=tuple(CACHES),
        default="ecbplus",
        help="ECB+ train topics or MEANTIME's fit documents",
    )
    args = parser.parse_args()
    steps = {"cache": cache, "analyse": analyse, "gold": gold_pairs, "cv": cross_validate,
             "irrealis": irrealis_policies, "weights": weights}  # fmt: skip
    steps[args.step](args.gold_set)


if __name__ == "__main__":
    main()
