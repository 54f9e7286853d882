"""``newsgraph eval ecbplus``: cross-document event coreference against ECB+ gold.

ECB+ (Cybulska & Vossen 2014; see ``../shared/eval/ecbplus/README.md``) annotates event
mentions in news texts grouped by topic, with within- and cross-document coreference. This
folder holds the train and dev topics; the test topics are withheld. The scorer follows the
usual setting (Cybulska & Vossen 2015 split, Barhom et al. 2019): only the checked sentences of
``ECBplus_coreference_sentences.csv``, singletons kept, **gold mentions**, gold topics (mentions
of different topics are never coreferent), all documents of the split scored together.

How the system is run: each document's text is rebuilt from its tokens (a token → character
map kept) and parsed by the full pipeline without a publication date (ECB+ gives none). The gold
mentions of each topic are then clustered by the mention linker
(``newsgraph.link.mentions.cluster_mentions``: document clusters, trigger families, argument
compatibility from the records; see ``docs/link.md``). ``events_only`` in ``details`` keeps the
older scoring: the topic's events clustered by ``newsgraph.link.events.cluster_events``, a gold
mention taking the cluster of the event whose evidence overlaps it most, else a singleton.

Rows: ``mention`` (recognition: system evidence spans in checked sentences vs gold event
mentions, matched by overlap), ``muc``, ``b3``, ``ceafe`` (CEAF with the entity-level
similarity φ4) and ``conll`` (the mean of the three F1s). In ``details``: ``lemma_baseline``
scores the classic baseline (one cluster per trigger lemma per topic) on the same mentions;
``linker_ablations`` the linker without document clusters, without arguments, and with
newsgraph's event clusters joining families; ``lexical_anchor`` the event clustering with
trigger stems as an extra anchor (``cluster_events(lexical=True)``, off in the store);
``covered_mentions`` events-only and baseline on the gold mentions some system event covers
(clustering quality apart from detection).
"""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Hashable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..link.options import LinkOptions
from .base import Counts, Report, Row, parts_of, shared_eval_dir, tag
from .coref_scores import MEASURES, CorefTotals, conll_f1
from .ecbplus_predicted import link_clusterer, predicted_response
from .progress import eval_progress

NAME = "ecbplus"
DEFAULT_DATA = "ecbplus"
DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)
LAST_TOPIC = 35  # 36-45 are the withheld test topics
EVENT_TAGS = ("ACTION_", "NEG_ACTION_")
# Tokens written without a space before them (the rebuilt text reads like prose for the parser).
_NO_SPACE_BEFORE = frozenset(
    {",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m"}
)
_NO_SPACE_AFTER = frozenset({"(", "[", "$"})


# ---------------------------------------------------------------- gold


@dataclass(slots=True)
class GoldMention:
    doc: str
    m_id: str
    spans: list[tuple[int, int]]  # character extents of its tokens (may be discontinuous)
    chain: str
    text: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc, self.m_id)


@dataclass(slots=True)
class GoldDocument:
    name: str  # file name without .xml, e.g. "2_1ecb"
    topic: int
    text: str
    checked: list[tuple[int, int]]  # character extents of the checked sentences
    mentions: list[GoldMention] = field(default_factory=list)
    published: date | None = None  # ECB+ gives none; MEANTIME's Wikinews date line


Extent = tuple[int, int]


def rebuild_text(
    tokens: list[tuple[str, int, str]],
) -> tuple[str, dict[str, Extent], dict[int, Extent]]:
    """Text from ``(t_id, sentence, token)`` triples: a token → extent map and a sentence →
    extent map. Sentences go on lines of their own."""
    pieces: list[str] = []
    offset = 0
    token_spans: dict[str, tuple[int, int]] = {}
    sentence_spans: dict[int, tuple[int, int]] = {}
    previous_sentence, previous_token = None, ""
    for t_id, sentence, token in tokens:
        token = token.strip() or "_"  # a whitespace token keeps a visible placeholder
        if previous_sentence is not None:
            if sentence != previous_sentence:
                sep = "\n"
            elif token in _NO_SPACE_BEFORE or previous_token in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            pieces.append(sep)
            offset += len(sep)
        token_spans[t_id] = (offset, offset + len(token))
        start, _ = sentence_spans.get(sentence, (offset, 0))
        sentence_spans[sentence] = (start, offset + len(token))
        pieces.append(token)
        offset += len(token)
        previous_sentence, previous_token = sentence, token
    return "".join(pieces), token_spans, sentence_spans


