"""Counts a sentence writes around its triggers ("left 12 dead and 30 wounded") and running
tolls told in a later sentence ("The death toll rose to 12."): which material-conflict event
of the article each count belongs to (toll15, toll18; docs/events.md)."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from ...extensions import doc_text
from .detect import Mention
from .lexicon import Lexicon, Sense
from .magnitude import sentence_counts
from .merge import Draft

RUNNING_TOLL_REACH = 2  # sentences: "X attacked Y. [...] The death toll rose to 12."


def conflict_mentions(mentions: list[Mention], lexicon: Lexicon) -> list[Mention]:
    """The mentions of a material-conflict type (an attack, a blockade, ...): those a toll
    can belong to."""
    return [
        m
        for m in mentions
        if (info := lexicon.types.get(m.type or "")) is not None
        and info.quad == "material_conflict"
    ]


def add_sentence_counts(
    sent: SpacySpan, mentions: list[Mention], lexicon: Lexicon, since: int | None = None
) -> None:
    """ "left 12 dead and 30 wounded": a count written around the triggers goes to the
    nearest material-conflict event of the sentence, when none has a count of its kind (one
    count, one event). A count that adds to a toll ("after three of the wounded died",
    ``"added"``) is not the toll: the sentence's count goes to the nearest event without one
    ("The death toll from the strike has risen to 15, after three of the wounded died").
    A toll that rises in a sentence with no such event, where no event it could update was
    told in the ``RUNNING_TOLL_REACH`` sentences before (``since``: how many sentences back
    the last was, None for none), is a killing of its own (``rising_toll``)."""
    conflict = conflict_mentions(mentions, lexicon)
    beyond = since is None or since > RUNNING_TOLL_REACH
    if not conflict and (toll := rising_toll(sent, lexicon, beyond)) is not None:
        mentions.append(toll)  # "The death toll since January has risen to 80"
        conflict = [toll]
    if not conflict:
        return
    for kind, (reading, offset) in sentence_counts(sent, lexicon.magnitude).items():
        if any(kind in m.magnitude and not m.magnitude[kind].get("added") for m in conflict):
            continue  # an event of the sentence has its toll
        free = [m for m in conflict if kind not in m.magnitude]
        if free:
            nearest = min(free, key=lambda m: abs(m.anchor.idx - offset))
            nearest.magnitude[kind] = dict(reading)


def rising_toll(sent: SpacySpan, lexicon: Lexicon, beyond: bool = True) -> Mention | None:
    """ "The death toll since January has risen to 80": a toll that rises (its noun the
    subject of a verb of ``rising_toll_verbs``) as a killing of its own (PLOVER ASSAULT, its
    count the toll, no doer named), as WikiEvents codes such a toll (a Life.Die mention whose
    victim is the number: 2 of the 2 fit sentences of the shape, 0 of the 4 tolls that only
    stand, "the death toll is at least 45"); None for a toll that does not rise, or that an
    attack told in reach takes (not ``beyond``) unless the toll is ``cumulative``."""
    counts = sentence_counts(sent, lexicon.magnitude, running_only=True)
    if "killed" not in counts:
        return None
    if not beyond and not cumulative(sent, counts["killed"][1], counts["killed"][0], lexicon):
        return None
    rising = lexicon.magnitude.get("rising_toll_verbs") or ()
    offset = counts["killed"][1]
    for tok in sent:
        if tok.idx < offset or tok.lower_ != "toll":
            continue
        if tok.dep_ not in ("nsubj", "nsubjpass") or tok.head.lemma_.lower() not in rising:
            return None
        words = [c for c in tok.children if c.dep_ == "compound"]
        return Mention(
            tok, [*words, tok], "ASSAULT", None, Sense(type="ASSAULT", casualty="killed")
        )
    return None


def running_toll(
    sent: SpacySpan,
    index: int,
    conflict: list[Draft],
    told: tuple[int, list[Draft]],
    lexicon: Lexicon,
) -> tuple[int, list[Draft]]:
    """ "Gunmen attacked a village. The death toll rose to 12.": a running toll in a sentence
    with no material-conflict event of its own is the toll of the last such event told within
    ``RUNNING_TOLL_REACH`` sentences before; it replaces the count that event had (a running
    toll is the later figure). Returns the conflict events to remember for the next sentence
    (the sentence's own, or those told before) with their sentence's number."""
    if conflict:
        return index, conflict
    if told[1] and index - told[0] <= RUNNING_TOLL_REACH:
        counts = sentence_counts(sent, lexicon.magnitude, running_only=True)
        for kind, (reading, offset) in counts.items():
            if not cumulative(sent, offset, reading, lexicon):
                told[1][-1].event.magnitude[kind] = dict(reading)
    return told


def cumulative(sent: SpacySpan, offset: int, reading: dict, lexicon: Lexicon) -> bool:
    """ "The death toll from the violence since January 16 has risen to 80": a toll counted
    since a date or an event (``cumulative_toll_marks`` between the toll's words and its
    number) is the sum of many acts, the toll of none of them (session 26, killedP: 4 of the
    4 fit tolls so written are such sums, "bringing to 101 the number of insurgents killed
    since the campaign was launched", "the total number of people killed since ... 1980")."""
    text = doc_text(sent.doc)[offset : sent.end_char].lower()
    end = text.find(str(reading.get("text", "")).lower())
    words = text[: end if end > 0 else len(text)].split()
    return any(mark in words for mark in lexicon.magnitude.get("cumulative_toll_marks") or ())
