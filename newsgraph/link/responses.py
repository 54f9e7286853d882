"""Acts that answer an attack, as clustering reads them (``link/data/en/responses.yaml``).

A **defence** ("the army repelled an attack by the RSF on El Fasher"; CAMEO REPULSE [190]) is
part of the attack it fends off: one incident, told from the other side. The events component
makes the attack's author the defence's target (``components/events/defence.py``); clustering
compares the defence with its roles swapped (``responses``), the attackers as its source and
the defenders as its target, so it meets the reports of the attack ("ISWAP fighters attacked
the base") and not its defenders' other acts. Where its article tells the attack as a record of
its own (the defence's author, "an attack by the RSF": the next or the previous record, whose
source is the defence's target), the two share an ``exchange``, and the defence joins the
cluster the attack is in (``response_cluster``), wherever hard checks allow: it starts no
incident of its own where its attack is told.

A **retaliation** ("India struck ... and Pakistan retaliated"; CAMEO PHYSICAL_CONFLICT [190]) is
an attack of its own on the attacker it answers: where it names no target, the attack told just
before it by another party gives it one (that attack's source). It is no report of an incident
with another target.

Either way a response names the attacker it answers (``ATTACKER_ROLE``): it joins only a cluster
whose actor in that role agrees, never one on the responders' own side alone (a defence's
defenders, a retaliation's doers, agree with every other act of theirs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from ..datafiles import data_file, load_yaml
from .compatibility import Compatibility, known_actor
from .event_items import EventItem
from .triggers import stem

# The role of the attacker a response answers, in the incident as clustering compares it.
ATTACKER_ROLE = {"defence": "source", "retaliation": "target"}
# How far in its article's record order the attack a defence names lies from it ("repelled an
# attack by X, killing 7": the attack is the next record) or the attack a retaliation answers.
NEAR_RECORDS = 2


@cache
def response_stems(path: str | None = None) -> dict[str, str]:
    """stem of a response verb → its kind (``defence``, ``retaliation``)."""
    file = Path(path or data_file(__package__, "responses.yaml"))
    data = load_yaml(file.read_text(encoding="utf-8")) or {}
    return {stem(str(verb)): kind for kind, verbs in data.items() for verb in verbs or []}


def response_kind(word: str | None) -> str | None:
    """The kind of response an evidence word names ("repelled" → ``defence``), else None.
    A stem with its last letter doubled is the same verb ("repelled": "repell", "repel")."""
    if not word:
        return None
    found = stem(word)
    table = response_stems()
    return table.get(found) or (table.get(found[:-1]) if found[-1:] == found[-2:-1] else None)


def responses(items: Sequence[EventItem], check: Compatibility) -> list[EventItem]:
    """``items`` (one article's) with each response marked: a defence with its roles swapped
    and the ``exchange`` it shares with the attack it names; a retaliation with the attacker
    it answers as its target where it names none."""
    out = list(items)
    at = {item.ord: n for n, item in enumerate(items)}
    for n, item in enumerate(items):
        kind = response_kind(item.trigger)
        if kind is None or item.type != "ASSAULT":
            continue
        if kind == "defence":
            attack = _named_attack(items, item) or _attack_before(items, item, check)
            fended = _swapped(item)
            if fended.source is None and attack is not None:
                fended = replace(fended, source=attack.source, source_country=attack.source_country,
                                 source_by_nationality=attack.source_by_nationality)  # fmt: skip
            out[n] = replace(fended, response=kind, exchange=attack.event_id if attack else None)
            if attack is not None:
                out[at[attack.ord]] = replace(out[at[attack.ord]], exchange=attack.event_id)
        else:
            attack = _attack_before(items, item, check)
            if item.target is None and attack is not None:
                item = replace(item, target=attack.source, target_country=attack.source_country,
                               target_by_nationality=attack.source_by_nationality)  # fmt: skip
            out[n] = replace(item, response=kind)
    return out


def response_cluster(
    item: EventItem,
    clusters: Sequence,
    best: int,
    check: Compatibility,
    exchanges: dict[tuple[str, str], int],
) -> int:
    """Where ``item`` goes instead of ``best`` (``len(clusters)``: a cluster of its own): a
    defence or its attack to the cluster the other went to (``exchanges``: (article, exchange)
    → cluster, kept here), unless a hard check sets them apart; no response to a cluster whose
    attacker disagrees with the one it names."""
    key = (item.article_id, item.exchange or "")
    home = exchanges.get(key) if item.exchange is not None else None
    if home is not None and check.evidence(clusters[home], item) is not None:
        best = home
    elif best < len(clusters) and attacker_apart(clusters[best], item, check):
        best = len(clusters)
    if item.exchange is not None:
        exchanges.setdefault(key, best)
    return best


def attacker_apart(cluster: Any, item: EventItem, check: Compatibility) -> bool:
    """``item`` is a response naming an attacker (``ATTACKER_ROLE``) that the cluster's actor
    in that role does not agree with: another incident (the greedy pass and ``regrouping``)."""
    role = ATTACKER_ROLE.get(item.response or "")
    if role is None or not known_actor(item.side(role).actor):
        return False
    return not check.sides(cluster.side(role), item.side(role))


def _swapped(item: EventItem) -> EventItem:
    return replace(item, source=item.target, target=item.source,
                   source_country=item.target_country, target_country=item.source_country,
                   source_by_nationality=item.target_by_nationality,
                   target_by_nationality=item.source_by_nationality)  # fmt: skip


def _named_attack(items: Sequence[EventItem], defence: EventItem) -> EventItem | None:
    """The attack record the defence names, its author the defence's target: the nearest."""
    if defence.target is None:
        return None
    near = [i for i in items if i.type == "ASSAULT" and i.source == defence.target
            and 0 < abs(i.ord - defence.ord) <= NEAR_RECORDS
            and response_kind(i.trigger) is None]  # fmt: skip
    return min(near, key=lambda i: (abs(i.ord - defence.ord), i.ord), default=None)


def _attack_before(
    items: Sequence[EventItem], response: EventItem, check: Compatibility
) -> EventItem | None:
    """The attack told just before a response by a party not on the responders' side
    ("Russian forces carried out 46 assaults ... Ukrainian defenders repelled the attacks")."""
    before = [i for i in items if 0 < response.ord - i.ord <= NEAR_RECORDS]
    for i in sorted(before, key=lambda i: -i.ord):
        attack = i.type == "ASSAULT" and not i.irrealis and response_kind(i.trigger) is None
        if attack and known_actor(i.source) and check.actors(i.source, response.source) is False:
            return i
    return None
