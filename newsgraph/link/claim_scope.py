"""What a statement puts on whom, for claim links (``claims.py``): the parties an accusing
statement implicates, and which statements are no accusation a denial answers.

- **Implicated** (``implicated_parties``): the statement's parties (the accused), and the
  targets its speaker's own side says it struck. An attacker's account of its strike names
  whom it hit ("the military said it struck Hamas terrorists operating from a command
  centre"), and the side named there denies it ("Hamas denied that any of its fighters were
  in the camp"): the justification and its denial.
- **Denials of a plain claim** (``denies_a_plain_claim``): a denial whose record link names
  what it denies, a claim that puts nothing on the denier's side, answers no accusation
  elsewhere.
- **Toll reports** (``toll_report``): a statement that reports a running casualty toll ("The
  death toll from Tuesday's Israeli strike has risen to 15") counts the dead of an attack told
  elsewhere; a denial answers the accusation, not the count (``data/en/toll_reports.yaml``).
- **Rejected proposals** (``rejects_a_proposal``): "rejected a U.S. proposal for a ceasefire"
  refuses an offer (CAMEO 12), it denies no account (``data/en/rejected_proposals.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from ..datafiles import data_file, load_yaml
from .compatibility import Compatibility, family_of, known_actor
from .sides import one_side

# Event types that are speech about an event, not the event itself.
SPEECH_TYPES = frozenset({"ACCUSE", "REJECT"})
# The family of PLOVER types that use force on a target (ASSAULT, COERCE: ``TYPE_FAMILIES``):
# only a strike's target is named as the one that was there; a meeting's or a pledge's
# target is no one implicated.
FORCE = "force"
# Acts that can put an event on someone: an accusation, or a claim that someone did something
# ("the army said Hamas fired the rockets").
ACCUSING_ACTS = frozenset({"accusation", "claim"})


def struck_pairs(
    statement: Mapping[str, Any],
    act: str,
    events: list[Mapping[str, Any]],
    outlets: Collection[str | None],
    organisations: Mapping[str, str],
) -> frozenset[tuple[str, str]]:
    """(doer, target) of the known-actor uses of force an accusing statement tells."""
    if act not in ACCUSING_ACTS:
        return frozenset()
    own, pairs = statement.get("id"), set()
    for event in events:
        if event.get("attributed_to") != own or family_of(event.get("type") or "") != FORCE:
            continue
        source = (event.get("source") or {}).get("actor")
        source = organisations.get(source, source) if source else None
        target = (event.get("target") or {}).get("actor")
        if known_actor(source) and known_actor(target) and target not in outlets:
            pairs.add((source, target))
    return frozenset(pairs)


def implicated_parties(item: Any, check: Compatibility) -> frozenset[str]:
    """Whom an accusing ``ClaimItem`` puts something on: its parties, and the targets its
    speaker's own side says it struck (none where it is a toll report)."""
    if toll_report(item.text):
        return frozenset()
    speaker = item.speaker
    hit = {
        target
        for source, target in item.struck
        if one_side(source, speaker, check) and not one_side(target, speaker, check)
    }
    return frozenset(item.parties | hit)


def denies_a_plain_claim(
    denial: Any, implicated: Mapping[tuple[str, str], frozenset[str]], check: Compatibility
) -> bool:
    """The denial's record link names what it denies, a known speaker's claim that puts
    nothing on the denier's side ("Russia says it assembled military drones, an account
    that Ukraine's Foreign Ministry dismissed as lies"): it answers no accusation elsewhere."""
    named = implicated.get((denial.article_id, denial.answers or ""))
    return named is not None and not any(one_side(denial.speaker, p, check) for p in named)


@cache
def _toll_starts(path: str | None = None) -> re.Pattern[str]:
    file = Path(path or data_file(__package__, "toll_reports.yaml"))
    data = load_yaml(file.read_text(encoding="utf-8")) or {}
    forms = "|".join(f"(?:{form})" for form in data.get("starts") or [])
    return re.compile(rf"^\W*(?:{forms})", re.IGNORECASE)


def toll_report(text: str) -> bool:
    """The statement reports a running casualty toll (it begins with one)."""
    return bool(_toll_starts().match(text))


@cache
def _proposal_heads(path: str | None = None) -> re.Pattern[str]:
    file = Path(path or data_file(__package__, "rejected_proposals.yaml"))
    data = load_yaml(file.read_text(encoding="utf-8")) or {}
    nouns = "|".join(re.escape(n) for n in data.get("nouns") or [])
    stops = "|".join(re.escape(w) for w in data.get("report_words") or [])
    modifier = rf"(?!(?:{stops})\b)[\w.'’-]+\s+"
    return re.compile(rf"^\W*(?:{modifier}){{0,4}}?(?:{nouns})s?\b(?!,?\s+that\b)", re.IGNORECASE)


def rejects_a_proposal(text: str) -> bool:
    """The rejected thing is a proposal, an offer, a plan or a demand, not an account."""
    return bool(_proposal_heads().match(text))


@cache
def _references(path: str | None = None) -> dict[str, frozenset[str]]:
    from .claim_window import act_words

    file = Path(path or data_file(__package__, "denial_references.yaml"))
    data = load_yaml(file.read_text(encoding="utf-8")) or {}
    return {key: act_words(" ".join(str(w) for w in words or [])) for key, words in data.items()}


@cache
def reference_words() -> frozenset[str]:
    """Stems of the words by which a denial refers to what it answers rather than naming an
    act: the accusation ("the charge", "the allegations"), the responsibility denied (CAMEO
    016) or the incident itself ("any connection to the attack";
    ``data/en/denial_references.yaml``)."""
    return frozenset().union(*_references().values())


def responsibility_words() -> frozenset[str]:
    """Stems of the words of a denial of responsibility (CAMEO 016: "denied responsibility
    for the shelling", "denied any involvement"): it denies who did the act, not the act."""
    return _references().get("responsibility", frozenset())