def parse_document(path: Path, topic: int, checked_sentences: set[int]) -> GoldDocument:
    """One ECB+ XML file: rebuilt text and its event mentions inside the checked sentences."""
    root = ET.parse(path).getroot()
    name = path.name.removesuffix(".xml")
    tokens = [
        (t.get("t_id", ""), int(t.get("sentence", "0")), t.text or "")
        for t in root.iter("token")
        # sentence 0 of an ECB+ file is its source URL: not news text
        if not (name.endswith("ecbplus") and t.get("sentence") == "0")
    ]
    text, token_spans, sentence_spans = rebuild_text(tokens)
    sentence_of = {t_id: s for t_id, s, _ in tokens}
    chains = _chains(root, name, topic)
    mentions = []
    markables = root.find("Markables")
    for markable in markables if markables is not None else ():
        anchors = [a.get("t_id", "") for a in markable.findall("token_anchor")]
        anchors = [a for a in anchors if a in token_spans]
        if not markable.tag.startswith(EVENT_TAGS) or not anchors:
            continue
        if sentence_of[anchors[0]] not in checked_sentences:
            continue
        m_id = markable.get("m_id", "")
        spans = sorted(token_spans[a] for a in anchors)
        mentions.append(
            GoldMention(
                doc=name,
                m_id=m_id,
                spans=spans,
                chain=chains.get(m_id, f"{name}/singleton/{m_id}"),
                text=" ".join(text[s:e] for s, e in spans),
            )
        )
    checked = [sentence_spans[s] for s in sorted(checked_sentences) if s in sentence_spans]
    mentions.sort(key=lambda m: m.spans[0])
    return GoldDocument(name, topic, text, checked, mentions)


def _chains(root: ET.Element, doc: str, topic: int) -> dict[str, str]:
    """mention id → chain id: the cross-document instance, or the document's own chain."""
    chains: dict[str, str] = {}
    relations = root.find("Relations")
    for relation in relations if relations is not None else ():
        if relation.tag == "CROSS_DOC_COREF":
            chain = f"{topic}/{relation.get('note')}"
        elif relation.tag == "INTRA_DOC_COREF":
            chain = f"{doc}/intra/{relation.get('r_id')}"
        else:
            continue
        for source in relation.findall("source"):
            chains[source.get("m_id", "")] = chain
    return chains


def split_topics(split: str) -> list[int]:
    dev = list(DEV_TOPICS)
    train = [t for t in range(1, LAST_TOPIC + 1) if t not in DEV_TOPICS]
    return {"dev": dev, "train": train, "all": sorted(dev + train)}[split]


