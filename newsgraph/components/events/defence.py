"""Fighting off an attack ("the army repelled the attack", CAMEO verb dictionary REPULSE [190]).

The verb's object is the act fended off, not a party. Its author, the object's "by" phrase
("repelled an assault by the RSF on El Fasher"), is the target. The act keeps its own record
where it names its author ("by the RSF", "the RSF's assault"); one that names none is only what
was fought off ("repelled an attack on their base"): no record of its own, and its target (the
defenders' own base) is not the defence's. Casualty clauses after the verb are acts of their
own ("repelled the attack, neutralising 17 assailants"), kept apart in
``folds.casualty_host``, and a defence never merges with its doers' other acts (``merge``).
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Lexicon
from .mention import Mention
from .roles import prep_objects
from .triggers import noun_sense


def fend_off(mention: Mention, obj: Token | None, consumed: set[int], lex: Lexicon) -> None:
    """Set a defence's target from the act it fended off, and drop an authorless act."""
    if obj is None:
        return
    act = noun_sense(obj, lex)
    if act is None or act.type != "ASSAULT":
        return
    author = next(iter(prep_objects(obj, ("by",))), None)
    mention.target = author
    if author is None and not any(c.dep_ == "poss" for c in obj.children):
        consumed.add(obj.i)
