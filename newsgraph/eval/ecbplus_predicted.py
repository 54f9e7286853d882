"""ECB+ with newsgraph's own event mentions (``predicted mentions``) instead of the gold ones.

The gold-mention setting measures clustering alone. Here the mentions are what the pipeline
finds: each event's evidence in each checked sentence is one mention (an event the events
component merged across sentences gives one mention per sentence), its trigger the evidence's
trigger word (``link.triggers.evidence_trigger``). They are clustered by the same linker as the
gold mentions, with the records as context.

Scoring follows the predicted-mention convention of the CoNLL scorer as used on ECB+
(Cybulska & Vossen 2015; Barhom et al. 2019; Cattan et al. 2021): the key is every gold
mention of the topic with its chain, the response every predicted mention with its cluster.
A predicted mention takes the identity of the gold mention it overlaps most (each gold mention
at most once, the largest overlap first; newsgraph's spans are single trigger tokens where the
gold span may hold more, so overlap rather than exact extent); a predicted mention matching no
gold mention stays in the response as a twinless mention and costs precision, a gold mention
no predicted one matches costs recall. So the figure reflects detection (recall 0.26 of the
gold mentions: the events cover PLOVER's political types only) times clustering.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

from ..link.mentions import Mention
from ..link.options import DEFAULT_OPTIONS, LinkOptions
from ..link.triggers import evidence_trigger

Clusterer = Callable[[list[dict[str, Any]], dict[str, list[Mention]]], Mapping[Hashable, int]]


def predicted_mentions(record: Mapping[str, Any], checked: Sequence[tuple[int, int]]
                       ) -> list[Mention]:  # fmt: skip
    """One mention per event and checked sentence its evidence falls in."""
    article_id = (record.get("article") or {}).get("id") or ""
    mentions = []
    for event in record.get("events") or []:
        by_sentence: dict[int, list[dict[str, Any]]] = {}
        for span in event.get("evidence") or []:
            sentence = next((n for n, (a, b) in enumerate(checked) if a <= span["start"] < b), None)
            if sentence is not None:
                by_sentence.setdefault(sentence, []).append(span)
        for sentence, spans in sorted(by_sentence.items()):
            lemma = evidence_trigger(spans) or str(spans[0].get("text") or "").lower()
            extents = tuple((s["start"], s["end"]) for s in spans)
            mentions.append(Mention(article_id, f"{event.get('id')}@{sentence}", extents, lemma))
    return mentions


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_gold(
    predicted: Sequence[Mention], gold: Sequence[Any]
) -> dict[tuple[str, str], Hashable]:
    """Predicted mention key → the gold mention key it stands for (the largest overlaps
    first, each gold mention once), else its own key (twinless)."""
    scored = sorted(
        (
            (-sum(_overlap(p, g) for p in mention.spans for g in gold_mention.spans), n, k)
            for n, mention in enumerate(predicted)
            for k, gold_mention in enumerate(gold)
        ),
    )
    identity: dict[tuple[str, str], Hashable] = {}
    taken: set[int] = set()
    for negative, n, k in scored:
        if negative == 0:
            break
        key = predicted[n].key
        if key in identity or k in taken:
            continue
        identity[key] = gold[k].key
        taken.add(k)
    for mention in predicted:
        identity.setdefault(mention.key, ("predicted", *mention.key))
    return identity


def predicted_response(docs: Sequence[Any], systems: Sequence[Any], clusterer: Clusterer
                       ) -> tuple[dict[Hashable, Hashable], int]:  # fmt: skip
    """The response partition over predicted mentions (gold identities where matched), and
    how many predicted mentions there were."""
    mentions = {d.name: predicted_mentions(s.record, d.checked)
                for d, s in zip(docs, systems, strict=True)}  # fmt: skip
    identity: dict[tuple[str, str], Hashable] = {}
    for doc in docs:
        identity.update(match_gold(mentions[doc.name], doc.mentions))
    clusters = clusterer([s.record for s in systems], mentions)
    response = {identity[key]: ("predicted", n) for key, n in clusters.items()}  # type: ignore[index]
    return response, sum(len(m) for m in mentions.values())


def link_clusterer(options: LinkOptions = DEFAULT_OPTIONS) -> Clusterer:
    """``newsgraph link``'s event clustering (``link_records``) as a mention clusterer: each
    predicted mention (an event in one sentence) takes its event's cluster; events link leaves
    out (negated, hypothetical, future: ``irrealis`` "apart") stay alone."""

    def cluster(records: list[dict[str, Any]], mentions: dict[str, list[Mention]]
                ) -> dict[Hashable, Hashable]:  # fmt: skip
        from ..link import link_records

        result = link_records(records, options=options)
        cluster_of = {m.key: n for n, c in enumerate(result.clusters) for m in c.members}
        return {
            mention.key: cluster_of.get((article, mention.mention_id.rsplit("@", 1)[0]),
                                        ("alone", *mention.key))
            for article, found in mentions.items()
            for mention in found
        }  # fmt: skip

    return cluster