def checked_sentences(data_dir: Path) -> dict[str, set[int]]:
    """document name → the sentence numbers checked for coreference."""
    checked: dict[str, set[int]] = defaultdict(set)
    with open(data_dir / "ECBplus_coreference_sentences.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            checked[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return checked


def load_topics(
    data_dir: Path, split: str = "dev", limit: int | None = None
) -> dict[int, list[GoldDocument]]:
    """topic → its documents (those with checked sentences), for the topics of ``split``."""
    checked = checked_sentences(data_dir)
    topics: dict[int, list[GoldDocument]] = {}
    for topic in split_topics(split)[:limit]:
        folder = data_dir / "ECB+" / str(topic)
        if not folder.is_dir():
            continue
        docs = [
            parse_document(path, topic, checked[path.name.removesuffix(".xml")])
            for path in sorted(folder.glob("*.xml"), key=_doc_order)
            if checked.get(path.name.removesuffix(".xml"))
        ]
        topics[topic] = docs
    return topics


def _doc_order(path: Path) -> tuple[str, int]:
    stem = path.name.removesuffix(".xml")
    number = stem.split("_", 1)[1]
    digits = "".join(ch for ch in number if ch.isdigit())
    return (number.lstrip("0123456789"), int(digits or 0))


# ---------------------------------------------------------------- the system


@dataclass(slots=True)
class SystemDocument:
    """What the pipeline found in one gold document."""

    record: dict[str, Any]
    lemmas: dict[tuple[str, str], str]  # gold mention key → trigger lemma
    # gold mention key → the linker's trigger lemma (a light verb gives way to its noun)
    triggers: dict[tuple[str, str], str] = field(default_factory=dict)
    # gold mention key → its syntactic arguments (``link.mentions.trigger_arguments``)
    arguments: dict[tuple[str, str], tuple[tuple[str, tuple[str, ...]], ...]] = field(
        default_factory=dict
    )


def run_system(docs: list[GoldDocument], nlp: Any = None, progress: bool = True,
               label: str = NAME) -> Iterator[SystemDocument]:  # fmt: skip
    """Parse each document with the full pipeline (its publication date where the set gives
    one, the file as outlet); ``label`` names the set on the progress line."""
    from ..model import Article
    from ..nlp import article_docs, get_pipeline
    from ..record import record_from_doc

    nlp = nlp or get_pipeline()
    articles = [Article(id=d.name, text=d.text, outlet=d.name, published=d.published,
                        language="en") for d in docs]  # fmt: skip
    parsed = nlp.pipe(article_docs(nlp, articles), batch_size=16)
    with eval_progress(f"{label}: documents", len(docs), enabled=progress) as step:
        for gold, article, doc in zip(docs, articles, parsed, strict=True):
            step()
            yield SystemDocument(record_from_doc(doc, article), _mention_lemmas(doc, gold),
                                 _mention_triggers(doc, gold),
                                 _mention_arguments(doc, gold))  # fmt: skip


def _mention_lemmas(doc: Any, gold: GoldDocument) -> dict[tuple[str, str], str]:
    """The lemma of each gold mention's main word: its first verb or noun, else its first
    token (so "checked into" → "check", "the shooting" → "shooting")."""
    lemmas = {}
    for mention in gold.mentions:
        tokens = _mention_tokens(doc, mention)
        content = [t for t in tokens if t.pos_ in ("VERB", "NOUN", "ADJ")] or tokens
        lemmas[mention.key] = content[0].lemma_.lower() if content else mention.text.lower()
    return lemmas


def _mention_tokens(doc: Any, mention: GoldMention) -> list[Any]:
    return [t for s, e in mention.spans for t in doc.char_span(s, e, alignment_mode="expand")
            or ()]  # fmt: skip


def _mention_triggers(doc: Any, gold: GoldDocument) -> dict[tuple[str, str], str]:
    """The linker's trigger lemma of each gold mention (``link.mentions.trigger_lemma``)."""
    from ..link.mentions import trigger_lemma

    return {m.key: trigger_lemma(_mention_tokens(doc, m)) or m.text.lower() for m in gold.mentions}


def _mention_arguments(
    doc: Any, gold: GoldDocument
) -> dict[tuple[str, str], tuple[tuple[str, tuple[str, ...]], ...]]:
    """The syntactic arguments of each gold mention (``link.mentions.trigger_arguments``)."""
    from ..link.mentions import trigger_arguments

    return {m.key: trigger_arguments(_mention_tokens(doc, m)) for m in gold.mentions}


def linker_mentions(docs: list[GoldDocument], systems: list[SystemDocument]) -> dict[str, list]:
    """Article id → the linker's ``Mention``s of its gold mentions (trigger lemma, arguments)."""
    from ..link.mentions import Mention

    return {
        d.name: [Mention(d.name, m.m_id, tuple(m.spans), s.triggers.get(m.key) or s.lemmas[m.key],
                         s.arguments.get(m.key, ()))
                 for m in d.mentions]
        for d, s in zip(docs, systems, strict=True)
    }  # fmt: skip


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def system_partition(
    docs: list[GoldDocument], systems: list[SystemDocument], lexical: bool = False
) -> tuple[dict[Hashable, Hashable], Counts]:
    """Gold mention → system cluster for one topic, and the mention recognition counts."""
    from ..link.events import affiliations, cluster_events, event_items

    records = [s.record for s in systems]
    items = [item for r in records for item in event_items(r, include_unreal=True)]
    cluster_of = {
        member.key: n
        for n, cluster in enumerate(cluster_events(items, affiliations(records), lexical))
        for member in cluster.members
    }
    partition: dict[Hashable, Hashable] = {}
    recognition = Counts()
    for gold, system in zip(docs, systems, strict=True):
        evidence = [
            (event["id"], (span["start"], span["end"]))
            for event in system.record.get("events") or []
            for span in event.get("evidence") or []
        ]
        for mention in gold.mentions:
            best = max(
                ((sum(_overlap(s, e) for s in mention.spans), eid) for eid, e in evidence),
                default=(0, ""),
                key=lambda x: x[0],
            )
            partition[mention.key] = (
                ("system", cluster_of[(gold.name, best[1])]) if best[0] else ("gold", mention.key)
            )
        recognition.add(_recognition(gold, [e for _, e in evidence]))
    return partition, recognition


def _recognition(gold: GoldDocument, spans: list[tuple[int, int]]) -> Counts:
    inside = [s for s in set(spans) if any(_overlap(s, c) for c in gold.checked)]
    found = sum(any(_overlap(s, g) for g in m.spans for s in inside) for m in gold.mentions)
    correct = sum(any(_overlap(s, g) for m in gold.mentions for g in m.spans) for s in inside)
    return Counts(tp=found, fp=len(inside) - correct, fn=len(gold.mentions) - found)


def linker_partition(
    docs: list[GoldDocument],
    systems: list[SystemDocument],
    learned: bool = False,
    **options: Any,
) -> dict[Hashable, Hashable]:
    """Gold mention → cluster of the mention linker for one topic: the learned pair scorer
    (``link.mention_pairs``) where ``learned``, else the rules of ``link.mentions`` (document
    clusters, trigger families, argument compatibility) with ``options``."""
    mentions = linker_mentions(docs, systems)
    clusters = linker(learned, **options)([s.record for s in systems], mentions)
    return {key: ("linker", n) for key, n in clusters.items()}


def linker(learned: bool, **options: Any) -> Any:
    """The clustering function: records, mentions → mention key → cluster number."""
    from functools import partial

    from ..link.mention_pairs import cluster_mentions_learned
    from ..link.mentions import cluster_mentions

    return cluster_mentions_learned if learned else partial(cluster_mentions, **options)


def learned_linker_available() -> bool:
    from ..link.mention_pairs import load_model

    return load_model() is not None


def lemma_partition(docs: list[GoldDocument], systems: list[SystemDocument]
                    ) -> dict[Hashable, Hashable]:  # fmt: skip
    return {m.key: s.lemmas[m.key] for d, s in zip(docs, systems, strict=True) for m in d.mentions}


# ---------------------------------------------------------------- report

# The linker without one of its parts (and with newsgraph's event clusters joining families).
ABLATIONS: dict[str, dict[str, Any]] = {
    "no_document_clusters": {"doc_threshold": None},
    "no_arguments": {"use_arguments": False},
    "with_event_clusters": {"use_events": True},
}


# ECB+ keeps its documented topic split (docs/link.md): the linker was tuned on the train topics
# (the fit part) and the dev topics are only measured (the held-out part).
OFFICIAL_SPLIT = {"fit": "train", "heldout": "dev"}


def evaluate(
    data_dir: Path | None = None,
    limit: int | None = None,
    split: str = "both",
    nlp: Any = None,
    progress: bool = True,
) -> Report:
    """Score event coreference on the train topics (fit) and the dev topics (held out);
    ``limit`` takes the first topics of each only."""
    data_dir = Path(data_dir) if data_dir is not None else shared_eval_dir() / DEFAULT_DATA
    report = Report(NAME, str(data_dir))
    for part in parts_of(split):
        rows, details = evaluate_topics(data_dir, OFFICIAL_SPLIT[part], limit, nlp, progress)
        report.rows += tag(rows, part)
        report.details[part] = details
    return report


def evaluate_topics(
    data_dir: Path,
    official: str,
    limit: int | None = None,
    nlp: Any = None,
    progress: bool = True,
) -> tuple[list[Row], dict[str, Any]]:
    """Rows and details on the ``official`` topics (``dev``, ``train`` or ``all``)."""
    split = official
    topics = load_topics(data_dir, split, limit)
    docs = [d for topic_docs in topics.values() for d in topic_docs]
    systems = list(run_system(docs, nlp, progress))
    by_doc = {d.name: s for d, s in zip(docs, systems, strict=True)}
    learned = learned_linker_available()
    variants = ("linker", "rules", "predicted", "link", "link_hand", "events", "lemma", "lexical",
                *ABLATIONS)  # fmt: skip
    n_predicted = 0
    totals = CorefTotals(variants)
    # the same measures on the gold mentions some system event covers: clustering alone
    covered = CorefTotals(("system", "lemma"))
    n_covered = 0
    recognition = Counts()
    per_topic: dict[str, Any] = {}
    link_learned = link_clusterer(LinkOptions(learned=learned))
    link_hand_set = link_clusterer(LinkOptions(learned=False))
    for topic, topic_docs in topics.items():
        topic_systems = [by_doc[d.name] for d in topic_docs]
        key = {m.key: m.chain for d in topic_docs for m in d.mentions}
        events, counts = system_partition(topic_docs, topic_systems)
        lemmas = lemma_partition(topic_docs, topic_systems)
        predicted, count = predicted_response(topic_docs, topic_systems, linker(learned))
        n_predicted += count
        # newsgraph link's own clustering of the same mentions, with and without the learned
        # pair evidence
        link, _ = predicted_response(topic_docs, topic_systems, link_learned)
        link_hand, _ = predicted_response(topic_docs, topic_systems, link_hand_set)
        rules = linker_partition(topic_docs, topic_systems)
        responses = {
            "linker": linker_partition(topic_docs, topic_systems, learned) if learned else rules,
            "rules": rules,
            "predicted": predicted,
            "link": link,
            "link_hand": link_hand,
            "events": events,
            "lemma": lemmas,
            # the event clustering with trigger stems as an extra anchor
            "lexical": system_partition(topic_docs, topic_systems, True)[0],
            **{name: linker_partition(topic_docs, topic_systems, **options)
               for name, options in ABLATIONS.items()},
        }  # fmt: skip
        scores = totals.add(key, responses)
        found = [m for m in key if events[m][0] == "system"]
        n_covered += len(found)
        covered.add(
            {m: key[m] for m in found},
            {"system": {m: events[m] for m in found}, "lemma": {m: lemmas[m] for m in found}},
        )
        recognition.add(counts)
        per_topic[str(topic)] = {
            "documents": len(topic_docs),
            "mentions": len(key),
            "conll": round(conll_f1(scores["linker"]), 4),
            "events_conll": round(conll_f1(scores["events"]), 4),
            "lemma_conll": round(conll_f1(scores["lemma"]), 4),
        }
    mentions = int(recognition.tp + recognition.fn)
    rows = [Row.from_counts("mention", recognition), *totals.rows("linker", mentions)]
    # the same linker on newsgraph's own event mentions (ecbplus_predicted.py)
    rows.append(Row("conll_predicted_mentions", f1=totals.conll("predicted"),
                    support=n_predicted))  # fmt: skip
    # newsgraph link's event clustering on those mentions (link_records, as `newsgraph link`)
    rows.append(Row("conll_predicted_link", f1=totals.conll("link"), support=n_predicted))
    summary = totals.summary
    details = {
        "split": split,
        "topics": list(topics),
        "documents": len(docs),
        "gold_mentions": mentions,
        "setting": "gold mentions, gold topics, checked sentences, singletons kept",
        "linker": "learned pair scorer (link/mention_pairs.py)" if learned else "rules",
        "rule_linker": summary("rules"),
        "predicted_mentions": {"mentions": n_predicted, **summary("predicted")},
        "predicted_link": summary("link"),
        "predicted_link_hand_only": summary("link_hand"),
        "lemma_baseline": summary("lemma"),
        "events_only": summary("events"),
        "lexical_anchor": summary("lexical"),
        "linker_ablations": {name: summary(name) for name in ABLATIONS},
        "covered_mentions": {
            "mentions": n_covered,
            "system_conll": covered.conll("system"),
            "lemma_conll": covered.conll("lemma"),
            **{m: covered.scores["system"][m].row(m).to_dict() for m in MEASURES},
        },
        "per_topic": per_topic,
    }
    return rows, details
