"""Which accusations a denial looks at (``claims._disputes``): those of its block in its date
window, nearest first, and one per accusing article: in its own article the nearest before
it, in another the one that says what the denial denies (shared lower-case content words),
else the first, with the statements its speaker goes on with right after it there
(``account_of``).

A denial looks only at the accusations of its block inside its date window (bisect on the
sorted dates), so the cost grows with the store, not with its square.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS

from .triggers import stem

if TYPE_CHECKING:
    from .claims import ClaimItem

MAX_DISPUTED_PER_DENIAL = 5
DISPUTE_BEFORE_DAYS = 1
DISPUTE_AFTER_DAYS = 14
# content-word Jaccard at which a speaker's next statement says its accusation again rather
# than going on with it (``claims.REPEAT_MIN_OVERLAP``'s measure of a repeated claim)
SAID_AGAIN = 0.5

_WORD = re.compile(r"[^\W\d_]{3,}")
# Words that carry no claim (spaCy's English stop words)
_STOP = frozenset(STOP_WORDS) | {"said", "says"}


# (dates, dated accusations, undated accusations)
Block = tuple[list[date], list["ClaimItem"], list["ClaimItem"]]


def nearest(
    denial: ClaimItem,
    block: Block | None,
    answers: Callable[[ClaimItem, ClaimItem], bool],
    about: Callable[[ClaimItem, ClaimItem], bool] | None = None,
) -> list[ClaimItem]:
    """The accusations of ``block`` the denial ``answers``, in its window and of its family:
    one per accusing article, at most ``MAX_DISPUTED_PER_DENIAL``, nearest first. ``about``:
    whether an accusation may be the one chosen in its article (the statements its speaker
    goes on with after it are the same account, ``account_of``)."""
    per_article: dict[str, ClaimItem] = {}
    answering: dict[str, list[ClaimItem]] = defaultdict(list)
    for ring in rings(block, denial):
        for accusation in ring:
            if accusation.statement_id == denial.statement_id and (
                accusation.article_id == denial.article_id
            ):
                continue
            if not answers(denial, accusation):
                continue
            if not dispute_window(denial, accusation):
                continue
            if not same_target_family(denial, accusation):
                continue
            answering[accusation.article_id].append(accusation)
            if about is not None and not about(denial, accusation):
                continue
            kept = per_article.get(accusation.article_id)
            if kept is None or closer(denial, accusation, kept):
                per_article[accusation.article_id] = accusation
        # rings come nearest first: farther accusing articles could not make the cut
        if len(per_article) >= MAX_DISPUTED_PER_DENIAL:
            break
    chosen = sorted(per_article.values(), key=lambda a: distance(denial, a))
    return [
        told
        for accusation in chosen[:MAX_DISPUTED_PER_DENIAL]
        for told in account_of(denial, accusation, answering[accusation.article_id])
    ]


def account_of(denial: ClaimItem, chosen: ClaimItem, answering: list[ClaimItem]) -> list[ClaimItem]:
    """The accusation chosen in another article and the statements its speaker goes on with
    right after it there that the denial answers too: one account told in consecutive
    sentences ("The IDF said it struck a Hamas command center ... The military said Hamas
    uses civilians as human shields") is disputed whole. In the denial's own article only the
    nearest accusation before it."""
    if chosen.article_id == denial.article_id:
        return [chosen]
    by_order = {a.order: a for a in answering if a.speaker == chosen.speaker}
    told = [chosen]
    while told[-1].order + 1 in by_order:
        following = by_order[told[-1].order + 1]
        if _overlap(following.words, told[-1].words) >= SAID_AGAIN:
            break  # the same accusation said again: one account, disputed once
        told.append(following)
    return told


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def by_date(blocks: Mapping[str, list[ClaimItem]]) -> dict[str, Block]:
    """Within a block, accusations by date: a denial looks only at its window (cost linear in
    the store, not quadratic); undated accusations are looked at by every denial."""
    dated: dict[str, Block] = {}
    for root, block in blocks.items():
        with_date = sorted((a for a in block if a.published), key=lambda a: a.published)
        dated[root] = ([a.published for a in with_date], with_date,  # type: ignore[misc]
                       [a for a in block if not a.published])  # fmt: skip
    return dated


def rings(block: Block | None, denial: ClaimItem) -> Iterator[list[ClaimItem]]:
    """The block's accusations in the denial's window, by distance in days: the same day (and
    the undated), then one day away on either side, and so on. A dense block (many accusations
    a day) is cut once enough accusing articles are found, so the cost stays per article."""
    if block is None:
        return
    days, with_date, undated = block
    if denial.published is None:  # every accusation is at distance 0
        yield with_date + undated
        return
    for distance in range(max(DISPUTE_AFTER_DAYS, DISPUTE_BEFORE_DAYS) + 1):
        ring = [] if distance else list(undated)
        offsets = {-distance, distance} if distance else {0}
        for offset in sorted(offsets):
            if -DISPUTE_AFTER_DAYS <= offset <= DISPUTE_BEFORE_DAYS:
                day = denial.published + timedelta(days=offset)
                ring += with_date[bisect_left(days, day) : bisect_right(days, day)]
        yield ring


def same_target_family(denial: ClaimItem, accusation: ClaimItem) -> bool:
    """Where both name the kind of event at stake, it must be the same family."""
    return (
        not denial.families
        or not accusation.families
        or bool(denial.families & accusation.families)
    )


def distance(denial: ClaimItem, accusation: ClaimItem) -> tuple[int, int, str, str]:
    """Same article first (the accusation just above), then the nearest publication date."""
    if accusation.article_id == denial.article_id:
        before = accusation.order <= denial.order
        return (0, (denial.order - accusation.order) if before else 1000 + accusation.order,
                "", "")  # fmt: skip
    days = (
        abs((denial.published - accusation.published).days)
        if denial.published and accusation.published
        else 0
    )
    return (1, days, accusation.article_id, accusation.statement_id)


def closer(denial: ClaimItem, candidate: ClaimItem, kept: ClaimItem) -> bool:
    if candidate.article_id == denial.article_id:
        return distance(denial, candidate) < distance(denial, kept)
    # another article: the accusation that says what the denial denies ("denied targeting
    # civilians" answers "accused Moscow of striking civilian workers", not the toll reported
    # above it), else its first
    shared = said_overlap(denial, candidate), said_overlap(denial, kept)
    if shared[0] != shared[1]:
        return shared[0] > shared[1]
    return candidate.order < kept.order


def said_words(text: str) -> frozenset[str]:
    """Stems of the lower-case content words of a statement: what it says of the act, not whom
    it names (names and demonyms are capitalised)."""
    return frozenset(stem(w) for w in _WORD.findall(text) if w.islower() and w not in _STOP)


_SUFFIX = re.compile(r"(?:ing|ed|es|s)$")


def act_words(text: str, lower_only: bool = False) -> frozenset[str]:
    """Content words of a statement cut to a shared root ("fired", "firing", "fire" → "fir";
    "shelled", "shelling" → "shell"), lower-cased; ``lower_only``: only the words written in
    lower case (what a denial says of the act, not whom it names)."""
    roots = set()
    for word in _WORD.findall(text):
        if lower_only and not word.islower():
            continue
        word = word.lower()
        if word in _STOP:
            continue
        root = _SUFFIX.sub("", word) if len(word) > 4 else word
        if len(root) > 3 and root[-1] == root[-2]:
            root = root[:-1]  # hitting → hitt → hit
        roots.add(root.rstrip("e") or root)
    return frozenset(roots)


def said_overlap(denial: ClaimItem, accusation: ClaimItem) -> int:
    return len(said_words(denial.text) & said_words(accusation.text))


def dispute_window(denial: ClaimItem, accusation: ClaimItem) -> bool:
    if denial.published is None or accusation.published is None:
        return True
    days = (denial.published - accusation.published).days
    return -DISPUTE_BEFORE_DAYS <= days <= DISPUTE_AFTER_DAYS
