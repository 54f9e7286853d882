"""Confirmations (``supports``): a third party's statement that confirms an account of a strike
told before it in its article, and the denials that dispute it.

- **supports** (confirmation → account): in one article, an accusing statement (``claims``'s
  accusation or claim) puts a use of force (PLOVER force family) on a doer of another side than
  its speaker's ("The army accused the M23 rebels of shelling the camp"); a later statement of a
  known speaker of neither side tells a use of force, puts nothing on anyone itself, and reports
  what it saw or established (``data/en/confirmations.yaml``: "MONUSCO said its peacekeepers had
  observed shells fired from areas held by the M23"). It supports each such account before it.
- **disputes** through a confirmation: a denial that disputes an account disputes the
  confirmations of it that say something of what it denies (a shared lower-case content word,
  ``claim_window.said_words``: "denied shelling a camp" and "had seen shells fired"); a
  confirmation of the strike alone ("had seen a drone strike the ambulance") is no answer to a
  denial of a charge about something else ("denied targeting medical workers").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..datafiles import data_file, load_yaml
from .claim_scope import ACCUSING_ACTS, FORCE, implicated_parties, toll_report
from .claim_window import DISPUTE_AFTER_DAYS, said_words
from .compatibility import Compatibility, known_actor
from .sides import one_side

if TYPE_CHECKING:
    from .claims import ClaimItem

_WORD = re.compile(r"[a-z]+")


@cache
def confirming_words(path: str | None = None) -> frozenset[str]:
    file = Path(path or data_file(__package__, "confirmations.yaml"))
    data = load_yaml(file.read_text(encoding="utf-8")) or {}
    return frozenset(w.lower() for w in data.get("words") or [])


def confirms_by_sight(text: str) -> bool:
    """The statement reports what its speaker saw or established."""
    return not confirming_words().isdisjoint(_WORD.findall(text.lower()))


def _account(item: ClaimItem, check: Compatibility) -> bool:
    """An accusing statement that puts a use of force on a doer of another side."""
    return (
        item.act in ACCUSING_ACTS
        and FORCE in item.families
        and bool(item.parties)
        and not any(one_side(item.speaker, p, check) for p in item.parties)
    )


def _confirms(item: ClaimItem, account: ClaimItem, check: Compatibility, outlets: Any) -> bool:
    speaker = item.speaker
    if item.order <= account.order or not known_actor(speaker) or speaker in outlets:
        return False
    if item.act not in ACCUSING_ACTS or FORCE not in item.families or toll_report(item.text):
        return False
    if implicated_parties(item, check) or not confirms_by_sight(item.text):
        return False
    sides = {account.speaker, *account.parties}
    return not any(one_side(speaker, p, check) for p in sides)


def confirmations(
    items: Iterable[ClaimItem], check: Compatibility, outlets: Any = frozenset()
) -> dict[tuple[str, str], list[ClaimItem]]:
    """(article id, account's statement id) → the statements that confirm it."""
    by_article: dict[str, list[ClaimItem]] = defaultdict(list)
    for item in items:
        by_article[item.article_id].append(item)
    found: dict[tuple[str, str], list[ClaimItem]] = {}
    for article in by_article.values():
        accounts = [a for a in article if _account(a, check)]
        for account in accounts:
            confirming = [c for c in article if _confirms(c, account, check, outlets)]
            if confirming:
                found[(account.article_id, account.statement_id)] = confirming
    return found


def disputed_confirmations(
    disputed: Iterable[tuple[ClaimItem, ClaimItem]],
    confirmed: Mapping[tuple[str, str], list[ClaimItem]],
    items: Iterable[ClaimItem],
    check: Compatibility,
) -> list[tuple[ClaimItem, ClaimItem]]:
    """(denial, confirmation) for each (denial, account) disputed whose account is confirmed
    by a statement that says something of what the denial denies (``_answered_by``)."""
    by_id = {(i.article_id, i.statement_id): i for i in items}
    supported: dict[tuple[str, str], list[ClaimItem]] = defaultdict(list)
    for key, confirming in confirmed.items():
        for c in confirming:
            supported[(c.article_id, c.statement_id)].append(by_id[key])
    own_strikes = [i for i in by_id.values() if i.act in ACCUSING_ACTS and i.struck]
    pairs: dict[tuple[str, str, str, str], tuple[ClaimItem, ClaimItem]] = {}
    for denial, account in disputed:
        for confirmation in confirmed.get((account.article_id, account.statement_id), ()):
            accounts = supported[(confirmation.article_id, confirmation.statement_id)]
            if _answered_by(denial, confirmation, accounts, own_strikes, check):
                key = (denial.article_id, denial.statement_id, confirmation.article_id,
                       confirmation.statement_id)  # fmt: skip
                pairs.setdefault(key, (denial, confirmation))
    return list(pairs.values())


def _answered_by(
    denial: ClaimItem,
    confirmation: ClaimItem,
    accounts: list[ClaimItem],
    own_strikes: list[ClaimItem],
    check: Compatibility,
) -> bool:
    """The denial disputes the confirmation: it says something of what the confirmation tells
    (a shared lower-case content word), its side is accused by every account the confirmation
    supports (what the accounts share is what was seen: "the M23 and Rwanda killed 12" and "the
    rebels fired four shells", confirmed by "peacekeepers had seen shells fired from M23
    positions", are the M23's to deny, not Rwanda's), and no account of its own side's strike
    tells what the confirmation tells (the side that says it struck the ambulance does not
    contest that a drone struck the ambulance; it denies another charge)."""
    if confirmation is denial:
        return False
    seen = said_words(confirmation.text)
    if said_words(denial.text).isdisjoint(seen):
        return False
    if not all(any(one_side(denial.speaker, p, check) for p in a.parties) for a in accounts):
        return False
    return not any(
        _near(own, confirmation)
        and any(one_side(doer, denial.speaker, check) for doer, _ in own.struck)
        and not said_words(own.text).isdisjoint(seen)
        for own in own_strikes
    )


def _near(one: ClaimItem, other: ClaimItem) -> bool:
    """Published within ``DISPUTE_AFTER_DAYS`` of each other (or undated)."""
    if one.published is None or other.published is None:
        return True
    return abs((one.published - other.published).days) <= DISPUTE_AFTER_DAYS
