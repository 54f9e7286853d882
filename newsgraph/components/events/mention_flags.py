"""The flags of an event mention: negated, hypothetical (irrealis) and future, and the
learned factuality reading that may overrule the rules' inferences."""

from __future__ import annotations

from .factuality import load_model as load_factuality_model
from .factuality import planned
from .lexicon import Lexicon
from .mention import Mention
from .roles import deferred, denied_clause, hypothetical, is_verbal, negated, verb_chain


def learned_factuality(mention: Mention, lex: Lexicon) -> None:
    """The learned reading (events/factuality.py, thresholds chosen by cross-validation on
    the fit part) becomes the mention's ``factuality``; for a verbal trigger it also decides
    ``negated`` and may add ``hypothetical``, not remove it. A governor's denial ("denied
    attacking") and nominal triggers keep the rules' flags."""
    model = load_factuality_model()
    anchor = mention.anchor
    if model is None:
        return
    verdict = model.classify(anchor, lex)
    mention.factuality = verdict  # settled against the final flags (factuality.settled)
    if mention.flag_anchor is not None or not is_verbal(anchor):
        return
    # an explicit "not"/"never"/"no" on the trigger's verb chain stays ("are not going to
    # sign"), and so does a denial's clause ("denied that it had struck"); the model
    # overrules the rules' other inferences ("a charge Israel denies")
    explicit = (
        denied_clause(anchor, lex)
        or deferred(anchor, lex)
        or any(
            c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no")
            for tok in verb_chain(anchor)
            for c in tok.children
        )
    )
    mention.negated = verdict == "negated" or explicit
    # the rules' intent readings stay ("agreed to hold talks": the talks are to come):
    # letting the model clear them cost PLOVER fit 0.894 -> 0.832
    mention.hypothetical = mention.hypothetical or verdict == "uncertain"


def set_flags(mention: Mention, lex: Lexicon) -> None:
    """The mention's negated / hypothetical / future flags and learned factuality, from its
    trigger, the verb that governs a denied act and the clause a nominal event sits in."""
    anchor = mention.anchor
    mention.negated = negated(anchor, lex)
    mention.hypothetical = hypothetical(anchor, lex)
    if mention.flag_anchor is not None:  # "denied attacking civilians"
        governor = mention.flag_anchor
        mention.negated = (
            mention.negated
            or negated(governor, lex)
            or governor.lemma_.lower() in lex.negating_verbs
        )
        mention.hypothetical = mention.hypothetical or hypothetical(governor, lex)
    learned_factuality(mention, lex)
    if mention.negated and mention.sense.negated_type:
        mention.type = mention.sense.negated_type
        mention.mode = None
        mention.negated = False
    if anchor.pos_ == "NOUN" and anchor.dep_ in ("dobj", "nsubj", "pobj"):
        # a nominal event takes the modality of the clause it sits in
        head = anchor.head if anchor.dep_ != "pobj" else anchor.head.head
        if is_verbal(head) and head.lemma_.lower() not in lex.speech_verbs:
            mention.hypothetical = (
                mention.hypothetical
                or hypothetical(head, lex)
                # "to justify an attack", "planned a strike" (not "during a visit")
                or (anchor.dep_ == "dobj" and head.lemma_.lower() in lex.embedding_verbs)
            )
            mention.negated = mention.negated or negated(head, lex)
    # the contract's flags split the irrealis reading (the rules' and the model's
    # "uncertain"): yet to come ("will strike", "plans to strike", "said it would
    # strike") is `future`; the rest (conditional, possible, uncertain, asked for)
    # `hypothetical` ("will strike if attacked", "will probably strike")
    mention.future = mention.hypothetical and planned(
        anchor, mention.flag_anchor, mention.factuality, lex
    )
    mention.hypothetical = mention.hypothetical and not mention.future
