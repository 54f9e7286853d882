"""Why ``newsgraph link`` splits what the mention linker joins, and the collection evidence's
settings, on ECB+'s train topics (the fit part) with newsgraph's own event mentions.

    python tools/link_gap.py cache            # run the pipeline once over the train topics
    python tools/link_gap.py analyse          # the missed merges by cause (docs/link.md)
    python tools/link_gap.py cv               # COLLECTION_EVIDENCE × COLLECTION_AGAINST, 5 folds
    python tools/link_gap.py irrealis         # negated / hypothetical / future events' policies

``cv`` scores ``conll_predicted_link`` per topic for every setting of the grid and lets each
fold of topics (``topics[k::5]``) take the setting best on the other four; it prints the grid
and the out-of-fold figure. Deterministic (no sampling). Train topics only.
"""

from __future__ import annotations

import argparse
import pickle
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import combinations, product
from pathlib import Path
from typing import Any

from newsgraph.eval.base import shared_eval_dir
from newsgraph.eval.coref_scores import CorefScore, conll_f1, coref_scores
from newsgraph.eval.ecbplus import DEFAULT_DATA, load_topics, run_system
from newsgraph.eval.ecbplus_predicted import (
    link_clusterer,
    match_gold,
    predicted_mentions,
    predicted_response,
)
from newsgraph.link import events, link_records
from newsgraph.link.compatibility import Compatibility, family_of, killed_compatible
from newsgraph.link.event_items import EventItem, affiliations, event_items
from newsgraph.link.mention_pairs import cluster_mentions_learned
from newsgraph.link.options import DEFAULT_OPTIONS, LinkOptions

CACHE = Path("build/link_gap_train.pkl")
GRID = {"evidence": (0.5, 1.0), "against": (0.0, 0.5, 1.0)}
FOLDS = 5
MEASURES = ("muc", "b3", "ceafe")


def cache() -> None:
    topics = load_topics(shared_eval_dir() / DEFAULT_DATA, "train")
    docs = [d for topic_docs in topics.values() for d in topic_docs]
    systems = list(run_system(docs))
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_bytes(pickle.dumps((topics, docs, systems)))


def load() -> tuple[dict[int, list[Any]], dict[str, Any]]:
    topics, docs, systems = pickle.loads(CACHE.read_bytes())
    return topics, {d.name: s for d, s in zip(docs, systems, strict=True)}


def split_reason(a: EventItem | None, b: EventItem | None, check: Compatibility) -> str:
    """Why hand-set evidence keeps the two events apart, as the pair alone."""
    if a is None or b is None:
        return "negated / hypothetical / future"
    if family_of(a.type) != family_of(b.type):
        return f"type family {family_of(a.type)}/{family_of(b.type)}"
    if not check.times(a.when, b.when):
        return "dates"
    if not killed_compatible(a.killed, b.killed):
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


def analyse() -> None:
    topics, by_name = load()
    missed: Counter[tuple[bool, str]] = Counter()
    for topic_docs in topics.values():
        records = [by_name[d.name].record for d in topic_docs]
        mentions = {d.name: predicted_mentions(by_name[d.name].record, d.checked)
                    for d in topic_docs}  # fmt: skip
        identity: dict[Any, Any] = {}
        for d in topic_docs:
            identity.update(match_gold(mentions[d.name], d.mentions))
        chain = {m.key: m.chain for d in topic_docs for m in d.mentions}
        linker = cluster_mentions_learned(records, mentions)
        cluster_of = {m.key: n for n, c in enumerate(link_records(records).clusters)
                      for m in c.members}  # fmt: skip
        check = Compatibility(affiliations(records))
        items = {i.key: i for r in records for i in event_items(r)}
        found = [m for ms in mentions.values() for m in ms]
        for x, y in combinations(found, 2):
            gx, gy = identity[x.key], identity[y.key]
            if gx not in chain or gy not in chain or linker[x.key] != linker[y.key]:
                continue
            ex, ey = (event_key(m) for m in (x, y))
            if ex == ey or (ex in cluster_of and cluster_of.get(ex) == cluster_of.get(ey)):
                continue
            where = "one article: " if x.article_id == y.article_id else ""
            reason = where + split_reason(items.get(ex), items.get(ey), check)
            missed[(chain[gx] == chain[gy], reason)] += 1
    reasons = sorted({r for _, r in missed}, key=lambda r: -missed[(True, r)])
    print("true  false  cause (pairs the mention linker joins and link splits)")
    for reason in reasons:
        print(f"{missed[(True, reason)]:5d} {missed[(False, reason)]:6d}  {reason}")


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


def cross_validate() -> None:
    topics, by_name = load()
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


def irrealis_policies() -> None:
    """``conll_predicted_link`` on the train topics for each way of clustering negated,
    hypothetical and future events (``LinkOptions.irrealis``), with five-fold choice."""
    topics, by_name = load()
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=("cache", "analyse", "cv", "irrealis"))
    step = parser.parse_args().step
    steps = {"cache": cache, "analyse": analyse, "cv": cross_validate,
             "irrealis": irrealis_policies}  # fmt: skip
    steps[step]()


if __name__ == "__main__":
    main()
